"""Numbers fail closed: a long number leaves only when scrub can say what it is.

Every rule that finds a phone, a card, an ID or an account knows some ways of writing it;
families and migrants write numbers in many more ("55 🌸 4471 🌸 0926", "7723-1190",
"DPI 2575 96674 1307", "V-14.382.907"), and each way a rule did not know was a number
published in silence. So the default is turned around: after normalisation (spoken numbers,
look-alike letters, keycaps, full-width digits, invisible characters, subtitle cue joins),
every run of :data:`MIN_DIGITS` or more digits is a finding, unless

- a rule already identified it (a phone, a CLABE, a CURP...: reported by that rule), or the
  case file lists it as public (kept by the case policy), or
- it is *explained* as harmless: a date, a year or a list of years, an amount of money, a
  measure or a count ("1.70 m", "más de 128 000 personas"), the public reference of a case
  file ("Carpeta FGE/XAL/0872/2024", "Ficha 114/2024"), or digits inside a web link.

What is left is reported as ``number-unidentified``: "a number I could not identify: do not
publish it unless you know it is public".

A "run" is digit groups joined by what people put between the digits of one number:
blanks, dots, dashes, slashes, commas, parentheses, plus signs, bullets, emoji, and at most
one line break (a subtitle cue break becomes one). Each group is then judged: a group inside
an explanation or an identified finding is accounted for; the consecutive groups left over
are a number of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scrub.case import fold_keeping_length
from scrub.text import lexicon
from scrub.text.spans import Span, SpanIndex

MIN_DIGITS = 7  # shorter runs are ages, house numbers, postal codes, times, prices

_GROUP = re.compile(r"\d+")
# between two groups of one number: no letter, no digit, no colon (times: "18:30"), at most
# one line break, at most a few characters ("55 🌸 4471", "33 - 1234", "(33) 1234")
_JOINER = re.compile(r"[^\w\n:]{1,5}(?:\n[^\w\n:]{0,4})?|\n[^\w\n:]{0,4}|_")
_MAX_GROUPS = 24


@dataclass
class Group:
    start: int
    end: int
    digits: str


@dataclass
class Run:
    groups: list[Group]

    @property
    def start(self) -> int:
        return self.groups[0].start

    @property
    def end(self) -> int:
        return self.groups[-1].end

    @property
    def digits(self) -> str:
        return "".join(g.digits for g in self.groups)


def digit_runs(text: str, min_digits: int = 1) -> list[Run]:
    """Every run of digit groups in ``text`` with at least ``min_digits`` digits."""
    runs: list[Run] = []
    current: list[Group] = []
    last_end = -1
    for m in _GROUP.finditer(text):
        group = Group(m.start(), m.end(), m.group())
        if current and len(current) < _MAX_GROUPS and _JOINER.fullmatch(text, last_end, m.start()):
            current.append(group)
        else:
            if current:
                runs.append(Run(current))
            current = [group]
        last_end = m.end()
    if current:
        runs.append(Run(current))
    return [r for r in runs if len(r.digits) >= min_digits]


# --- explanations ---------------------------------------------------------------------------

_MONTHS = (r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|"
           r"diciembre|ene|feb|mar|abr|may|jun|jul|ago|sep|sept|oct|nov|dic|january|february|march|april|june|"
           r"july|august|september|october|november|december|jan|apr|aug|dec)")
_YEAR = r"(?:19|20)\d\d"
_DATE_DMY = re.compile(rf"(?<![\d.])(\d{{1,2}})[ \t]?([/.\-])[ \t]?(\d{{1,2}})[ \t]?\2[ \t]?({_YEAR}|\d\d)(?![\d])")
# "September 14, 2024", "14 de marzo de 2024", "March 3rd 1999"
_DATE_WORDS = re.compile(rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b|\b\d{{1,2}}(?:st|nd|rd|th|o|º)?\s+(?:de\s+|of\s+)?{_MONTHS}\.?,?\s+(?:de\s+|del\s+)?{_YEAR}\b")
_DATE_YMD = re.compile(rf"(?<![\d.])({_YEAR})([/.\-])(\d{{1,2}})\2(\d{{1,2}})(?![\d])")
# a number written with thousands separators (or a plain one), possibly with decimals
_AMOUNT = r"\d{1,3}(?:[.,  ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_ALONE = r"(?<![\d.,])(?<!\d[ \t\-])"  # not the last group of a longer number
_CURRENCY_BEFORE = re.compile(rf"(?:[$€£¥]|\b(?:us|mx|usd|mxn|q|l|c)\$?)[ \t]?(?P<n>{_AMOUNT})")
_REFERENCE_CODE = r"#?[ \t]?-?(?P<code>[a-z0-9](?:[a-z0-9]|[/\-.](?=[a-z0-9])|[ \t](?=\d)){3,40})"
_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|mx|org|net|gob|gov|edu|info|me|ly|co|app|la|li|gl)(?:\.\w{2})?/\S*")
# "FGE/XAL/0872/2024", "ZAC/FGJ/1183/2024", "114/2024": a file number and its year
_FILE_NUMBER_SHAPE = re.compile(rf"(?<![\w/])(?:[a-z]{{2,8}}[/\-])*\d{{1,7}}/{_YEAR}(?![\w/])"
                                rf"|(?<![\w/])(?:[a-z]{{2,8}}/)+{_YEAR}/\d{{1,7}}(?![\w/])")


def _valid_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


@dataclass
class Explanation:
    start: int
    end: int
    why: str  # date, year, money, measure, reference (of a case), link


def explanations(text: str) -> list[Explanation]:
    """Spans of ``text`` whose digits are harmless, each with the reason."""
    folded = fold_keeping_length(text)
    out: list[Explanation] = []
    for m in _DATE_DMY.finditer(folded):
        a, b = int(m.group(1)), int(m.group(3))
        if _valid_date(a, b) or _valid_date(b, a):  # day/month or month/day (US)
            out.append(Explanation(m.start(), m.end(), "date"))
    for m in _DATE_YMD.finditer(folded):
        if _valid_date(int(m.group(4)), int(m.group(3))):
            out.append(Explanation(m.start(), m.end(), "date"))
    for m in _DATE_WORDS.finditer(folded):
        out.append(Explanation(m.start(), m.end(), "date"))
    for m in _CURRENCY_BEFORE.finditer(folded):
        out.append(Explanation(m.start("n"), m.end("n"), "money"))
    # an amount or a measure stands alone: the last group of a longer number ("33 1842
    # 7765m", "33 1842 7765 pesos") is not explained by the word after it (found by fuzzing)
    after_money = re.compile(rf"{_ALONE}(?P<n>{_AMOUNT})[ \t]*(?:{lexicon.alternation('money')})(?![\w])")
    for m in after_money.finditer(folded):
        out.append(Explanation(m.start("n"), m.end("n"), "money"))
    measure = re.compile(rf"{_ALONE}(?P<n>{_AMOUNT})[ \t]*(?:{lexicon.alternation('measure')})(?![\w])")
    for m in measure.finditer(folded):
        out.append(Explanation(m.start("n"), m.end("n"), "measure"))
    counted = re.compile(rf"(?<![\w])(?:{lexicon.alternation('quantity_before')})[ \t]+(?:de[ \t]+)?(?P<n>{_AMOUNT})(?![\d])")
    for m in counted.finditer(folded):
        out.append(Explanation(m.start("n"), m.end("n"), "measure"))
    out.extend(_case_references(folded))
    for m in _FILE_NUMBER_SHAPE.finditer(folded):
        out.append(Explanation(m.start(), m.end(), "reference"))
    for m in _LINK.finditer(folded):
        out.append(Explanation(m.start(), m.end(), "link"))
    return out


def _case_references(folded: str) -> list[Explanation]:
    """Codes introduced as the public reference of a case ("Carpeta de investigación
    FGE/CUE/3012/2021", "Folio CNB 2024-05-0518", "Case reference BJC-2024-052"), unless
    the sentence speaks of money: a "folio" of Elektra or Western Union is a remittance code,
    which collects the money."""
    out: list[Explanation] = []
    intro = re.compile(
        rf"(?<![\w])(?:{lexicon.alternation('case_reference')})(?![\w])"
        rf"(?:[ \t]+(?:de[ \t]+investigacion|de[ \t]+busqueda|number|no\.?|num\.?|numero|n[o°º]\.?))?"
        # "Expediente de la Red:", "folio del caso": a few words naming whose reference it is
        rf"(?:[ \t]+(?:de|del|de[ \t]+la|de[ \t]+los|of[ \t]+the|of)[ \t]+[a-z]+){{0,2}}"
        rf"[ \t]*[:#]?[ \t]*(?:(?:es|is|el|la|es[ \t]+la|es[ \t]+el)[ \t]+)?{_REFERENCE_CODE}"
    )
    money = re.compile(rf"(?<![\w])(?:{lexicon.alternation('remittance')}|{lexicon.alternation('account')}|{lexicon.alternation('card')})(?![\w])")
    for m in intro.finditer(folded):
        code = m.group("code")
        if not any(ch.isdigit() for ch in code):
            continue
        sentence_start = max(folded.rfind(ch, 0, m.start()) for ch in ".!?\n") + 1
        sentence_end = min((i for i in (folded.find(ch, m.end()) for ch in ".!?\n") if i >= 0), default=len(folded))
        if money.search(folded, sentence_start, sentence_end):
            continue
        out.append(Explanation(m.start("code"), m.end("code"), "reference"))
    return out


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and digits[:2] in ("19", "20")


_YEAR_BEFORE = None


def _year_groups(text: str, folded: str, run: Run) -> set[int]:
    """Indexes of the groups of ``run`` that are years: after a word that introduces a year
    ("en 2019", "desde 2021", "of 2020", a month name), or in a list or range of years
    joined to such a year ("de 2019, 2020 y 2021", "2023-2024")."""
    global _YEAR_BEFORE
    if _YEAR_BEFORE is None:
        _YEAR_BEFORE = re.compile(rf"(?:(?<![\w])(?:{lexicon.alternation('year_before')}|{_MONTHS})[ \t,]*|[(\[][ \t]*)$")
    years: set[int] = set()
    for i, g in enumerate(run.groups):
        if not _is_year(g.digits):
            continue
        if i == 0 and _YEAR_BEFORE.search(folded, max(0, g.start - 30), g.start):
            years.add(i)
    # a year joined to a year is a year too ("2019, 2020", "2023-2024")
    changed = True
    while changed:
        changed = False
        for i, g in enumerate(run.groups):
            if i in years or not _is_year(g.digits):
                continue
            if (i - 1 in years) or (i + 1 in years):
                years.add(i)
                changed = True
    if len(run.groups) >= 2 and all(_is_year(g.digits) for g in run.groups):
        years.update(range(len(run.groups)))  # "2019/2020/2021": nothing but years
    return years


@dataclass
class Unexplained:
    start: int
    end: int
    digits: str


def unexplained_numbers(text: str, accounted: list[tuple[int, int]],
                        known: list[Explanation] | None = None) -> list[Unexplained]:
    """Runs of :data:`MIN_DIGITS` or more digits in ``text`` (normalised) that neither an
    explanation nor an ``accounted`` span (an identified finding, a public contact) covers.
    ``known``: the text's explanations, when the caller has them already."""
    runs = digit_runs(text, MIN_DIGITS)
    if not runs:
        return []
    folded = fold_keeping_length(text)
    explained = SpanIndex()
    identified = SpanIndex()
    for s, e in [(x.start, x.end) for x in (explanations(text) if known is None else known)] + list(accounted):
        explained.add(Span(s, e))
    for s, e in accounted:
        identified.add(Span(s, e))
    out: list[Unexplained] = []
    for run in runs:
        years = _year_groups(text, folded, run)
        loose: list[Group] = []
        after_identified = False
        for i, g in enumerate(run.groups):
            if i in years or _covered(g, explained):
                _emit(loose, out, after_identified or (_covered(g, identified) and _plain(text, loose, g)))
                loose = []
                after_identified = _covered(g, identified)
            else:
                if not loose and after_identified and not _plain(text, [run.groups[i - 1]], g):
                    after_identified = False  # "871 204 66 38\n👍 58": a count under a phone, not its digits
                loose.append(g)
        _emit(loose, out, after_identified)
    return out


def _covered(g: Group, spans: SpanIndex) -> bool:
    return any(s.start <= g.start and g.end <= s.end for s in spans.overlapping(g.start, g.end))


def _plain(text: str, before: list[Group], after: Group) -> bool:
    """Whether the groups are joined only by blanks, dashes, dots or one line break (as the
    pieces of one number are), not by an emoji or a symbol."""
    if not before:
        return False
    return re.fullmatch(r"[ \t.\-/]*\n?[ \t.\-/]*", text[before[-1].end:after.start]) is not None


def _emit(groups: list[Group], out: list[Unexplained], joined_to_identified: bool = False) -> None:
    """``joined_to_identified``: the groups go on from a number a rule identified (a DPI cut
    by a subtitle cue: "1225 01691 | 1401"), so they are the rest of it, however short."""
    digits = "".join(g.digits for g in groups)
    if len(digits) >= MIN_DIGITS or (joined_to_identified and len(digits) >= 2):
        out.append(Unexplained(groups[0].start, groups[-1].end, digits))
