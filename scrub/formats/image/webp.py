"""WebP: RIFF chunks. EXIF, XMP and unknown chunks are removed, the VP8X flags and the
RIFF size are rewritten, and the image data is copied byte for byte."""
from __future__ import annotations

import struct

from scrub.formats.image.base import ImageFormat, Inspection, animation_timing, icc_of, saved
from scrub.formats.meta.exif import exif_items, orientation_exif
from scrub.formats.meta.icc import icc_items
from scrub.formats.meta.items import C2PA, MetaItem, trailer_items, unknown_container
from scrub.formats.meta.xmp import xmp_items
from scrub.policy import MAX_PIXELS, ErrorCode, Unverified

_IMAGE = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
_ICC, _EXIF, _XMP = 0x20, 0x08, 0x04


def chunks(data: bytes) -> list[tuple[bytes, bytes, int, int]]:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise Unverified(ErrorCode.IMAGE_CORRUPT, "not a RIFF/WEBP file")
    size = struct.unpack("<I", data[4:8])[0]
    if size + 8 > len(data):
        raise Unverified(ErrorCode.IMAGE_TRUNCATED, "the WebP file is shorter than its header says")
    out = []
    pos, end = 12, size + 8
    while pos < end:
        if pos + 8 > end:
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, "a WebP chunk header is cut off")
        fourcc = data[pos:pos + 4]
        length = struct.unpack("<I", data[pos + 4:pos + 8])[0]
        stop = pos + 8 + length + (length % 2)
        if pos + 8 + length > end:
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, f"the {fourcc.decode('latin-1')} chunk runs past the end")
        out.append((fourcc, data[pos + 8:pos + 8 + length], pos, min(stop, end)))
        pos = stop
    return out


class WebpFormat(ImageFormat):
    name = "webp"
    suffixes = frozenset((".webp",))

    def sniff(self, data: bytes) -> str | None:
        return self.name if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else None

    def inspect(self, data: bytes) -> Inspection:
        result = Inspection("webp")
        parts = chunks(data)
        for fourcc, body, _s, _e in parts:
            name = fourcc.decode("latin-1").strip()
            if fourcc == b"VP8X" and len(body) >= 10:
                result.width = 1 + int.from_bytes(body[4:7], "little")
                result.height = 1 + int.from_bytes(body[7:10], "little")
            elif fourcc == b"VP8 " and len(body) >= 10:
                result.width, result.height = (v & 0x3FFF for v in struct.unpack("<HH", body[6:10]))
            elif fourcc == b"VP8L" and len(body) >= 5:
                bits = int.from_bytes(body[1:5], "little")
                result.width, result.height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
            elif fourcc == b"EXIF":
                items, orientation, _t = exif_items(body, "EXIF chunk")
                result.items.extend(items)
                result.orientation = orientation
            elif fourcc == b"XMP ":
                result.items.extend(xmp_items(body, "XMP chunk"))
            elif fourcc == b"ICCP":
                result.items.extend(icc_items(body, "ICCP chunk"))
            elif fourcc in (b"C2PA", b"c2pa", b"JUMB", b"jumb"):
                result.items.append(MetaItem(name, "C2PA/JUMBF", f"JUMBF box, {len(body)} bytes", C2PA))
            elif fourcc not in _IMAGE:
                result.items.append(unknown_container(name, name, body))
        result.items.extend(trailer_items(data[8 + struct.unpack("<I", data[4:8])[0]:], "after RIFF"))
        if result.width * result.height > MAX_PIXELS:
            raise Unverified(ErrorCode.IMAGE_TOO_BIG, f"{result.width}x{result.height} pixels")
        if not result.width:
            raise Unverified(ErrorCode.IMAGE_CORRUPT, "no WebP image data")
        return result

    def strip(self, data: bytes, inspection: Inspection) -> bytes:
        keep_icc = not any(i.segment == "ICCP chunk" and i.kind != "harmless" for i in inspection.items)
        # viewers turn a WebP by its EXIF orientation: that one value is written back, alone
        orientation = _orientation_chunk(inspection.orientation)
        parts = chunks(data)
        body = []
        if orientation and not any(fourcc == b"VP8X" for fourcc, *_ in parts):
            # a simple WebP has no place for EXIF: it gets the extended header that has one
            canvas = (inspection.width - 1).to_bytes(3, "little") + (inspection.height - 1).to_bytes(3, "little")
            body.append(b"VP8X" + struct.pack("<I", 10) + bytes([_EXIF, 0, 0, 0]) + canvas)
        for fourcc, payload, start, end in parts:
            if fourcc not in _IMAGE or (fourcc == b"ICCP" and not keep_icc):
                continue
            if fourcc == b"VP8X":
                flags = payload[0] & ~(_EXIF | _XMP)
                if not keep_icc:
                    flags &= ~_ICC
                if orientation:
                    flags |= _EXIF
                payload = bytes([flags]) + payload[1:]
                body.append(b"VP8X" + struct.pack("<I", len(payload)) + payload)
                continue
            body.append(data[start:end])
        if orientation:
            body.append(orientation)  # EXIF goes after the image data
        rest = b"WEBP" + b"".join(body)
        return b"RIFF" + struct.pack("<I", len(rest)) + rest

    def encode(self, picture, like: bytes) -> bytes:
        return saved(picture, "WEBP", lossless=True, icc_profile=icc_of(like))

    def encode_frames(self, pictures: list, like: bytes) -> bytes:
        timing = animation_timing(like, len(pictures))
        return saved(pictures[0], "WEBP", save_all=True, append_images=pictures[1:], lossless=True, **timing)


def _orientation_chunk(orientation: int) -> bytes:
    if orientation == 1:
        return b""
    tiff = orientation_exif(orientation)[len(b"Exif\x00\x00"):]  # a WebP EXIF chunk starts at the TIFF header
    return b"EXIF" + struct.pack("<I", len(tiff)) + tiff + b"\x00" * (len(tiff) % 2)


FORMAT = WebpFormat()
