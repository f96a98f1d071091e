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

from scrub.case import fold
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


class RuleError(Exception):
    pass


def load_rules(folder: Path | None = None) -> list[Rule]:
    folder = folder or rules_dir()
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
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
                    context=[fold(w) for w in raw.get("context", [])],
                    context_required=bool(raw.get("context_required", False)),
                    context_window=int(raw.get("context_window", 40)),
                    severity=raw.get("severity"),
                    needs_digit=bool(raw.get("needs_digit", False)),
                    hint=re.compile(raw["hint"], re.IGNORECASE) if raw.get("hint") else None,
                )
            )
    return rules


@functools.lru_cache(maxsize=4)
def _folded(text: str) -> str:
    """The text folded like context words are (case, accents), *same length*, computed
    once per text for all rules."""
    folded = fold(text)
    return folded if len(folded) == len(text) else "".join(fold(ch)[:1] or " " for ch in text)


@functools.lru_cache(maxsize=512)
def _word_pattern(word: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")


def has_context(text: str, start: int, words: list[str], window: int) -> bool:
    """A context word in the ``window`` characters before the match (same paragraph)."""
    before = _folded(text)[max(0, start - window):start]
    # a blank line ends the paragraph the context word must belong to
    before = re.split(r"\n\s*\n", before)[-1]
    return any(_word_pattern(w).search(before) for w in words)


_HAS_DIGIT = re.compile(r"\d")


class YamlRuleRecognizer(ScrubRecognizer):
    def __init__(self, rule: Rule, language: str):
        self.rule = rule
        self.entity, self.label = rule.entity, rule.id
        super().__init__(language)

    def find(self, text, nlp_artifacts):
        rule = self.rule
        found: list[tuple[int, int, float, str]] = []
        if rule.needs_digit and not _HAS_DIGIT.search(text):
            return found
        if rule.hint is not None and not rule.hint.search(text):
            return found
        validator = VALIDATORS.get(rule.validator) if rule.validator else None
        for pattern, score in rule.patterns:
            group = "value" if "value" in pattern.groupindex else 0
            for m in pattern.finditer(text):
                start, end = m.span(group)
                if start < 0 or start == end:
                    continue
                if validator and not validator(text[start:end]):
                    continue
                if rule.context_required and not has_context(text, start, rule.context, rule.context_window):
                    continue
                found.append((start, end, score, rule.id))
        return found
