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

from scrub.formats.meta.items import C2PA, OTHER, TRAILER, MetaItem, unknown_container
from scrub.policy import MAX_METADATA_PARTS, ErrorCode, Unverified

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

# ---- HEIF items (iinf + iloc + idat) ---------------------------------------------------------
#
# pillow-heif and Pillow hand over only the Exif and XMP items an ``iref cdsc`` reference ties
# to a picture; ExifTool reads every item the ``iinf`` box lists. An unlinked Exif item (one
# changed reference type) carried a GPS position and a phone past scrub. So the items are read
# here from the container itself, every one of them, whatever links them (ISO/IEC 14496-12
# 8.11.3 iloc, 8.11.6 iinf; ISO/IEC 23008-12 for the item types). Written here because no
# maintained Python library parses HEIF items without decoding (pillow-heif goes through
# libheif, which applies the references).

# coded picture items: pixels, read by decoding, not metadata
PICTURE_ITEMS = frozenset((b"hvc1", b"av01", b"grid", b"iden", b"iovl", b"hvt1", b"jpeg", b"j2k1",
                           b"unci", b"tmap", b"avc1", b"vvc1", b"mski", b"lhv1"))


@dataclass
class HeifItem:
    item_id: int
    kind: bytes  # the item type: b"Exif", b"mime", b"hvc1", ...
    name: str
    content_type: str
    data: bytes


def heif_items(data: bytes) -> list[HeifItem]:
    """Every item of a HEIF/AVIF file with its bytes, from the top-level ``meta`` box."""
    meta = next(((s, e) for kind, s, e in top_level_boxes(data) if kind == b"meta"), None)
    if meta is None:
        return []
    children = {kind: (s, e) for kind, s, e in _child_boxes(data, meta[0] + 12, meta[1])}
    infos = _item_infos(data, *children[b"iinf"]) if b"iinf" in children else {}
    locations = _item_locations(data, *children[b"iloc"]) if b"iloc" in children else {}
    idat = children.get(b"idat")
    if len(infos) + len(locations) > 2 * MAX_METADATA_PARTS:
        raise Unverified(ErrorCode.TOO_MANY_PARTS, f"more than {MAX_METADATA_PARTS} items")
    unlisted = sorted(set(locations) - set(infos))
    if unlisted:
        # bytes the item list does not describe: what they are cannot be said
        raise Unverified(ErrorCode.IMAGE_CORRUPT, f"item {unlisted[0]} is located (iloc) but not listed (iinf)")
    items = []
    for item_id, (kind, name, content_type) in infos.items():
        payload = b""
        if item_id in locations and kind not in PICTURE_ITEMS:
            payload = _item_bytes(data, locations[item_id], idat)
        items.append(HeifItem(item_id, kind, name, content_type, payload))
    return items


def _child_boxes(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int]]:
    return [(b.type, b.start, b.end) for b in walk(data, start, end)]


class _Reader:
    """Big-endian fields of one box; reading past its end is a damaged file."""

    def __init__(self, data: bytes, start: int, end: int):
        self.data, self.pos, self.end = data, start, end

    def uint(self, size: int) -> int:
        if self.pos + size > self.end:
            raise Unverified(ErrorCode.IMAGE_CORRUPT, "an item box ends early")
        value = int.from_bytes(self.data[self.pos:self.pos + size], "big")
        self.pos += size
        return value

    def string(self) -> str:
        stop = self.data.find(b"\x00", self.pos, self.end)
        stop = self.end if stop < 0 else stop
        text = self.data[self.pos:stop].decode("utf-8", "replace")
        self.pos = min(stop + 1, self.end)
        return text


def _item_infos(data: bytes, start: int, end: int) -> dict[int, tuple[bytes, str, str]]:
    head = _Reader(data, start + 8, end)
    version = head.uint(1)
    head.uint(3)
    count = head.uint(2 if version == 0 else 4)
    infos: dict[int, tuple[bytes, str, str]] = {}
    entries = _child_boxes(data, head.pos, end)
    # iinf holds exactly ``count`` infe boxes (ISO/IEC 14496-12 8.11.6). Anything else is a
    # damaged list: an infe whose type was overwritten hides its item (an Exif block with a
    # phone was called clean), so the file is not checked rather than read without it.
    if len(entries) != count or any(kind != b"infe" for kind, _s, _e in entries):
        raise Unverified(ErrorCode.IMAGE_CORRUPT, f"the item list (iinf) says {count} items but holds "
                         f"{', '.join(k.decode('latin-1', 'replace') for k, _s, _e in entries) or 'none'}")
    for kind, s, e in entries:
        box = _Reader(data, s + 8, e)
        infe_version = box.uint(1)
        box.uint(3)
        if infe_version >= 2:
            item_id = box.uint(2 if infe_version == 2 else 4)
            box.uint(2)  # protection index
            item_type = bytes(data[box.pos:box.pos + 4])
            box.uint(4)
            name = box.string()
            content_type = box.string() if item_type in (b"mime", b"uri ") else ""
        else:  # versions 0 and 1: a MIME item without a type field
            item_id = box.uint(2)
            box.uint(2)
            item_type, name, content_type = b"mime", box.string(), box.string()
        infos[item_id] = (item_type, name, content_type)
    return infos


