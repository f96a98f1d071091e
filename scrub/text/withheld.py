"""Statements of facts the family asked never to publish (``withheld`` in case.toml).

Families keep some facts back on purpose: that they already paid, that they got a "proof of
life", that the missing woman was pregnant, who the relative in the police is. A caller who
knows them is dangerous; a caller who does not is exposed as a fraud. A script says such a
fact in its own words, often softened: "estaba de encargo" (pregnant), "es de azúcar y se
tiene que inyectar" (diabetic), "su carnal está adentro" (his brother is in prison), "ya
cumplimos con lo que nos exigieron, los ochenta" (we paid the 80,000 ransom).

So a fact is compared by meaning, not by wording. Both the fact and each stretch of a
sentence become *items*: the concepts of the lexicon (``rules/lexicon/concepts.yaml``,
bilingual, with euphemisms and phrases), numbers by their value ("80 mil" and "los
ochenta" are 80), and for any other word its root (diminutives and plurals taken off:
"cicatricita" is "cicatriz"). A stretch of one sentence (one to four consecutive clauses)
states the fact when

- it names whoever the fact is about: a fact about the father needs a father in the
  sentence ("la Policía Municipal no nos recibió" does not say "su papá es policía");
- it shares a strong concept with the fact (pregnancy, prison, HIV, ransom...), or two of
  its other items ("la marca de la operación de cuando nació su niña": scar, surgery, birth);
- and what it shares weighs at least half of what the fact says (strong 3, medium and
  relation 1, weak ¼, other roots 1).

A stretch that passes the first two tests but shares only a third of the fact's weight is
reported for review (warn) with the fact it resembles. Text in brackets inside a fact
explains it ("(la familia lo usa para comprobar...)") and is left out of the comparison.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from scrub.case import Case, fold, fold_keeping_length
from scrub.text import lexicon
from scrub.text.sentences import clause_spans, sentence_spans

WEIGHT = {"strong": 3.0, "medium": 1.0, "relation": 1.0, "weak": 0.25, "root": 1.0, "number": 1.0}
MATCH, REVIEW = 0.5, 0.34
MAX_CLAUSES = 4

_NUMBER_WORDS = {
    "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "quince": 15, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
    "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100, "doscientos": 200,
    "trescientos": 300, "quinientos": 500,
    "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_DIMINUTIVE = re.compile(r"(?:ecit|cit|it|ill)(?=[oa]s?$)")


def root(word: str) -> str:
    """A word without its diminutive or plural ending: "cicatricita" and "cicatrices" are
    "cicatri"; "niñitas" is "nin". Folded text in, a short key out."""
    w = word
    if len(w) > 5:
        w = _DIMINUTIVE.sub("", w)
    if len(w) > 4 and w.endswith("es"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s"):
        w = w[:-1]
    return w[:7]


@dataclass(frozen=True)
class Item:
    key: str  # a concept name, "#<number>", or a word's root
    kind: str  # strong, medium, relation, weak, number, root
    start: int
    end: int


@functools.lru_cache(maxsize=1)
def _lexicon():
    # a word may say several things: "cesárea" is a birth and a surgery
    exact: dict[str, list[tuple[str, str]]] = {}
    prefixes: list[tuple[str, str, str]] = []
    phrases: list[tuple[str, str, str]] = []
    for name, (strength, entries) in lexicon.concepts().items():
        for entry in entries:
            if " " in entry or ("-" in entry and not entry.endswith("*")) or not re.search(r"\w", entry):
                phrases.append((entry, name, strength))
            elif entry.endswith("*"):
                prefixes.append((entry[:-1], name, strength))
            else:
                for key in {entry, root(entry)}:
                    if (name, strength) not in exact.setdefault(key, []):
                        exact[key].append((name, strength))
    phrase_re = None
    if phrases:
        phrases.sort(key=lambda p: -len(p[0]))
        phrase_re = re.compile(r"(?:(?<!\w)|(?<=\W))(?:" + "|".join(
            r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", p)) for p, _, _ in phrases) + r")(?!\w)")
    by_phrase = {re.sub(r"[\s-]+", " ", p): (n, s) for p, n, s in phrases}
    by_prefix: dict[str, list[tuple[str, str]]] = {}
    for p, n, st in prefixes:
        by_prefix.setdefault(p, []).append((n, st))
    return exact, by_prefix, phrase_re, by_phrase, lexicon.word_set("stopwords")


@functools.lru_cache(maxsize=64)
def _prefix_lengths(n: int) -> tuple[int, ...]:
    return tuple(k for k in sorted({len(p) for p in _lexicon()[1]}) if k <= n)


def items(folded: str, start: int, end: int, ignore: frozenset[str] = frozenset()) -> list[Item]:
    """The meaning-bearing items of ``folded[start:end]``."""
    exact, prefixes, phrase_re, by_phrase, stop = _lexicon()
    out: list[Item] = []
    taken: list[tuple[int, int]] = []
    if phrase_re is not None:
        for m in phrase_re.finditer(folded, start, end):
            name, strength = by_phrase[re.sub(r"[\s-]+", " ", m.group())]
            out.append(Item(name, strength, m.start(), m.end()))
            taken.append(m.span())
    for m in re.finditer(r"\w+", folded[start:end]):
        s, e = start + m.start(), start + m.end()
        if any(ts <= s and e <= te for ts, te in taken):
            continue
        word = m.group()
        if word.isdigit():
            out.append(Item(f"#{int(word)}", "number", s, e))
            continue
        if word in _NUMBER_WORDS:
            out.append(Item(f"#{_NUMBER_WORDS[word]}", "number", s, e))
            continue
        if word in stop or len(word) < 3 or word in ignore:
            continue
        hits = list(exact.get(word) or exact.get(root(word)) or [])
        for k in _prefix_lengths(len(word)):
            hits += [h for h in prefixes.get(word[:k], ()) if h not in hits]
        for name, strength in hits:
            out.append(Item(name, strength, s, e))
        if not hits:
            out.append(Item(root(word), "root", s, e))
    return out


@dataclass
class Fact:
    text: str
    weights: dict[str, float]
    relations: set[str]


def read_fact(fact: str, case: Case | None) -> Fact | None:
    main = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", fact)  # an explanation in brackets is not the fact
    folded = fold(main)
    names = frozenset(case.subject_tokens()) if case else frozenset()
    weights: dict[str, float] = {}
    relations: set[str] = set()
    for item in items(folded, 0, len(folded), names):
        weights[item.key] = max(weights.get(item.key, 0.0), WEIGHT[item.kind])
        if item.kind == "relation":
            relations.add(item.key)
    if sum(w >= 1 for w in weights.values()) < 1:
        return None
    return Fact(fact, weights, relations)


@dataclass
class WithheldMatch:
    start: int
    end: int
    fact: str
    review: bool = False  # lower confidence: shown for review, with the fact it resembles


def _judge(fact: Fact, found: dict[str, Item], theirs: set[str] = frozenset()) -> float:
    """The share of the fact's weight that ``found`` states, or 0 when it cannot state it."""
    if not all(any(r in found for r in lexicon.same_person(rel)) for rel in fact.relations):
        return 0.0
    shared = [k for k in found if k in fact.weights]
    strong = any(found[k].kind == "strong" for k in shared)
    others = sum(1 for k in shared if fact.weights[k] >= 1 and found[k].kind != "strong")
    if not strong and others < 2:
        return 0.0
    score = sum(fact.weights[k] for k in shared) / sum(fact.weights.values())
    # a sentence about a relative the fact does not name ("Su tío fue policía muchos años"
    # beside "se lo llevó la policía municipal") speaks of someone else unless it says
    # nearly all of the fact
    if not fact.relations and score < 0.8 and any(item.kind == "relation" and k not in fact.weights and item.key in theirs
                                                  for k, item in found.items()):
        return 0.0
    return score


