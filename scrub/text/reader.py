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
        if _not_utf16(data[2:]):
            raise UnreadableText("el archivo dice ser UTF-16 pero no lo es")
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


# a run of readable 8-bit text holding a long number: what UTF-16 text never looks like
# (each of its digits is two bytes, one of them 0 or not printable)
_ASCII_RUN = re.compile(rb"[\x20-\x7e\t\r\n]{8,}")
_ASCII_RUN_DIGITS = 7


def _not_utf16(body: bytes) -> bool:
    """Whether bytes behind a UTF-16 byte-order mark are really 8-bit text: decoded as
    UTF-16 they turn into other characters, and a phone written in them disappears from
    the text that is checked (fuzzing: two bytes FF FE written over the start of a UTF-8
    SRT made it 'clean'). UTF-16 text has NUL bytes (every line break, space and digit has
    one) and never a readable 8-bit run holding a number."""
    if len(body) >= 16 and b"\x00" not in body:
        return True
    return any(sum(c in b"0123456789" for c in m.group()) >= _ASCII_RUN_DIGITS for m in _ASCII_RUN.finditer(body))


def _refuse_binary(text: str) -> str:
    if not text:
        return text
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _CONTROL_OK)
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise UnreadableText("binary")
    return text


# A timing line is structure only as far as the format defines it: the two timings and,
# after them, SRT's X1:..Y2: box or WebVTT's cue settings. What else follows on the line
# is text (fuzzing: "00:00:04.500 --> 00:00:08.000Informes al 33 1842 7765", a line break
# lost, was skipped whole and called clean).
_SRT_TIMING = re.compile(r"^\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}(?!\d)"
                         r"(?:[ \t]+[XY][12]:-?\d{1,5})*[ \t]*(?=\s|$)")
_VTT_SETTING = (r"(?:vertical:(?:rl|lr)|line:-?\d{1,4}(?:\.\d{1,3})?%?(?:,(?:start|center|end))?"
                r"|position:\d{1,3}(?:\.\d{1,3})?%(?:,(?:line-left|center|line-right|auto))?"
                r"|size:\d{1,3}(?:\.\d{1,3})?%|align:(?:start|center|end|left|right)"
                r"|region:[A-Za-z_-][A-Za-z_-]{0,30}\d{0,3})")
_VTT_TIMING = re.compile(r"^\s*(?:\d{1,2}:)?\d{2}:\d{2}\.\d{3}\s*-->\s*(?:\d{1,2}:)?\d{2}:\d{2}\.\d{3}(?!\d)"
                         r"(?:[ \t]+" + _VTT_SETTING + r")*[ \t]*(?=\s|$)")
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
_ASS_TITLE = re.compile(r"^Title\s*:\s*")

# What an ASS file may skip as structure is exactly what the format defines (the ASS/SSA
# specification and what Aegisub writes), never "whatever looks like a header": a mutated
# line shaped like a section header, a Format line or a "Key: value" line can hold a phone.
# Section headers and keys are known names (any other is text); a Format line lists known
# field names (any other word on it is text); a Style's numbers are numbers or colours.
_ASS_SECTIONS = frozenset(s.lower() for s in (
    "Script Info", "V4 Styles", "V4+ Styles", "V4 Styles+", "Events", "Fonts", "Graphics",
    "Aegisub Project Garbage", "Aegisub Extradata"))
_ASS_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*$")
_ASS_FORMAT = re.compile(r"^\s*Format\s*:\s*")
_ASS_FIELD_NAMES = frozenset(s.lower() for s in (
    "Name", "Fontname", "Fontsize", "PrimaryColour", "SecondaryColour", "TertiaryColour", "OutlineColour",
    "BackColour", "Bold", "Italic", "Underline", "StrikeOut", "ScaleX", "ScaleY", "Spacing", "Angle",
    "BorderStyle", "Outline", "Shadow", "Alignment", "MarginL", "MarginR", "MarginV", "AlphaLevel",
    "Encoding", "RelativeTo", "Marked", "Layer", "Start", "End", "Style", "Actor", "Effect", "Text"))
