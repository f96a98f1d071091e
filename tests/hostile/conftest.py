"""The hostile suite (issue 14): every input is built at run time, scrub is run as a user
runs it, and what it answers is judged as a user needs it: findings (exit 1) or "not
checked" (exit 2, in plain words), never clean; inputs untouched; nothing written outside
--out; values masked in every report; time and memory bounded.

Sizes: the small cases run always; ``SCRUB_HOSTILE_FULL=1`` also runs the issue's full
sizes (a 50 MB line, a 96 MB JPEG, 100,000 frames...), minutes each.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_support import run_scrub  # noqa: E402


@pytest.fixture(scope="session")
def baseline_rss_mb(tmp_path_factory) -> float:
    """Peak memory of checking one short script: the floor under every memory bound
    (the language model alone is some hundreds of MB)."""
    folder = tmp_path_factory.mktemp("baseline")
    (folder / "guion.txt").write_text("Se busca a Ana, de 17 años.\n", encoding="utf-8")
    run = run_scrub(["check", "--jobs", "1", folder / "guion.txt"], timeout=120)
    assert run.returncode in (0, 1), run.describe()
    return run.peak_rss_mb


@pytest.fixture(scope="session")
def tesseract():
    import shutil

    if shutil.which("tesseract") is None:
        if os.environ.get("SCRUB_REQUIRE_TESSERACT"):
            raise AssertionError("Tesseract is required here (SCRUB_REQUIRE_TESSERACT) and was not found")
        pytest.skip("Tesseract not installed")
    return True
