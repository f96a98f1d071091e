from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def analyzer():
    from scrub.text.engine import shared_analyzer

    return shared_analyzer()


@pytest.fixture
def find(analyzer):
    """find(text, case=None, lang="es") -> list of (entity, matched text, rule)."""
    from scrub.api import check_text

    def _find(text, case=None, lang="es"):
        return [(f.entity, text[f.start:f.end], f.rule) for f in check_text(text, case=case, lang=lang)]

    return _find


@pytest.fixture
def scrub_cmd():
    """The command line as a user runs it (a real process)."""
    return [sys.executable, "-m", "scrub"]
