"""One sentence splitter for every rule that reasons about a sentence.

Scripts are short lines, list items and run-on voice-note transcripts as often as they are
prose, so a sentence ends at a full stop, a question or exclamation mark, a semicolon or a
line break; clauses split further at commas, colons, dashes and brackets. Offsets are into
the text given (callers pass normalised or folded text of the same length).
"""
from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^.!?;\n]+")
_CLAUSE = re.compile(r"[^,:—–()\[\]\"“”]+")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(text, start, len(text) if end is None else end)]


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of ``text[start:end]``, trimmed of blanks, empty ones left out."""
    out = []
    for m in _CLAUSE.finditer(text, start, end):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``: from the previous end of sentence to the next."""
    before = max(text.rfind(ch, 0, start) for ch in ".!?;\n") + 1
    m = _SENTENCE_END.search(text, end)
    return before, m.start() if m else len(text)


_SENTENCE_END = re.compile(r"[.!?;\n]")
