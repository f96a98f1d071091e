"""The teaching samples and their answer key agree with what scrub finds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scrub import api
from scrub.vision import ocr

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def answer_key() -> dict[str, set[str]]:
    key = {}
    for line in (SAMPLES / "RESPUESTAS.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"- `([^`]+)`: (.+)$", line)
        if m:
            rules = set() if m.group(2).startswith("(") else {r.strip() for r in m.group(2).split(",")}
            key[m.group(1)] = rules
    return key


def test_every_sample_file_is_in_the_answer_key():
    files = {p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*")
             if p.is_file() and not p.name.endswith(".toml") and not p.name.startswith(".")}
    # the answer key itself is left out of the check by samples/.scrubignore
    assert files - {"RESPUESTAS.md"} == set(answer_key())
    assert "RESPUESTAS.md" not in {Path(f.path).name for f in api.check([str(SAMPLES)], ocr=False).files}


@pytest.mark.skipif(not ocr.available(), reason="Tesseract is needed for the poster exercise")
def test_scrub_finds_exactly_what_the_answer_key_says():
    report = api.check([str(SAMPLES)])
    found = {
        Path(f.path).relative_to(SAMPLES).as_posix(): {x.rule for x in f.findings if x.severity.value != "info"}
        for f in report.files
    }
    assert not [f.path for f in report.files if f.error]
    assert found == answer_key()
