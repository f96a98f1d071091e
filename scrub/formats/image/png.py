"""PNG: a chunk walker. Text chunks, eXIf, tIME, C2PA (caBX) and unknown ancillary
chunks are removed; the image chunks are copied byte for byte, so pixels cannot change.
Every chunk's CRC is checked: a damaged file is refused, not half-read."""
from __future__ import annotations

import re
import struct
import zlib

from scrub.formats.image.base import ImageFormat, Inspection, animation_timing, icc_of, saved
from scrub.formats.meta.exif import exif_items
from scrub.formats.meta.icc import icc_items
from scrub.formats.meta.iptc import iptc_items, photoshop_items
from scrub.formats.meta.items import (
    C2PA,
    DATE,
    OWNER,
    SOFTWARE,
    TEXT,
    UNREADABLE,
    MetaItem,
    printable,
    trailer_items,
    unknown_container,
)
from scrub.formats.meta.xmp import xmp_items
from scrub.policy import MAX_PIXELS, ErrorCode, Unverified

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# chunks that only carry the picture and how to show it
_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD",
         b"pHYs", b"hIST", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCV", b"cLLI", b"iCCP"}
_OWNER_KEYS = {"author", "artist", "copyright", "owner", "creator", "contact", "email", "source", "disclaimer"}


def chunks(data: bytes) -> tuple[list[tuple[bytes, bytes, int, int]], int]:
    if not data.startswith(SIGNATURE):
        raise Unverified(ErrorCode.IMAGE_CORRUPT, "no PNG signature")
    out = []
    pos = len(SIGNATURE)
    while True:
        if pos + 8 > len(data):
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, "the PNG ends before its IEND chunk")
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, f"the {ctype.decode('latin-1')} chunk runs past the end of the file")
        body = data[pos + 8:pos + 8 + length]
        crc = struct.unpack(">I", data[pos + 8 + length:end])[0]
        if zlib.crc32(ctype + body) & 0xFFFFFFFF != crc:
            raise Unverified(ErrorCode.IMAGE_CORRUPT, f"the {ctype.decode('latin-1')} chunk is damaged (CRC mismatch)")
        out.append((ctype, body, pos, end))
        pos = end
        if ctype == b"IEND":
            return out, pos


MAX_INFLATED = 4 * 1024 * 1024  # a text chunk or colour profile never needs more


def _inflate(data: bytes) -> bytes:
    """zlib data, at most MAX_INFLATED bytes of it: a small chunk that inflates to
    gigabytes (a zlib bomb) is read only that far. What is past the cap is still removed
    by clean, with the whole chunk."""
    return zlib.decompressobj().decompress(data, MAX_INFLATED)


def _text_chunk(ctype: bytes, body: bytes) -> tuple[str, str]:
    key, _, rest = body.partition(b"\x00")
    keyword = key.decode("latin-1")
    if ctype == b"tEXt":
        return keyword, rest.decode("latin-1")
    if ctype == b"zTXt":
        try:
            return keyword, _inflate(rest[1:]).decode("latin-1")[:100_000]
        except zlib.error:
            return keyword, ""
    # iTXt: compression flag, method, language\0, translated keyword\0, text
    flag = rest[0] if rest else 0
    rest = rest[2:]
    _lang, _, rest = rest.partition(b"\x00")
    _tkey, _, text = rest.partition(b"\x00")
    if flag:
        try:
            text = _inflate(text)[:100_000]
        except zlib.error:
            text = b""
    return keyword, text.decode("utf-8", "replace")


_RAW_PROFILE = re.compile(r"^\s*\S*\s+(\d+)\s+([0-9a-fA-F\s]+)$", re.S)


def _raw_profile(keyword: str, text: str, segment: str) -> list[MetaItem] | None:
    """ImageMagick keeps EXIF, XMP, IPTC and ICC in text chunks named "Raw profile type
    exif" (or xmp, iptc, 8bim, icc), as hexadecimal: read as what they are, the GPS
    position inside is reported as a position, not as a block of hidden text."""
    if not keyword.lower().startswith("raw profile type "):
        return None
    kind = keyword.lower().removeprefix("raw profile type ").strip()
    if kind not in ("exif", "app1", "xmp", "iptc", "8bim", "icc", "icm"):
        return None
    m = _RAW_PROFILE.match(text)
    if not m:
        return [MetaItem(segment, keyword, printable(text.encode("utf-8"), 400), UNREADABLE)]
    try:
        raw = bytes.fromhex("".join(m.group(2).split()))
    except ValueError:
        return [MetaItem(segment, keyword, printable(text.encode("utf-8"), 400), UNREADABLE)]
    where = f"{segment} {keyword}"
    if kind in ("exif", "app1"):
        return exif_items(raw[raw.find(b"Exif\x00\x00"):] if b"Exif\x00\x00" in raw[:16] else raw, where)[0]
    if kind == "xmp":
        return xmp_items(raw, where)
    if kind == "iptc":
        return iptc_items(raw, where) if raw[:1] == b"\x1c" else photoshop_items(raw, where)
    if kind == "8bim":
        return photoshop_items(raw, where)
    return icc_items(raw, where)


