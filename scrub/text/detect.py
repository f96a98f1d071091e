"""From a decoded text and its case file to findings with exact offsets.

normalise (offset map) -> analyzer -> back to original offsets -> case policy (subject,
public contacts) -> one finding per overlapping group -> split at subtitle structure.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from scrub.case import Case, digits_of, fold, fold_keeping_length
from scrub.findings import Finding
from scrub.policy import PYTHON_RULES, rule_severity, severity_for
from scrub.text import lexicon
from scrub.text.infer import complete_case, is_toll_free
from scrub.text.normalize import normalize
from scrub.text.numbers import digit_runs, explanations, unexplained_numbers
from scrub.text.reader import TextDocument
from scrub.text.spans import Span, SpanIndex
from scrub.text.spoken import spell_out_numbers
from scrub.text.withheld import find_withheld

_PYTHON_RULE_IDS = frozenset(rid for rid, _entity, _severity in PYTHON_RULES)
_ES_WORDS = set("el la los las de del que y en un una es por con para su sus mi mis se lo le al desde cuando fue tiene".split())
_EN_WORDS = set("the and of to in a is was for with his her my on at from when has he she they missing".split())


def guess_language(text: str) -> str:
    words = re.findall(r"[a-záéíóúñ]+", text.lower())
    es = sum(w in _ES_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "en" if en > es else "es"


@dataclass
class Candidate:
    start: int
    end: int
    entity: str
    rule: str
    score: float


def _public_urlish(value: str) -> str:
    v = fold(value).strip().rstrip("/")
    v = re.sub(r"^https?://", "", v)
    v = re.sub(r"^www\.", "", v)
    return v


def is_kept(case: Case | None, entity: str, value: str, rule: str = "", ocr: bool = False, read: str = "") -> bool:
    """What the case file (and common sense) says may be published. ``read``: the value as
    detection read it ("tres cinco uno..." is 351...), compared as well as the value."""
    if read and read != value and entity in ("PHONE", "NUMBER", "EMAIL", "SOCIAL", "FINANCIAL", "PERSON"):
        if is_kept(case, entity, read, rule, ocr):
            return True
    case = case or Case()  # no case file: only the always-public numbers (911, 089...)
    if entity == "PERSON":
        if rule == "person-namesake":
            return False  # "mi papá, que también se llama Juan": the name is the subject's, the person is not
        if rule == "person-relative":
            # "sus hijos Alberto y ...": a relative may share the missing person's first
            # name; only the subject's own forms are kept
            return case.is_subject_form(value)
        return case.is_subject_name(value, ocr=ocr)
    if entity in ("ADDRESS", "POSTAL_CODE"):
        # an institution's address the case file lists as public ("Fiscalía ... Calzada
        # Independencia Norte 778"): the found words and the listed ones, one inside the other
        found = _words(value)
        return bool(found) and any(_contains(listed, found) or _same_street_and_number(found, listed)
                                   for listed in (_words(c) for c in case.public_contacts) if len(listed) >= 2)
    if entity in ("PHONE", "NUMBER") and is_toll_free(digits_of(value)):
        return True  # a toll-free line reaches an institution, never a family
    if entity in ("PHONE", "EMAIL", "SOCIAL", "FINANCIAL", "NUMBER"):
        if case.is_public_contact(value):
            return True
        public = {_public_urlish(c) for c in case.public_contacts}
        return _public_urlish(value) in public or _public_urlish(value).lstrip("@") in {p.lstrip("@") for p in public}
    return False


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def _contains(outer: list[str], inner: list[str]) -> bool:
    """``inner`` appears in ``outer`` as whole consecutive words."""
    n = len(inner)
    return 0 < n <= len(outer) and any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def _same_street_and_number(a: list[str], b: list[str]) -> bool:
    """Three or more words in a row in both, a number among them: the same street and house
    number, whatever else each adds (the colonia, the postal code)."""
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            if k >= 3 and any(w.isdigit() for w in a[i:i + k]) and any(not w.isdigit() for w in a[i:i + k]):
                return True
    return False


def _resolve(cands: list[Candidate]) -> list[Candidate]:
    """One finding per place: the most confident wins; of equals, the longer."""
    accepted: list[Candidate] = []
    index = SpanIndex()
    for c in sorted(cands, key=lambda c: (-c.score, -(c.end - c.start), c.start)):
        clash = list(index.overlapping(c.start, c.end))
        if not clash:
            accepted.append(c)
            index.add(c)
            continue
        # the same kind of detail found twice with different extents (by one rule, or by
        # two: a street rule and the address chain around it): keep their union
        for a in clash:
            if a.entity == c.entity:
                a.start, a.end = min(a.start, c.start), max(a.end, c.end)
                index.add(a)
    return sorted(accepted, key=lambda c: (c.start, c.end))


def _subtract(start: int, end: int, holes: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    pieces = [(start, end)]
    for hs, he in holes:
        nxt = []
        for s, e in pieces:
            if he <= s or hs >= e:
                nxt.append((s, e))
                continue
            if s < hs:
                nxt.append((s, hs))
            if he < e:
                nxt.append((he, e))
        pieces = nxt
    out = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        # a sentence's full stop is punctuation, not part of the detail: left in place, the
        # redacted sentence still ends ("vivimos en [domicilio].")
        if e - s > 1 and text[e - 1] == "." and (e == len(text) or text[e].isspace()):
            e -= 1
        if e > s and any(ch.isalnum() for ch in text[s:e]):
            out.append((s, e))
    return out


_FIVE_DIGITS = re.compile(r"(?<![\w.,$])\d{5}(?![\w.,])")


def _postal_codes_after_addresses(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"calle Venustiano Carranza 233, colonia Centro, 28100 Tecomán": five digits on the
    line of a street address, just after it, are its postal code even without "C.P."."""
    out = []
    for c in cands:
        if c.entity != "ADDRESS":
            continue
        tail = text[c.end:c.end + 40].split("\n", 1)[0]
        m = _FIVE_DIGITS.search(tail)
        if m:
            s, e = c.end + m.start(), c.end + m.end()
            if not any(o.start < e and s < o.end for o in cands):
                out.append(Candidate(s, e, "POSTAL_CODE", "mx-postal-code", 0.8))
    return out


