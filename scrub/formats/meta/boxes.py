"""ISO base media boxes (HEIF, AVIF, JPEG 2000, MP4, MOV, M4A, 3GP): one walker for every
family, and the top-level boxes of a picture that carry metadata of their own.

A box is a size, a type and a body; some bodies are lists of boxes. The walker knows only
that much: which boxes hold children, and where their children start, is said by the family
that walks (a movie's ``moov``/``trak``/``udta``, a QuickTime ``meta``), so HEIC, AVIF and
video read their files with the same code.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from scrub.formats.meta.items import C2PA, OTHER, TRAILER, MetaItem
from scrub.policy import ErrorCode, Unverified

TRAILER_BOX = b"\x00end"  # not a box type: the bytes after a whole movie's last box
MAX_DEPTH = 24


@dataclass
class Box:
    type: bytes
    start: int
    body: int  # where the body starts (after size, type and a large size)
    end: int
    path: str  # the boxes around it: "moov/trak/mdia"
    children: list["Box"] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.type.decode("latin-1")


def walk(data: bytes, start: int = 0, end: int | None = None, *, children_at: Callable[[Box], int | None] | None = None,
         code: ErrorCode = ErrorCode.IMAGE_TRUNCATED, complete_after: bytes | None = None, strict: bool = False,
         path: str = "", depth: int = 0) -> list[Box]:
    """The boxes between ``start`` and ``end``.

    ``children_at(box)`` says where a box's children start (None: it holds none).
    ``complete_after``: once a box of this type was seen at the top level, what runs past
    the end is data appended to a whole file (a Samsung SEF trailer), reported as a
    ``TRAILER_BOX``, not damage. ``strict``: stray non-zero bytes after the last box of a
    list are damage too. A box that runs past its parent raises Unverified(``code``)."""
    end = len(data) if end is None else end
    if depth > MAX_DEPTH:
        raise Unverified(code, f"boxes nested too deep at {path}")
    boxes: list[Box] = []
    pos = start
    while pos + 8 <= end:
        size = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        header = 8
        if size == 1:
            if pos + 16 > end:
                raise Unverified(code, f"box {kind!r} in {path or 'the file'} is cut off")
            size, header = int.from_bytes(data[pos + 8:pos + 16], "big"), 16
        elif size == 0:
            size = end - pos  # to the end of its parent
        if size < header or pos + size > end:
            if (complete_after and not path and kind != b"mdat"
                    and any(b.type == complete_after for b in boxes)):
                boxes.append(Box(TRAILER_BOX, pos, pos, end, path))
                return boxes
            if complete_after and not path and kind == b"mdat":
                raise Unverified(code, "the media data is cut off (an incomplete recording?)")
            raise Unverified(code, f"box {kind!r} in {path or 'the file'} runs past its end")
        box = Box(kind, pos, pos + header, pos + size, path)
        first = children_at(box) if children_at else None
        if first is not None:
            here = f"{path}/{box.name}" if path else box.name
            box.children = walk(data, first, box.end, children_at=children_at, code=code, strict=strict,
                                path=here, depth=depth + 1)
        boxes.append(box)
        pos += size
    if strict and end - pos > 0 and data[pos:end].strip(b"\x00"):
        raise Unverified(code, f"{end - pos} stray bytes at the end of {path or 'the file'}")
    return boxes


def top_level_boxes(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, start, end) of the top-level boxes of an ISO base media file (HEIF, AVIF)."""
    return [(b.type, b.start, b.end) for b in walk(data)]


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
