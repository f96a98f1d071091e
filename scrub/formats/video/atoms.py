"""The boxes of a movie (MP4, MOV, M4V, M4A, 3GP) and what the metadata ones say.

Why our own reading of the boxes: FFmpeg (and so PyAV) exposes only the metadata it maps to
its own tag names: it drops ``loci``, Samsung's ``smta``, XMP and C2PA ``uuid`` boxes,
GoPro's and Canon's private atoms and text left in ``free`` boxes, and it merges Keys and
udta into one dictionary, so a reader built on it cannot tell what it did not see. The boxes
are walked by the walker every ISO family shares (scrub/formats/meta/boxes.py); what a box
here is known to say is read field by field, what is not known is still reported (its
readable text goes through the text rules), and the clean copy, rebuilt from the streams,
holds none of it.

This module only reads; scrub/formats/video/remux.py decides what a clean copy keeps (and
edits the copy's boxes).
"""
from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from scrub.formats.meta.boxes import TRAILER_BOX, Box, walk
from scrub.formats.meta.items import (
    C2PA,
    DATE,
    DEVICE,
    GPS,
    HARMLESS,
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
    trailer_items,
    unknown_container,
)
from scrub.formats.meta.xmp import xmp_items
from scrub.policy import ErrorCode, Unverified

# boxes whose body is a list of boxes
_CONTAINERS = {
    b"moov", b"trak", b"mdia", b"minf", b"stbl", b"dinf", b"edts", b"udta", b"tref", b"mvex", b"moof", b"traf",
    b"mfra", b"gmhd", b"tapt", b"clip", b"matt", b"sinf", b"schi", b"rinf", b"ilst", b"meco", b"strk", b"strd",
}
# structure only: sample tables, timing, headers with no free text, media data
_STRUCTURE = {
    b"ftyp", b"styp", b"mdat", b"stts", b"stss", b"stsc", b"stsz", b"stz2", b"stco", b"co64", b"ctts", b"cslg",
    b"sdtp", b"stps", b"sgpd", b"sbgp", b"subs", b"saiz", b"saio", b"senc", b"elst", b"vmhd", b"smhd", b"hmhd",
    b"nmhd", b"sthd", b"gmin", b"mehd", b"trex", b"tfhd", b"tfdt", b"trun", b"mfhd", b"tfra", b"mfro", b"sidx",
    b"ssix", b"iods", b"clef", b"prof", b"enof", b"txas", b"elng", b"load", b"kmat", b"crgn", b"pssh", b"frma",
    b"schm", b"tenc", b"chap", b"tmcd", b"cdsc", b"hint", b"vdep", b"sync", b"font", b"fall", b"forc", b"scpt",
    b"ssrc", b"subt", b"chan", b"pdin", b"leva", b"stri", b"stsh", b"padb", b"stdp", b"sdep", b"kind", b"tsel",
    b"srpp", b"ludt", b"tlou", b"alou", b"imap", b"trep", b"text",
}
_FREE = {b"free", b"skip", b"wide"}
_UUID_XMP = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
_UUID_C2PA = bytes.fromhex("d8fec3d61b0e483c92975828877ec481")
EPOCH_1904 = datetime(1904, 1, 1, tzinfo=timezone.utc)


@dataclass
class Track:
    """What a trak box says about its stream: FFmpeg's stream.id is the track_ID."""

    track_id: int = 0
    handler: str = ""  # vide, soun, sbtl, text, subt, meta, tmcd, hint...
    codec: str = ""  # the first sample entry's type: avc1, hvc1, mp4a, tx3g, wvtt, mebx...
    keys: list[str] = field(default_factory=list)  # a timed-metadata track's key names
    # the tkhd's display matrix (a, b, u, c, d, v, x, y, w), how a player turns the picture
    matrix: tuple[int, ...] = ()


def _children_at(data: bytes):
    def at(box: Box) -> int | None:
        if box.type in _CONTAINERS or (box.path.endswith("ilst") and box.type != b"data"):
            return box.body
        if box.type == b"meta":
            # ISO's meta is a full box (4 bytes of version and flags), QuickTime's is not
            return box.body + 4 if data[box.body + 4:box.body + 8] != b"hdlr" else box.body
        if box.type == b"cmov":
            raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, "a compressed movie header (cmov) is not supported")
        return None

    return at


