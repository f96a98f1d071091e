"""The report contract: Finding, FileReport and Report, and how values are masked.

The JSON produced by :meth:`Report.to_dict` is read by pipelines and scoring tools, so its
shape is a contract: ``{"files": [{"path", "status", "findings": [{"rule", "entity",
"severity", "start", "end", "score", "value", ...}]}]}``. Text findings carry ``start`` and
``end`` (Python str offsets into the decoded text); image findings will carry a ``location``
instead, in the same list.
"""
from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from scrub.policy import (
    ErrorCode,
    Severity,
    Unverified,
    severity_for,  # noqa: F401 - the text rules import it from here
)


class Status(str, enum.Enum):
    CLEAN = "clean"  # fully checked, nothing at or above the threshold
    FINDINGS = "findings"  # fully checked, something to fix
    ERROR = "error"  # could not be (fully) checked: never to be taken as clean


MASK = "•"

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


_LONG_DIGITS = re.compile(r"\d(?:\W{0,2}\d){4,}")


def masked_place(text: str) -> str:
    """A place in a file named by the file's own data (an APPn segment called "3318427765",
    an XMP property "Tel3318427765", a file name) with its numbers masked as values are:
    the place is shown, the number it carries is not."""
    return _LONG_DIGITS.sub(lambda m: mask_value(m.group()), text) if _LONG_DIGITS.search(text) else text


def printable(text: str) -> str:
    """``text`` with its control characters written as escapes ("\\n", "\\x1b"): a file
    name may hold a line break or a terminal code that forges a line of the report
    ("x\\nok.txt  sin datos sensibles")."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


_ALNUM_RUN = re.compile(r"[^\W_]+")  # a run of letters and digits (str.isalnum, as a regex)


@functools.lru_cache(maxsize=8192)  # a batch of photos repeats the same values many times
def mask_value(value: str) -> str:
    """Hide a found value while leaving enough for a person to recognise which one it is.

    Digits keep their first two and last four when the value is long enough to stay
    unguessable (``33 7294 3648`` -> ``33 •••• 3648``); letters keep the first character of
    each word. Separators are kept so the shape is recognisable.
    """
    runs = _ALNUM_RUN.findall(value)
    alnum = sum(map(len, runs))
    if not alnum:
        return value
    digits = len(_DECIMAL.findall(value))
    if digits >= 10 and digits >= alnum * 0.8:
        # mostly a number: its first two and last four digits stay
        seen, out = 0, []
        for ch in value:
            if ch.isalnum():
                if _DECIMAL.match(ch):
                    seen += 1
                    out.append(ch if seen <= 2 or seen > digits - 4 else MASK)
                else:
                    out.append(MASK)
            else:
                out.append(ch)
        return "".join(out)
    if alnum >= 6:
        # the first character of each word (unless it is a digit), nothing else
        return _ALNUM_RUN.sub(lambda m: (MASK if m[0][0].isdigit() else m[0][0]) + MASK * (len(m[0]) - 1), value)
    return _ALNUM_RUN.sub(lambda m: MASK * len(m[0]), value)


_DECIMAL = re.compile(r"\d")  # a decimal digit of any script (Unicode category Nd)


@dataclass
class Finding:
    rule: str
    entity: str
    severity: Severity
    value: str
    score: float = 1.0
    start: int | None = None
    end: int | None = None
    location: dict[str, Any] | None = None
    why: str = ""
    line: int | None = None
    column: int | None = None

    def to_dict(self, show_values: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule": self.rule,
            "entity": self.entity,
            "severity": self.severity.value,
        }
        if self.start is not None:
            d["start"] = self.start
            d["end"] = self.end
            d["line"] = self.line
            d["column"] = self.column
        if self.location is not None:
            d["location"] = self.location
        d["score"] = round(self.score, 3)
        d["value"] = self.value if show_values else mask_value(self.value)
        if self.why:
            d["why"] = self.why
        return d


def _place_key(f: Finding) -> str:
    """Where a finding is, in words that survive an edit elsewhere in the file: not its line
    or offset (a line added above moves them), not a picture's pixel box."""
    loc = f.location or {}
    if f.start is not None:
        return "text"
    if "page" in loc:
        return f"page {loc['page']}"
    if loc.get("segment") == "pixels" or "box" in loc:
        return "picture"
    return f"{loc.get('segment', '')}/{loc.get('tag', '')}"


def fingerprints(findings: list[Finding], path: str) -> list[str]:
    """A stable id for each finding of one file, made without its value (only the masked
    value a report shows goes in): its rule, the file, where it is and its masked value; of
    findings alike in all of these, the second gets its number, and so on. A baseline and a
    dashboard (SARIF ``partialFingerprints``) follow a finding by it across runs."""
    import hashlib

    counts: dict[str, int] = {}
    out = []
    for f in findings:
        key = "\x00".join((f.rule, path, _place_key(f), mask_value(f.value)))
        n = counts.get(key, 0)
        counts[key] = n + 1
        out.append(hashlib.sha256(f"{key}\x00{n}".encode()).hexdigest()[:32])
    return out


