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
from scrub.policy import ErrorCode, Unverified


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
    items: list[MetaItem] = []
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


def vorbis_items(comment, segment: str) -> list[MetaItem]:
    """A Vorbis comment block (Ogg Vorbis, Opus, FLAC): the vendor string and each field."""
    items: list[MetaItem] = []
    vendor = getattr(comment, "vendor", "") or ""
    if vendor.strip():
        items.append(MetaItem(segment, "vendor", vendor[:500], SOFTWARE))
    for key, value in comment:
        name = key.lower()
        if name in ("metadata_block_picture", "coverart"):
            items.append(MetaItem(segment, key, f"{len(value)} characters", PICTURE))
            continue
        kind = _VORBIS_KIND.get(name) or named_kind(name, value)
        items.append(MetaItem(segment, key, value[:2000], kind))
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
