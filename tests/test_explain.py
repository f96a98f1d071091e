"""Teaching texts: every rule is explained in both languages, and the catalogs match."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from scrub import messages
from scrub.cli import app
from scrub.explain import explain
from scrub.policy import catalog

runner = CliRunner()


def test_both_catalogs_hold_the_same_messages():
    es, en = messages.catalog("es"), messages.catalog("en")
    assert set(es) == set(en)
    assert all(es[k].strip() and en[k].strip() for k in es)


@pytest.mark.parametrize("rule", [r.id for r in catalog()])
def test_every_rule_is_explained_in_both_languages(rule):
    info = next(r for r in catalog() if r.id == rule)
    for lang in ("es", "en"):
        assert info.description.get(lang), (rule, lang)
        for part in ("why", "instead"):
            key = f"explain.{info.entity}.{part}"
            assert messages.catalog(lang).get(key), (rule, key, lang)
        text = explain(rule, lang)
        assert messages.t(f"explain.{info.entity}.why", lang) in text


def test_explain_command_in_spanish_and_english():
    es = runner.invoke(app, ["explain", "phone-number", "--lang", "es"])
    en = runner.invoke(app, ["explain", "phone-number", "--lang", "en"])
    assert es.exit_code == en.exit_code == 0
    assert "liberación" in es.stdout and "colectivo" in es.stdout
    assert "release" in en.stdout and "collective" in en.stdout


def test_explain_lists_every_rule_with_the_scam_context():
    out = runner.invoke(app, ["explain", "--lang", "es"]).stdout
    assert "prueba de vida" in out
    for r in catalog():
        assert r.id in out


def test_unknown_rule_is_a_clear_error():
    result = runner.invoke(app, ["explain", "no-such-rule", "--lang", "en"])
    assert result.exit_code == 64
    assert "Unknown rule" in result.output


def test_messages_follow_the_locale(monkeypatch):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert messages.pick(None) == "en"
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert messages.pick(None) == "es"  # Spanish when the locale is neither
    monkeypatch.delenv("LC_ALL")
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANG", raising=False)
    assert messages.pick(None) == "es"