def parse(data: bytes) -> list[Box]:
    """The file's box tree. Raises Unverified on a file that is not a whole ISO media file;
    data after a whole movie's last box (a Samsung SEF trailer, appended bytes) is a
    ``TRAILER_BOX``."""
    boxes = walk(data, children_at=_children_at(data), code=ErrorCode.MEDIA_DAMAGED, complete_after=b"moov", strict=True)
    if not any(b.type == b"moov" for b in boxes):
        if any(b.type == b"moof" for b in boxes):
            raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, "a fragmented file without a movie header")
        raise Unverified(ErrorCode.MEDIA_DAMAGED, "no movie header (moov): an incomplete or damaged file")
    return boxes


def brand(data: bytes) -> bytes:
    return data[8:12] if data[4:8] == b"ftyp" else b"qt  "


# --- what the metadata boxes say ---------------------------------------------------------

# udta and iTunes-style ilst keys whose meaning is known
_ATOM_KIND = {
    "©xyz": GPS, "©nam": TEXT, "©cmt": TEXT, "©des": TEXT, "©inf": TEXT, "desc": TEXT, "ldes": TEXT, "©lyr": TEXT,
    "©alb": TEXT, "©grp": TEXT, "keyw": TEXT, "catg": TEXT, "tvsh": TEXT, "©st3": TEXT, "titl": TEXT, "dscp": TEXT,
    "kywd": TEXT, "albm": TEXT, "©ART": OWNER, "aART": OWNER, "©aut": OWNER, "©wrt": OWNER, "©cpy": OWNER,
    "©prd": OWNER, "©dir": OWNER, "©PRD": OWNER, "©prf": OWNER, "©con": OWNER, "cprt": OWNER, "auth": OWNER,
    "perf": OWNER, "ownr": OWNER, "apID": OWNER, "©day": DATE, "purd": DATE, "yrrc": DATE, "©too": SOFTWARE,
    "©swr": SOFTWARE, "©enc": SOFTWARE, "©fmt": SOFTWARE, "©mak": DEVICE, "©mod": DEVICE, "©gen": TEXT,
    "gnre": TEXT, "covr": PICTURE, "©lyr_": TEXT,
}
# numbers and flags an iTunes-style list holds (track numbers, compilation, tempo...)
_ATOM_NUMBERS = {"trkn", "disk", "tmpo", "cpil", "pgap", "stik", "rtng", "hdvd", "akID", "atID", "cnID", "geID",
                 "plID", "sfID", "cmID", "tves", "tvsn", "shwm", "pcst"}

def _qt_text(body: bytes) -> str:
    """A QuickTime '©' text atom: records of (length, language, text); else its text."""
    out, pos = [], 0
    while pos + 4 <= len(body):
        size = int.from_bytes(body[pos:pos + 2], "big")
        if size == 0 or pos + 4 + size > len(body):
            break
        out.append(body[pos + 4:pos + 4 + size])
        pos += 4 + size
    if out and pos == len(body):
        return " / ".join(printable(t) for t in out)
    return printable(body)


def _three_gpp_text(body: bytes) -> str:
    """A 3GPP text box: version and flags, a packed language, then UTF-8 or UTF-16 text."""
    text = body[6:]
    if text.startswith((b"\xfe\xff", b"\xff\xfe")):
        return text.decode("utf-16", "replace").rstrip("\x00").strip()
    return printable(text.rstrip(b"\x00"))


def _fixed(value: bytes, frac_bits: int = 16) -> float:
    return int.from_bytes(value, "big", signed=True) / (1 << frac_bits)


