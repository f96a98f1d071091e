"""Tags that travel in several sound formats: ID3v2 (MP3, WAV's id3 chunk, a FLAC with an
ID3 header), Vorbis comments (Ogg Vorbis, Opus, FLAC), and the tags taggers append at the end
of a file (ID3v1, APEv2, Lyrics3). mutagen reads the tag formats themselves; what each frame
or field reveals is decided here, with scrub/formats/meta/items.py's kinds.
"""
from __future__ import annotations

import io
import struct

from scrub.formats.meta.items import (
    DATE,
    EMBEDDED,
    HISTORY,
    OTHER,
    OTHER_TEXT,
    OWNER,
    PICTURE,
    PLACE_TEXT,
    SOFTWARE,
    TEXT,
    MetaItem,
    named_kind,
    printable,
    unknown_container,
)
from scrub.formats.meta.xmp import xmp_items
from scrub.policy import MAX_METADATA_PARTS, ErrorCode, Unverified

_ID3_KIND = {
    **dict.fromkeys(("TIT1", "TIT2", "TIT3", "TALB", "TSST", "COMM", "USLT", "SYLT", "USER", "TOAL", "TDES", "TKWD",
                     "TCAT", "TGID", "WFED", "CHAP", "CTOC", "TIPL", "TMCL", "IPLS", "TOFN", "TCON", "TSOA", "TSOT",
                     "TSO2", "TSOC", "TSOP"), TEXT),
    **dict.fromkeys(("TPE1", "TPE2", "TPE3", "TPE4", "TCOM", "TEXT", "TOLY", "TOPE", "TCOP", "TPUB", "TOWN", "TENC",
                     "TRSN", "TRSO", "POPM", "OWNE", "COMR", "TPRO", "WCOM", "WCOP", "WOAF", "WOAR", "WOAS", "WORS",
                     "WPAY", "WPUB", "WXXX"), OWNER),
    **dict.fromkeys(("TDRC", "TDRL", "TDOR", "TDEN", "TDTG", "TYER", "TDAT", "TIME", "TORY", "TRDA"), DATE),
    **dict.fromkeys(("TSSE", "TFLT", "TMED"), SOFTWARE),
    **dict.fromkeys(("UFID", "MCDI", "TSRC", "LINK", "TDLY"), HISTORY),
    **dict.fromkeys(("APIC", "PIC"), PICTURE),
    "GEOB": EMBEDDED,
    **dict.fromkeys(("TLEN", "TRCK", "TPOS", "TBPM", "TKEY", "TLAN", "PCNT", "RVA2", "RVAD", "EQU2", "EQUA", "MLLT",
                     "ETCO", "SYTC", "RVRB", "SEEK", "ASPI", "POSS", "AENC", "ENCR", "GRID", "SIGN", "RBUF", "TCMP",
                     "TFLT_", "TSIZ"), OTHER),
}

_VORBIS_KIND = {
    **dict.fromkeys(("artist", "performer", "composer", "copyright", "organization", "contact", "encoded-by",
                     "encodedby", "albumartist", "album artist", "lyricist", "conductor", "author", "license"), OWNER),
    **dict.fromkeys(("title", "album", "comment", "description", "lyrics", "unsyncedlyrics", "genre", "version",
                     "tracktitle", "subtitle", "summary"), TEXT),
    **dict.fromkeys(("date", "year", "creation_time", "originaldate"), DATE),
    **dict.fromkeys(("encoder", "encoding", "software", "encoder_options"), SOFTWARE),
    **dict.fromkeys(("location", "place"), PLACE_TEXT),
    **dict.fromkeys(("metadata_block_picture", "coverart", "coverartmime"), PICTURE),
    **dict.fromkeys(("tracknumber", "tracktotal", "discnumber", "disctotal", "replaygain_track_gain",
                     "replaygain_track_peak", "replaygain_album_gain", "replaygain_album_peak", "r128_track_gain",
                     "r128_album_gain", "bpm", "language"), OTHER),
}


def _frame_text(frame) -> str:
    """The readable part of an ID3 frame (mutagen's text, URL, description, owner)."""
    parts = []
    for attribute in ("desc", "owner", "email", "filename", "text", "url", "data"):
        value = getattr(frame, attribute, None)
        if value is None:
            continue
        if isinstance(value, bytes):
            if attribute == "data" and frame.FrameID in ("APIC", "PIC"):
                parts.append(f"{len(value)} bytes")
                continue
            value = printable(value[:2000])
        elif isinstance(value, (list, tuple)):
            value = " / ".join(str(v) for v in value)
        parts.append(str(value))
    return " · ".join(p for p in parts if p).strip()[:2000]


