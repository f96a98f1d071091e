"""AVIF through Pillow's own AVIF support (libavif). pillow-heif, used for HEIC, is built
without an AV1 decoder, so AVIF cannot go through it.

Like HEIC, a clean copy is encoded again from the pixels (there is no byte-level cleaner
that keeps the coded image), at the highest quality and without chroma subsampling, with no
EXIF, XMP or other boxes. The picture's rotation travels in the container's irot/imir boxes,
which Pillow shows as an EXIF orientation: that one value is written back, so the picture
does not turn.
"""
from __future__ import annotations

import io
import warnings

from scrub.formats.image.base import ImageFormat, Inspection, icc_of, saved
from scrub.formats.meta.boxes import box_items, ftyp_brands, heif_metadata
from scrub.formats.meta.exif import exif_items
from scrub.formats.meta.icc import icc_items
from scrub.formats.meta.items import HARMLESS, UNREADABLE, MetaItem
from scrub.policy import MAX_PIXELS, ErrorCode, Unverified

ORIENTATION = 0x0112


class AvifFormat(ImageFormat):
    name = "avif"
    suffixes = frozenset((".avif",))
    animated = False  # the primary picture only (an animated AVIF is refused on clean)

    def sniff(self, data: bytes) -> str | None:
        """AVIF by its major brand, or by an AV1 brand among its brands where no HEVC one is
        (an HEIC may list both)."""
        found = ftyp_brands(data)
        if found is None:
            return None
        major, brands = found
        if major in (b"avif", b"avis") or ({b"avif", b"avis"} & brands and not {b"heic", b"heix", b"hevc"} & brands):
            return self.name
        return None

    def _open(self, data: bytes):
        from PIL import Image, features

        if not features.check("avif"):
            raise Unverified(ErrorCode.IMAGE_UNSUPPORTED, "this Pillow has no AVIF support")
        try:
            im = Image.open(io.BytesIO(data), formats=["AVIF"])
        except Exception as exc:
            raise Unverified(ErrorCode.IMAGE_CORRUPT, str(exc)) from exc
        width, height = im.size
        if width * height > MAX_PIXELS:
            raise Unverified(ErrorCode.IMAGE_TOO_BIG, f"{width}x{height} pixels")
        return im

    def inspect(self, data: bytes) -> Inspection:
        with warnings.catch_warnings(record=True) as damaged:
            warnings.simplefilter("always")
            im = self._open(data)
        result = Inspection("avif", *im.size)
        # Pillow warns when it skips a damaged EXIF tag: that tag could not be read
        result.items += [MetaItem("Exif item", "damaged tag", str(w.message)[:200], UNREADABLE) for w in damaged]
        # every Exif and XMP item, read from the container whatever links it to a picture;
        # Pillow's EXIF (the linked one) tells only the orientation it shows
        result.items.extend(heif_metadata(data))
        if im.info.get("exif"):
            result.orientation = exif_items(im.info["exif"], "Exif item")[1]
        if im.info.get("icc_profile"):
            result.items.extend(icc_items(im.info["icc_profile"], "colr ICC"))
        result.items.extend(box_items(data))
        if getattr(im, "n_frames", 1) > 1:
            result.notes.append("animated")
        return result

    def strip(self, data: bytes, inspection: Inspection) -> bytes:
        from PIL import Image

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # reported by inspect; nothing of the EXIF is copied
            im = self._open(data)
        if getattr(im, "n_frames", 1) > 1:
            raise Unverified(ErrorCode.IMAGE_UNSUPPORTED, "animated AVIF")
        im.load()
        pixels = im.copy()
        pixels.info = {}
        options: dict = {"quality": 100, "subsampling": "4:4:4"}
        if inspection.orientation != 1:
            kept = Image.Exif()
            kept[ORIENTATION] = inspection.orientation
            options["exif"] = kept.tobytes()  # written as irot/imir; the EXIF block itself stays out
        plain_icc = [i for i in inspection.items if i.segment == "colr ICC" and i.kind == HARMLESS]
        if plain_icc and im.info.get("icc_profile"):
            options["icc_profile"] = im.info["icc_profile"]  # a plain colour space: colours must not shift
        out = io.BytesIO()
        pixels.save(out, "AVIF", **options)
        return out.getvalue()

    def encode(self, picture, like: bytes) -> bytes:
        return saved(picture, "AVIF", quality=100, subsampling="4:4:4", icc_profile=icc_of(like))


FORMAT = AvifFormat()