_ASS_STYLE = re.compile(r"^\s*Style\s*:\s*")
# a style's fields after its name and font: numbers (sizes, flags, scales, angles) and colours
_ASS_STYLE_VALUE = re.compile(r"\s*(?:-?\d{1,5}(?:\.\d{1,4})?|&H[0-9A-Fa-f]{1,8}&?)\s*")
_ASS_KEY = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 ]{0,40}?)\s*:\s*")
# keys of [Script Info], of Aegisub's own sections and of the other event lines; a one-word
# key of letters alone holds nothing a person wrote either
_ASS_KEYS = frozenset(s.lower() for s in (
    "ScriptType", "Title", "Original Script", "Original Translation", "Original Editing", "Original Timing",
    "Synch Point", "Script Updated By", "Update Details", "PlayResX", "PlayResY", "PlayDepth", "Timer",
    "WrapStyle", "ScaledBorderAndShadow", "Collisions", "YCbCr Matrix", "Kerning", "LayoutResX",
    "LayoutResY", "Last Style Storage", "Audio File", "Video File", "Video Aspect Ratio", "Video AR Mode",
    "Video AR Value", "Video Zoom", "Video Zoom Percent", "Scroll Position", "Active Line", "Video Position",
    "Keyframes File", "Export Encoding", "Export filters", "Automation Scripts", "Audio URI", "Picture",
    "Sound", "Movie", "Command", "Data", "fontname", "filename"))
_ASS_ONE_WORD_KEY = re.compile(r"[A-Za-z]{1,40}")
# the fields of an event that are numbers or timings; Style, Name (the actor) and Effect are
# words a person typed, and are read like the text
_ASS_EVENT_STRUCTURE = {0, 1, 2, 5, 6, 7}
# what those fields hold when they are what the format says: a small number, or a timing
_ASS_FIELD_VALUE = re.compile(r"\s*(?:-?\d{1,5}|\d{1,2}:\d{2}:\d{2}[.:]\d{1,3})\s*")
# in an event's text: forced breaks and hard spaces, and {override blocks}. A block is
# structure only when it is a run of \tags; a tag's name is structure, and so is its
# argument when it is numbers, colours or a word (a font or style name). A {comment} with
# no tag, or an argument holding anything else, is text.
_ASS_BREAK = re.compile(r"\\[Nnh]")
_ASS_BLOCK = re.compile(r"\{([^{}]*)\}")
_ASS_TAG = re.compile(r"\\([1-4]?[A-Za-z]+)([^\\{}]*)")
_ASS_TAG_ARG = re.compile(r"[\s\d.,()&HhA-Fa-f+-]*|[A-Za-z][A-Za-z ]{0,40}\)?")


def _fields(body: str, first: int, count: int) -> list[tuple[int, int]]:
    """The first ``count`` comma-separated fields of ``body`` from ``first``, each as
    (start, end) with ``end`` past its comma; the last runs to the end of the line."""
    cuts = [first]
    for _ in range(count - 1):
        nxt = body.find(",", cuts[-1])
        if nxt < 0:
            break
        cuts.append(nxt + 1)
    return list(zip(cuts, cuts[1:] + [len(body) + 1]))


def _ass_text_ranges(text: str, at: int) -> list[tuple[int, int]]:
    ranges = [(at + m.start(), at + m.end()) for m in _ASS_BREAK.finditer(text)]
    for block in _ASS_BLOCK.finditer(text):
        inner, inner_at = block.group(1), block.start(1)
        tags = list(_ASS_TAG.finditer(inner))
        if not tags or tags[0].start() != 0 or tags[-1].end() != len(inner) or any(
                a.end() != b.start() for a, b in zip(tags, tags[1:])):
            continue  # not a run of tags: a comment, read as text
        ranges += [(at + block.start(), at + block.start() + 1), (at + block.end() - 1, at + block.end())]
        for tag in tags:
            stop = tag.end() if _ASS_TAG_ARG.fullmatch(tag.group(2)) else tag.end(1)
            ranges.append((at + inner_at + tag.start(), at + inner_at + stop))
    return ranges


