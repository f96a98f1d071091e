"""Which files a run checks: the arguments, with folders walked in a stable order."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scrub.findings import FileReport
from scrub.policy import ErrorCode

STDIN = "-"
_SKIP_NAMES = {"case.toml", "scrub.toml"}


@dataclass
class Target:
    path: Path | None  # None for standard input
    display: str
    root: Path | None  # the argument the file was found under (for --out layouts)


def _is_case_file(p: Path) -> bool:
    return p.name in _SKIP_NAMES or p.name.endswith(".case.toml") or p.name.endswith(".bak")


def _ignore_spec(root: Path, exclude: list[str]):
    """``.scrubignore`` in the folder walked, plus ``--exclude``: .gitignore rules."""
    import pathspec

    lines = list(exclude)
    ignore_file = root / ".scrubignore"
    if ignore_file.is_file():
        lines += ignore_file.read_text(encoding="utf-8").splitlines()
    return pathspec.GitIgnoreSpec.from_lines(lines)


def expand(paths: list[str], exclude: list[str] | None = None) -> list[Target | FileReport]:
    """Files to check, in a stable order: folders are walked (hidden files, case files,
    backups and ignored paths left out); a path that does not exist is reported as such."""
    out: list[Target | FileReport] = []
    for raw in paths:
        if raw == STDIN:
            out.append(Target(None, "<stdin>", None))
            continue
        p = Path(raw)
        if p.is_dir():
            spec = _ignore_spec(p, exclude or [])
            files = sorted(
                f for f in p.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts) and not _is_case_file(f)
                and not spec.match_file(f.relative_to(p).as_posix())
            )
            out.extend(Target(f, str(f), p) for f in files)
        elif p.exists():
            out.append(Target(p, str(p), None))
        else:
            out.append(FileReport(path=raw, error=ErrorCode.MISSING))
    return out
