"""Numbers written as words: "siete cuatro cuatro, dos cero uno, noventa y nueve...".

Families write phone numbers the way they are read aloud, partly so that platforms do not
take the post down; extortionists read them all the same. A run of number words becomes
digits in the normalised text, each group mapped to the words it came from, so the phone
patterns see "744 201 99 39" and a finding covers exactly the original words.

Why not text2num (which the issue suggests): on digit-by-digit Spanish it merges groups
inconsistently ("dos cero uno" -> "2 01"), it has no "oh" for zero in English, and it works
on pre-split tokens, so character offsets would need a second alignment pass. Phone
reading needs only units, teens, tens, "y"/hyphen compounds and hundreds, which a table
covers exactly, with offsets.
"""
from __future__ import annotations

import re

from scrub.case import fold
from scrub.text.normalize import Normalized

_UNITS = {
    "cero": 0, "uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9,
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
_TEENS = {
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiun": 21,
    "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26,
    "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400,
    "quinientos": 500, "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
}
# "double two", "doble cinco", "triple oh": a digit said twice or three times
_REPEAT = {"double": 2, "doble": 2, "triple": 3}
_THOUSAND = {"mil", "thousand"}
_ALL = set(_UNITS) | set(_TEENS) | set(_TENS) | set(_HUNDREDS) | set(_REPEAT) | _THOUSAND | {"y", "and", "hundred"}
_MONTH_AFTER = re.compile(
    r"[ \t]+(?:de[ \t]+|of[ \t]+)?(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    r"noviembre|diciembre|january|february|march|april|may|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-zÁÉÍÓÚáéíóúÑñÜü]+|\d+")
# what may stand between the number words of one run: spaces, commas, hyphens, dots, one
# line break (a subtitle cue break becomes one in the normalised text)
_GAP = re.compile(r"[ \t,\-.·/]*(?:\n[ \t]*)?[ \t,\-.·/]*")
MIN_DIGITS = 4  # shorter runs are ages, counts and street names ("Cinco de Mayo")


def _year(words: list[tuple[int, int, str]], i: int) -> tuple[int, int] | None:
    """Thousands and years said in words starting at ``words[i]``: "mil novecientos
    noventa y siete", "dos mil tres", "mil quinientos treinta", "nineteen ninety-nine",
    "two thousand three", "twenty twenty-four". (value, index after it), or None; "mil
    gracias" stays words."""
    w = words[i][2]
    j = i
    single = {**_UNITS, **_TEENS, **_TENS, **_HUNDREDS}
    if w in _THOUSAND or (w in single and w not in ("oh", "cero", "zero") and i + 1 < len(words) and words[i + 1][2] in _THOUSAND):
        # "mil novecientos noventa y siete", "dos mil tres", "mil quinientos treinta" (a house
        # number), "cinco mil" (an amount): "mil" with a number word beside it
        base, j = (1000, i + 1) if w in _THOUSAND else (single[w] * 1000, i + 2)
        rest = _groups(words[j:j + 4]) if j < len(words) and words[j][2] in single else []
        value, used = base, 0
        if rest and len(rest[0][2]) <= 3:
            value += int(rest[0][2])
            used = _words_in(words, j, rest[0][1])
        if w in _THOUSAND and not used:
            return None  # "mil gracias": no number
        return value, j + used
    if w in _TEENS and _TEENS[w] in (19, 20) and i + 1 < len(words) and words[i + 1][2] in _TENS:
        rest = _groups(words[i + 1:i + 4])
        if rest and len(rest[0][2]) == 2:
            return _TEENS[w] * 100 + int(rest[0][2]), i + 1 + _words_in(words, i + 1, rest[0][1])
    if w == "twenty" and i + 1 < len(words) and words[i + 1][2] in set(_TENS) | set(_TEENS):
        rest = _groups(words[i + 1:i + 4])
        if rest and len(rest[0][2]) == 2:
            return 2000 + int(rest[0][2]), i + 1 + _words_in(words, i + 1, rest[0][1])
    return None


def _words_in(words: list[tuple[int, int, str]], j: int, end: int) -> int:
    """How many words from ``words[j]`` end at or before offset ``end``."""
    n = 0
    while j + n < len(words) and words[j + n][1] <= end:
        n += 1
    return n


def _groups(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Number words -> (start, end, digits) groups, reading tens+units, hundreds, repeated
    digits and years."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        s, e, w = words[i]
        year = _year(words, i)
        if year:
            value, j = year
            out.append((s, words[j - 1][1], str(value)))
            i = j
            continue
        if w in _REPEAT and i + 1 < len(words) and words[i + 1][2] in _UNITS:
            out.append((s, words[i + 1][1], str(_UNITS[words[i + 1][2]]) * _REPEAT[w]))
            i += 2
            continue
        if w in _HUNDREDS:
            value, j = _HUNDREDS[w], i + 1
            if j < len(words) and words[j][2] in _TENS:
                value += _TENS[words[j][2]]
                e, j = words[j][1], j + 1
                if j + 1 < len(words) and words[j][2] == "y" and words[j + 1][2] in _UNITS:
                    value += _UNITS[words[j + 1][2]]
                    e, j = words[j + 1][1], j + 2
            elif j < len(words) and (words[j][2] in _TEENS or words[j][2] in _UNITS) and w == "ciento":
                value += _TEENS.get(words[j][2], _UNITS.get(words[j][2], 0))
                e, j = words[j][1], j + 1
            out.append((s, e, str(value)))
            i = j
        elif w in _TENS:
            value, j = _TENS[w], i + 1
            if j + 1 < len(words) and words[j][2] in ("y", "and") and words[j + 1][2] in _UNITS and words[j + 1][2] not in ("oh", "zero", "cero"):
                value += _UNITS[words[j + 1][2]]
                e, j = words[j + 1][1], j + 2
            elif j < len(words) and words[j][2] in _UNITS and words[j][2] not in ("oh", "zero", "cero", "un", "una") and _is_english(w):
                value += _UNITS[words[j][2]]  # "sixty-two", "sixty two"
                e, j = words[j][1], j + 1
            out.append((s, e, str(value)))
            i = j
        elif w in _TEENS:
            out.append((s, e, str(_TEENS[w])))
            i += 1
        elif w in _UNITS:
            value = _UNITS[w]
            if i + 1 < len(words) and words[i + 1][2] == "hundred":
                out.append((s, words[i + 1][1], str(value * 100)))
                i += 2
                continue
            out.append((s, e, str(value)))
            i += 1
        elif w.isdigit():
            out.append((s, e, w))
            i += 1
        else:  # a stray "y"/"and"/"hundred"/"mil"/"double": not part of a number
            i += 1
    return out


def _is_english(word: str) -> bool:
    return word.endswith("ty")


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    last_end = None
    for m in _WORD.finditer(text):
        word = fold(m.group())
        connector = word in ("y", "and", "hundred")
        is_number = word in _ALL or word.isdigit()  # digits mixed with words: "33 doce 34"
        gap_ok = last_end is not None and _GAP.fullmatch(text[last_end:m.start()]) is not None
        if is_number and (current and gap_ok or not connector):
            if current and not gap_ok:
                runs.append(current)
                current = []
            current.append((m.start(), m.end(), word))
            last_end = m.end()
        else:
            if current:
                runs.append(current)
            current, last_end = [], None
    if current:
        runs.append(current)
    return runs


def _digits_around(text: str, run: list[tuple[int, int, str]]) -> int:
    before = re.search(r"[\d \t,\-.]*$", text[: run[0][0]]).group()
    after = re.match(r"[\d \t,\-.]*", text[run[-1][1]:]).group()
    return sum(ch.isdigit() for ch in before + after)


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "primero": 1, "primer": 1,
}
_ORDINAL_DAY = re.compile(
    r"\b(?P<month>january|february|march|april|may|june|july|august|september|october|november|december)[ \t]+"
    r"(?:(?P<tens>twenty|thirty)[ \t-])?(?P<a>" + "|".join(_ORDINALS) + r")\b"
    r"|\b(?:the[ \t]+)?(?:(?P<tens2>twenty|thirty)[ \t-])?(?P<b>" + "|".join(_ORDINALS) + r")[ \t]+(?:of[ \t]+|de[ \t]+)"
    r"(?=january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|"
    r"abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)",
    re.IGNORECASE,
)


def _ordinal_days(text: str, taken: list[tuple[int, int, list]]) -> list[tuple[int, int, list[tuple[int, int, str]]]]:
    """An ordinal day next to its month ("March third", "the twenty-first of June",
    "primero de mayo") becomes its number, so a date of birth said in words is a date."""
    out = []
    for m in _ORDINAL_DAY.finditer(text):
        word = "a" if m.group("a") else "b"
        tens = m.group("tens") or m.group("tens2")
        start = m.start("tens" if m.group("tens") else "tens2") if tens else m.start(word)
        end = m.end(word)
        if any(s < end and start < e for s, e, _ in taken):
            continue
        value = _ORDINALS[m.group(word).lower()] + (_TENS[tens.lower()] if tens else 0)
        if value <= 31:
            out.append((start, end, [(start, end, str(value))]))
    return out


def spell_out_numbers(norm: Normalized) -> Normalized:
    """Replace runs of number words (at least MIN_DIGITS digits) by digits, composing the
    offset map so every digit still points at the original words."""
    text = norm.text
    replacements: list[tuple[int, int, list[tuple[int, int, str]]]] = []
    for run in _runs(text):
        while run and run[0][2] in ("y", "and", "hundred"):
            run = run[1:]
        while run and run[-1][2] in ("y", "and"):
            run = run[:-1]
        while run and run[0][2].isdigit():  # digits around the words stay as they are
            run = run[1:]
        while run and run[-1][2].isdigit():
            run = run[:-1]
        if not run:
            continue
        groups = _groups(run)
        if not groups:
            continue
        # a day said in words before its month ("veintiuno de junio") is a date's day
        if sum(len(g[2]) for g in groups) + _digits_around(text, run) >= MIN_DIGITS or _MONTH_AFTER.match(text, run[-1][1]):
            replacements.append((run[0][0], run[-1][1], groups))
    replacements.extend(_ordinal_days(text, replacements))
    replacements.sort()
    if not replacements:
        return norm
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for r_start, r_end, groups in replacements:
        for k in range(pos, r_start):
            out.append(text[k])
            starts.append(norm.starts[k])
            ends.append(norm.ends[k])
        for n, (g_start, g_end, digits) in enumerate(groups):
            if n:
                gap = text[groups[n - 1][1]:g_start]
                sep = "\n" if "\n" in gap else " "
                out.append(sep)
                starts.append(norm.starts[groups[n - 1][1]])
                ends.append(norm.ends[g_start - 1])
            for ch in digits:
                out.append(ch)
                starts.append(norm.starts[g_start])
                ends.append(norm.ends[g_end - 1])
        pos = r_end
    for k in range(pos, len(text)):
        out.append(text[k])
        starts.append(norm.starts[k])
        ends.append(norm.ends[k])
    return Normalized("".join(out), starts, ends, norm.original_length)
