"""Readable numbers anywhere in a file's bytes, whatever structure holds them.

A family's reader knows its container; what its parser drops (a tag frame with a mistyped
name, a field whose key is not a valid one, text spliced into the sound frames that the copy
keeps byte for byte) it cannot report. Fuzzing found all three carrying a phone past the
readers of sound files. So the bytes are also swept, as ``strings`` would sweep them, for runs
of readable text (ASCII, or UTF-16 as ID3 writes it) that hold a long number, and each run is
read by the text rules like a metadata field: a phone or an ID there is a finding, where the
readers missed it, and the clean copy that still holds it fails its re-check.

Only runs with at least ``MIN_DIGITS`` digits are kept: a phone number has 7 or more, and
random compressed data almost never shows seven digits in a readable run (about once in
10^10 bytes), so the sweep costs a regular-expression pass and reports nothing on a real
recording or film. Words alone (a name, a street) are not swept: reading every readable run
of a video with the names model would report its compressed data.
"""
from __future__ import annotations

import re

from scrub.formats.meta.items import CUE, MetaItem
from scrub.policy import MAX_METADATA_PARTS, ErrorCode, Unverified

MIN_DIGITS = 7
MIN_RUN = 8
SEGMENT = "readable bytes"
_ASCII = re.compile(rb"[\x20-\x7e\t]{%d,}" % MIN_RUN)
_UTF16LE = re.compile(rb"(?:[\x20-\x7e]\x00){%d,}" % MIN_RUN)
_UTF16BE = re.compile(rb"(?:\x00[\x20-\x7e]){%d,}" % MIN_RUN)
_DIGIT = re.compile(rb"[0-9]")
# binary data that happens to be readable glues itself to the text beside it ("CbEf33 1842
# 7765"): letters and digits that touch are parted, as a word and a number would be
_GLUED = re.compile(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")


def readable_numbers(data: bytes, limit: int = MAX_METADATA_PARTS) -> list[MetaItem]:
    """Runs of readable text holding a long number, as items the text rules read (kind CUE:
    no finding of their own). More than ``limit`` of them: the file is not checked."""
    items: list[MetaItem] = []
    for pattern, encoding in ((_ASCII, "latin-1"), (_UTF16LE, "utf-16-le"), (_UTF16BE, "utf-16-be")):
        for match in pattern.finditer(data):
            run = match.group()
            if len(_DIGIT.findall(run)) < MIN_DIGITS:
                continue
            text = _GLUED.sub(" ", run[:4000].decode(encoding, "replace"))
            items.append(MetaItem(SEGMENT, f"byte {match.start()}", text, CUE))
            if len(items) > limit:
                raise Unverified(ErrorCode.TOO_MANY_PARTS, f"more than {limit} runs of readable numbers")
    return items


def swept(segment: str) -> bool:
    """A sweep's place: in the file, or in a file inside it ("word/media/image1.jpeg readable bytes")."""
    return segment == SEGMENT or segment.endswith(" " + SEGMENT)


def from_sweep(finding) -> bool:
    return swept((finding.location or {}).get("segment") or "")


# what is reported from a sweep: a value the rules recognise (a phone, an ID with its check
# digit, an e-mail), never "a number I cannot explain", which every binary file has
_UNSPECIFIC = {"number-unidentified"}
MIN_DISTINCT_DIGITS = 4  # a tone or silence repeats bytes: "22222222", "3333333333"


EXPLAINED = 0.8  # the share of a swept value's digits that a reader's own value may already hold


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _explained(value: str, entity: str, read: list[str], reported: list[tuple[str, str]]) -> bool:
    """Whether most of the value's digits are one stretch of a value the readers already
    have: fields laid end to end glue into a run ("2026-11-28" then "18:04:11" in a WAV's
    bext chunk reads "2026-11-2818..."), which is no new number. A field reported for its
    kind alone (an encoder's name, a date) explains such a glued run, or a value of its own
    kind it holds whole (a GPS field's coordinates), never another kind of detail it holds
    whole: a damaged length can make an "encoder" field swallow the comment after it
    (found by fuzzing an Opus note)."""
    from difflib import SequenceMatcher

    digits = _digits(value)
    for reading, kind in [(r, None) for r in read] + reported:
        if len(reading) < 4 or (kind is not None and kind != entity and digits in reading):
            continue
        match = SequenceMatcher(None, digits, reading, autojunk=False).find_longest_match(0, len(digits), 0, len(reading))
        if match.size >= EXPLAINED * len(digits):
            return True
    return False


def without_repeats(findings: list, items: list[MetaItem]) -> list:
    """The sweep's findings that add something: not a value the readers reported or read
    (the version in an encoder's name, fields glued end to end), not an unspecific number,
    not a run of repeated bytes."""
    from scrub.formats.meta.items import FREE_TEXT_KINDS

    others = [i for i in items if not swept(i.segment)]
    # what the text rules found in a field, and the fields they read; a field's own finding
    # (its kind: "software", "date", "gps") carries the field's whole value, read by no rule
    by_rules = [f for f in findings if not from_sweep(f) and f.why in ("metadata text", "metadata name")]
    read = list({_digits(v) for v in [i.value for i in others if i.kind in FREE_TEXT_KINDS | {CUE}]
                 + [f.value for f in by_rules]} - {""})
    reported = list({(_digits(f.value), f.entity) for f in findings if not from_sweep(f) and f not in by_rules}
                    | {(_digits(i.value), "METADATA") for i in others if i.kind not in FREE_TEXT_KINDS | {CUE}})
    kept, seen = [], set()
    for f in findings:
        if from_sweep(f):
            if (f.rule in _UNSPECIFIC or len(set(_digits(f.value))) < MIN_DISTINCT_DIGITS or f.value in seen
                    or _explained(f.value, f.entity, read, reported)):
                continue
            seen.add(f.value)
        kept.append(f)
    return kept