def _item_locations(data: bytes, start: int, end: int) -> dict[int, tuple[int, list[tuple[int, int]]]]:
    """item id -> (construction method, [(offset, length)]) from the iloc box."""
    box = _Reader(data, start + 8, end)
    version = box.uint(1)
    box.uint(3)
    sizes = box.uint(2)
    offset_size, length_size, base_size = sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15
    index_size = sizes & 15 if version in (1, 2) else 0
    count = box.uint(2 if version < 2 else 4)
    locations: dict[int, tuple[int, list[tuple[int, int]]]] = {}
    for _ in range(count):
        item_id = box.uint(2 if version < 2 else 4)
        method = box.uint(2) & 15 if version in (1, 2) else 0
        box.uint(2)  # data reference index: 0 is this file
        base = box.uint(base_size)
        extents = []
        for _ in range(box.uint(2)):
            box.uint(index_size)
            extents.append((base + box.uint(offset_size), box.uint(length_size)))
        locations[item_id] = (method, extents)
    return locations


def _item_bytes(data: bytes, location: tuple[int, list[tuple[int, int]]], idat) -> bytes:
    method, extents = location
    if method == 0:
        source, start, end = data, 0, len(data)
    elif method == 1 and idat is not None:
        source, start, end = data, idat[0] + 8, idat[1]
    else:  # an item built from another item's bytes: nothing scrub can vouch for
        raise Unverified(ErrorCode.IMAGE_CORRUPT, "an item stored in a way scrub does not read")
    parts = []
    for offset, length in extents:
        begin = start + offset
        stop = end if length == 0 else begin + length
        if begin > end or stop > end:
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, "an item runs past the end of the file")
        parts.append(source[begin:stop])
    return b"".join(parts)


def heif_metadata(data: bytes) -> list[MetaItem]:
    """What every non-picture item of a HEIF/AVIF file says: each Exif item (linked to a
    picture or not), each XMP packet, each other MIME or unknown item, and item names that
    are more than an encoder's label."""
    from scrub.formats.meta.exif import exif_items
    from scrub.formats.meta.xmp import xmp_items

    found: list[MetaItem] = []
    for item in heif_items(data):
        segment = f"item {item.item_id} ({item.kind.decode('latin-1', 'replace').strip()})"
        if item.name and item.name not in _ENCODER_LABELS:
            found.append(unknown_container(segment, "ItemName", item.name.encode()))
        if item.kind in PICTURE_ITEMS:
            continue
        if item.kind == b"Exif":
            found.extend(exif_items(_exif_tiff(item.data), segment)[0])
        elif item.kind == b"mime" and "xml" in item.content_type:
            found.extend(xmp_items(item.data, segment))
        elif item.data:
            found.append(unknown_container(segment, item.content_type or item.kind.decode("latin-1"), item.data))
    return found


# names encoders give their items; anything else a person may have typed
_ENCODER_LABELS = frozenset(("", "Exif", "XMP", "HEVC Image", "Image", "Color", "Alpha", "Depth",
                             "Thumbnail", "Primary", "Grid", "Mask"))


def _exif_tiff(payload: bytes) -> bytes:
    """The TIFF structure of an Exif item: after the 4-byte offset its header gives (the
    ``Exif\\0\\0`` in between is not trusted: a misspelt one still hides a full block)."""
    if len(payload) < 4:
        return payload
    skip = int.from_bytes(payload[:4], "big")
    body = payload[4:]
    if skip < len(body) and body[skip:skip + 2] in (b"II", b"MM"):
        return body[skip:]
    for order in (b"MM\x00*", b"II*\x00"):  # an offset that lies: find the structure itself
        at = body.find(order)
        if 0 <= at < 64:
            return body[at:]
    return body
