"""Baselines: findings a collective has accepted once (its public number, everywhere).

``scrub baseline create`` records, for each accepted finding, its rule, the file it was
found in, the reason, and a *salted, slow* hash of its value, never the value: a
baseline kept in a repository must not itself leak the numbers. A phone number has only
~10^10 possible values, so a fast hash would be reversed by trying them all; scrypt makes
each try cost milliseconds. ``check --baseline`` then drops findings whose rule and value
hash are in the file, wherever they appear.

``scrub audit`` walks the findings still reported one by one and records each one a person
accepts as its own entry, with its reason and the finding's fingerprint (the report's id,
made without the value): such an entry accepts that finding only, where it is, not the same
value elsewhere.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from scrub.case import digits_of, fold
from scrub.findings import Report, fingerprints

_KDF = {"n": 2**12, "r": 8, "p": 1, "dklen": 16}


def _canonical(entity: str, value: str) -> str:
    """The same value written two ways hashes the same: phones by their digits."""
    if entity in ("PHONE", "FINANCIAL", "ID") and len(digits_of(value)) >= 6:
        return digits_of(value)
    return re.sub(r"\s+", " ", fold(value)).strip()


def value_hash(entity: str, value: str, salt: bytes) -> str:
    return hashlib.scrypt(_canonical(entity, value).encode("utf-8"), salt=salt, **_KDF).hex()


def _load(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        bytes.fromhex(data["salt"])
        for e in data["entries"]:
            e["rule"], e["hash"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a scrub baseline ({exc})") from exc
    return data


def _write(path: Path, data: dict) -> None:
    from scrub.output import atomic_write

    atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), durable=True)


def _new(salt: bytes) -> dict:
    return {"version": 1, "kdf": {"name": "scrypt", **_KDF}, "salt": salt.hex(), "entries": []}


def create(report: Report, path: Path, reason: str) -> int:
    """Accept every current finding, its value anywhere (a collective's public number)."""
    data = _new(os.urandom(16))
    salt, seen = bytes.fromhex(data["salt"]), set()
    for f in report.files:
        for x, fingerprint in zip(f.findings, fingerprints(f.findings, f.shown_path)):
            key = (x.rule, value_hash(x.entity, x.value, salt))
            if key in seen:
                continue
            seen.add(key)
            data["entries"].append({"rule": x.rule, "entity": x.entity, "file": f.path, "fingerprint": fingerprint,
                                    "hash": key[1], "reason": reason})
    _write(path, data)
    return len(data["entries"])


def _accepts(entry: dict, rule: str, value_digest: str, fingerprint: str) -> bool:
    if entry["rule"] != rule or entry["hash"] != value_digest:
        return False
    return entry.get("scope") != "finding" or entry.get("fingerprint") == fingerprint


def apply_baseline(report: Report, path: Path) -> int:
    """Drop accepted findings from ``report``; returns how many were dropped."""
    data = _load(path)
    salt = bytes.fromhex(data["salt"])
    entries = data["entries"]
    dropped = 0
    for f in report.files:
        kept = []
        for x, fingerprint in zip(f.findings, fingerprints(f.findings, f.shown_path)):
            digest = value_hash(x.entity, x.value, salt)
            if any(_accepts(e, x.rule, digest, fingerprint) for e in entries):
                dropped += 1
            else:
                kept.append(x)
        if len(kept) != len(f.findings):
            f.notes.append("baseline")
        f.findings = kept
    return dropped


def audit(report: Report, path: Path, decide) -> tuple[int, int]:
    """Walk the findings ``report`` still has, one by one: ``decide(file, finding, n, total)``
    returns a reason to accept it (kept out of later reports, at its place only), None to
    leave it reported, or ``False`` to stop. The baseline is written once, at the end (also
    when stopped). Returns (accepted, still reported)."""
    data = _load(path) if Path(path).exists() else _new(os.urandom(16))
    salt = bytes.fromhex(data["salt"])
    todo = [(f, x, fp) for f in report.files for x, fp in zip(f.findings, fingerprints(f.findings, f.shown_path))]
    accepted = 0
    for n, (f, x, fingerprint) in enumerate(todo, start=1):
        reason = decide(f, x, n, len(todo))
        if reason is False:
            break
        if reason:
            data["entries"].append({"rule": x.rule, "entity": x.entity, "file": f.path, "fingerprint": fingerprint,
                                    "hash": value_hash(x.entity, x.value, salt), "reason": reason, "scope": "finding"})
            accepted += 1
    if accepted:
        _write(path, data)
    return accepted, len(todo) - accepted
