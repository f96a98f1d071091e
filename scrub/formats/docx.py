"""Scripts written in Word (.docx): their words (read by scrub/text/docx.py: the document,
headers, footers, notes, comments and tracked deletions) are checked like any text, and the
name of the account that wrote the file is reported too. The clean copy is the redacted
text, as a .txt file (what a voice or a caption needs); a Word file cannot be cleaned in
place, as its copy cannot take the original's place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scrub.findings import Finding
from scrub.formats.base import Source
from scrub.formats.text import TextItem, detect_documents, redact
from scrub.policy import ErrorCode, Unverified, rule_severity
from scrub.text.reader import TextDocument, UnreadableText


@dataclass
class DocxItem(TextItem):
    properties: list[Finding] = field(default_factory=list)  # the author's name, company...


class DocxFormat:
    name = family = "docx"
    suffixes = frozenset({".docx"})
    clean_hint = None

    def sniff(self, data: bytes) -> str | None:
        from scrub.text.docx import is_docx

        return self.name if data.startswith(b"PK\x03\x04") and is_docx(data) else None

    def read(self, data: bytes, source: Source) -> DocxItem:
        from scrub.text.docx import read_docx

        try:
            text, properties = read_docx(data)
        except UnreadableText as exc:
            raise Unverified(ErrorCode.TEXT_TOO_BIG if str(exc) == "too-big" else ErrorCode.UNDECODABLE) from exc
        found = [Finding(rule="doc-author", entity="METADATA", severity=rule_severity("doc-author"), value=value,
                         location={"segment": part, "tag": name}, why="document property")
                 for part, name, value in properties]
        return DocxItem(kind=self.name, notes=["docx-text"], doc=TextDocument(text=text, encoding="utf-8"), properties=found)

    def detect(self, items: list[DocxItem], ctx) -> None:
        detect_documents(items, ctx)
        for item in items:
            item.findings += item.properties

    def clean(self, item: DocxItem, ctx) -> bytes:
        return redact(item.doc.text, item.findings, item.language).encode("utf-8")

    def output_name(self, path: Path) -> Path:
        return path.with_suffix(".txt")

    def preview(self, item: DocxItem) -> str:
        return item.doc.text


FORMAT = DocxFormat()