def _loci(body: bytes, segment: str) -> list[MetaItem]:
    """3GPP location: a place name, then longitude, latitude and altitude (16.16 fixed)."""
    name_end = body.find(b"\x00", 6)
    if name_end < 0 or name_end + 13 > len(body):
        return [MetaItem(segment, "loci", printable(body[6:]), GPS)]
    name = printable(body[6:name_end])
    lng, lat = _fixed(body[name_end + 2:name_end + 6]), _fixed(body[name_end + 6:name_end + 10])
    items = [MetaItem(segment, "loci", f"{lat:.5f}, {lng:.5f}", GPS)]
    astronomical_end = body.find(b"\x00", name_end + 14)
    rest = printable(body[astronomical_end + 1:]) if astronomical_end >= 0 else ""  # the notes, after "earth"
    if name or rest:
        items.append(MetaItem(segment, "loci name", " ".join(filter(None, (name, rest))), PLACE_TEXT))
    return items


def _data_value(body: bytes) -> tuple[str, bool]:
    """An ilst 'data' box: (text, is a picture). Type 1 UTF-8, 2 UTF-16, 13/14/27 pictures."""
    type_code = int.from_bytes(body[1:4], "big") if len(body) >= 8 else 0
    value = body[8:]
    if type_code in (13, 14, 27):
        return f"{len(value)} bytes", True
    if type_code == 2:
        return value.decode("utf-16-be", "replace").strip(), False
    if type_code in (21, 22) and 1 <= len(value) <= 8:
        return str(int.from_bytes(value, "big", signed=type_code == 21)), False
    if type_code == 23 and len(value) == 4:
        return f"{struct.unpack('>f', value)[0]:g}", False
    if type_code == 24 and len(value) == 8:
        return f"{struct.unpack('>d', value)[0]:g}", False
    return printable(value), False


def _date_1904(seconds: int) -> str:
    try:
        return (EPOCH_1904 + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")
    except OverflowError:
        return str(seconds)


def _header_date(data: bytes, box: Box) -> int:
    """Creation time of an mvhd, tkhd or mdhd box (seconds since 1904; 0 = none)."""
    version = data[box.body] if box.body < box.end else 0
    if version == 1:
        return int.from_bytes(data[box.body + 4:box.body + 12], "big")
    return int.from_bytes(data[box.body + 4:box.body + 8], "big")


def _modified_date(data: bytes, box: Box) -> int:
    version = data[box.body] if box.body < box.end else 0
    if version == 1:
        return int.from_bytes(data[box.body + 12:box.body + 20], "big")
    return int.from_bytes(data[box.body + 8:box.body + 12], "big")


# handler names that only name the handler (FFmpeg, Apple, GPAC, L-SMASH, Android's muxer)
_PLAIN_HANDLER = re.compile(
    r"^(?:|\w*Handler|Core Media(?: \w+)+|Apple \w+(?: \w+)? (?:Media |Data )?Handler|Apple Alias Data Handler|"
    r"DataHandler|L-SMASH \w+ Handler|GPAC ISO \w+ Handler|Mainconcept \w+ Media Handler|"
    r"(?:Video|Sound|Audio|Subtitle|Text|Timed ?Metadata|Metadata|Hint|Time Code) ?(?:Media )?Handler|"
    r"VideoHandle|SoundHandle|MetaHandle|Bento4 \w+ Handler|IsoMedia File Produced by Google, \d+|"
    r"ISO Media file produced by Google Inc\.|Alias Data Handler|Timed Metadata Media Handler)$",
    re.IGNORECASE,
)
_DATE_TEXT = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}")


def _hdlr(data: bytes, box: Box) -> tuple[str, str]:
    """(handler type, name) of an hdlr box (ISO: UTF-8 name; QuickTime: a Pascal string)."""
    body = data[box.body:box.end]
    handler = body[8:12].decode("latin-1")
    name = body[24:]
    if name and name[0] == len(name) - 1 and name[0] > 0:
        name = name[1:]  # QuickTime counts its name
    return handler, printable(name.rstrip(b"\x00"))


