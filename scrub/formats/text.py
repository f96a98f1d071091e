"""Scripts and subtitles (.txt, .md, .srt, .vtt, .ass/.ssa, and any other file whose content
is text): decoded by scrub/text/reader.py, checked by the text rules, and cleaned by
replacing each detail with a word a text-to-speech voice can read ("[teléfono]").

Text is the fallback family: whatever no other format claims by its bytes is read as text,
and the reader refuses what is binary, so a file scrub does not know is never called clean.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scrub import messages
from scrub.formats.base import Item, Source
from scrub.policy import MAX_FINDINGS, MAX_NAMES_CHARS, MAX_TEXT_CHARS, REDACT_FROM, ErrorCode, Severity, Unverified
from scrub.text.reader import TEXT_SUFFIXES, TextDocument, UnreadableText, read_text_bytes


@dataclass
class TextItem(Item):
    doc: TextDocument | None = None

    def guess_language(self) -> str:
        from scrub.text.detect import guess_language

        return guess_language(self.doc.text)


def detect_documents(items: list, ctx) -> None:
    """The text rules over the documents of a batch, their texts through the language model
    together (``item.doc`` of each); a text too long for the model is read by every other
    rule and reported as not fully checked."""
    from scrub.text.detect import detect_many

    if not items:
        return
    short = [x for x in items if len(x.doc.text) <= MAX_NAMES_CHARS]
    long = [x for x in items if len(x.doc.text) > MAX_NAMES_CHARS]
    found = {}
    for group, use_ner in ((short, True), (long, False)):
        if group:
            results = detect_many([x.doc for x in group], [x.case for x in group], ctx.analyzer(),
                                  [x.language for x in group], use_ner=use_ner)
            found.update(zip(map(id, group), results))
    for item in long:
        item.fail(Unverified(ErrorCode.NAMES_NOT_READ, f"{len(item.doc.text):,} characters"))
    for item in items:
        findings = found[id(item)]
        if len(findings) > MAX_FINDINGS:
            item.fail(Unverified(ErrorCode.TOO_MANY_FINDINGS, f"{len(findings):,}"))
            findings = findings[:MAX_FINDINGS]
        item.findings = findings
        assumed = item.doc.assumed
        if assumed is not None:
            item.assumed = assumed.to_dict() or None
            if not assumed.subject and not (item.case and item.case.subject):
                item.notes.append("no-subject")  # every name is marked: the report says why


def redact(text: str, findings: list, lang: str, at_least: Severity = REDACT_FROM) -> str:
    """Replace each finding with a word a text-to-speech voice can read ("[teléfono]")."""
    out = text
    for f in sorted((f for f in findings if f.start is not None and f.severity.at_least(at_least)), key=lambda f: -f.start):
        out = out[: f.start] + messages.replacement(f.entity, lang) + out[f.end :]
    return out


class TextFormat:
    name = family = "text"
    suffixes = frozenset(TEXT_SUFFIXES)
    clean_hint = None
    max_bytes = MAX_TEXT_CHARS * 4  # UTF-8 holds a character in at most four bytes

    def sniff(self, data: bytes) -> str | None:
        return None  # the fallback: never claimed by its bytes

    def read(self, data: bytes, source: Source) -> TextItem:
        if source.named and source.promised == "image":
            raise Unverified(ErrorCode.NOT_AN_IMAGE)  # an image name on something that is not one
        try:
            doc = read_text_bytes(data, source.suffix)
        except UnreadableText as exc:
            raise Unverified(ErrorCode.BINARY if str(exc) == "binary" else ErrorCode.UNDECODABLE) from exc
        if len(doc.text) > MAX_TEXT_CHARS:
            raise Unverified(ErrorCode.TEXT_TOO_BIG, f"{len(doc.text):,} characters; limit {MAX_TEXT_CHARS:,}")
        item = TextItem(kind=doc.subtitle_format or "text", notes=list(doc.notes), doc=doc)
        if source.named and source.suffix not in TEXT_SUFFIXES:
            item.notes.append("not-text-extension")
        return item

    def detect(self, items: list[TextItem], ctx) -> None:
        detect_documents(items, ctx)

    def clean(self, item: TextItem, ctx) -> bytes:
        text = redact(item.doc.text, item.findings, item.language)
        if item.doc.encoding == "utf-16":
            return text.encode("utf-16")
        if item.doc.encoding == "utf-8-sig":
            return b"\xef\xbb\xbf" + text.encode("utf-8")
        # cp1252 input is written back as UTF-8: the replacement words need no legacy encoding
        return text.encode("utf-8")

    def output_name(self, path: Path) -> Path:
        return path

    def preview(self, item: TextItem) -> str:
        return item.doc.text


FORMAT = TextFormat()
