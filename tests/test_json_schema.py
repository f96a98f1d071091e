"""The JSON report keeps the shape documented in docs/report.schema.json, for check and
clean, for every family of file and for files that could not be checked."""
from __future__ import annotations

import json
from pathlib import Path

import imagefixtures as fx
import jsonschema
from typer.testing import CliRunner

from scrub.cli import app
from scrub.policy import ErrorCode

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "docs" / "report.schema.json").read_text(encoding="utf-8"))
runner = CliRunner()


def _folder(tmp_path) -> Path:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "case.toml").write_text('subject = ["Ana Lucía Pérez Gómez"]\n', encoding="utf-8")
    (posts / "guion.txt").write_text("Se busca a Ana Lucía Pérez Gómez.\nLlama a Rosa al 33 1842 7765.\n", encoding="utf-8")
    (posts / "limpio.srt").write_text("1\n00:00:01,000 --> 00:00:03,000\nSe busca a Ana.\n", encoding="utf-8")
    (posts / "foto.jpg").write_bytes(fx.kitchen_sink_jpeg())
    (posts / "roto.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10)
    (posts / ".oculto.txt").write_text("x\n", encoding="utf-8")
    return posts


def test_check_and_clean_reports_match_the_documented_schema(tmp_path):
    posts = _folder(tmp_path)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    checked = json.loads(runner.invoke(app, ["check", "--no-ocr", "--format", "json", str(posts)]).stdout)
    validator.validate(checked)
    assert {f["status"] for f in checked["files"]} == {"clean", "findings", "error"} and checked["skipped"]
    cleaned = json.loads(runner.invoke(app, ["clean", "--no-ocr", "--format", "json", "--out", str(tmp_path / "limpio"),
                                             str(posts)]).stdout)
    validator.validate(cleaned)
    assert any("output" in f for f in cleaned["files"])


def test_the_schema_lists_every_error_code():
    listed = set(SCHEMA["$defs"]["file"]["properties"]["error"]["enum"])
    assert listed == {e.value for e in ErrorCode}
