"""WAV (RIFF): the copy is the ``fmt``, ``fact`` and ``data`` chunks as they were. mutagen
reads only a WAV's ID3 chunk: LIST/INFO, bext (a field recorder's device, serial reference,
date), iXML, axml, XMP and makers' chunks are read here."""
from __future__ import annotations

import re
import struct

from scrub.formats.audio import SoundFormat, SoundInspection
from scrub.formats.audio.tags import id3_items
from scrub.formats.meta.items import (
    DATE,
    DEVICE,
    HISTORY,
    OTHER,
    OWNER,
    PLACE_TEXT,
    SOFTWARE,
    TEXT,
    TRAILER,
    MetaItem,
    named_kind,
    printable,
    unknown_container,
)
from scrub.formats.meta.xmp import xmp_items
from scrub.policy import ErrorCode, Unverified

_INFO_KIND = {
    **dict.fromkeys(("IART", "ICOP", "IENG", "ITCH", "ISRC", "ICMS", "IWRI", "IPRO", "ISTR", "IMUS", "IEDT", "ICNM"),
                    OWNER),
    **dict.fromkeys(("ICMT", "INAM", "ISBJ", "IKEY", "IPRD", "IGNR", "ITRK", "ISRF", "IMED", "ILNG", "ICNT", "IPRT",
                     "IAS1", "ITOC", "IBSU", "ISHP"), TEXT),
    **dict.fromkeys(("ICRD", "IDIT", "IYER"), DATE),
    **dict.fromkeys(("ISFT", "ITCH_", "IDIM", "IDPI"), SOFTWARE),
    "IARL": PLACE_TEXT, "ILOC": PLACE_TEXT, "IGPS": OWNER, "ISMP": OTHER,
}
_WAV_KEEP = {b"fmt ", b"fact", b"data"}


def riff_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """[(id, body start, body end)] of a RIFF/WAVE file's chunks."""
    if data[:4] in (b"RF64", b"BW64"):
        raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, "RF64 (WAV over 4 GB) is not supported")
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise Unverified(ErrorCode.MEDIA_DAMAGED, "not a RIFF WAVE file")
    end = min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    chunks, pos = [], 12
    while pos + 8 <= end:
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if pos + 8 + size > len(data):
            raise Unverified(ErrorCode.MEDIA_DAMAGED, f"the {cid.decode('latin-1')!r} chunk runs past the end of the file")
        chunks.append((cid, pos + 8, pos + 8 + size))
        pos += 8 + size + (size & 1)
    return chunks


def _riff_list_items(body: bytes, segment: str) -> list[MetaItem]:
    list_type = body[:4]
    items, pos = [], 4
    label = f"{segment} {list_type.decode('latin-1')}"
    if list_type not in (b"INFO", b"adtl"):
        return [unknown_container(label, "list", body[4:])]
    while pos + 8 <= len(body):
        cid, size = body[pos:pos + 4].decode("latin-1"), struct.unpack("<I", body[pos + 4:pos + 8])[0]
        value = body[pos + 8:pos + 8 + size]
        if list_type == b"adtl":  # labels and notes on cue points: a cue id, then text
            text = printable(value[4:].rstrip(b"\x00")) if cid in ("labl", "note") else printable(value[20:])
            if text:
                items.append(MetaItem(label, cid, text, TEXT))
        else:
            text = printable(value.rstrip(b"\x00"))
            if text:
                items.append(MetaItem(label, cid, text, _INFO_KIND.get(cid) or named_kind(cid, text)))
        pos += 8 + size + (size & 1)
    return items


def _bext_items(body: bytes) -> list[MetaItem]:
    """Broadcast WAV: who and what recorded it, when, and the coding history."""
    segment = "bext"
    fields = (("Description", body[0:256], TEXT), ("Originator", body[256:288], DEVICE),
              ("OriginatorReference", body[288:320], HISTORY), ("OriginationDate", body[320:330], DATE),
              ("OriginationTime", body[330:338], DATE), ("UMID", b"", HISTORY),
              ("CodingHistory", body[602:], SOFTWARE))
    items = [MetaItem(segment, name, printable(raw.rstrip(b"\x00")), kind) for name, raw, kind in fields
             if raw.strip(b"\x00 ")]
    if len(body) >= 412 and body[348:412].strip(b"\x00"):
        items.append(MetaItem(segment, "UMID", body[348:412].hex()[:32], HISTORY))
    return items or [MetaItem(segment, "bext", "", OTHER)]


def _xml_text(body: bytes) -> str:
    text = printable(body)
    return re.sub(r"\s*<[^>]+>\s*", " ", text).strip()


class WavFormat(SoundFormat):
    name = "wav"
    suffixes = frozenset((".wav", ".wave"))

    def sniff(self, data: bytes) -> str | None:
        return self.name if data[:4] in (b"RIFF", b"RF64", b"BW64") and data[8:12] == b"WAVE" else None

    def inspect(self, data: bytes) -> SoundInspection:
        result = SoundInspection()
        chunks = riff_chunks(data)
        ids = [c for c, _a, _b in chunks]
        if b"fmt " not in ids or b"data" not in ids:
            raise Unverified(ErrorCode.MEDIA_DAMAGED, "a WAV file without its fmt or data chunk")
        for cid, a, b in chunks:
            body = data[a:b]
            name = cid.decode("latin-1")
            if cid in _WAV_KEEP:
                continue
            if cid == b"LIST":
                result.items.extend(_riff_list_items(body, "LIST"))
            elif cid == b"bext":
                result.items.extend(_bext_items(body))
            elif cid in (b"iXML", b"axml"):
                result.items.append(MetaItem(name, name, _xml_text(body)[:2000], TEXT))
            elif cid == b"_PMX":
                result.items.extend(xmp_items(body, "_PMX XMP"))
            elif cid in (b"id3 ", b"ID3 "):
                result.items.extend(id3_items(body, f"{name.strip()} chunk"))
            elif cid in (b"JUNK", b"junk", b"PAD ", b"FLLR", b"padd", b"pad "):
                if body.strip(b"\x00 "):
                    result.items.append(unknown_container(name, "padding", body))
            elif cid == b"cue ":
                result.items.append(MetaItem(name, "cue points", f"{len(body) // 24} points", OTHER))
            else:
                result.items.append(unknown_container(f"{name} chunk", "chunk", body))
        riff_end = 8 + struct.unpack("<I", data[4:8])[0]
        if len(data) > riff_end + 1:
            result.items.extend([MetaItem("after the RIFF chunk", "Trailer", printable(data[riff_end:riff_end + 2000]),
                                          TRAILER)] if data[riff_end:].strip(b"\x00") else [])
        result.layout = chunks
        return result

    def strip(self, data: bytes, inspection) -> bytes:
        found = inspection if isinstance(inspection, SoundInspection) and inspection.layout else self.inspect(data)
        body = [b"WAVE"]
        for cid, a, b in found.layout:
            if cid in _WAV_KEEP:
                body.append(data[a - 8:b] + (b"\x00" if (b - a) & 1 else b""))
        riff = b"".join(body)
        return b"RIFF" + struct.pack("<I", len(riff)) + riff


FORMAT = WavFormat()