def _theirs(folded: str, found: list[Item]) -> set[str]:
    """Relations named with a third person's possessive ("su tío", "his brother"): the
    missing person's relatives, not the missing person."""
    return {item.key for item in found if item.kind == "relation"
            and re.search(r"\b(?:su|sus|his|her|their)\s+(?:\w+\s+)?$", folded[max(0, item.start - 12):item.start])}


def find_withheld(text: str, facts: list[str], case: Case | None = None) -> list[WithheldMatch]:
    read = [f for f in (read_fact(fact, case) for fact in facts) if f]
    if not read:
        return []
    folded = fold_keeping_length(text)
    names = frozenset(case.subject_tokens()) if case else frozenset()
    out: list[WithheldMatch] = []
    for s0, s1 in sentence_spans(folded):
        clauses = clause_spans(folded, s0, s1)
        clause_items = [items(folded, cs, ce, names) for cs, ce in clauses]
        theirs = _theirs(folded, [i for c in clause_items for i in c])
        for fact in read:
            best: tuple[float, int, int, int] | None = None  # score, -width, start, end
            for i in range(len(clauses)):
                found: dict[str, Item] = {}
                for j in range(i, min(len(clauses), i + MAX_CLAUSES)):
                    for item in clause_items[j]:
                        found.setdefault(item.key, item)
                    score = _judge(fact, found, theirs)
                    if score >= REVIEW:
                        candidate = (score, -(j - i), i, j)
                        if best is None or candidate[:2] > best[:2]:
                            best = candidate
            if best:
                score, _, i, j = best
                # the clauses next to it that say the same again belong to the statement
                # ("estaba de encargo, iba a ser mamá en diciembre")
                said = {k for c in clause_items[i:j + 1] for k in (x.key for x in c)
                        if fact.weights.get(k, 0) >= 1}
                while i > 0 and said & {x.key for x in clause_items[i - 1]}:
                    i -= 1
                while j + 1 < len(clauses) and said & {x.key for x in clause_items[j + 1]}:
                    j += 1
                out.append(WithheldMatch(clauses[i][0], clauses[j][1], fact.text, review=score < MATCH))
    return out