def _stsd(data: bytes, box: Box, track: Track, segment: str, items: list[MetaItem]) -> None:
    """The sample entries: the codec, a timed-metadata track's key names, the compressor name."""
    body = data[box.body:box.end]
    pos = 8
    first = True
    while pos + 16 <= len(body):
        size = int.from_bytes(body[pos:pos + 4], "big")
        if size < 16 or pos + size > len(body):
            raise Unverified(ErrorCode.MEDIA_DAMAGED, f"a sample description in {segment} runs past its end")
        entry = body[pos:pos + size]
        fourcc = entry[4:8].decode("latin-1")
        if first:
            track.codec, first = fourcc, False
        if track.handler == "vide" and len(entry) >= 82:
            compressor = entry[50:50 + min(entry[50], 31) + 1][1:]
            name = printable(compressor.rstrip(b"\x00"))
            if name and not re.fullmatch(r"(?:H\.?264|HEVC|AVC Coding|AVC|H\.265|MPEG-4 Video|H\.263|"
                                         r"JPEG|Photo - JPEG|Apple ProRes \w+(?: \w+)?|\w{4}|AV1|VP9)",
                                         name, re.IGNORECASE):
                items.append(MetaItem(segment, f"{fourcc} compressor name", name, SOFTWARE))
        # key names of a timed-metadata sample entry (mebx: keys > local key id > keyd)
        for m in re.finditer(rb"keyd", entry):
            length = int.from_bytes(entry[m.start() - 4:m.start()], "big")
            key = entry[m.start() + 8:m.start() - 4 + length]
            if 0 < length <= len(entry):
                track.keys.append(printable(key))
        pos += size


@dataclass
class Reading:
    items: list[MetaItem]
    tracks: list[Track]


