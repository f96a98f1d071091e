"""Reporters: one module per output format (human, json, sarif, html), each with the same
small interface, ``write(report, view, stream)``. A reporter only formats what the run
already found and read (a file's text or picture travels in its FileReport's preview): it
never opens, reads or sniffs a file. A new one is a module here plus its name in REPORTERS.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol, TextIO

from scrub.findings import Report
from scrub.policy import Severity

REPORTERS = {
    "human": "scrub.report.human",
    "json": "scrub.report.json",
    "sarif": "scrub.report.sarif",
    "html": "scrub.report.html",
}
# those that show each file's text or picture: the run keeps them only when one is asked for
NEEDS_PREVIEWS = {"html"}


@dataclass(frozen=True)
class View:
    """How a report is to be shown."""

    lang: str
    fail_on: Severity = Severity.BLOCK
    show_values: bool = False  # values unmasked (careful)
    pretty: bool = False  # for a person at a terminal (indented JSON, colours)
    verbose: bool = False  # the human report also shows rule ids and exact places


class Reporter(Protocol):
    def write(self, report: Report, view: View, stream: TextIO) -> None: ...


def write(name: str, report: Report, view: View, stream: TextIO) -> None:
    reporter: Reporter = importlib.import_module(REPORTERS[name])  # type: ignore[assignment]
    reporter.write(report, view, stream)
