"""Normalisation with an offset map back to the original text.

Extortionists read "６６４ ９６１ ２１６９", "33​12​34​56​78" (zero-width spaces) and
"7️⃣8️⃣2️⃣" as phone numbers; a naive pattern does not. Detection runs on a normalised
copy in which every character remembers the range of the original it came from, so a
finding maps back to exact offsets in the file and redaction covers the whole original
value, invisible characters included.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters with no visible width that people (or platforms) insert inside numbers,
# e-mails and handles. Category Cf covers ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen,
# bidi marks; the rest are combining marks used by emoji (keycap, variation selectors).
_EXTRA_INVISIBLE = {"\u20e3", "\ufe0e", "\ufe0f", "\u034f"}


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" or ch in _EXTRA_INVISIBLE


@dataclass
class Normalized:
    text: str
    # for every character of ``text``, the [start, end) range in the original it came from
    starts: list[int]
    ends: list[int]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]



def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch
    if _is_invisible(ch):
        return ""
    digit = unicodedata.digit(ch, None)
    if digit is not None and unicodedata.category(ch) == "Nd":
        return str(digit)
    cat = unicodedata.category(ch)
    if cat == "Zs":
        return " "
    if ch in "\u2010\u2011\u2012\u2013\u2014\u2212\u2043\ufe63\uff0d":
        return "-"
    # NFKC turns full-width and mathematical letters and digits into plain ones, but
    # leaves accented letters as they are (detection patterns expect "á").
    folded = unicodedata.normalize("NFKC", ch)
    if folded != ch and all(c.isascii() for c in folded):
        return folded
    if len(folded) == 1 and folded != ch:
        return folded
    return ch


# Look-alike letters people type inside numbers ("33 l234 567O"): O/o for 0, l/I/| for 1.
# Only inside a token that already holds at least two real digits, so words stay words.
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
_MIXED_TOKEN = re.compile(r"(?<![A-Za-z])[0-9OoIl|]{3,}(?![A-Za-z])")


# a run of such tokens joined as a number's groups are ("8OO 2l2 4OO5", "8l-88-O4-l7-29"):
# read as a whole, since one group alone may hold a single real digit
_MIXED_RUN = re.compile(r"(?<![A-Za-z])[0-9OoIl|]{2,}(?:[ .\-·•][0-9OoIl|]{2,}){1,6}(?![A-Za-z])")
# OCR reads I as l and O as 0 inside words written in capitals ("FAMlLlA", "INF0RMES")
_CAPS_OCR = re.compile(r"(?<![\w])(?=[A-ZÁÉÍÓÚÑl0]*[A-ZÁÉÍÓÚÑ]{2})(?=[A-ZÁÉÍÓÚÑ0]*l|[A-ZÁÉÍÓÚÑl]*0)[A-ZÁÉÍÓÚÑl0]{3,}(?![\w])")
_CAPS_LOOKALIKE = str.maketrans({"l": "I", "0": "O"})
# a CURP as OCR or a hurried typist gives it: O for 0 and l or I for 1 where its date and
# check digit are ("CEMA9OO7l5HMNJNB08"); only those positions are read as digits
_CURP_SHAPE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{4}[0-9OIl]{6}[HMX][A-Z]{5}[0-9A-Z][0-9OIl](?![A-Za-z0-9])")


def _fix_curp(m: re.Match) -> str:
    v = m.group()
    digits = lambda part: part.translate(_LOOKALIKE)
    return v[:4] + digits(v[4:10]) + v[10:17] + digits(v[17])


def unmask_lookalikes(text: str) -> str:
    """Same length as ``text``: offsets do not move."""
    def fix(m: re.Match) -> str:
        token = m.group()
        if sum(ch.isdigit() for ch in token) < 2 or token.isdigit():
            return token
        return token.translate(_LOOKALIKE)

    def fix_run(m: re.Match) -> str:
        run = m.group()
        chars = [ch for ch in run if ch not in " .-·•"]
        if run.replace(" ", "").isdigit() or len(chars) < 7 or sum(ch.isdigit() for ch in chars) * 2 < len(chars):
            return run
        return run.translate(_LOOKALIKE)

    text = _MIXED_RUN.sub(fix_run, text)
    text = _CURP_SHAPE.sub(_fix_curp, text)
    text = _CAPS_OCR.sub(lambda m: m.group().translate(_CAPS_LOOKALIKE), text)
    return _MIXED_TOKEN.sub(fix, text)


def _widen(ranges: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Protected ranges plus the blank space around them, merged."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        while start > 0 and text[start - 1].isspace():
            start -= 1
        while end < len(text) and text[end].isspace():
            end += 1
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _needs_folding_pattern() -> re.Pattern:
    latin1 = "".join(re.escape(chr(c)) for c in range(0x80, 0x100) if _fold_char(chr(c)) != chr(c))
    return re.compile(f"[{latin1}\u0100-\U0010FFFF]")


_NEEDS_FOLDING = _needs_folding_pattern()


# terminal escape codes (ANSI CSI: colours, "conceal", cursor moves) have no width either:
# "33\x1b[8m18\x1b[0m42..." is a phone a terminal shows or hides
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]|\x9b[0-9;?]*[ -/]*[@-~]")


def normalize(text: str, drop: list[tuple[int, int]] | None = None) -> Normalized:
    """Fold look-alike characters, remove invisible ones, and replace each ``drop`` range
    (subtitle timing lines and cue numbers) by one line break, so that a number cut in
    two by a cue break reads as one."""
    if not drop and not _NEEDS_FOLDING.search(text) and "\x1b" not in text:
        # nothing to fold (plain ASCII and Spanish letters): the map is the identity
        n = len(text)
        return Normalized(unmask_lookalikes(text), list(range(n)), list(range(1, n + 1)), n)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    dropped = _widen(drop or [], text)
    k = 0
    i = 0
    n = len(text)
    while i < n:
        if k < len(dropped) and i == dropped[k][0]:
            start, end = dropped[k]
            out.append("\n")
            starts.append(start)
            ends.append(end)
            i = end
            k += 1
            continue
        ch = text[i]
        if ch in "\x1b\x9b":
            code = _ANSI.match(text, i)
            if code:
                if ends:
                    ends[-1] = code.end()  # redaction swallows the codes with the detail
                i = code.end()
                continue
        folded = _fold_char(ch)
        if not folded:
            # an invisible character joins the characters around it: widen the
            # previous character's range so redaction swallows it too
            if ends:
                ends[-1] = i + 1
            i += 1
            continue
        for c in folded:
            out.append(c)
            starts.append(i)
            ends.append(i + 1)
        i += 1
    return Normalized(unmask_lookalikes("".join(out)), starts, ends, n)
