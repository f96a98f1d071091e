"""Defaults for a folder of posts: ``scrub.toml``, or ``[tool.scrub]`` in pyproject.toml,
found like the case file (in the folder of the first path given, or the nearest parent).

    language = "es"                 # es, en or auto
    fail_on = "block"               # block, warn or info
    jobs = 2                        # worker processes for a batch
    exclude = ["borradores/**"]     # .gitignore-style patterns, like .scrubignore
    allow = ["33 3658 0101"]        # contacts that may be published in every post

Command-line options win over the file.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from scrub.case import CaseFileError, string_list


@dataclass
class Config:
    language: str | None = None
    fail_on: str | None = None
    jobs: int | None = None
    exclude: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    source: Path | None = None


def _from_table(table: dict, source: Path) -> Config:
    def strings(key: str) -> list[str]:
        return string_list(table, key, source)

    language = table.get("language")
    if language not in (None, "es", "en", "auto"):
        raise CaseFileError(f"{source}: 'language' must be es, en or auto")
    fail_on = table.get("fail_on")
    if fail_on not in (None, "block", "warn", "info"):
        raise CaseFileError(f"{source}: 'fail_on' must be block, warn or info")
    jobs = table.get("jobs")
    if jobs is not None and (not isinstance(jobs, int) or jobs < 1):
        raise CaseFileError(f"{source}: 'jobs' must be a whole number from 1 up")
    return Config(language, fail_on, jobs, strings("exclude"), strings("allow"), source)


def find_config(start: Path) -> Config:
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for d in (folder, *folder.parents):
        own = d / "scrub.toml"
        if own.is_file():
            try:
                return _from_table(tomllib.loads(own.read_text(encoding="utf-8")), own)
            except tomllib.TOMLDecodeError as exc:
                raise CaseFileError(f"{own}: {exc}") from exc
        project = d / "pyproject.toml"
        if project.is_file():
            try:
                table = tomllib.loads(project.read_text(encoding="utf-8")).get("tool", {}).get("scrub")
            except tomllib.TOMLDecodeError:
                table = None  # somebody else's broken pyproject is not ours to judge
            if table is not None:
                return _from_table(table, project)
    return Config()
