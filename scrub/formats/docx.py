"""Scripts written in Word (.docx): their words (read by scrub/text/docx.py from the parts
its PARTS table names: the document, headers, footers, notes, glossary, comments, tracked
deletions, field codes, alt text, link targets) are checked like any text, the name of the
account that wrote the file is reported, and so is the metadata of the pictures in it. The
clean copy is a .docx again (scrub/formats/docx_copy.py), so it can also replace the
original (``--in-place``); it is read and checked again by this same format.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scrub.findings import Finding
from scrub.formats.base import Source
from scrub.formats.meta.findings import metadata_findings
from scrub.formats.meta.items import CUE, MetaItem
from scrub.formats.meta.sweep import readable_numbers
from scrub.formats.text import TextItem, detect_documents
from scrub.policy import ErrorCode, Unverified, rule_severity
from scrub.text.reader import TextDocument, UnreadableText


@dataclass
class DocxItem(TextItem):
    properties: list[Finding] = field(default_factory=list)  # the author's name, company...
    package: object = None  # scrub.text.docx.Package: what the copy is written from
    # the metadata of the pictures in it, and the words of its properties: read by the text rules
    picture_items: list[MetaItem] = field(default_factory=list)


def _picture_items(name: str, data: bytes) -> list[MetaItem] | None:
    """The metadata of a picture in the document, by its image format (None: not a picture
    an image format reads, such as a Windows metafile)."""
    from scrub import formats

    _kind, fmt = formats.identify(data)
    if fmt is None or fmt.family != "image":
        return None
    inspection = fmt.inspected(data)
    # and its readable bytes, as a picture's own check sweeps them (meta/sweep.py): a number
    # in a place its reader does not know
    return [MetaItem(f"{name} {i.segment}", i.tag, i.value, i.kind) for i in [*inspection.items, *readable_numbers(data)]]


class DocxFormat:
    name = family = "docx"
    suffixes = frozenset({".docx"})
    clean_hint = None

    def sniff(self, data: bytes) -> str | None:
        from scrub.text.docx import is_docx

        return self.name if data.startswith(b"PK\x03\x04") and is_docx(data) else None

    def read(self, data: bytes, source: Source) -> DocxItem:
        from scrub.text.docx import read_package

        try:
            package = read_package(data)
        except UnreadableText as exc:
            raise Unverified(ErrorCode.TEXT_TOO_BIG if str(exc) == "too-big" else ErrorCode.UNDECODABLE) from exc
        found = [Finding(rule="doc-author", entity="METADATA", severity=rule_severity("doc-author"), value=value,
                         location={"segment": part, "tag": name}, why="document property")
                 for part, name, value in package.properties]
        item = DocxItem(kind=self.name, notes=["docx-text"], doc=TextDocument(text=package.text, encoding="utf-8"),
                        properties=found, package=package)
        item.picture_items += [MetaItem(part, name, value, CUE) for part, name, value in package.text_properties]
        for name in package.pictures:
            items = _picture_items(name, package.data[name])
            if items is None:
                if "docx-media-not-read" not in item.notes:
                    item.notes.append("docx-media-not-read")  # copied as it is: said plainly
                continue
            item.picture_items += items
        if package.pictures:
            item.notes.append("docx-pictures-not-read")  # their metadata is read, not what they show
        return item

    def detect(self, items: list[DocxItem], ctx) -> None:
        detect_documents(items, ctx)
        for item in items:
            item.findings += item.properties
            item.findings += metadata_findings(item.picture_items,
                                               lambda values, item=item: ctx.read_fields(item.case, item.language, values))

    def clean(self, item: DocxItem, ctx) -> bytes:
        from scrub.formats.docx_copy import rewrite

        return rewrite(item.package, item.findings, item.language)

    def output_name(self, path: Path) -> Path:
        return path

    def preview(self, item: DocxItem) -> str:
        return item.doc.text


FORMAT = DocxFormat()
