"""IPTC-IIM inside Photoshop image resources (8BIM): by-line, caption, city, keywords..."""
from __future__ import annotations

import struct

from scrub.formats.meta.items import (
    DATE,
    OTHER,
    OWNER,
    PLACE_TEXT,
    SOFTWARE,
    TEXT,
    THUMBNAIL_DIFFERS,
    UNREADABLE,
    MetaItem,
    printable,
)
from scrub.formats.meta.xmp import xmp_items

_IPTC_NAMES = {
    5: ("ObjectName", TEXT), 25: ("Keywords", TEXT), 55: ("DateCreated", DATE), 60: ("TimeCreated", DATE),
    62: ("DigitalCreationDate", DATE), 80: ("By-line", OWNER), 85: ("By-lineTitle", OWNER),
    90: ("City", PLACE_TEXT), 92: ("Sub-location", PLACE_TEXT), 95: ("Province-State", PLACE_TEXT),
    100: ("Country-PrimaryLocationCode", PLACE_TEXT), 101: ("Country-PrimaryLocationName", PLACE_TEXT),
    103: ("OriginalTransmissionReference", TEXT), 105: ("Headline", TEXT), 110: ("Credit", OWNER),
    115: ("Source", OWNER), 116: ("CopyrightNotice", OWNER), 118: ("Contact", OWNER),
    120: ("Caption-Abstract", TEXT), 122: ("Writer-Editor", OWNER), 40: ("SpecialInstructions", TEXT),
    65: ("OriginatingProgram", SOFTWARE),
}


def photoshop_items(payload: bytes, segment: str) -> list[MetaItem]:
    """8BIM resources of a Photoshop APP13 block; IPTC-IIM (0x0404) read field by field."""
    items: list[MetaItem] = []
    pos = 0
    while pos + 12 <= len(payload) and payload[pos:pos + 4] == b"8BIM":
        rid = struct.unpack(">H", payload[pos + 4:pos + 6])[0]
        name_len = payload[pos + 6]
        pos += 7 + name_len
        pos += pos % 2  # the Pascal name is padded to an even length
        if pos + 4 > len(payload):
            break
        size = struct.unpack(">I", payload[pos:pos + 4])[0]
        data = payload[pos + 4:pos + 4 + size]
        pos += 4 + size + (size % 2)
        if rid == 0x0404:
            items.extend(iptc_items(data, segment))
        elif rid in (0x0409, 0x040C):
            items.append(MetaItem(segment, "PhotoshopThumbnail", "", THUMBNAIL_DIFFERS))
        elif rid == 0x0424:
            items.extend(xmp_items(data, segment))
        else:
            items.append(MetaItem(segment, f"8BIM 0x{rid:04X}", "", OTHER))
    if pos < len(payload) and not items:
        items.append(MetaItem(segment, "Photoshop", printable(payload[:300]), UNREADABLE))
    return items


def iptc_items(data: bytes, segment: str) -> list[MetaItem]:
    items: list[MetaItem] = []
    pos = 0
    utf8 = False
    while pos + 5 <= len(data) and data[pos] == 0x1C:
        record, dataset = data[pos + 1], data[pos + 2]
        size = struct.unpack(">H", data[pos + 3:pos + 5])[0]
        value = data[pos + 5:pos + 5 + size]
        pos += 5 + size
        if record == 1 and dataset == 90:
            utf8 = b"\x1b%G" in value
            continue
        if record != 2 or dataset == 0:
            continue
        name, kind = _IPTC_NAMES.get(dataset, (f"2:{dataset}", OTHER))
        text = value.decode("utf-8" if utf8 else "latin-1", "replace")
        items.append(MetaItem(segment + " IPTC", name, text[:500], kind))
    return items
