"""JPEG: a segment walker that lists every metadata segment and writes a clean copy.

Why our own walker: Pillow re-encodes on save (visible loss) and keeps COM and other
segments; ``piexif.remove`` drops only the EXIF APP1 and leaves XMP, IPTC, ICC, COM, JFXX
thumbnails, APP11 and trailers. Copying the tables and the entropy-coded scan data byte for
byte while dropping APPn/COM segments and everything after EOI is small and lossless.
"""
from __future__ import annotations

import re
import struct

from scrub.formats.image.base import ImageFormat, Inspection, icc_of, saved
from scrub.formats.meta.exif import exif_items, orientation_exif
from scrub.formats.meta.icc import icc_items
from scrub.formats.meta.iptc import photoshop_items
from scrub.formats.meta.items import (
    C2PA,
    TEXT,
    THUMBNAIL,
    THUMBNAIL_DIFFERS,
    MetaItem,
    printable,
    trailer_items,
    unknown_container,
)
from scrub.formats.meta.xmp import xmp_items
from scrub.policy import MAX_METADATA_PARTS, MAX_PIXELS, ErrorCode, Unverified

SOI, EOI, SOS, COM = 0xD8, 0xD9, 0xDA, 0xFE
_NO_LENGTH = {0x01, *range(0xD0, 0xD8)}
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_NEXT_MARKER = re.compile(rb"\xff[\x01-\xcf\xd8-\xfe]")
XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXT_ID = b"http://ns.adobe.com/xmp/extension/\x00"


def segments(data: bytes) -> tuple[list[tuple[int, bytes, int, int]], int]:
    """[(marker, payload, start, end)] up to and including EOI, and the offset after EOI.

    SOS entries span the scan header *and* its entropy-coded data. Raises Unverified on a
    file that is not a complete JPEG (no SOI, truncated segment, no EOI)."""
    if not data.startswith(b"\xff\xd8"):
        raise Unverified(ErrorCode.IMAGE_CORRUPT, "no JPEG start marker")
    out: list[tuple[int, bytes, int, int]] = [(SOI, b"", 0, 2)]
    pos, n = 2, len(data)
    while True:
        if pos >= n:
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, "the JPEG ends before its end marker")
        if data[pos] != 0xFF:
            raise Unverified(ErrorCode.IMAGE_CORRUPT, f"unexpected byte at offset {pos}")
        while pos < n and data[pos] == 0xFF:
            pos += 1
        if pos >= n:
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, "the JPEG ends inside a marker")
        marker = data[pos]
        start = pos - 1
        pos += 1
        if marker == EOI:
            out.append((EOI, b"", start, pos))
            return out, pos
        if marker in _NO_LENGTH:
            out.append((marker, b"", start, pos))
            continue
        if pos + 2 > n:
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, "the JPEG ends inside a segment")
        length = struct.unpack(">H", data[pos:pos + 2])[0]
        if length < 2 or pos + length > n:
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, "a JPEG segment runs past the end of the file")
        payload = data[pos + 2:pos + length]
        pos += length
        if len(out) > MAX_METADATA_PARTS:
            raise Unverified(ErrorCode.TOO_MANY_PARTS, f"more than {MAX_METADATA_PARTS} segments")
        if marker == SOS:
            # entropy-coded data: up to the next marker that is not a stuffed 0xFF00, a
            # restart marker RSTn or a fill byte
            m = _NEXT_MARKER.search(data, pos)
            if m is None:
                raise Unverified(ErrorCode.IMAGE_TRUNCATED, "the JPEG image data is cut off")
            pos = m.start()
        out.append((marker, payload, start, pos))


def _jfif_without_thumbnail(payload: bytes) -> bytes:
    if len(payload) >= 14:
        return payload[:12] + b"\x00\x00"  # version, units, density; thumbnail 0x0
    return payload


def _orientation_app1(orientation: int) -> bytes:
    exif = orientation_exif(orientation)
    return b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif


