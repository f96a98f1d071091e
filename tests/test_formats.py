"""The Format contract: every family implements it, and a family that implements it is read,
checked, cleaned and re-checked by the one run without any other change."""
from __future__ import annotations

from pathlib import Path

import pytest

from scrub import api, formats
from scrub.formats.text import TextItem, detect_documents, redact
from scrub.policy import ErrorCode, Unverified
from scrub.text.reader import TextDocument

CONTRACT = ("name", "family", "suffixes", "clean_hint", "sniff", "read", "detect", "clean", "output_name", "preview")


@pytest.mark.parametrize("fmt", formats.registered(), ids=lambda f: f.name)
def test_every_registered_format_implements_the_contract(fmt):
    assert all(hasattr(fmt, part) for part in CONTRACT)
    assert fmt.sniff(b"") is None  # nothing claims an empty file but the text fallback


class NoteFormat:
    """A made-up family for the test: files that start with "SCRUBNOTE", their text after it."""

    name = family = "note"
    suffixes = frozenset({".note"})
    clean_hint = None
    MAGIC = b"SCRUBNOTE\n"

    def sniff(self, data: bytes) -> str | None:
        return self.name if data.startswith(self.MAGIC) else None

    def read(self, data: bytes, source) -> TextItem:
        try:
            text = data[len(self.MAGIC):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Unverified(ErrorCode.UNDECODABLE) from exc
        return TextItem(kind=self.name, doc=TextDocument(text=text, encoding="utf-8"))

    def detect(self, items, ctx) -> None:
        detect_documents(items, ctx)

    def clean(self, item, ctx) -> bytes:
        return self.MAGIC + redact(item.doc.text, item.findings, item.language).encode("utf-8")

    def output_name(self, path: Path) -> Path:
        return path

    def preview(self, item) -> str:
        return item.doc.text


def test_a_new_family_is_one_module_and_its_registration(tmp_path, monkeypatch):
    known = formats.registered()
    monkeypatch.setattr(formats, "registered", lambda: (NoteFormat(), *known))
    (tmp_path / "ficha.note").write_bytes(NoteFormat.MAGIC + "Llama a su hermana al 33 1842 7765.\n".encode())
    (tmp_path / "roto.note").write_bytes(NoteFormat.MAGIC + b"\xff\xfe\x00")
    report = {Path(f.path).name: f for f in api.check([str(tmp_path)], lang="es").files}
    note = report["ficha.note"]
    assert note.kind == "note" and "PHONE" in {f.entity for f in note.findings}
    assert report["roto.note"].error == ErrorCode.UNDECODABLE
    out = tmp_path / "limpio"
    cleaned = {Path(f.path).name: f for f in api.clean([str(tmp_path / "ficha.note")], out_dir=out, lang="es").files}
    assert cleaned["ficha.note"].remaining == [] and not cleaned["ficha.note"].error
    copy = (out / "ficha.note").read_bytes()
    assert copy.startswith(NoteFormat.MAGIC) and b"1842" not in copy and "[teléfono]".encode() in copy
