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
# what sound, video and PDF files hold besides what pictures do
PICTURE = "picture"  # cover art, an attached or embedded picture, never looked at
SUBTITLES = "subtitles"  # a subtitle track (its cues are read as a subtitle document)
CUE = "cue"  # a data sample, a link, a bookmark: no finding itself, only what the text rules find in it
TIMED_METADATA = "timed-metadata"  # a track of metadata samples along a recording
REVISION = "revision"  # an earlier version of a PDF, left in the file by an incremental save
EMBEDDED = "embedded"  # an attached file (a PDF attachment, an ID3 GEOB), a script, form data

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
    PICTURE: "media-picture",
    SUBTITLES: "media-subtitles",
    TIMED_METADATA: "media-timed-metadata",
    REVISION: "pdf-earlier-revision",
    EMBEDDED: "media-embedded",
}
# fields whose text is also read by the text rules (a phone number in a comment is a phone
# number); C2PA boxes and ICC profiles are binary structures, reported as a whole
# (a container scrub does not know is removed on clean and only noted, but what its text
# says is read: a phone number in a maker's private chunk is still a phone number)
FREE_TEXT_KINDS = {OWNER, TEXT, PLACE_TEXT, TRAILER, OTHER_TEXT, CUE, EMBEDDED}
# kinds that are no finding themselves: only what the text rules find in them is
TEXT_ONLY_KINDS = {CUE}


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


_NAME_RULES: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern), kind) for pattern, kind in (
        (r"location\.(?:name|note)|placename|city|country|address", PLACE_TEXT),
        (r"location|gps|iso6709|latitude|longitude|geotag|\bgeo", GPS),
        (r"serial", DEVICE_SERIAL),
        (r"\bmake\b|model|camera|lens|device|manufacturer", DEVICE),
        (r"author|artist|owner|copyright|creator|publisher|producer|director|performer|composer|user|account|"
         r"e-?mail|phone|contact", OWNER),
        (r"software|encoder|encoded|version|tool|firmware|generator|application", SOFTWARE),
        (r"date|creation_time|timestamp", DATE),
        (r"comment|description|title|keyword|information|caption|lyric|subject|note|prompt|text", TEXT),
        (r"identifier|uuid|signature|\bid\b|history|derived|original", HISTORY),
    )
)


def named_kind(name: str, value: str) -> str:
    """What a field no standard here lists probably holds, by its name: the free-form keys
    of video, sound and PDF metadata ("com.apple.quicktime.location.ISO6709",
    "com.android.version", "----:com.apple.iTunes:ENCODER", an ID3 TXXX description, a PDF
    Info key); else, if its value is readable text, the text rules read it."""
    lowered = name.lower().replace("_", ".")
    for pattern, kind in _NAME_RULES:
        if pattern.search(lowered):
            return kind
    return OTHER_TEXT if _READABLE.search(value) else OTHER