def _ass_ranges(body: str, start: int) -> list[tuple[int, int]]:
    """What in an ASS line is structure, exactly as the format defines it: a known section
    header, the known field names of a Format line, the key of a known ``Key: value`` line,
    the numbers and colours of a Style, the layer, timings and margins of a Dialogue or
    Comment event, and the {\\tags} in its text. Everything else (a style's name, an event's
    actor and text, a value in [Script Info], a line or a word the format does not know, an
    event missing fields) is text to check: a phone written anywhere else in the file is
    still a phone."""
    section = _ASS_SECTION.match(body)
    if section:
        if " ".join(section.group(1).split()).lower() in _ASS_SECTIONS:
            return [(start, start + len(body))]
        return []  # a header the format does not define: its words are read
    form = _ASS_FORMAT.match(body)
    if form:
        ranges = [(start, start + form.end())]
        for s, e in _fields(body, form.end(), body.count(",") + 1):
            if body[s:e - 1].strip().lower() in _ASS_FIELD_NAMES:
                ranges.append((start + s, start + min(e, len(body))))
        return ranges
    event = _ASS_EVENT.match(body)
    if event:
        ranges = [(start, start + event.end())]
        fields = _fields(body, event.end(), 10)
        if len(fields) < 10:
            return ranges  # an event missing fields: which one is the text is unknown
        for index, (s, e) in enumerate(fields[:9]):
            if index in _ASS_EVENT_STRUCTURE and _ASS_FIELD_VALUE.fullmatch(body[s:e - 1]):
                ranges.append((start + s, start + e))
            else:
                ranges.append((start + e - 1, start + e))  # the comma after it
        text_start = fields[9][0]
        return ranges + _ass_text_ranges(body[text_start:], start + text_start)
    style = _ASS_STYLE.match(body)
    if style:
        # "Style: Name,Fontname,Fontsize,&Hcolours...,numbers": the name and the font are
        # words; the rest is structure where it is a number or a colour
        ranges = [(start, start + style.end())]
        for index, (s, e) in enumerate(_fields(body, style.end(), body.count(",") + 1)):
            if index >= 2 and _ASS_STYLE_VALUE.fullmatch(body[s:e - 1]):
                ranges.append((start + s, start + min(e, len(body))))
            elif e <= len(body):
                ranges.append((start + e - 1, start + e))  # the comma after it
        return ranges
    key = _ASS_KEY.match(body)
    if key and not body.lstrip().startswith(";"):
        name = " ".join(key.group(1).split())
        if name.lower() in _ASS_KEYS or _ASS_ONE_WORD_KEY.fullmatch(name):
            return [(start, start + key.end())]
    return []


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
    prev_blank = True
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start, end = pos, pos + len(body)
        pos += len(line)
        stripped = body.strip()
        if not stripped:
            prev_blank = True
            continue
        is_structure = False
        timing = (_VTT_TIMING if fmt == "vtt" else _SRT_TIMING).match(body) or _SRT_TIMING.match(body) \
            or _VTT_TIMING.match(body)
        if timing and timing.end() < len(body):
            # the timings are structure; what follows them on the line is not
            ranges.append((start, start + timing.end()))
            prev_blank = False
            continue
        if timing:
            is_structure = True
        elif prev_blank and _CUE_NUMBER.match(body) and len(stripped) <= 6 and _next_is_any_timing(text, pos):
            # a cue number is small and followed by its timing line; a number alone on a
            # line otherwise ("3318427765" after a blank line) is text
            is_structure = True
        elif fmt == "vtt":
            if stripped == "WEBVTT" or (stripped.startswith("WEBVTT") and start == 0 and stripped[6:7] in (" ", "\t")):
                # the header; what follows it on the line is a free description: text
                ranges.append((start, start + body.index("WEBVTT") + 6))
                prev_blank = False
                continue
            if prev_blank and stripped.split(" ")[0] in {"NOTE", "STYLE", "REGION"}:
                # only the keyword is structure: a NOTE or STYLE block's words are in the
                # file as much as a cue's, and are checked
                keyword = body.index(stripped.split(" ")[0])
                ranges.append((start, start + keyword + len(stripped.split(" ")[0])))
                prev_blank = False
                continue
            if prev_blank and "-->" not in body and _next_is_timing(text, pos) and len(stripped) <= 40 \
                    and len(re.findall(r"\d", stripped)) <= _CUE_ID_DIGITS:
                # a cue identifier line: short, and holding no number. It is free text the
                # author typed, so "no number" counts every digit, however spaced: a broken
                # timing line glued to a phone ("00:00:04.500 --Informes al 33 1842 7765")
                # or a spaced phone is read as text, not skipped
                is_structure = True
        if is_structure:
            ranges.append((start, end))
        prev_blank = False
    return ranges


# a cue identifier holding more digits than this may hold a phone (7 digits or more)
_CUE_ID_DIGITS = 6


def _next_is_any_timing(text: str, pos: int) -> bool:
    nxt = text[pos:pos + 80].split("\n", 1)[0]
    return bool(_SRT_TIMING.match(nxt) or _VTT_TIMING.match(nxt))


def _next_is_timing(text: str, pos: int) -> bool:
    nxt = text[pos:pos + 80].split("\n", 1)[0]
    return bool(_VTT_TIMING.match(nxt))


def read_text_bytes(data: bytes, suffix: str = ".txt") -> TextDocument:
    text, encoding, notes = decode(data)
    fmt = subtitle_format(text, suffix.lower())
    protected = structure_ranges(text, fmt) if fmt else []
    return TextDocument(text=text, encoding=encoding, notes=notes, protected=protected, subtitle_format=fmt)
