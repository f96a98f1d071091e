"""The one contract every kind of file implements, as mat2's libmat2/abstract.py does it.

A format says which files are its own (``sniff``, from the bytes; ``suffixes``, what a name
promises), reads one into an :class:`Item` (or raises :class:`~scrub.policy.Unverified`),
finds what must not be published in a batch of items (``detect``), and writes a clean copy
as bytes (``clean``; it writes no file). scrub/run.py carries every file through these steps
and reads each clean copy again with the format its bytes belong to.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from scrub.policy import ErrorCode, Unverified

if TYPE_CHECKING:
    from scrub.case import Case
    from scrub.findings import Finding


@dataclass(frozen=True)
class Source:
    """What a format may know of a file besides its bytes."""

    suffix: str  # the name's extension, lower case (".txt" for standard input)
    named: bool = True  # False for standard input and a clean copy read again: no name promises anything
    promised: str | None = None  # the family of the format the name promises ("image", "text"...), if any


@dataclass
class Item:
    """A file as its format read it; each family adds what it read (its text, its metadata)."""

    kind: str  # the report's kind: "jpeg", "srt", "docx"...
    notes: list[str] = field(default_factory=list)
    doubt: Unverified | None = None  # read, checked and cleaned, but not vouched for
    # set by the run before detect: the file's case and the language to read it in
    case: Case | None = None
    language: str = "es"
    # set by detect: what was found, and what could not be looked at
    findings: list[Finding] = field(default_factory=list)
    failure: Unverified | None = None
    # what detection took from the text because no case file said it (who the card is
    # about, the public numbers): reported as assumed
    assumed: dict | None = None

    def guess_language(self) -> str:
        """The language to read the file in when neither --lang nor its case file says."""
        return "es"

    def fail(self, problem: Unverified) -> None:
        if self.failure is None or problem.code.rank < self.failure.code.rank:
            self.failure = problem


@contextlib.contextmanager
def fail_closed(code: ErrorCode = ErrorCode.IMAGE_CORRUPT):
    """Whatever a decoder or parser raises on a strange file (a codec that is not built in,
    a structure no one foresaw) makes that file unverified (``code``, with the reason):
    never a traceback, never "clean", and the other files of the batch go on."""
    try:
        yield
    except Unverified:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure means the file was not fully read
        raise Unverified(code, f"{type(exc).__name__}: {exc}") from exc


class Context(Protocol):
    """What the run lends every format while it detects and cleans."""

    ocr: bool  # read the text drawn in pictures
    faces: bool  # look for faces other than the missing person's

    def analyzer(self):
        """The text analyzer, built once per process."""

    def read_fields(self, case: Case | None, language: str, values: list[str]) -> list[list[Finding]]:
        """The text rules' findings in each metadata value (no language model; cached)."""


class Format(Protocol):
    name: str  # its kind in the report, and what ``sniff`` returns
    family: str  # "text", "docx", "image": what a name promising it means to other families
    suffixes: frozenset[str]  # the names that promise it
    clean_hint: str | None  # a message key: what `clean` does with its hidden data, for a person

    def sniff(self, data: bytes) -> str | None:
        """Its kind, when these bytes are this format's (look at the head only)."""

    def read(self, data: bytes, source: Source) -> Item:
        """The file, read; raises Unverified when it cannot be read whole."""

    def detect(self, items: list, ctx: Context) -> None:
        """Fill each item's findings (and failure), reading them in one batch."""

    def clean(self, item, ctx: Context) -> bytes:
        """A copy without what ``detect`` found and without hidden data; writes no file."""

    def output_name(self, path: Path) -> Path:
        """The name of the clean copy of ``path``."""

    def preview(self, item) -> object:
        """What an HTML report shows of the file: its text (str) or its picture (PIL image)."""
