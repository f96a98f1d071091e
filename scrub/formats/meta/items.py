"""Metadata items and what they reveal, for every format: a reader lists a file's metadata as
:class:`MetaItem` objects; what an item *means* (a GPS position, a device serial, a person's
name...) is decided here, once, for all formats, and scrub/formats/meta/findings.py turns
items into findings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


# What a metadata item reveals, and how serious that is.
GPS = "gps"
DEVICE_SERIAL = "device-serial"
DEVICE = "device"
OWNER = "owner"
TEXT = "text"
PLACE_TEXT = "place-text"
DATE = "date"
SOFTWARE = "software"
HISTORY = "history"
THUMBNAIL = "thumbnail"
THUMBNAIL_DIFFERS = "thumbnail-differs"
ICC_DEVICE = "icc-device"
C2PA = "c2pa"
TRAILER = "trailer"
UNREADABLE = "unreadable"
OTHER = "other"
OTHER_TEXT = "other-text"  # a container no standard explains, holding readable text
HARMLESS = "harmless"

# kind -> the rule that reports it (its severity is declared in scrub.policy). Free text is
# also read by the text analyzer.
KIND_RULES: dict[str, str] = {
    GPS: "img-gps",
    DEVICE_SERIAL: "img-device-serial",
    DEVICE: "img-device",
    OWNER: "img-owner",
    TEXT: "img-text",
    PLACE_TEXT: "img-place",
    DATE: "img-date",
    SOFTWARE: "img-software",
    HISTORY: "img-edit-history",
    THUMBNAIL: "img-thumbnail",
    THUMBNAIL_DIFFERS: "img-thumbnail-differs",
    ICC_DEVICE: "img-icc-device",
    C2PA: "img-c2pa",
    TRAILER: "img-trailer",
    UNREADABLE: "img-unreadable-metadata",
    OTHER: "img-other-metadata",
    OTHER_TEXT: "img-other-metadata",
}
# fields whose text is also read by the text rules (a phone number in a comment is a phone
# number); C2PA boxes and ICC profiles are binary structures, reported as a whole
# (a container scrub does not know is removed on clean and only noted, but what its text
# says is read: a phone number in a maker's private chunk is still a phone number)
FREE_TEXT_KINDS = {OWNER, TEXT, PLACE_TEXT, TRAILER, OTHER_TEXT}


@dataclass
class MetaItem:
    segment: str  # container part: "APP1 Exif", "tEXt", "EXIF chunk", "COM", ...
    tag: str  # the field: "GPSLatitude", "Artist", "Comment", ...
    value: str
    kind: str

    def location(self) -> dict:
        return {"segment": self.segment, "tag": self.tag}


def printable(data: bytes, limit: int = 2000) -> str:
    """Readable text in a byte string (UTF-8, else Latin-1), control characters dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if not text.isprintable():  # most fields are: skip the walk over every character
        text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    return _SPACE_RUN.sub(" ", text).strip()[:limit]


_SPACE_RUN = re.compile(r"[ \t]{2,}")


def unknown_container(segment: str, tag: str, payload: bytes) -> MetaItem:
    """An item for a container no standard explains: its readable text, if any, is read by
    the text rules."""
    text = printable(payload[:2000])
    return MetaItem(segment, tag, text[:500], OTHER_TEXT if _READABLE.search(text) else OTHER)


_READABLE = re.compile(r"[^\W\d_]{3,}|\d{4,}")  # a word or a run of digits, not stray bytes


def trailer_items(trailer: bytes, segment: str) -> list[MetaItem]:
    """Bytes after a picture's end (a second picture, a video, text): a leak of their own,
    unless they are only padding."""
    if not trailer.strip(b"\x00 \r\n\t"):
        return []
    return [MetaItem(segment, "Trailer", printable(trailer[:2000]), TRAILER)]
