"""HEIC/HEIF through pillow-heif. Every EXIF and XMP item is read from the container
(scrub.formats.meta.boxes.heif_metadata), linked to a picture or not; a
clean copy is encoded again from the pixels (HEIF has no byte-level cleaner that keeps the
coded image), at the highest quality, with no EXIF, XMP or thumbnails. The pixels are
already turned the way the file says (irot/imir), so the picture does not turn."""
from __future__ import annotations

import io

from scrub.formats.image.base import ImageFormat, Inspection, saved
from scrub.formats.meta.boxes import box_items, ftyp_brands, heif_metadata
from scrub.formats.meta.items import THUMBNAIL, MetaItem
from scrub.policy import MAX_PIXELS, ErrorCode, Unverified


class HeicFormat(ImageFormat):
    name = "heic"
    suffixes = frozenset((".heic", ".heif", ".hif"))
    animated = False  # the primary picture only

    def sniff(self, data: bytes) -> str | None:
        found = ftyp_brands(data)
        return self.name if found and found[0] in (b"heic", b"heix", b"mif1", b"msf1", b"heif", b"hevc") else None

    def decode(self, data: bytes) -> tuple[list, list[int]]:
        _open_with_pillow()
        return super().decode(data)

    def displayed(self, data: bytes):
        _open_with_pillow()
        return super().displayed(data)

    def _open(self, data: bytes):
        try:
            import pillow_heif
        except ImportError as exc:  # pragma: no cover - it is a dependency
            raise Unverified(ErrorCode.IMAGE_UNSUPPORTED, "pillow-heif is not installed") from exc
        try:
            return pillow_heif.open_heif(io.BytesIO(data), convert_hdr_to_8bit=False)
        except Exception as exc:
            raise Unverified(ErrorCode.IMAGE_CORRUPT, str(exc)) from exc

    def inspect(self, data: bytes) -> Inspection:
        heif = self._open(data)
        image = heif.primary_image if hasattr(heif, "primary_image") else heif[0]
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise Unverified(ErrorCode.IMAGE_TOO_BIG, f"{width}x{height} pixels")
        result = Inspection("heic", width, height)
        # every Exif and XMP item, read from the container whatever links it to a picture
        result.items.extend(heif_metadata(data))
        for index, img in enumerate(heif):
            if getattr(img, "thumbnails", None):
                result.items.append(MetaItem(f"image {index}", "Thumbnail", "", THUMBNAIL))
        result.items.extend(box_items(data))  # C2PA manifests sit in boxes of their own
        return result

    def strip(self, data: bytes, inspection: Inspection) -> bytes:
        import pillow_heif

        heif = self._open(data)
        image = heif.primary_image if hasattr(heif, "primary_image") else heif[0]
        pil = image.to_pillow() if hasattr(image, "to_pillow") else None
        if pil is None:
            from PIL import Image

            pil = Image.frombytes(image.mode, image.size, bytes(image.data), "raw", image.mode, image.stride)
        pil.info = {}
        out = io.BytesIO()
        fresh = pillow_heif.from_pillow(pil)
        fresh.save(out, quality=-1)  # lossless where the encoder allows it
        return out.getvalue()

    def encode(self, picture, like: bytes) -> bytes:
        import pillow_heif

        return saved(pillow_heif.from_pillow(picture), quality=-1)


def _open_with_pillow() -> None:
    """Pillow decodes HEIC once pillow-heif registers its opener."""
    import pillow_heif

    pillow_heif.register_heif_opener()


FORMAT = HeicFormat()