class PngFormat(ImageFormat):
    name = "png"
    suffixes = frozenset((".png", ".apng"))
    magic = (b"\x89PNG\r\n\x1a\n",)

    def inspect(self, data: bytes) -> Inspection:
        parts, end = chunks(data)
        result = Inspection("png")
        if not parts or parts[0][0] != b"IHDR" or len(parts[0][1]) < 8:
            raise Unverified(ErrorCode.IMAGE_CORRUPT, "no PNG header chunk")
        result.width, result.height = struct.unpack(">II", parts[0][1][:8])
        if result.width * result.height > MAX_PIXELS:
            raise Unverified(ErrorCode.IMAGE_TOO_BIG, f"{result.width}x{result.height} pixels")
        for ctype, body, _s, _e in parts:
            name = ctype.decode("latin-1")
            if ctype in (b"tEXt", b"zTXt", b"iTXt"):
                keyword, text = _text_chunk(ctype, body)
                if keyword == "XML:com.adobe.xmp":
                    result.items.extend(xmp_items(text.encode("utf-8"), f"{name} XMP"))
                    continue
                raw_profile = _raw_profile(keyword, text, name)
                if raw_profile is not None:
                    result.items.extend(raw_profile)
                    continue
                low = keyword.lower()
                if low in _OWNER_KEYS:
                    kind = OWNER
                elif low in ("software",):
                    kind = SOFTWARE
                elif low in ("creation time", "date", "timestamp"):
                    kind = DATE
                else:
                    kind = TEXT  # Comment, Description, Title, AI "parameters" prompts...
                result.items.append(MetaItem(name, keyword, printable(text.encode("utf-8"), 4000), kind))
            elif ctype == b"eXIf":
                items, orientation, _thumb = exif_items(body, "eXIf")
                result.items.extend(items)
                result.orientation = orientation
            elif ctype == b"iCCP":
                _name, _, rest = body.partition(b"\x00")
                try:
                    profile = _inflate(rest[1:])
                except zlib.error:
                    profile = b""
                result.items.extend(icc_items(profile, "iCCP"))
            elif ctype == b"tIME":
                result.items.append(MetaItem(name, "ModifyTime", "", DATE))
            elif ctype in (b"caBX", b"jumb", b"c2pa"):
                result.items.append(MetaItem(name, "C2PA/JUMBF", f"JUMBF box, {len(body)} bytes", C2PA))
            elif ctype not in _KEEP:
                result.items.append(unknown_container(name, name, body))
        result.items.extend(trailer_items(data[end:], "after IEND"))
        return result

    def strip(self, data: bytes, inspection: Inspection) -> bytes:
        parts, _end = chunks(data)
        keep_icc = not any(i.segment == "iCCP" and i.kind != "harmless" for i in inspection.items)
        out = [SIGNATURE]
        for ctype, _body, start, end in parts:
            if ctype in _KEEP and (ctype != b"iCCP" or keep_icc):
                out.append(data[start:end])
        # an eXIf orientation is applied by viewers: keep it as the only EXIF field
        if inspection.orientation != 1:
            import piexif

            exif = piexif.dump({"0th": {piexif.ImageIFD.Orientation: inspection.orientation}})[6:]
            chunk = b"eXIf" + exif
            out.insert(2, struct.pack(">I", len(exif)) + chunk + struct.pack(">I", zlib.crc32(chunk) & 0xFFFFFFFF))
        return b"".join(out)

    def encode(self, picture, like: bytes) -> bytes:
        return saved(picture, "PNG", icc_profile=icc_of(like))

    def encode_frames(self, pictures: list, like: bytes) -> bytes:
        timing = animation_timing(like, len(pictures))
        return saved(pictures[0], "PNG", save_all=True, append_images=pictures[1:], **timing)


FORMAT = PngFormat()