@dataclass
class FileReport:
    path: str
    kind: str = "text"
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: ErrorCode | None = None  # why the file is not verified (scrub.policy.ErrorCode)
    error_detail: str = ""  # a technical detail for the error message
    case_file: str | None = None
    output: str | None = None  # the cleaned copy, for `clean`
    # for `clean`: what the re-check of the cleaned copy still found (None for `check`)
    remaining: list[Finding] | None = None
    # what was read from the text because no case file said it: {"subject": [...],
    # "subject_from": "soy", "public_contacts": [...]}; public by nature, so not masked
    assumed: dict | None = None
    # for the people reading a report, not in its JSON: what `clean` does with this kind of
    # file's hidden data (a message key), and what the run read of the file and of its copy
    # (its text or picture, kept only when an HTML report asks: a report never reads a file)
    clean_hint: str | None = None
    preview: Any = field(default=None, repr=False, compare=False)
    copy_preview: Any = field(default=None, repr=False, compare=False)

    @property
    def shown_path(self) -> str:
        """The path as reports show it: a file name that holds a detail ("ficha_llama_
        3318427765.jpg") is text too, and shows it masked."""
        if not any(f.location and f.location.get("segment") == "file name" for f in self.findings):
            return self.path
        head, _, name = self.path.rpartition("/")
        return (head + "/" if head else "") + masked_place(name)

    def status(self, fail_on: Severity = Severity.BLOCK) -> Status:
        if self.error:
            return Status.ERROR

        relevant = self.findings if self.remaining is None else self.remaining
        if any(f.severity.at_least(fail_on) for f in relevant):
            return Status.FINDINGS
        return Status.CLEAN

    def error_message(self, lang: str) -> str:
        from scrub.messages import t

        kwargs = {"kind": self.kind, "reason": self.error_detail or "?", "path": self.shown_path}
        return t(f"error.{self.error.value}", lang, **kwargs) if self.error else ""

    def fail(self, why: ErrorCode | Unverified, detail: str = "") -> None:
        """Record why the file is not verified; of several reasons, the one first in
        ErrorCode's order of precedence is kept."""
        if isinstance(why, Unverified):
            why, detail = why.code, why.detail
        if self.error is None or why.rank < self.error.rank:
            self.error, self.error_detail = why, detail

    def to_dict(self, show_values: bool = False, fail_on: Severity = Severity.BLOCK, lang: str = "en") -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.shown_path,
            "kind": self.kind,
            "status": self.status(fail_on).value,
            "findings": [{**f.to_dict(show_values), "fingerprint": fp}
                         for f, fp in zip(self.findings, fingerprints(self.findings, self.shown_path))],
            "notes": list(self.notes),
        }
        if self.case_file:
            d["case_file"] = self.case_file

        if self.assumed:
            d["assumed"] = self.assumed
        if self.error:
            d["error"] = self.error.value
            d["message"] = self.error_message(lang)
        if self.remaining is not None:
            d["remaining"] = [{**f.to_dict(show_values), "fingerprint": fp}
                              for f, fp in zip(self.remaining, fingerprints(self.remaining, self.output or self.shown_path))]
        if self.output:
            d["output"] = self.output
        return d


@dataclass
class Skipped:
    """An entry of a folder a walk left out on purpose, listed in the report with its reason
    (a ``scrub.walk.Skip`` value: "skip.<reason>" is the sentence a person reads)."""

    path: str
    reason: str

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        from scrub.messages import t

        return {"path": self.path, "reason": self.reason, "message": t(f"skip.{self.reason}", lang, path=self.path)}


@dataclass
class Report:
    files: list[FileReport] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def nothing_checked(self) -> bool:
        """No argument gave a file to check (all skipped, an empty folder): never "clean"."""
        return not self.files

    def exit_code(self, fail_on: Severity = Severity.BLOCK) -> int:
        """0 nothing at or above ``fail_on``; 1 findings; 2 something could not be checked,
        or nothing was."""
        statuses = {f.status(fail_on) for f in self.files}
        if Status.ERROR in statuses or self.nothing_checked:
            return 2
        if Status.FINDINGS in statuses:
            return 1
        return 0

    def to_dict(self, show_values: bool = False, fail_on: Severity = Severity.BLOCK, lang: str = "en") -> dict[str, Any]:
        out = {
            "version": 1,
            "files": [f.to_dict(show_values, fail_on, lang) for f in self.files],
            "exit_code": self.exit_code(fail_on),
        }
        if self.skipped:
            out["skipped"] = [s.to_dict(lang) for s in self.skipped]
        if self.nothing_checked:
            from scrub.messages import t

            out["message"] = t("summary.nothing-checked", lang)
        return out
