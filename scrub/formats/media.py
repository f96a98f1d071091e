"""What the sound, video and PDF families share: reading a file into a :class:`MediaItem`
(its metadata items, and the passages of text it holds), finding what must not be published,
and writing a copy without the metadata that is checked again before it leaves.

Each family (scrub/formats/audio, video, pdf) supplies what is its own, as an image format
does: its suffixes and magic bytes, ``inspect`` (its metadata items, and its passages) and
``strip`` (the same sound, picture or pages without them). Metadata items become findings
through scrub/formats/meta (free text read by the cached text rules, like a photo's
comment); passages (a subtitle track's cues, a PDF's text layer) are read as scripts are,
with the names model and the case file, and each finding keeps where it is (a cue's time
range, a page).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scrub.formats.base import Item, Source, fail_closed
from scrub.formats.meta.findings import metadata_findings
from scrub.formats.meta.items import CUE, HARMLESS, MetaItem
from scrub.formats.meta.sweep import readable_numbers
from scrub.policy import MAX_FILE_BYTES, ErrorCode, Unverified
from scrub.text.reader import TextDocument


@dataclass
class Passage:
    """Text a file holds that is read as a script: the cues of a subtitle track (as an
    .srt), the text layer of a PDF's pages."""

    doc: TextDocument
    locate: Callable[[int], dict]  # the location (track and cue, or page) of an offset in doc.text
    why: str = ""


@dataclass
class Inspection:
    items: list[MetaItem] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # the family's parse of the file, kept so that cleaning the same bytes does not parse
    # them again; only valid for the bytes that were inspected
    layout: object = field(default=None, repr=False, compare=False)


@dataclass
class MediaItem(Item):
    data: bytes = b""
    inspection: Inspection | None = None

    def guess_language(self) -> str:
        text = "\n".join(p.doc.text for p in self.inspection.passages) if self.inspection else ""
        if not text.strip():
            return "es"
        from scrub.text.detect import guess_language

        return guess_language(text)


class MediaFormat:
    name = ""
    family = ""
    suffixes: frozenset[str] = frozenset()
    magic: tuple[bytes, ...] = ()
    clean_hint = "hint.clean-media"
    max_bytes = MAX_FILE_BYTES
    # what a check of this kind never looks at (the voice of a recording...): always said
    not_read: tuple[str, ...] = ()
    # it shows pictures in which faces would have to be looked for (video, PDF pages)
    shows_pictures = False
    # its ``look`` looks for faces in those pictures when asked (``--faces``)
    looks_for_faces = False
    # its bytes are swept for readable numbers its reader may have missed (meta/sweep.py)
    sweep_bytes = True

    # --- what each family supplies ---------------------------------------------------------

    def inspect(self, data: bytes) -> Inspection:
        raise NotImplementedError

    def strip(self, data: bytes, inspection: Inspection) -> bytes:
        raise NotImplementedError

    def look(self, item: MediaItem, ctx) -> None:
        """What a family finds beyond metadata and passages (a PDF's pages read by OCR)."""

    def sniff(self, data: bytes) -> str | None:
        return self.name if self.magic and data.startswith(self.magic) else None

    # --- the contract ----------------------------------------------------------------------

    def read(self, data: bytes, source: Source) -> MediaItem:
        if len(data) > self.max_bytes:
            raise Unverified(ErrorCode.MEDIA_TOO_BIG, f"{len(data)} bytes")
        with fail_closed(ErrorCode.MEDIA_DAMAGED):
            inspection = self.inspect(data)
        if self.sweep_bytes:
            inspection.items.extend(readable_numbers(data))
        item = MediaItem(kind=self.name, notes=[*self.not_read, *inspection.notes], data=data, inspection=inspection)
        if source.named and source.suffix not in self.suffixes:
            # "a .mp3 that is really a WAV": handled as what it is, and never called clean
            item.doubt = Unverified(ErrorCode.EXTENSION_MISMATCH, f"{source.suffix or '(none)'} -> {self.name}")
        return item

    def detect(self, items: list[MediaItem], ctx) -> None:
        for item in items:
            item.findings = metadata_findings(item.inspection.items,
                                              lambda values, item=item: ctx.read_fields(item.case, item.language, values))
            if ctx.faces and self.shows_pictures and not self.looks_for_faces:
                item.fail(Unverified(ErrorCode.FACES_NOT_IN_MEDIA))
        read_passages(items, ctx)
        for item in items:
            self.look(item, ctx)

    def clean(self, item: MediaItem, ctx) -> bytes:
        """The copy without the metadata, read again by the same reader at once: anything
        but structure left in it means the rewrite missed something, and no copy is made
        (the run then checks the copy's text as it checks every copy)."""
        with fail_closed(ErrorCode.MEDIA_DAMAGED):
            copy = self.strip(item.data, item.inspection)
            left = [i for i in self.inspect(copy).items if i.kind not in (HARMLESS, CUE)]
        if left:
            raise Unverified(ErrorCode.LEFT_IN_COPY, "; ".join(f"{i.segment} {i.tag}" for i in left[:5]))
        return copy

    def output_name(self, path: Path) -> Path:
        return path

    def preview(self, item: MediaItem):
        return None  # an HTML report lists what was found; it shows no picture of a recording


def read_passages(items: list[MediaItem], ctx) -> None:
    """The passages of a batch through the text rules in one call (the names model reads
    them together, as it reads a batch of scripts); each finding is placed where its
    passage says (a cue, a page) instead of at an offset into a text the file does not have."""
    from scrub.text.detect import detect_many

    todo = [(item, passage) for item in items for passage in item.inspection.passages]
    if not todo:
        return
    found = detect_many([p.doc for _i, p in todo], [i.case for i, _p in todo], ctx.analyzer(),
                        [i.language for i, _p in todo])
    subject_known: dict[int, bool] = {}
    for (item, passage), findings in zip(todo, found):
        for f in findings:
            f.location = passage.locate(f.start)
            f.start = f.end = f.line = f.column = None
            f.why = f.why or passage.why
            item.findings.append(f)
        assumed = passage.doc.assumed
        if assumed is not None and item.assumed is None:
            item.assumed = assumed.to_dict() or None
        named = bool((item.case and item.case.subject) or (assumed is not None and assumed.subject))
        subject_known[id(item)] = subject_known.get(id(item), False) or named
    for item in items:
        if subject_known.get(id(item)) is False:
            item.notes.append("no-subject")  # every name is marked: the report says why


def spans(texts: list[str], separator: str) -> tuple[str, list[tuple[int, int]]]:
    """The texts joined by ``separator``, and where each one starts and ends in the join."""
    bounds, pos = [], 0
    for text in texts:
        bounds.append((pos, pos + len(text)))
        pos += len(text) + len(separator)
    return separator.join(texts), bounds


def which(bounds: list[tuple[int, int]], offset: int) -> int:
    """The index of the span ``offset`` falls in (the last one starting at or before it)."""
    index = 0
    for i, (start, _end) in enumerate(bounds):
        if start <= offset:
            index = i
    return index