def id3_items(raw: bytes, segment: str) -> list[MetaItem]:
    """Every frame of an ID3v2 tag (bytes from "ID3" on), read by mutagen."""
    from mutagen.id3 import ID3, ID3NoHeaderError

    try:
        tags = ID3(io.BytesIO(raw))
    except ID3NoHeaderError:
        return [unknown_container(segment, "ID3", raw)]
    except Exception:  # noqa: BLE001 - mutagen gives up on a damaged tag: it is removed on clean
        return [MetaItem(segment, "ID3", printable(raw[:500]), "unreadable")]
    items = _frames_mutagen_dropped(raw, tags, segment)
    for frame in tags.values():
        frame_id = frame.FrameID
        text = _frame_text(frame)
        if frame_id == "PRIV" and getattr(frame, "owner", "") == "XMP":
            items.extend(xmp_items(frame.data, f"{segment} PRIV XMP"))
            continue
        if frame_id in ("TXXX", "WXXX", "PRIV", "COMM"):
            desc = getattr(frame, "desc", "") or getattr(frame, "owner", "")
            kind = _ID3_KIND.get(frame_id) if frame_id in ("WXXX", "COMM") else named_kind(desc, text)
            if frame_id == "PRIV":
                kind = named_kind(desc, text) if kind not in (OTHER, OTHER_TEXT) else unknown_container(segment, desc, frame.data).kind
            items.append(MetaItem(segment, f"{frame_id}:{desc}" if desc else frame_id, text, kind or TEXT))
            continue
        kind = _ID3_KIND.get(frame_id)
        if kind is None:
            kind = named_kind(frame_id, text)
        items.append(MetaItem(segment, frame_id, text, kind))
    return items


def _raw_frames(raw: bytes) -> tuple[list[tuple[str, bytes]], bytes]:
    """The frames of an ID3v2 tag as its bytes lay them out (ID3v2.2/2.3/2.4 frame headers),
    and what follows the last frame that is not padding."""
    version, flags = raw[3], raw[5]
    body = raw[10:10 + id3v2_size(raw) - 10]
    if flags & 0x80 and version < 4:  # the whole tag unsynchronised
        body = body.replace(b"\xff\x00", b"\xff")
    if flags & 0x40 and version in (3, 4) and len(body) >= 4:  # an extended header
        size = struct.unpack(">I", body[:4])[0]
        size = _syncsafe(body[:4]) if version == 4 else size + 4
        body = body[size:]
    id_size, header = (3, 6) if version == 2 else (4, 10)
    frames, pos = [], 0
    while pos + header <= len(body):
        frame_id = body[pos:pos + id_size]
        if not frame_id.strip(b"\x00"):
            break  # padding
        if not all(48 <= c <= 57 or 65 <= c <= 90 for c in frame_id):
            return frames, body[pos:]
        size_bytes = body[pos + id_size:pos + id_size + (3 if version == 2 else 4)]
        size = _syncsafe(size_bytes) if version == 4 else int.from_bytes(size_bytes, "big")
        frames.append((frame_id.decode("ascii"), body[pos + header:pos + header + size]))
        pos += header + size
    rest = body[pos:]
    return frames, rest if rest.strip(b"\x00") else b""


def _syncsafe(four: bytes) -> int:
    return (four[0] << 21) | (four[1] << 14) | (four[2] << 7) | four[3]


def _frames_mutagen_dropped(raw: bytes, tags, segment: str) -> list[MetaItem]:
    """Frames mutagen did not hand over (a frame ID it does not know, a frame it could not
    parse), and bytes after the last frame: read as unknown data. Fuzzing found a comment
    whose ID was mistyped (``COMI``) and one with a damaged language field both dropped
    in silence, each carrying a phone."""
    frames, rest = _raw_frames(raw)
    parsed: dict[str, int] = {}
    for frame in tags.values():
        parsed[frame.FrameID] = parsed.get(frame.FrameID, 0) + 1
    items = []
    for frame_id, body in frames:
        upgraded = _V22_IDS.get(frame_id, frame_id)
        if parsed.get(upgraded, 0) > 0:
            parsed[upgraded] -= 1
            continue
        items.append(unknown_container(segment, f"{frame_id} (not read by mutagen)", body))
    if rest:
        items.append(unknown_container(segment, "after the last frame", rest))
    return items


# ID3v2.2 frame IDs mutagen reads as their ID3v2.3 names
_V22_IDS = {"TT2": "TIT2", "TP1": "TPE1", "TP2": "TPE2", "TAL": "TALB", "TYE": "TDRC", "COM": "COMM", "PIC": "APIC",
            "TCO": "TCON", "TRK": "TRCK", "TEN": "TENC", "TSS": "TSSE", "TXX": "TXXX", "WXX": "WXXX", "ULT": "USLT",
            "GEO": "GEOB", "TCM": "TCOM", "TPA": "TPOS", "TDA": "TDAT", "TIM": "TIME", "TOR": "TORY", "TRD": "TRDA"}


