"""What every image format shares: reading a file into an :class:`ImageItem`, finding its
leaks (metadata, the text drawn in it, faces) and writing a clean copy.

Each format (one module, like mat2's libmat2 parsers) supplies only what is its own:
``inspect`` (list its metadata), ``strip`` (the same picture without it, byte for byte
where the format allows), ``encode`` and ``encode_frames`` (its pixels written again, at the
highest quality the format allows, once text or faces were covered), and its magic bytes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scrub.formats.base import Item, Source, fail_closed
from scrub.formats.meta.findings import metadata_findings
from scrub.formats.meta.items import MetaItem
from scrub.formats.meta.sweep import readable_numbers
from scrub.policy import MAX_FILE_BYTES, ErrorCode, Unverified, to_cover


@dataclass
class Inspection:
    format: str
    width: int = 0
    height: int = 0
    items: list[MetaItem] = field(default_factory=list)
    orientation: int = 1
    notes: list[str] = field(default_factory=list)
    # the format's parse of the file (JPEG: its segments), kept so that cleaning the same
    # bytes does not parse them again; only valid for the bytes that were inspected
    layout: object = field(default=None, repr=False, compare=False)


@dataclass
class ImageItem(Item):
    data: bytes = b""
    inspection: Inspection | None = None
    # the pictures as displayed (PIL images: one, or an animation's or a multi-page TIFF's
    # distinct frames) and, per frame, which one it shows; decoded once, when first needed
    pictures: tuple[list, list[int]] | None = None


class ImageFormat:
    name = ""
    family = "image"
    suffixes: frozenset[str] = frozenset()
    magic: tuple[bytes, ...] = ()
    clean_hint = "hint.clean-metadata"
    animated = True  # every frame or page is read; False: the primary picture only

    # --- what each format supplies ---------------------------------------------------------

    def inspect(self, data: bytes) -> Inspection:
        raise NotImplementedError

    def strip(self, data: bytes, inspection: Inspection) -> bytes:
        raise NotImplementedError

    def encode(self, picture, like: bytes) -> bytes:
        raise NotImplementedError

    def encode_frames(self, pictures: list, like: bytes) -> bytes:
        """Frames (one picture per frame, in order) written as the animation or pages
        ``like`` was: same frame durations and looping, lossless where the format allows."""
        raise ValueError(f"{self.name}: several frames")

    def sniff(self, data: bytes) -> str | None:
        return self.name if data.startswith(self.magic) else None

    def decode(self, data: bytes) -> tuple[list, list[int]]:
        from scrub.vision import pictures

        return pictures.frames(data, self.animated)

    def displayed(self, data: bytes):
        from scrub.vision import pictures

        return pictures.displayed(data)

    # --- the contract ----------------------------------------------------------------------

    def read(self, data: bytes, source: Source) -> ImageItem:
        item = ImageItem(kind=self.name, data=data, inspection=self.inspected(data))
        # what a format's reader does not read as metadata (pixel data, blocks its copy
        # keeps byte for byte) can still carry readable text: the bytes are swept for
        # readable numbers as sound and video are (meta/sweep.py), so a phone spliced into a
        # GIF's image data is reported, and a clean copy that keeps it fails its re-check
        item.inspection.items.extend(readable_numbers(data))
        if source.named and source.suffix not in self.suffixes:
            # "a .jpg that is really a PNG": handled as what it is, and never called clean
            item.doubt = Unverified(ErrorCode.EXTENSION_MISMATCH, f"{source.suffix or '(none)'} -> {self.name}")
        return item

    def inspected(self, data: bytes) -> Inspection:
        if len(data) > MAX_FILE_BYTES:
            raise Unverified(ErrorCode.IMAGE_TOO_BIG, f"{len(data)} bytes")
        with fail_closed():
            return self.inspect(data)

    def detect(self, items: list[ImageItem], ctx) -> None:
        from scrub.vision import faces, ocr, visible

        for item in items:
            item.findings = metadata_findings(item.inspection.items,
                                              lambda values, item=item: ctx.read_fields(item.case, item.language, values))
            if not ctx.ocr:
                item.notes.append("pixels-not-read")
            elif not ocr.available():
                item.fail(Unverified(ErrorCode.OCR_UNAVAILABLE))
            else:
                # the text findings of every distinct picture (the same detail on later
                # frames is reported once)
                item.findings += self._from_pixels(item, lambda shown, order, item=item: visible.in_frames(
                    shown, order, item.case, item.language, ctx.analyzer()))
            if ctx.faces and item.failure is None:
                # faces other than the largest (the missing person's), on the first frame
                if not faces.available():
                    item.fail(Unverified(ErrorCode.FACES_UNAVAILABLE))
                else:
                    item.findings += self._from_pixels(item, lambda shown, _order: faces.findings(shown[0]))

    def _from_pixels(self, item: ImageItem, read) -> list:
        """``read(pictures, order)``; what stops a picture from being read becomes the file's
        failure (never a silent skip): a missing reader, too many frames, undecodable pixels."""
        try:
            return read(*self.pictures_of(item))
        except Unverified as exc:
            item.fail(exc)
        except Exception as exc:  # the decoder refused the pixels
            item.fail(Unverified(ErrorCode.IMAGE_CORRUPT, str(exc)))
        return []

    def pictures_of(self, item: ImageItem) -> tuple[list, list[int]]:
        if item.pictures is None:
            item.pictures = self.decode(item.data)
        return item.pictures

    def clean(self, item: ImageItem, ctx) -> bytes:
        """Faces become a coarse mosaic and text is covered with a solid patch (in an
        animation every box on every frame: text may move); then the metadata goes."""
        from scrub.vision import cover

        data, inspection = item.data, item.inspection
        covered = to_cover(item.findings)
        with fail_closed():
            if covered:
                face_boxes = [b for f in covered if f.entity == "FACE" for b in f.location["boxes"]]
                text_boxes = [b for f in covered if f.entity != "FACE" for b in f.location["boxes"]]
                shown, order = self.pictures_of(item)  # decoded when the findings were
                edited = [cover.fill(cover.mosaic(p, face_boxes), text_boxes) for p in shown]
                if len(order) > 1:
                    data = self.encode_frames([edited[i] for i in order], item.data)
                else:
                    data = self.encode(edited[0], item.data)
                inspection = self.inspected(data)
            return self.strip(data, inspection)

    def output_name(self, path: Path) -> Path:
        return path

    def preview(self, item: ImageItem):
        return self.displayed(item.data)


# --- writing pictures back -------------------------------------------------------------

def icc_of(like: bytes) -> bytes | None:
    """The colour profile of the original, for the re-encoded picture."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(like)) as original:
        return original.info.get("icc_profile")


def animation_timing(like: bytes, count: int) -> dict:
    """The frame durations and looping of the animation ``like``, to write it back the same."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(like)) as original:
        loop = original.info.get("loop")
        durations = []
        for index in range(count):
            original.seek(index)
            durations.append(original.info.get("duration", 100))
    return {"duration": durations, **({"loop": loop} if loop is not None else {})}


def saved(picture, *args, **options) -> bytes:
    """``picture.save(...)`` into bytes."""
    import io

    out = io.BytesIO()
    picture.save(out, *args, **options)
    return out.getvalue()
