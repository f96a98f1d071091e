"""Text hidden in the video stream itself: H.264/HEVC SEI messages and MPEG-4/MPEG-2 user data.

x264 and x265 write their whole command line into every file they encode (a
``user_data_unregistered`` SEI message: "x264 - core 164 - H.264/MPEG-4 AVC codec ...
options: ..."), and other encoders, editors and AI video tools use the same message for
their own strings; closed captions travel as ``user_data_registered`` (ATSC A/53 "GA94").
Container tools (mat2, ``exiftool -all=``) never see them: they are inside the compressed
frames. This module only reads them; the clean copy drops SEI NAL units with FFmpeg's
``filter_units`` bitstream filter (lossless: no frame is decoded), and MPEG-4 Part 2 and
MPEG-2 user data with :func:`strip_user_data`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_ENCODER = re.compile(r"x264|x265|Lavc|libx26|HandBrake|NVENC|QuickSync|MainConcept|Ateme|Elemental|"
                      r"\bcore \d+|Copyleft|options:", re.IGNORECASE)
USER_DATA_START = b"\x00\x00\x01\xb2"
_START_CODE = re.compile(b"\x00\x00\x01")


def length_size(codec: str, extradata: bytes | None) -> int | None:
    """Bytes of each NAL unit's length prefix in an MP4 sample (avcC/hvcC), or None when
    the stream is Annex B (start codes)."""
    if not extradata or extradata[0] != 1:
        return None
    if codec == "h264" and len(extradata) >= 7:
        return (extradata[4] & 3) + 1
    if codec == "hevc" and len(extradata) >= 23:
        return (extradata[21] & 3) + 1
    return None


def nal_units(data: bytes, size: int | None) -> Iterator[bytes]:
    if size is None:
        starts = [m.end() for m in _START_CODE.finditer(data)]
        for i, start in enumerate(starts):
            end = starts[i + 1] - 3 if i + 1 < len(starts) else len(data)
            yield data[start:end].rstrip(b"\x00")
        return
    pos = 0
    while pos + size <= len(data):
        length = int.from_bytes(data[pos:pos + size], "big")
        pos += size
        if length == 0 or pos + length > len(data):
            return
        yield data[pos:pos + length]
        pos += length


def config_nal_units(codec: str, extradata: bytes | None) -> list[bytes]:
    """The NAL units stored in an avcC or hvcC box (parameter sets, and in hvcC SEI too)."""
    if not extradata:
        return []
    if extradata[0] != 1:
        return list(nal_units(extradata, None))
    out: list[bytes] = []
    try:
        if codec == "h264":
            pos = 6
            for count_mask in (0x1F, 0xFF):
                count = extradata[pos - 1] & count_mask
                for _ in range(count):
                    n = int.from_bytes(extradata[pos:pos + 2], "big")
                    out.append(extradata[pos + 2:pos + 2 + n])
                    pos += 2 + n
                pos += 1
        elif codec == "hevc":
            arrays, pos = extradata[22], 23
            for _ in range(arrays):
                count = int.from_bytes(extradata[pos + 1:pos + 3], "big")
                pos += 3
                for _ in range(count):
                    n = int.from_bytes(extradata[pos:pos + 2], "big")
                    out.append(extradata[pos + 2:pos + 2 + n])
                    pos += 2 + n
    except IndexError:
        pass
    return out


def is_sei(nal: bytes, codec: str) -> bool:
    if not nal:
        return False
    if codec == "h264":
        return nal[0] & 0x1F == 6
    return (nal[0] >> 1) & 0x3F in (39, 40)


def sei_messages(nal: bytes, codec: str) -> Iterator[tuple[int, bytes]]:
    """(payload type, payload) of each message in an SEI NAL unit."""
    rbsp = nal[1 if codec == "h264" else 2:].replace(b"\x00\x00\x03", b"\x00\x00")
    pos = 0
    while pos < len(rbsp) and rbsp[pos:] not in (b"\x80", b""):
        payload_type, pos = _sei_number(rbsp, pos)
        size, pos = _sei_number(rbsp, pos)
        if payload_type is None or size is None:
            return
        yield payload_type, rbsp[pos:pos + size]
        pos += size


def _sei_number(rbsp: bytes, pos: int) -> tuple[int | None, int]:
    """An SEI payload type or size: 0xFF bytes of 255 each, then the last byte (None when
    the message is cut off), and where the next field starts."""
    value = 0
    while pos < len(rbsp) and rbsp[pos] == 0xFF:
        value += 255
        pos += 1
    if pos >= len(rbsp):
        return None, pos
    return value + rbsp[pos], pos + 1


def stream_texts(codec: str, extradata: bytes | None, packets: Iterable[bytes]) -> list[tuple[str, str]]:
    """What the video stream itself says: [(kind of message, text)], each text once.

    Kinds: "encoder" (an encoder's banner and options), "user-data" (any other readable
    user data), "captions" (closed captions: text scrub cannot decode here)."""
    from scrub.formats.meta.items import printable

    found: dict[tuple[str, str], None] = {}

    def user_text(raw: bytes) -> None:
        if not raw.strip(b"\x00\xff"):
            return  # blanked by clean (see blank_user_data)
        text = printable(raw.rstrip(b"\x00"))
        if text:
            found[("encoder" if _ENCODER.search(text) else "user-data", text[:2000])] = None

    if codec in ("h264", "hevc"):
        size = length_size(codec, extradata)

        def sei_units() -> Iterator[bytes]:
            yield from (n for n in config_nal_units(codec, extradata) if is_sei(n, codec))
            for packet in packets:
                if size is None:
                    yield from (n for n in nal_units(packet, None) if is_sei(n, codec))
                    continue
                pos = 0  # only the SEI units are copied out of the frame
                while pos + size < len(packet):
                    length = int.from_bytes(packet[pos:pos + size], "big")
                    pos += size
                    if length == 0 or pos + length > len(packet):
                        break
                    if is_sei(packet[pos:pos + 1] if codec == "h264" else packet[pos:pos + 2], codec):
                        yield packet[pos:pos + length]
                    pos += length

        for nal in sei_units():
            for payload_type, payload in sei_messages(nal, codec):
                if payload_type == 5:
                    user_text(payload[16:])
                elif payload_type == 4 and b"GA94" in payload[:8]:
                    found[("captions", "closed captions (ATSC A/53)")] = None
    elif codec in ("mpeg4", "mpeg2video", "mpeg1video"):
        for blob in [extradata or b"", *packets]:
            for m in re.finditer(re.escape(USER_DATA_START), blob):
                end = blob.find(b"\x00\x00\x01", m.end())
                user_text(blob[m.end():end if end >= 0 else len(blob)])
    return list(found)


def strip_user_data(blob: bytes) -> bytes:
    """MPEG-4 Part 2 / MPEG-2 data without its user data sections (start code 0x1B2 up to
    the next start code): a decoder ignores them."""
    if USER_DATA_START not in blob:
        return blob
    out, pos = [], 0
    while True:
        start = blob.find(USER_DATA_START, pos)
        if start < 0:
            out.append(blob[pos:])
            return b"".join(out)
        out.append(blob[pos:start])
        end = blob.find(b"\x00\x00\x01", start + 4)
        if end < 0:
            return b"".join(out)
        pos = end


def hvcc_without_sei(extradata: bytes) -> bytes:
    """An hvcC box body without its SEI arrays: x265 stores its options SEI there too, and
    FFmpeg's ``filter_units`` only rewrites the packets."""
    if not extradata or extradata[0] != 1 or len(extradata) < 23:
        return extradata
    arrays, pos, kept = extradata[22], 23, []
    for _ in range(arrays):
        nal_type = extradata[pos] & 0x3F
        count = int.from_bytes(extradata[pos + 1:pos + 3], "big")
        end = pos + 3
        for _ in range(count):
            end += 2 + int.from_bytes(extradata[end:end + 2], "big")
        if nal_type not in (39, 40):
            kept.append(extradata[pos:end])
        pos = end
    return extradata[:22] + bytes([len(kept)]) + b"".join(kept) + extradata[pos:]


def blank_user_data(config: bytes) -> bytes:
    """An MPEG-4 Part 2 decoder configuration (the VOL header FFmpeg's and DivX's encoders
    sign in a user data section) with each user data section's bytes turned into 0xFF
    filler: same length, so the esds box around it keeps its sizes, and a decoder skips it."""
    out = bytearray(config)
    for m in re.finditer(re.escape(USER_DATA_START), config):
        end = config.find(b"\x00\x00\x01", m.end())
        end = len(config) if end < 0 else end
        out[m.end():end] = b"\xff" * (end - m.end())
    return bytes(out)