def _a_public_place_s(text: str, start: int) -> bool:
    """An address given right after a public place's name is that place's ("Parroquia de
    San Juan, calle Madero 721", "St. Anne's Parish, 1420 W Grant Rd, Tucson AZ 85745"):
    where a vigil or a march meets, not where anyone lives."""
    line = text.rfind("\n", 0, start) + 1
    before = fold_keeping_length(text[max(line, start - 120):start])
    before = re.sub(r"(?<=\b\w)\.|(?<=\b\w\w)\.|(?<=\b\w\w\w)\.", " ", before)  # "W. Ashby Pl., San Antonio"
    # the venue, then its name and at most the address pieces already passed (street, city)
    m = re.search(rf"(?<![\w])(?:{lexicon.alternation('public_venues')})(?![\w])[^.!?;]*$", before)
    if not m:
        return False
    return not re.search(r"\b(?:vivimos|vivo|vive|viven|casa|home|lives|live|domicilio)\b", before[m.start():])


class _Lines:
    """(line, column), both from 1, of offsets in one text: the line starts are found once."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def detect(doc: TextDocument, case: Case | None, analyzer, language: str) -> list[Finding]:
    return detect_many([doc], [case], analyzer, [language])[0]


def detect_many(
    docs: list[TextDocument], cases: list[Case | None], analyzer, languages: list[str], use_ner: bool = True
) -> list[list[Finding]]:
    """Findings for several documents, sending their texts through the NER model in batches
    (``use_ner=False``: pattern rules only, and the model is never loaded)."""
    norms = [spell_out_numbers(normalize(d.text, d.protected)) for d in docs]
    results: list[list] = [None] * len(docs)  # type: ignore[list-item]
    by_lang: dict[str, list[int]] = {}
    for i, lang in enumerate(languages):
        by_lang.setdefault(lang, []).append(i)
    for lang, idx in by_lang.items():
        if use_ner:
            batch = analyzer.analyze_many([norms[i].text for i in idx], lang)
        else:
            batch = [analyzer.patterns_only(norms[i].text, lang) for i in idx]
        for i, res in zip(idx, batch):
            results[i] = res
    out = []
    for doc, case, norm, res, language in zip(docs, cases, norms, results, languages):
        cands: list[Candidate] = []
        # (result, original start, original end, the value as read: digits said in words,
        # look-alike letters and hidden characters resolved)
        mapped = [(r, *norm.to_original(r.start, r.end), norm.text[r.start:r.end]) for r in res]
        if norm.text != doc.text:
            # the original is scanned too: normalising must never hide what was plain
            mapped += [(r, r.start, r.end, doc.text[r.start:r.end]) for r in analyzer.patterns_only(doc.text, language)]
        if case is None or not case.subject:
            # no case file is not "nobody is the subject": who the card is about and the
            # collective's number are read from how cards introduce them
            # read in the normalised text: spoken digits are digits there, and a subtitle's
            # cue break is one line break
            phones = [(r.start, r.end) for r in res if r.entity_type == "PHONE"]
            taken = SpanIndex()
            for s, e in phones:
                taken.add(Span(s, e))
            phones += [(run.start, run.end) for run in digit_runs(norm.text, 7) if not taken.any_overlap(run.start, run.end)]
            case, doc.assumed = complete_case(case, norm.text, phones)
        for r, s, e, read in mapped:
            rule = (r.recognition_metadata or {}).get("rule", r.entity_type.lower())
            if is_kept(case, r.entity_type, doc.text[s:e], rule, ocr=doc.source == "ocr", read=read):
                continue
            cands.append(Candidate(s, e, r.entity_type, rule, r.score))
        cands.extend(_postal_codes_after_addresses(doc.text, cands))
        cands = [c for c in cands if not (c.entity in ("ADDRESS", "POSTAL_CODE") and _a_public_place_s(doc.text, c.start))]
        # whatever a rule identified (reported or kept) accounts for its digits; every
        # other long number is reported unless it is explained as harmless
        harmless = explanations(norm.text) if any(map(str.isdigit, norm.text)) else []
        references = [norm.to_original(x.start, x.end) for x in harmless if x.why == "reference"]
        if references:
            # "Folio de la denuncia 7022392311": introduced as a case's reference, ten digits
            # are that reference, not a phone
            cands = [c for c in cands if not ((c.entity in ("PHONE", "NUMBER") or c.rule == "id-number-named")
                                              and any(s <= c.start and c.end <= e for s, e in references))]
        found = SpanIndex()
        for c in cands:
            found.add(c)
        for n in unexplained_numbers(norm.text, [(r.start, r.end) for r in res], harmless):
            s, e = norm.to_original(n.start, n.end)
            if found.any_overlap(s, e) or is_kept(case, "NUMBER", doc.text[s:e], read=n.digits):
                continue
            cands.append(Candidate(s, e, "NUMBER", "number-unidentified", 0.5))
        if case and case.withheld:
            for m in find_withheld(norm.text, case.withheld, case):
                s, e = norm.to_original(m.start, m.end)
                cands.append(Candidate(s, e, "WITHHELD", "withheld-fact-review" if m.review else "withheld-fact", 1.0))
        findings = []
        lines = _Lines(doc.text)
        for c in _resolve(cands):
            for s, e in _subtract(c.start, c.end, doc.protected, doc.text):
                line, col = lines.line_col(s)
                findings.append(
                    Finding(
                        rule=c.rule,
                        entity=c.entity,
                        severity=rule_severity(c.rule) if c.rule in _PYTHON_RULE_IDS else severity_for(c.entity, analyzer.severity_overrides.get(c.rule)),
                        value=doc.text[s:e],
                        score=c.score,
                        start=s,
                        end=e,
                        line=line,
                        column=col,
                    )
                )
        out.append(findings)
    return out
