"""Recognizers that are data: YAML files in ``rules/`` turned into Presidio recognizers.

A rule is a pattern plus, where a pattern alone would be too loose, a validator (a check
digit) or context words. Presidio's own PatternRecognizer reports the whole match and
scores context by lemma; scrub's rules need to report a part of the match (the number after
"C.P.") and to *require* a context word for loose shapes (nine digits are a CIC only next
to "CIC"), so a small EntityRecognizer subclass reads them instead.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scrub.case import fold, fold_keeping_length
from scrub.text import lexicon
from scrub.text.lexicon import SAFE_LOADER
from scrub.text.recognizer import ScrubRecognizer
from scrub.text.validators import VALIDATORS


def rules_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "rules", here / "_rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("scrub rules folder not found")


@dataclass
class Rule:
    id: str
    entity: str
    description: dict[str, str]
    patterns: list[tuple[re.Pattern, float]]
    validator: str | None = None
    context: list[str] = field(default_factory=list)
    context_required: bool = False
    context_window: int = 40
    severity: str | None = None
    needs_digit: bool = False  # only text with a digit can match: others are skipped fast
    hint: re.Pattern | None = None  # text this pattern does not find cannot match the rule
    # a match in a sentence this pattern finds (in folded text) is not reported: "entre
    # calles X y Y" describes a home, unless the sentence says that is where someone was last seen
    unless_sentence: re.Pattern | None = None
    # {"flag": [texts with the value to report marked [[like this]]], "keep": [texts the
    # rule must leave alone]}: the rule's true and false positives, read by one test
    examples: dict[str, list[str]] = field(default_factory=dict)
    # the context words as patterns, made once: whole words (before a match), and anywhere
    # (a quick test of the whole text: no word boundaries, so the regex engine can skip
    # ahead to the words' first letters)
    context_near: re.Pattern | None = field(default=None, init=False, repr=False, compare=False)
    context_anywhere: re.Pattern | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.context:
            # one alternation for all of a rule's words (up to two dozen), longest first
            longest_first = sorted(self.context, key=len, reverse=True)
            self.context_near = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)")
            self.context_anywhere = re.compile("|".join(map(re.escape, self.context)))


class RuleError(Exception):
    pass


def load_rules(folder: Path | None = None) -> list[Rule]:
    folder = folder or rules_dir()
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        for raw in yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or []:
            rid = raw["id"]
            if rid in seen:
                raise RuleError(f"{path.name}: rule id {rid} is used twice")
            seen.add(rid)
            validator = raw.get("validator")
            if validator and validator not in VALIDATORS:
                raise RuleError(f"{path.name}: rule {rid} names unknown validator {validator}")
            patterns = []
            for p in raw["patterns"]:
                flags = re.IGNORECASE if p.get("ignore_case") else 0
                patterns.append((re.compile(p["regex"], flags), float(p.get("score", 0.85))))
            rules.append(
                Rule(
                    id=rid,
                    entity=raw["entity"],
                    description=raw.get("description", {}),
                    patterns=patterns,
                    validator=validator,
                    context=[fold(w) for w in lexicon.expand(raw.get("context", []))],
                    context_required=bool(raw.get("context_required", False)),
                    context_window=int(raw.get("context_window", 40)),
                    severity=raw.get("severity"),
                    needs_digit=bool(raw.get("needs_digit", False)),
                    hint=_lower_case_pattern(path.name, rid, "hint", raw.get("hint")),
                    unless_sentence=_lower_case_pattern(path.name, rid, "unless_sentence", raw.get("unless_sentence")),
                    examples=_examples(path.name, rid, raw.get("examples")),
                )
            )
    return rules


def _examples(source: str, rule_id: str, raw) -> dict[str, list[str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or set(raw) - {"flag", "keep"} or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in raw.values()):
        raise RuleError(f"{source}: rule {rule_id}: examples must be {{flag: [texts], keep: [texts]}}")
    for text in raw.get("flag", []):
        if "[[" not in text:
            raise RuleError(f"{source}: rule {rule_id}: a flag example marks its value [[like this]]: {text}")
    return {k: list(v) for k, v in raw.items()}


def _lower_case_pattern(source: str, rule_id: str, key: str, pattern: str | None) -> re.Pattern | None:
    """``hint`` and ``unless_sentence`` are searched in lower-cased text (folded, for the
    sentence), compiled without IGNORECASE: Python's regex engine then skips ahead to the
    letters an alternation can start with instead of trying every branch at every position
    (a 16-word hint went from 15 to 2 µs on a short text)."""
    if not pattern:
        return None
    if re.fullmatch(r"@[a-z_]+", pattern):  # a named vocabulary of the lexicon
        return re.compile(lexicon.pattern(pattern[1:]).pattern)
    if re.sub(r"\\.", "", pattern) != re.sub(r"\\.", "", pattern).lower():
        raise RuleError(f"{source}: rule {rule_id}: write its {key} in lower case (it is matched against lower-cased text)")
    return re.compile(pattern)


@functools.lru_cache(maxsize=4)
def _lowered(text: str) -> str:
    return text.lower()


@functools.lru_cache(maxsize=4)
def _folded(text: str) -> str:
    """The text folded like context words are (case, accents), *same length*, computed
    once per text for all rules."""
    return fold_keeping_length(text)


def has_context(text: str, start: int, words: re.Pattern | None, window: int) -> bool:
    """A context word (``words``: a rule's ``context_near``) in the ``window`` characters
    before the match (same paragraph)."""
    if words is None:
        return False
    before = _folded(text)[max(0, start - window):start]
    # a blank line ends the paragraph the context word must belong to
    before = re.split(r"\n\s*\n", before)[-1]
    return words.search(before) is not None


_HAS_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence(text: str, start: int, end: int) -> str:
    """The folded sentence around a match (from the previous full stop or line break to the
    next one after the match)."""
    folded = _folded(text)
    before = max(folded.rfind(ch, 0, start) for ch in ".!?\n") + 1
    after = _SENTENCE_END.search(folded, end)
    return folded[before:after.start() if after else len(folded)]


class YamlRuleRecognizer(ScrubRecognizer):
    def __init__(self, rule: Rule, language: str):
        self.rule = rule
        self.entity, self.label = rule.entity, rule.id
        self.examples = {rule.id: rule.examples}
        super().__init__(language)

    def find(self, text, nlp_artifacts):
        rule = self.rule
        found: list[tuple[int, int, float, str]] = []
        if rule.needs_digit and not _HAS_DIGIT.search(text):
            return found
        if rule.hint is not None and not rule.hint.search(_lowered(text)):
            return found
        if rule.context_required and (rule.context_anywhere is None or not rule.context_anywhere.search(_folded(text))):
            return found  # no context word anywhere: no match can have one before it
        validator = VALIDATORS.get(rule.validator) if rule.validator else None
        for pattern, score in rule.patterns:
            group = "value" if "value" in pattern.groupindex else 0
            for m in pattern.finditer(text):
                start, end = m.span(group)
                if start < 0 or start == end:
                    continue
                if validator and not validator(text[start:end]):
                    continue
                if rule.context_required and not has_context(text, start, rule.context_near, rule.context_window):
                    continue
                if rule.unless_sentence is not None and rule.unless_sentence.search(_sentence(text, start, end)):
                    continue
                found.append((start, end, score, rule.id))
        return found
