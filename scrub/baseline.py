"""Baselines: findings a collective has accepted once (its public number, everywhere).

``scrub baseline create`` records, for each accepted finding, its rule, the file it was
found in, the reason, and a *salted, slow* hash of its value, never the value: a
baseline kept in a repository must not itself leak the numbers. A phone number has only
~10^10 possible values, so a fast hash would be reversed by trying them all; scrypt makes
each try cost milliseconds. ``check --baseline`` then drops findings whose rule and value
hash are in the file, wherever they appear.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from scrub.case import digits_of, fold
from scrub.findings import Report

_KDF = {"n": 2**12, "r": 8, "p": 1, "dklen": 16}


def _canonical(entity: str, value: str) -> str:
    """The same value written two ways hashes the same: phones by their digits."""
    if entity in ("PHONE", "FINANCIAL", "ID") and len(digits_of(value)) >= 6:
        return digits_of(value)
    return re.sub(r"\s+", " ", fold(value)).strip()


def value_hash(entity: str, value: str, salt: bytes) -> str:
    return hashlib.scrypt(_canonical(entity, value).encode("utf-8"), salt=salt, **_KDF).hex()


def create(report: Report, path: Path, reason: str) -> int:
    from scrub.output import atomic_write

    salt = os.urandom(16)
    entries, seen = [], set()
    for f in report.files:
        for x in f.findings:
            key = (x.rule, value_hash(x.entity, x.value, salt))
            if key in seen:
                continue
            seen.add(key)
            entries.append({"rule": x.rule, "entity": x.entity, "file": f.path, "hash": key[1], "reason": reason})
    data = {"version": 1, "kdf": {"name": "scrypt", **_KDF}, "salt": salt.hex(), "entries": entries}
    atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), durable=True)
    return len(entries)


def apply_baseline(report: Report, path: Path) -> int:
    """Drop accepted findings from ``report``; returns how many were dropped."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        salt = bytes.fromhex(data["salt"])
        accepted = {(e["rule"], e["hash"]) for e in data["entries"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a scrub baseline ({exc})") from exc
    dropped = 0
    for f in report.files:
        kept = []
        for x in f.findings:
            if (x.rule, value_hash(x.entity, x.value, salt)) in accepted:
                dropped += 1
            else:
                kept.append(x)
        if len(kept) != len(f.findings):
            f.notes.append("baseline")
        f.findings = kept
    return dropped
