"""What a file really is, from its first bytes, never from its name."""
from __future__ import annotations

IMAGE_KINDS = {"jpeg", "png", "gif", "webp", "tiff", "heic", "avif", "bmp"}
# the ones scrub reads and cleans (a BMP has no metadata scrub handles: reported as unsupported)
CHECKED_IMAGE_KINDS = IMAGE_KINDS - {"bmp"}


def sniff(head: bytes) -> str:
    """A short kind name: an image format, another binary format, or "text-or-unknown"."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head[4:8] == b"ftyp":
        brands = {head[i:i + 4] for i in range(16, min(len(head), int.from_bytes(head[:4], "big")) - 3, 4)}
        brands.add(head[8:12])
        if head[8:12] in (b"avif", b"avis") or ({b"avif", b"avis"} & brands and not {b"heic", b"heix", b"hevc"} & brands):
            return "avif"
        if head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heif", b"hevc"):
            return "heic"
    if head.startswith(b"BM"):
        return "bmp"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head[4:8] == b"ftyp":
        return "mp4"
    return "text-or-unknown"
