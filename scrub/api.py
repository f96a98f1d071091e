"""The library behind the CLI: ``check`` and ``clean`` return a :class:`Report`.

Example::

    import scrub
    report = scrub.check("guion.txt")          # one path, or a list of them
    for f in report.files[0].findings:
        print(f.entity, f.start, f.end)

The work is in scrub/run.py (one path for every file) and scrub/formats/ (one module per
kind of file): this module does not change when a format is added.
"""
from __future__ import annotations

import os
from pathlib import Path

from scrub import run
from scrub.case import Case, load_case_cached
from scrub.findings import Finding, Report, Severity, Skipped
from scrub.formats.text import redact
from scrub import formats
from scrub.findings import FileReport
from scrub.output import Destination, collisions
from scrub.policy import ErrorCode
from scrub.walk import Target, expand

__all__ = ["check", "clean", "check_text", "redact", "Report", "Severity"]

Paths = str | os.PathLike | list


def check(
    paths: Paths,
    case_file: str | Path | None = None,
    lang: str | None = None,
    stdin_data: bytes | None = None,
    ocr: bool = True,
    jobs: int = 1,
    exclude: list[str] | None = None,
    allow: list[str] | None = None,
    progress=None,
    faces: bool = False,
    previews: bool = False,
) -> Report:
    """Check files, folders or ``-`` (standard input) and return the report.

    ``ocr=False`` checks only the metadata of images (the report notes that their pixels
    were not read). ``jobs`` > 1 spreads a batch over worker processes, each building the
    analyzer once; the report keeps the order of the files. ``progress(n)`` is called as
    files are done. ``faces=True`` also reports faces other than the largest one (the
    missing person's). ``previews=True`` keeps each file's text or picture in its report
    (``FileReport.preview``), for an HTML report."""
    opts, targets, skipped, reads_stdin = _start(paths, case_file, lang, ocr, allow, faces, exclude, previews)
    return Report(run.spread(run.check_chunk, targets, opts, 1 if reads_stdin else jobs, progress, stdin_data), skipped)


def clean(
    paths: Paths,
    out_dir: str | Path | None = None,
    in_place: bool = False,
    case_file: str | Path | None = None,
    lang: str | None = None,
    stdin_data: bytes | None = None,
    stdout=None,
    ocr: bool = True,
    exclude: list[str] | None = None,
    allow: list[str] | None = None,
    jobs: int = 1,
    progress=None,
    faces: bool = False,
    previews: bool = False,
) -> Report:
    """Write redacted copies, then check each copy again; a copy that still holds a
    blocking detail makes that file an error. ``jobs``, ``progress``, ``faces`` and
    ``previews`` as for :func:`check` (with ``faces``, the other faces are hidden in the
    copy)."""
    opts, targets, skipped, reads_stdin = _start(paths, case_file, lang, ocr, allow, faces, exclude, previews, out_dir,
                                                 in_place)
    where = Destination(Path(out_dir) if out_dir else None, in_place)
    # refused before anything is written: a copy that would land on another copy of this run
    # or on one of its inputs
    clash = collisions(targets, where, lambda t: formats.promised_by(t.path.suffix.lower()))
    if clash:
        refused = [FileReport(path=t.display, error=ErrorCode.OUTPUT_COLLISION, error_detail=clash[i])
                   for i, t in enumerate(targets) if i in clash]
        targets = [t for i, t in enumerate(targets) if i not in clash]
    else:
        refused = []
    if reads_stdin:
        # its clean copy goes to this process's standard output
        return Report(refused + run.in_groups(targets, opts, lambda files, r: run.clean(files, r, where, stdout), stdin_data),
                      skipped)
    return Report(refused + run.spread(run.clean_chunk, targets, opts, jobs, progress, where), skipped)


def _start(paths, case_file, lang, ocr, allow, faces, exclude, previews, out_dir=None,
           in_place=False) -> tuple[run.Options, list, list, bool]:
    """What check and clean do first: the run's options, the files, and whether standard
    input is one of them (it is read, and written back, in this process)."""
    opts = run.Options(Path(case_file) if case_file else None, lang, ocr, tuple(allow or ()), faces, previews)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one path, not the characters of its name
    found = expand([os.fspath(p) for p in paths], exclude, out_dir, in_place)
    targets = [t for t in found if not isinstance(t, Skipped)]
    skipped = [t for t in found if isinstance(t, Skipped)]
    if opts.case_file:
        load_case_cached(opts.case_file)  # a bad --case is the caller's error: raise before forking
    return opts, targets, skipped, any(isinstance(t, Target) and t.path is None for t in targets)


def check_text(text: str, case: Case | None = None, lang: str | None = None) -> list[Finding]:
    """Findings for a string (no file, no case discovery)."""
    from scrub.text.detect import detect_many, guess_language
    from scrub.text.engine import shared_analyzer
    from scrub.text.reader import TextDocument

    language = lang or run.case_language(case) or guess_language(text)
    return detect_many([TextDocument(text=text, encoding="str")], [case], shared_analyzer(), [language])[0]
