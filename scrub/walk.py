"""Which files a run checks: the arguments, with folders walked in a stable order.

A pre-publication check must never say "clean" about what it did not read, so nothing a
walk leaves out is left out in silence: every entry it skips is listed in the report with
its reason (hidden, a case file, excluded by .scrubignore, --exclude or scrub.toml, a link
that leaves the folder, a broken link or a loop, something that is not a file, the run's own
output folder), a folder it cannot open is "not checked", and a run that checks no file at
all says so and does not exit 0 (see ``Report.nothing_checked``).

Links are followed only while they stay inside the folder given as an argument: a link to
/etc/passwd or to a private folder beside it is listed, never read (so its content can be
neither copied into --out nor shown in an HTML report).
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from scrub.findings import FileReport, Skipped
from scrub.policy import ErrorCode

STDIN = "-"
CASE_FILE_NAMES = {"case.toml", "scrub.toml"}


class Skip:
    """Why a folder's entry was left out (the report's ``skipped``; "skip.<value>" is the
    sentence a person reads)."""

    HIDDEN = "hidden"
    CASE_FILE = "case-file"
    EXCLUDED = "excluded"
    LINK_OUTSIDE = "link-outside"
    BROKEN_LINK = "broken-link"
    NOT_A_FILE = "not-a-file"
    OUTPUT = "output-folder"
    BACKUP = "backup"


@dataclass
class Target:
    path: Path | None  # None for standard input
    display: str
    root: Path | None  # the argument the file was found under (for --out layouts)


def is_case_file(p: Path) -> bool:
    return p.name in CASE_FILE_NAMES or p.name.endswith(".case.toml")


def _ignore_spec(root: Path, exclude: list[str]):
    """``.scrubignore`` in the folder walked, plus ``--exclude`` and scrub.toml's
    ``exclude``: .gitignore rules."""
    import pathspec

    lines = list(exclude)
    ignore_file = root / ".scrubignore"
    if ignore_file.is_file():
        lines += ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _skipped(path: Path, why: str) -> Skipped:
    return Skipped(str(path), why)


def expand(paths: list[str], exclude: list[str] | None = None, out_dir: Path | str | None = None,
           in_place: bool = False) -> list[Target | FileReport | Skipped]:
    """Files to check, in a stable order, and a report for every entry left out.

    ``out_dir``: the run's output folder, never walked as input (a second run must not
    clean the first run's copies again). ``in_place``: the ``.bak`` copies an in-place clean
    keeps are its backups, not files to clean again."""
    out: list[Target | FileReport | Skipped] = []
    output = Path(out_dir).resolve() if out_dir else None
    for raw in paths:
        if raw == STDIN:
            out.append(Target(None, "<stdin>", None))
            continue
        p = Path(raw)
        try:
            st = p.stat()
        except FileNotFoundError:
            out.append(FileReport(path=raw, error=ErrorCode.BROKEN_LINK if p.is_symlink() else ErrorCode.MISSING))
            continue
        except OSError as exc:
            out.append(FileReport(path=raw, error=ErrorCode.UNREADABLE, error_detail=exc.strerror or str(exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            out.extend(_walk(p, _ignore_spec(p, exclude or []), output, in_place))
        elif stat.S_ISREG(st.st_mode):
            out.append(Target(p, str(p), None))
        else:
            # a FIFO, a socket, a device (/dev/zero): nothing to publish, and reading it
            # could hang or never end
            out.append(FileReport(path=raw, error=ErrorCode.NOT_A_FILE))
    return out


def _walk(root: Path, spec, output: Path | None, in_place: bool) -> list[Target | FileReport | Skipped]:
    real_root = root.resolve()
    visited = {real_root}
    out: list[Target | FileReport | Skipped] = []

    def visit(folder: Path) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            out.append(FileReport(path=str(folder), error=ErrorCode.UNREADABLE, error_detail=exc.strerror or str(exc)))
            return
        for entry in entries:
            path = Path(entry.path)
            relative = path.relative_to(root).as_posix()
            if entry.name.startswith("."):
                if entry.name != ".scrubignore":
                    out.append(_skipped(path, Skip.HIDDEN))
                continue
            try:
                is_dir = entry.is_dir()  # follows a link
                is_file = entry.is_file()
            except OSError:
                is_dir = is_file = False
            if output is not None and is_dir and _inside(path, output):
                out.append(_skipped(path, Skip.OUTPUT))
                continue
            if spec.match_file(relative + ("/" if is_dir else "")):
                out.append(_skipped(path, Skip.EXCLUDED))
                continue
            if entry.is_symlink():
                target = Path(os.path.realpath(path))
                if not target.exists():
                    out.append(_skipped(path, Skip.BROKEN_LINK))  # dangling, or a loop
                    continue
                if not _inside(target, real_root):
                    out.append(_skipped(path, Skip.LINK_OUTSIDE))
                    continue
                if is_dir:
                    if target in visited:
                        out.append(_skipped(path, Skip.BROKEN_LINK))  # a loop back up the tree
                        continue
                    visited.add(target)
            if is_dir:
                visit(path)
            elif is_file:
                if is_case_file(path):
                    out.append(_skipped(path, Skip.CASE_FILE))
                elif in_place and path.name.endswith(".bak"):
                    out.append(_skipped(path, Skip.BACKUP))
                else:
                    out.append(Target(path, str(path), root))
            else:
                out.append(_skipped(path, Skip.NOT_A_FILE))  # a FIFO, a socket, a device

    visit(root)
    return out


def _inside(path: Path, folder: Path) -> bool:
    try:
        return Path(os.path.realpath(path)).is_relative_to(folder)
    except OSError:
        return False