class JpegFormat(ImageFormat):
    name = "jpeg"
    suffixes = frozenset((".jpg", ".jpeg", ".jpe", ".jfif"))
    magic = (b"\xff\xd8\xff",)

    def inspect(self, data: bytes) -> Inspection:
        segs, end = segments(data)
        result = Inspection("jpeg", layout=(data, segs))
        icc_chunks: list[tuple[int, bytes]] = []
        for marker, payload, _s, _e in segs:
            if marker in _SOF and len(payload) >= 5:
                result.height, result.width = struct.unpack(">HH", payload[1:5])
            elif marker == 0xE0:
                if payload.startswith(b"JFXX\x00"):
                    result.items.append(MetaItem("APP0 JFXX", "ThumbnailImage", "", THUMBNAIL))
                elif payload.startswith(b"JFIF\x00") and len(payload) >= 14 and payload[12] * payload[13]:
                    result.items.append(MetaItem("APP0 JFIF", "ThumbnailImage", "", THUMBNAIL))
            elif marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
                items, orientation, thumb = exif_items(payload, "APP1 Exif")
                result.items.extend(items)
                result.orientation = orientation
                if thumb:
                    result.items.append(thumbnail_item(data, thumb, "APP1 Exif IFD1", orientation))
            elif marker == 0xE1 and (payload.startswith(XMP_ID) or payload.startswith(XMP_EXT_ID)):
                body = payload[len(XMP_ID):] if payload.startswith(XMP_ID) else payload[len(XMP_EXT_ID) + 40:]
                result.items.extend(xmp_items(body, "APP1 XMP"))
            elif marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00") and len(payload) > 14:
                icc_chunks.append((payload[12], payload[14:]))
            elif marker == 0xE2 and payload.startswith(b"MPF\x00"):
                result.items.append(MetaItem("APP2 MPF", "PreviewImage", "", THUMBNAIL))
            elif marker == 0xEB:
                text = f"JUMBF box, {len(payload)} bytes"
                result.items.append(MetaItem("APP11 JUMBF", "C2PA/JUMBF", text, C2PA))
            elif marker == 0xED:
                body = payload[len(b"Photoshop 3.0\x00"):] if payload.startswith(b"Photoshop 3.0\x00") else payload
                result.items.extend(photoshop_items(body, "APP13 Photoshop"))
            elif marker == COM:
                text = printable(payload)
                if text:
                    result.items.append(MetaItem("COM", "Comment", text[:500], TEXT))
            elif 0xE0 <= marker <= 0xEF and marker not in (0xE0, 0xEE):
                label = printable(payload[:20]).split(" ")[0] or "?"
                result.items.append(unknown_container(f"APP{marker - 0xE0}", label, payload))
        if icc_chunks:
            profile = b"".join(chunk for _seq, chunk in sorted(icc_chunks))
            result.items.extend(icc_items(profile, "APP2 ICC"))
        result.items.extend(trailer_items(data[end:], "after EOI"))
        if not result.width:
            raise Unverified(ErrorCode.IMAGE_CORRUPT, "no frame header")
        if result.width * result.height > MAX_PIXELS:
            raise Unverified(ErrorCode.IMAGE_TOO_BIG, f"{result.width}x{result.height} pixels")
        return result

    def strip(self, data: bytes, inspection: Inspection) -> bytes:
        layout = inspection.layout
        segs = layout[1] if layout and layout[0] is data else segments(data)[0]
        keep_icc = not any(i.segment == "APP2 ICC" and i.kind != "harmless" for i in inspection.items)
        out = [b"\xff\xd8"]
        inserted = inspection.orientation == 1
        for marker, payload, start, end in segs[1:]:
            if not inserted and marker not in (0xE0,):
                out.append(_orientation_app1(inspection.orientation))
                inserted = True
            if marker == 0xE0:
                if payload.startswith(b"JFIF\x00"):
                    body = _jfif_without_thumbnail(payload)
                    out.append(b"\xff\xe0" + struct.pack(">H", len(body) + 2) + body)
                continue  # JFXX and other APP0: dropped
            if marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00") and keep_icc:
                out.append(data[start:end])
                continue
            if marker == 0xEE and payload.startswith(b"Adobe"):
                out.append(data[start:end])  # colour transform: needed to decode the pixels
                continue
            if 0xE0 <= marker <= 0xEF or marker == COM:
                continue
            out.append(data[start:end])
        return b"".join(out)

    def encode(self, picture, like: bytes) -> bytes:
        return saved(picture, "JPEG", quality=95, subsampling=0, icc_profile=icc_of(like))


def thumbnail_item(data: bytes, thumb: bytes, segment: str, orientation: int) -> MetaItem:
    """An embedded thumbnail is always removed; it is a leak of its own when its picture
    differs from the main image (a crop that the thumbnail still shows whole)."""
    try:
        differs = thumbnail_differs(data, thumb)
    except Exception:
        differs = True  # cannot compare: assume the worst
    return MetaItem(segment, "ThumbnailImage", "", THUMBNAIL_DIFFERS if differs else THUMBNAIL)


def thumbnail_differs(data: bytes, thumb: bytes, threshold: float = 20.0) -> bool:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(thumb)) as t:
        t = t.convert("L")
        tw, th = t.size
        with Image.open(io.BytesIO(data)) as im:
            im.draft("L", (tw * 2, th * 2))  # DCT scaling: decode small, fast
            main = im.convert("L")
        if abs(main.width / main.height - tw / th) > 0.05:
            return True  # different shape: a crop
        from PIL import ImageChops, ImageStat

        main = main.resize((tw, th))
        diff = ImageStat.Stat(ImageChops.difference(main, t)).mean[0]
        return diff > threshold


FORMAT = JpegFormat()
