"""The library behind the CLI: ``check`` and ``clean`` return a :class:`Report`.

Example::

    import scrub
    report = scrub.check(["guion.txt"])
    for f in report.files[0].findings:
        print(f.entity, f.start, f.end)
"""
from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scrub import messages
from scrub.case import Case, CaseFileError, find_case_file, load_case
from scrub.findings import FileReport, Finding, Report, Severity
from scrub.sniff import IMAGE_KINDS, sniff
from scrub.text.detect import detect_many, guess_language
from scrub.text.reader import TEXT_SUFFIXES, TextDocument, UnreadableText, read_text_bytes

STDIN = "-"
_SKIP_NAMES = {"case.toml", "scrub.toml"}


@dataclass
class Target:
    path: Path | None  # None for standard input
    display: str
    root: Path | None  # the argument the file was found under (for --out layouts)


def _is_case_file(p: Path) -> bool:
    return p.name in _SKIP_NAMES or p.name.endswith(".case.toml") or p.name.endswith(".bak")


def expand(paths: list[str]) -> list[Target | FileReport]:
    out: list[Target | FileReport] = []
    for raw in paths:
        if raw == STDIN:
            out.append(Target(None, "<stdin>", None))
            continue
        p = Path(raw)
        if p.is_dir():
            files = sorted(
                f for f in p.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts) and not _is_case_file(f)
            )
            out.extend(Target(f, str(f), p) for f in files)
        elif p.exists():
            out.append(Target(p, str(p), None))
        else:
            out.append(FileReport(path=raw, error="error.missing"))
    return out


@dataclass
class Loaded:
    target: Target
    report: FileReport
    doc: TextDocument | None = None
    case: Case | None = None
    language: str = "es"


def _read(target: Target, case_override: Case | None, case_path: Path | None, lang: str | None, stdin_data: bytes | None) -> Loaded:
    report = FileReport(path=target.display)
    loaded = Loaded(target, report)
    try:
        data = stdin_data if target.path is None else target.path.read_bytes()
    except OSError as exc:
        report.error = "error.unreadable"
        report.notes.append(exc.strerror or str(exc))
        return loaded
    kind = sniff(data[:32])
    if kind in IMAGE_KINDS:
        report.kind = kind
        report.error = "error.image-unsupported"
        return loaded
    if kind != "text-or-unknown":
        report.kind = kind
        report.error = "error.unsupported"
        return loaded
    suffix = target.path.suffix.lower() if target.path else ".txt"
    try:
        doc = read_text_bytes(data, suffix)
    except UnreadableText as exc:
        report.error = "error.binary" if str(exc) == "binary" else "error.undecodable"
        return loaded
    report.kind = doc.subtitle_format or "text"
    report.notes.extend(doc.notes)
    if target.path is not None and suffix not in TEXT_SUFFIXES:
        report.notes.append("not-text-extension")
    # the case file
    case = case_override
    source = case_path
    if case is None:
        where = target.path if target.path is not None else Path.cwd()
        source = find_case_file(where)
        if source is not None:
            try:
                case = load_case(source)
            except CaseFileError as exc:
                report.error = "error.case-file"
                report.notes.append(str(exc))
                return loaded
    if case is None:
        report.notes.append("no-case")
    else:
        report.case_file = str(source) if source else None
    language = lang or (case.language if case and case.language != "auto" else None) or guess_language(doc.text)
    loaded.doc, loaded.case, loaded.language = doc, case, language
    return loaded


def _analyzer():
    from scrub.text.engine import shared_analyzer

    return shared_analyzer()


def _load_all(paths: list[str], case_file: str | Path | None, lang: str | None, stdin_data: bytes | None) -> tuple[list[Loaded | FileReport], Case | None]:
    case_override = None
    case_path = Path(case_file) if case_file else None
    if case_path is not None:
        case_override = load_case(case_path)  # a bad --case is the caller's error: raise
    items: list[Loaded | FileReport] = []
    for t in expand(paths):
        if isinstance(t, FileReport):
            items.append(t)
            continue
        data = None
        if t.path is None:
            data = stdin_data if stdin_data is not None else sys.stdin.buffer.read()
        items.append(_read(t, case_override, case_path, lang, data))
    return items, case_override


