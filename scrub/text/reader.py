"""Turning a file into the text the detectors look at.

Decoding is strict: UTF-8 first, then UTF-16 when a byte-order mark says so, then cp1252
(the usual Windows encoding of Spanish text). Anything that looks binary is refused, so a
photo or a PDF given as a script is reported as not checked instead of "clean".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TEXT_SUFFIXES = {".txt", ".md", ".srt", ".vtt", ".ass", ".ssa", ".text", ".markdown"}


class UnreadableText(Exception):
    """The bytes are not text scrub can read; the message is for a person."""


@dataclass
class TextDocument:
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)
    # Ranges of the text that are structure, not speech (cue numbers, timing lines,
    # WEBVTT headers): never flagged, never redacted.
    protected: list[tuple[int, int]] = field(default_factory=list)
    subtitle_format: str | None = None
    source: str = "file"  # "ocr": read from pixels, so names may carry OCR misreadings
    # what detection assumed because no case file said it (scrub.text.infer.Assumed)
    assumed: object | None = None


_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v"}


def decode(data: bytes) -> tuple[str, str, list[str]]:
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", notes
        except UnicodeDecodeError as exc:
            raise UnreadableText("el archivo dice ser UTF-8 pero no lo es") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableText("el archivo dice ser UTF-16 pero no lo es") from exc
        notes.append("decoded-utf16")
        return _refuse_binary(text), "utf-16", notes
    if b"\x00" in data:
        raise UnreadableText("binary")
    try:
        return _refuse_binary(data.decode("utf-8")), "utf-8", notes
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnreadableText("undecodable") from exc
    notes.append("decoded-cp1252")
    return _refuse_binary(text), "cp1252", notes


def _refuse_binary(text: str) -> str:
    if not text:
        return text
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _CONTROL_OK)
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise UnreadableText("binary")
    return text


_SRT_TIMING = re.compile(r"^\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}.*$")
_VTT_TIMING = re.compile(r"^\s*(?:\d{1,2}:)?\d{2}:\d{2}\.\d{3}\s*-->\s*(?:\d{1,2}:)?\d{2}:\d{2}\.\d{3}.*$")
_CUE_NUMBER = re.compile(r"^\s*\d+\s*$")


def subtitle_format(text: str, suffix: str) -> str | None:
    head = text.lstrip("\ufeff")[:200]
    if head.startswith("WEBVTT"):
        return "vtt"
    if suffix == ".srt" or (suffix in {".vtt"}):
        return suffix[1:]
    if suffix in (".ass", ".ssa") or head.startswith("[Script Info]"):
        return "ass"  # Advanced SubStation Alpha (Aegisub and many video editors)
    # an .txt holding SRT: a cue number followed by a timing line
    if re.match(r"\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->", head):
        return "srt"
    return None


_ASS_EVENT = re.compile(r"^(?:Dialogue|Comment)\s*:\s*")
_ASS_TEXT_MARKUP = re.compile(r"\{[^}]*\}|\\[Nnh]")  # override tags, forced breaks, hard spaces
_ASS_TITLE = re.compile(r"^Title\s*:\s*")


def _ass_ranges(body: str, start: int) -> list[tuple[int, int]]:
    """An ASS line: everything is structure (styles, timings, fields) but the text of a
    Dialogue or Comment event (after its ninth comma, less its {\\tags}) and the title."""
    title = _ASS_TITLE.match(body)
    if title:
        return [(start, start + title.end())]
    event = _ASS_EVENT.match(body)
    if not event:
        return [(start, start + len(body))]
    cut = event.end()
    for _ in range(9):
        cut = body.find(",", cut) + 1
        if cut == 0:
            return [(start, start + len(body))]
    ranges = [(start, start + cut)]
    ranges += [(start + cut + m.start(), start + cut + m.end()) for m in _ASS_TEXT_MARKUP.finditer(body[cut:])]
    return ranges


def structure_ranges(text: str, fmt: str) -> list[tuple[int, int]]:
    """The lines of a subtitle file that are not spoken text."""
    if fmt == "ass":
        ranges: list[tuple[int, int]] = []
        pos = 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            if body.strip():
                ranges += _ass_ranges(body, pos)
            pos += len(line)
        return ranges
    ranges = []
    pos = 0
    in_note = False
    prev_blank = True
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start, end = pos, pos + len(body)
        pos += len(line)
        stripped = body.strip()
        if not stripped:
            in_note = False
            prev_blank = True
            continue
        is_structure = False
        if _SRT_TIMING.match(body) or _VTT_TIMING.match(body):
            is_structure = True
        elif prev_blank and _CUE_NUMBER.match(body):
            is_structure = True
        elif fmt == "vtt":
            if stripped.startswith("WEBVTT") or (prev_blank and stripped.split(" ")[0] in {"NOTE", "STYLE", "REGION"}):
                is_structure = True
                in_note = stripped.split(" ")[0] in {"NOTE", "STYLE", "REGION"}
            elif in_note:
                is_structure = True
            elif prev_blank and "-->" not in body and _next_is_timing(text, pos):
                is_structure = True  # a cue identifier line
        if is_structure:
            ranges.append((start, end))
        prev_blank = False
    return ranges


def _next_is_timing(text: str, pos: int) -> bool:
    nxt = text[pos:pos + 80].split("\n", 1)[0]
    return bool(_VTT_TIMING.match(nxt))


def read_text_bytes(data: bytes, suffix: str = ".txt") -> TextDocument:
    text, encoding, notes = decode(data)
    fmt = subtitle_format(text, suffix.lower())
    protected = structure_ranges(text, fmt) if fmt else []
    return TextDocument(text=text, encoding=encoding, notes=notes, protected=protected, subtitle_format=fmt)
