"""One lexicon: the vocabularies every rule shares, kept once, as data.

The words that say what a number is ("cel", "tarjeta", "MTCN"), who a person is to the
family ("mi tía", "su carnal"), what kind of place a business is ("vulcanizadora",
"fonda"), which sentences speak of the disappearance itself ("la vieron por última vez")
used to be restated in each rule that needed them, and the copies drifted: one rule kept a
last-seen sentence that another flagged. Each vocabulary now lives in one YAML file under
``rules/lexicon/``, is read once, and is offered in the two shapes rules need:

- :func:`words`: the folded entries (lower case, no accents), for set membership;
- :func:`pattern`: one regex alternation of the entries as whole words, longest first, to
  be matched against folded text (:func:`scrub.case.fold_keeping_length` keeps offsets).

YAML rules name a vocabulary with ``@name`` where they list words (``context``) or give a
pattern (``unless_sentence``).
"""
from __future__ import annotations

import functools
import re

import yaml

from scrub.case import fold

# libyaml's parser where PyYAML was built with it (8x faster: part of every cold start)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LexiconError(Exception):
    pass


@functools.lru_cache(maxsize=1)
def _vocabularies() -> dict[str, tuple[str, ...]]:
    from scrub.text.rules import rules_dir

    out: dict[str, tuple[str, ...]] = {}
    for path in sorted((rules_dir() / "lexicon").glob("*.yaml")):
        for name, entries in (yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}).items():
            if name == "concepts":
                continue  # read by concepts()
            if name in out:
                raise LexiconError(f"{path.name}: vocabulary {name} is defined twice")
            if not isinstance(entries, list) or not all(isinstance(e, (str, int)) for e in entries):
                raise LexiconError(f"{path.name}: vocabulary {name} must be a list of words")
            folded = dict.fromkeys(fold(str(e)).strip() for e in entries)
            out[name] = tuple(w for w in folded if w)
    return out


def names() -> list[str]:
    return sorted(_vocabularies())


def words(name: str) -> tuple[str, ...]:
    try:
        return _vocabularies()[name]
    except KeyError:
        raise LexiconError(f"no vocabulary named {name!r} in rules/lexicon/") from None


@functools.lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    return frozenset(words(name))


@functools.lru_cache(maxsize=None)
@functools.lru_cache(maxsize=None)
def alternation(name: str) -> str:
    """The vocabulary as a regex (no boundaries) matching any entry, spaces inside an entry
    matching any run of blanks; where several entries match at one place, the longest wins.

    Written as a trie ("herman(?:it(?:a|o)|a|o)"), not as a flat list longest first: it
    matches the same text in the same order of preference (entries matching at one place
    are prefixes of one another, and greedy optional groups try the longer first), and the
    patterns built on the relationship words compile in a third of the time, which every
    cold start pays."""
    trie: dict = {}
    for w in words(name):
        node = trie
        for token in _tokens(w):
            node = node.setdefault(token, {})
        node[""] = {}
    return "(?:" + _render(trie) + ")"


def _tokens(word: str) -> list[str]:
    out: list[str] = []
    for i, piece in enumerate(word.split()):
        if i:
            out.append(r"\s+")
        out.extend(re.escape(ch) for ch in piece)
    return out


def _render(node: dict) -> str:
    branches = [token + _render(child) for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return (body if len(branches) > 1 else "(?:" + body + ")") + "?"


@functools.lru_cache(maxsize=None)
def pattern(name: str) -> re.Pattern:
    """Whole-word matches of any entry, in folded text."""
    return re.compile(r"(?<![\w])" + alternation(name) + r"(?![\w])")


def expand(items: list[str]) -> list[str]:
    """A rule's word list with every ``@name`` replaced by that vocabulary's words."""
    out: list[str] = []
    for item in items:
        out.extend(words(item[1:]) if re.fullmatch(r"@[a-z_]+", item) else [item])
    return out


STRENGTHS = ("strong", "medium", "relation", "weak")


@functools.lru_cache(maxsize=1)
def concepts() -> dict[str, tuple[str, tuple[str, ...]]]:
    """name -> (strength, folded words): the meanings withheld facts are compared by
    (``concepts:`` in ``rules/lexicon/*.yaml``)."""
    from scrub.text.rules import rules_dir

    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for path in sorted((rules_dir() / "lexicon").glob("*.yaml")):
        table = (yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}).get("concepts") or {}
        for name, entry in table.items():
            if name in out:
                raise LexiconError(f"{path.name}: concept {name} is defined twice")
            strength = entry.get("strength") if isinstance(entry, dict) else None
            if strength not in STRENGTHS or not isinstance(entry.get("words"), list):
                raise LexiconError(f"{path.name}: concept {name} needs a strength ({', '.join(STRENGTHS)}) and words")
            out[name] = (strength, tuple(dict.fromkeys(fold(str(w)).strip() for w in entry["words"])))
            also = entry.get("also", [])
            if also and strength != "relation":
                raise LexiconError(f"{path.name}: concept {name}: only a relation names others ('also')")
            _ALSO[name] = tuple(also)
    for name, others in _ALSO.items():
        if unknown := [o for o in others if o not in out]:
            raise LexiconError(f"concept {name}: 'also' names unknown concepts {unknown}")
    return out


_ALSO: dict[str, tuple[str, ...]] = {}


def same_person(relation: str) -> tuple[str, ...]:
    """A relation concept and the other names the same person has from another writer's
    standpoint (``also`` in the lexicon)."""
    concepts()
    return (relation, *_ALSO.get(relation, ()))
