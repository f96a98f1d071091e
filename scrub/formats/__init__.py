"""Every kind of file scrub reads (like mat2's parser_factory), and what a file's bytes say
it is: its name is never trusted.

A family is one module implementing the Format protocol (scrub/formats/base.py) that ends
with ``FORMAT = TheFormat()``; it joins scrub by one line in MODULES. Nothing else changes
when a format is added: scrub/run.py carries every file through the same steps.
"""
from __future__ import annotations

import functools
import importlib

from scrub.formats.base import Format

# In the order their bytes are tested (AVIF before HEIC: an HEIC may list an AV1 brand).
MODULES = (
    "scrub.formats.image.jpeg",
    "scrub.formats.image.png",
    "scrub.formats.image.gif",
    "scrub.formats.image.webp",
    "scrub.formats.image.tiff",
    "scrub.formats.image.avif",
    "scrub.formats.image.heic",
    "scrub.formats.video.mp4",  # after AVIF and HEIC: they are ISO files too
    "scrub.formats.audio.flac",  # before MP3: a FLAC may start with an ID3 tag
    "scrub.formats.audio.mp3",
    "scrub.formats.audio.ogg",
    "scrub.formats.audio.wav",
    "scrub.formats.pdf.document",
    "scrub.formats.docx",
    "scrub.formats.text",  # last: whatever no other format claims is read as text
)

# Recognised by their bytes, not read: reported as not checked (a BMP has no metadata scrub
# handles; zip files other than Word documents are not read), never as clean.
RECOGNISED_ONLY = (
    ("bmp", lambda data: data.startswith(b"BM")),
    ("zip", lambda data: data.startswith(b"PK\x03\x04")),
)


@functools.lru_cache(maxsize=1)
def registered() -> tuple[Format, ...]:
    return tuple(importlib.import_module(module).FORMAT for module in MODULES)


def identify(data: bytes) -> tuple[str, Format | None]:
    """The file's kind, and the format that reads it (None: recognised, not read)."""
    *claimed, fallback = registered()
    for fmt in claimed:
        kind = fmt.sniff(data)
        if kind:
            return kind, fmt
    for kind, matches in RECOGNISED_ONLY:
        if matches(data):
            return kind, None
    return fallback.name, fallback


def sniff(data: bytes) -> str:
    return identify(data)[0]


def named(name: str) -> Format:
    return next(fmt for fmt in registered() if fmt.name == name)


def promised_by(suffix: str) -> Format | None:
    """The format a file name's extension promises, if any."""
    return next((fmt for fmt in registered() if suffix in fmt.suffixes), None)