def read(data: bytes, boxes: list[Box]) -> Reading:
    """Every metadata item the boxes hold, and what each track is."""
    items: list[MetaItem] = []
    tracks: list[Track] = []
    dates: dict[int, list[str]] = {}

    def visit(box: Box, track: Track | None, keys: list[str], handler: str) -> None:
        segment = box.path or "file"
        name = box.name
        body = data[box.body:box.end]
        if box.type == b"trak":
            track = Track()
            tracks.append(track)
        if box.type in (b"mvhd", b"tkhd", b"mdhd"):
            for seconds in {_header_date(data, box), _modified_date(data, box)} - {0}:
                dates.setdefault(seconds, []).append(f"{segment}/{name}")
            if box.type == b"tkhd" and track is not None:
                version = data[box.body]
                track.track_id = int.from_bytes(body[20:24] if version == 1 else body[12:16], "big")
                at = 52 if version == 1 else 40
                if len(body) >= at + 36:
                    track.matrix = struct.unpack(">9i", body[at:at + 36])
            return
        if box.type == b"hdlr":
            kind_, label = _hdlr(data, box)
            if track is not None and box.path.endswith("mdia"):
                track.handler = kind_
            if label and not _PLAIN_HANDLER.match(label):
                items.append(MetaItem(segment, "handler name", label, DATE if _DATE_TEXT.search(label) else OTHER_TEXT))
            return
        if box.type == b"stsd" and track is not None:
            _stsd(data, box, track, segment, items)
            return
        if box.type == b"keys":
            count = int.from_bytes(body[4:8], "big")
            pos = 8
            for _ in range(count):
                if pos + 8 > len(body):
                    break
                length = int.from_bytes(body[pos:pos + 4], "big")
                keys.append(printable(body[pos + 8:pos + length]))
                pos += max(length, 8)
            return
        if box.type == b"dref":
            for m in re.finditer(rb"alis|rsrc|urn ", body):
                text = printable(body[m.end() + 4:m.end() + 400])
                if re.search(r"[^\W\d_]{3,}", text):
                    items.append(MetaItem(segment, "data reference", text, OTHER_TEXT))  # a Mac alias: a path
            return
        if box.path.endswith("ilst") and box.children:
            # an item of an iTunes-style list (mdir) or of a Keys list (mdta): its key is
            # the box type, or the index of its name in the keys box
            key = name
            if handler == "mdta" or (keys and not name.startswith("©")):
                index = int.from_bytes(box.type, "big")
                key = keys[index - 1] if 0 < index <= len(keys) else f"key {index}"
            mean = "".join(printable(data[c.body + 4:c.end]) for c in box.children if c.type == b"mean")
            label = "".join(printable(data[c.body + 4:c.end]) for c in box.children if c.type == b"name")
            if name == "----":
                key = f"{mean}:{label}" if mean else label
            for child in box.children:
                if child.type != b"data":
                    continue
                value, is_picture = _data_value(data[child.body:child.end])
                if is_picture:
                    items.append(MetaItem(segment, key, value, PICTURE))
                elif key in _ATOM_NUMBERS:
                    items.append(MetaItem(segment, key, value, OTHER))
                elif key == "iTunNORM" or label == "iTunNORM":
                    items.append(MetaItem(segment, key, value, OTHER))
                elif value:
                    items.append(MetaItem(segment, key, value[:2000], _ATOM_KIND.get(key) or named_kind(key, value)))
            return
        if box.type == b"meta":
            hd = next((c for c in box.children if c.type == b"hdlr"), None)
            inner_handler = _hdlr(data, hd)[0] if hd else ""
            inner_keys = meta_keys(box)
            for child in box.children:
                if child.type != b"keys":
                    visit(child, track, inner_keys, inner_handler)
            return
        if box.children or box.type in _CONTAINERS:
            for child in box.children:
                visit(child, track, keys, handler)
            return
        if box.type in _STRUCTURE:
            return
        if box.type == TRAILER_BOX:
            items.extend(trailer_items(data[box.start:box.end], "after the last box"))
            return
        if box.type in _FREE:
            if body.strip(b"\x00 "):
                items.append(unknown_container(segment, f"{name} box", body))  # what an editor left behind
            return
        if box.type == b"uuid":
            uuid = body[:16]
            if uuid == _UUID_XMP:
                items.extend(xmp_items(body[16:], f"{segment} uuid XMP"))
            elif uuid == _UUID_C2PA:
                items.append(MetaItem(f"{segment} uuid C2PA", "C2PA manifest", f"{len(body)} bytes", C2PA))
            else:
                items.append(unknown_container(f"{segment} uuid {uuid.hex()}", "uuid box", body[16:]))
            return
        if box.type in (b"jumb", b"c2pa"):
            items.append(MetaItem(segment, f"{name} box", f"{len(body)} bytes", C2PA))
            return
        if box.type == b"XMP_":
            items.extend(xmp_items(body, f"{segment} XMP_"))
            return
        if box.type == b"loci":
            items.extend(_loci(body, segment))
            return
        if box.type == b"chpl":
            items.append(MetaItem(segment, "chapters (chpl)", printable(body[9:]), TEXT))
            return
        if box.type == b"prft":
            items.append(MetaItem(segment, "producer reference time", "wall-clock time of the recording", DATE))
            return
        if box.type == b"emsg":
            items.append(unknown_container(segment, "event message", body))
            return
        if segment.endswith("udta") and box.type[:1] == b"\xa9":
            value = _qt_text(body)
            items.append(MetaItem(segment, name, value[:2000], _ATOM_KIND.get(name) or named_kind(name, value)))
            return
        if segment.endswith("udta") and name in ("titl", "dscp", "cprt", "perf", "auth", "gnre", "albm", "kywd",
                                                   "yrrc", "rtng", "clsf"):
            value = _three_gpp_text(body)
            items.append(MetaItem(segment, name, value[:2000], _ATOM_KIND.get(name, TEXT)))
            return
        if segment.endswith("udta") and name == "name":
            value = printable(body)
            if value:
                items.append(MetaItem(segment, "track name", value, OTHER_TEXT))
            return
        # a box no standard here explains (a maker's private atom, a newer box): reported,
        # its readable text read; the clean copy never holds it
        items.append(unknown_container(segment, f"{name} box", body))

    def meta_keys(meta: Box) -> list[str]:
        keys: list[str] = []
        for child in meta.children:
            if child.type == b"keys":
                visit(child, None, keys, "")
        return keys

    for box in boxes:
        visit(box, None, [], "")
    for seconds, where in sorted(dates.items()):
        items.append(MetaItem(", ".join(dict.fromkeys(w.rsplit("/", 1)[0] for w in where)),
                              ", ".join(dict.fromkeys(w.rsplit("/", 1)[1] for w in where)), _date_1904(seconds), DATE))
    return Reading(items, tracks)


def harmless(items: list[MetaItem]) -> bool:
    return all(i.kind == HARMLESS for i in items)
