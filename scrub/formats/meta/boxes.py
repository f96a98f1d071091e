"""ISO base media boxes (HEIF, AVIF; later MP4 and MOV): the top-level boxes that carry
metadata of their own."""
from __future__ import annotations

from scrub.formats.meta.items import C2PA, OTHER, TRAILER, MetaItem
from scrub.policy import ErrorCode, Unverified

def top_level_boxes(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, start, end) of the top-level boxes of an ISO base media file (HEIF, AVIF)."""
    boxes = []
    pos = 0
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        header = 8
        if size == 1 and pos + 16 <= len(data):
            size, header = int.from_bytes(data[pos + 8:pos + 16], "big"), 16
        elif size == 0:
            size = len(data) - pos
        if size < header or pos + size > len(data):
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, f"box {kind!r} runs past the end of the file")
        boxes.append((kind, pos, pos + size))
        pos += size
    return boxes


def box_items(data: bytes) -> list["MetaItem"]:
    """Top-level boxes of a HEIF or AVIF file that carry metadata of their own: C2PA
    manifests (JUMBF, or a uuid box), a motion photo's video, and anything that is not part
    of the picture."""
    items = []
    for kind, start, end in top_level_boxes(data):
        if kind in (b"ftyp", b"meta", b"mdat", b"free", b"skip", b"moov", b"idat", b"iloc"):
            continue
        if kind in (b"jumb", b"c2pa", b"uuid"):
            items.append(MetaItem(f"{kind.decode('latin-1')} box", "C2PA/JUMBF", f"{end - start} bytes", C2PA))
        elif kind == b"mpvd":
            # a "motion photo": seconds of video (and sound) from around the moment
            items.append(MetaItem("mpvd box", "MotionPhotoVideo", f"{end - start} bytes", TRAILER))
        else:
            items.append(MetaItem(f"{kind.decode('latin-1', 'replace')} box", "box", "", OTHER))
    return items


def ftyp_brands(data: bytes) -> tuple[bytes, set[bytes]] | None:
    """The major brand and all the brands of an ISO file's ftyp box (read in its first 64
    bytes), or None when the file does not start with one."""
    head = data[:64]
    if head[4:8] != b"ftyp":
        return None
    brands = {head[i:i + 4] for i in range(16, min(len(head), int.from_bytes(head[:4], "big")) - 3, 4)}
    brands.add(head[8:12])
    return head[8:12], brands
