"""Reporters format what the run found and read: none opens a file again."""
from __future__ import annotations

import io
import json

import pytest

import imagefixtures as fx
from scrub import api
from scrub import report as reporters


@pytest.fixture
def checked(tmp_path):
    (tmp_path / "case.toml").write_text('subject = ["Ana"]\n', encoding="utf-8")
    (tmp_path / "guion.txt").write_text("Mi mamá, Rosa Gómez, contesta al 33 1842 7765.\n", encoding="utf-8")
    (tmp_path / "foto.jpg").write_bytes(fx.kitchen_sink_jpeg())
    out = tmp_path / "limpio"
    report = api.clean([str(tmp_path)], out_dir=out, ocr=False, previews=True)
    for f in (*tmp_path.iterdir(), *out.iterdir()):  # what the report shows was read by the run
        if f.is_file():
            f.unlink()
    return report, tmp_path


@pytest.mark.parametrize("name", sorted(reporters.REPORTERS))
def test_every_reporter_writes_a_report_without_reading_a_file(checked, name, monkeypatch):
    import builtins

    report, folder = checked
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        assert not str(file).startswith(str(folder)), f"a reporter opened {file}"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    stream = io.StringIO()
    reporters.write(name, report, reporters.View("en"), stream)
    text = stream.getvalue()
    assert "guion.txt" in text and "foto.jpg" in text and "1842" not in text
    if name in ("json", "sarif"):
        json.loads(text)


def test_the_html_report_shows_the_text_and_pictures_the_run_read(checked):
    stream = io.StringIO()
    reporters.write("html", checked[0], reporters.View("es"), stream)
    page = stream.getvalue()
    assert '<mark class="block" data-rule="phone-number"' in page  # the script, highlighted
    assert page.count("data:image/png;base64,") == 2  # the photo before and after cleaning
