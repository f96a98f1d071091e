"""The HTML report: one self-contained page, rendered in headless Chromium: highlights are
there, values are masked, and the page itself asks the network for nothing."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import imagefixtures as fx
from scrub.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("SCRUB_REQUIRE_CHROMIUM"):
        raise RuntimeError("Chromium is required here: .ci/run installs it")
    pytestmark = pytest.mark.skip(reason="Chromium is not installed")

runner = CliRunner()
LEAKY = "Mi mamá, Rosa Gómez, contesta al 33 1842 7765.\nLínea del colectivo: 33 3658 0101.\n"


def render(page: Path, tmp: Path) -> tuple[str, list[str]]:
    """The DOM Chromium builds from ``page`` and the URLs the page itself requested
    (the browser's own background requests have no page origin and are left out)."""
    netlog = tmp / "net.json"
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
         "--disable-background-networking", "--disable-component-update", f"--user-data-dir={tmp / 'profile'}",
         f"--log-net-log={netlog}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout
    log = json.loads(netlog.read_text(encoding="utf-8"))
    types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    requested = []
    for event in log["events"]:
        params = event.get("params", {})
        url = params.get("url", "")
        if (types.get(event["type"]) == "URL_REQUEST_START_JOB" and url and params.get("initiator") != "not an origin"
                and not url.startswith(("file:", "data:")) and url not in requested):
            requested.append(url)
    return dom, requested


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("posts")
    (folder / "case.toml").write_text('subject = ["Ana"]\npublic_contacts = ["33 3658 0101"]\n', encoding="utf-8")
    (folder / "guion.txt").write_text(LEAKY, encoding="utf-8")
    (folder / "foto.jpg").write_bytes(fx.kitchen_sink_jpeg())
    out = tmp_path_factory.mktemp("out")
    page = out / "report.html"
    result = runner.invoke(app, ["clean", "--no-ocr", "--lang", "es", "--format", "html", "--output", str(page),
                                 "--out", str(out / "clean"), str(folder)], catch_exceptions=False)
    assert result.exit_code == 0
    return page


def test_highlights_render_and_nothing_is_requested(report_page, tmp_path):
    dom, requested = render(report_page, tmp_path)
    marks = re.findall(r'<mark class="(\w+)" data-rule="([\w-]+)"', dom)
    assert ("block", "phone-number") in marks and ("warn", "person-relative") in marks
    assert "img-gps" in dom and "data:image/png;base64," in dom  # image leaks and thumbnails
    assert requested == []


def test_values_stay_masked_and_assets_are_inline(report_page):
    page = report_page.read_text(encoding="utf-8")
    assert "1842" not in page and "Rosa Gómez" not in page and fx.SERIAL not in page
    assert "33 3658 0101" in page  # the public hotline is part of the script and stays
    urls = re.findall(r'(?:src|href)="([^"]*)"', page) + re.findall(r"url\(([^)]*)\)", page)
    assert urls and all(u.startswith("data:") for u in urls)
    assert "Content-Security-Policy" in page


def test_the_request_check_would_see_an_external_asset(tmp_path):
    """Control: the same check catches a page that does load something."""
    page = tmp_path / "leaky.html"
    page.write_text('<!doctype html><img src="http://127.0.0.1:9/pixel.png">', encoding="utf-8")
    _dom, requested = render(page, tmp_path)
    assert requested == ["http://127.0.0.1:9/pixel.png"]