def _detect(loaded: list[Loaded]) -> None:
    todo = [x for x in loaded if x.doc is not None]
    if not todo:
        return
    results = detect_many([x.doc for x in todo], [x.case for x in todo], _analyzer(), [x.language for x in todo])
    for x, findings in zip(todo, results):
        x.report.findings = findings


def check(paths: list[str], case_file: str | Path | None = None, lang: str | None = None, stdin_data: bytes | None = None) -> Report:
    """Check files, folders or ``-`` (standard input) and return the report."""
    items, _ = _load_all(paths, case_file, lang, stdin_data)
    _detect([x for x in items if isinstance(x, Loaded)])
    return Report([x.report if isinstance(x, Loaded) else x for x in items])


def check_text(text: str, case: Case | None = None, lang: str | None = None) -> list[Finding]:
    """Findings for a string (no file, no case discovery)."""
    from scrub.text.reader import TextDocument

    doc = TextDocument(text=text, encoding="str")
    language = lang or (case.language if case and case.language != "auto" else None) or guess_language(text)
    return detect_many([doc], [case], _analyzer(), [language])[0]


def redact(text: str, findings: list[Finding], lang: str, at_least: Severity = Severity.WARN) -> str:
    """Replace each finding with a word a text-to-speech voice can read ("[teléfono]")."""
    out = text
    for f in sorted((f for f in findings if f.start is not None and f.severity.at_least(at_least)), key=lambda f: -f.start):
        out = out[: f.start] + messages.replacement(f.entity, lang) + out[f.end :]
    return out


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _output_path(target: Target, out_dir: Path) -> Path:
    if target.root is not None:
        return out_dir / target.path.relative_to(target.root)
    return out_dir / target.path.name


def _encode(text: str, doc: TextDocument) -> bytes:
    if doc.encoding == "utf-16":
        return text.encode("utf-16")
    if doc.encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    # cp1252 input is written back as UTF-8: the replacement words need no legacy encoding
    return text.encode("utf-8")


def clean(
    paths: list[str],
    out_dir: str | Path | None = None,
    in_place: bool = False,
    case_file: str | Path | None = None,
    lang: str | None = None,
    stdin_data: bytes | None = None,
    stdout=None,
) -> Report:
    """Write redacted copies, then check each copy again; a copy that still holds a
    blocking detail makes that file an error."""
    items, case_override = _load_all(paths, case_file, lang, stdin_data)
    loaded = [x for x in items if isinstance(x, Loaded)]
    _detect(loaded)
    cleaned: list[tuple[Loaded, str]] = []
    for x in loaded:
        if x.doc is None:
            continue
        cleaned.append((x, redact(x.doc.text, x.report.findings, x.language)))
    # re-check every cleaned text with the same case and language
    if cleaned:
        docs = [TextDocument(text=c, encoding=x.doc.encoding, protected=_reprotect(c, x.doc)) for x, c in cleaned]
        again = detect_many(docs, [x.case for x, _ in cleaned], _analyzer(), [x.language for x, _ in cleaned])
        for (x, text), remaining in zip(cleaned, again):
            blocking = [f for f in remaining if f.severity.at_least(Severity.BLOCK)]
            x.report.remaining = remaining
            if blocking:
                x.report.error = "error.still-sensitive"
                continue
            data = _encode(text, x.doc)
            try:
                if x.target.path is None:
                    (stdout or sys.stdout.buffer).write(text.encode("utf-8"))
                    continue
                if in_place:
                    backup = x.target.path.with_name(x.target.path.name + ".bak")
                    atomic_write(backup, x.target.path.read_bytes())
                    dest = x.target.path
                else:
                    if out_dir is None:
                        x.report.error = "error.no-output"
                        continue
                    dest = _output_path(x.target, Path(out_dir))
                    if dest.resolve() == x.target.path.resolve():
                        x.report.error = "error.output-inside"
                        continue
                atomic_write(dest, data)
                x.report.output = str(dest)
            except OSError as exc:
                x.report.error = "error.write"
                x.report.notes.append(exc.strerror or str(exc))
    return Report([x.report if isinstance(x, Loaded) else x for x in items])


def _reprotect(text: str, doc: TextDocument) -> list[tuple[int, int]]:
    from scrub.text.reader import structure_ranges

    return structure_ranges(text, doc.subtitle_format) if doc.subtitle_format else []