def vorbis_fields(body: bytes) -> tuple[str, list[tuple[str, str]]]:
    """The vendor string and every field of a Vorbis comment (Vorbis I, 5.2.1), whatever its
    name. Read here, not by mutagen: mutagen drops a field whose name is not a valid key, and
    fuzzing found a phone in a field named ``co\\x7fment`` that way."""
    pos = 0

    def length() -> int:
        nonlocal pos
        if pos + 4 > len(body):
            raise Unverified(ErrorCode.MEDIA_DAMAGED, "a Vorbis comment ends early")
        value = struct.unpack_from("<I", body, pos)[0]
        pos += 4
        if pos + value > len(body):
            raise Unverified(ErrorCode.MEDIA_DAMAGED, "a Vorbis comment field runs past its block")
        return value

    size = length()
    vendor = body[pos:pos + size].decode("utf-8", "replace")
    pos += size
    count = length() if pos + 4 <= len(body) else 0
    if count > MAX_METADATA_PARTS:
        raise Unverified(ErrorCode.TOO_MANY_PARTS, f"{count} Vorbis comment fields")
    fields = []
    for _ in range(count):
        size = length()
        key, _sep, value = body[pos:pos + size].decode("utf-8", "replace").partition("=")
        fields.append((key, value))
        pos += size
    return vendor, fields


def vorbis_items(body: bytes, segment: str) -> list[MetaItem]:
    """A Vorbis comment block (Ogg Vorbis, Opus, FLAC): the vendor string and each field."""
    items: list[MetaItem] = []
    vendor, fields = vorbis_fields(body)
    if vendor.strip():
        items.append(MetaItem(segment, "vendor", vendor[:500], SOFTWARE))
    for key, value in fields:
        name = key.lower()
        if name in ("metadata_block_picture", "coverart"):
            items.append(MetaItem(segment, key, f"{len(value)} characters", PICTURE))
            continue
        kind = _VORBIS_KIND.get(name) or named_kind(name, value)
        items.append(MetaItem(segment, printable(key.encode("utf-8"))[:200] or "(no name)", value[:2000], kind))
    return items


def _ape_items(data: bytes, segment: str) -> list[MetaItem]:
    from mutagen.apev2 import APEv2

    try:
        tags = APEv2(io.BytesIO(data))
    except Exception:  # noqa: BLE001
        return [MetaItem(segment, "APEv2", printable(data[:500]), "unreadable")]
    items = []
    for key, value in tags.items():
        text = str(value) if getattr(value, "kind", 0) != 1 else f"{len(value.value)} bytes"
        kind = PICTURE if "cover" in key.lower() else (_VORBIS_KIND.get(key.lower()) or named_kind(key, text))
        items.append(MetaItem(segment, key, text[:2000], kind))
    return items


def id3v2_size(data: bytes, pos: int = 0) -> int:
    """Bytes of an ID3v2 tag at ``pos`` (header, body and footer), or 0."""
    if data[pos:pos + 3] != b"ID3" or len(data) < pos + 10:
        return 0
    body = 0
    for b in data[pos + 6:pos + 10]:
        if b & 0x80:
            raise Unverified(ErrorCode.MEDIA_DAMAGED, "a damaged ID3 tag")
        body = (body << 7) | b
    return 10 + body + (10 if data[pos + 5] & 0x10 else 0)


def id3v1_items(tag: bytes) -> list[MetaItem]:
    segment = "ID3v1"
    fields = (("title", tag[3:33], TEXT), ("artist", tag[33:63], OWNER), ("album", tag[63:93], TEXT),
              ("year", tag[93:97], DATE), ("comment", tag[97:127] if tag[125] else tag[97:125], TEXT))
    items = [MetaItem(segment, name, printable(raw.rstrip(b"\x00 ").decode("latin-1").encode()), kind)
             for name, raw, kind in fields if raw.strip(b"\x00 ")]
    return items or [MetaItem(segment, "ID3v1", "", OTHER)]


def trailing_tags(data: bytes, start: int) -> tuple[int, list[MetaItem]]:
    """Tags at the end of a file (ID3v1, APEv2, Lyrics3v2, in any order): where the sound
    ends, and what the tags say."""
    end = len(data)
    items: list[MetaItem] = []
    for _ in range(6):
        if end - start >= 128 and data[end - 128:end - 125] == b"TAG":
            items.extend(id3v1_items(data[end - 128:end]))
            end -= 128
            if end - start >= 227 and data[end - 227:end - 223] == b"TAG+":
                items.append(MetaItem("ID3v1 extended", "TAG+", printable(data[end - 223:end]), TEXT))
                end -= 227
            continue
        if end - start >= 32 and data[end - 32:end - 24] == b"APETAGEX":
            size = struct.unpack("<I", data[end - 20:end - 16])[0]
            flags = struct.unpack("<I", data[end - 12:end - 8])[0]
            total = size + (32 if flags & 0x80000000 else 0)
            if total > end - start:
                raise Unverified(ErrorCode.MEDIA_DAMAGED, "a damaged APEv2 tag")
            items.extend(_ape_items(data[end - total:end], "APEv2"))
            end -= total
            continue
        if end - start >= 15 and data[end - 9:end] == b"LYRICS200" and data[end - 15:end - 9].isdigit():
            size = int(data[end - 15:end - 9]) + 15
            if size > end - start:
                raise Unverified(ErrorCode.MEDIA_DAMAGED, "damaged Lyrics3 tag")
            items.append(MetaItem("Lyrics3", "lyrics", printable(data[end - size + 11:end - 15]), TEXT))
            end -= size
            continue
        break
    return end, items
