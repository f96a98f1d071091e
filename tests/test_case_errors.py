"""A case file written by hand fails in plain words: the line, and how to fix it."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from scrub.case import CaseFileError, load_case
from scrub.cli import app

runner = CliRunner()


@pytest.mark.parametrize("text, line, es, en", [
    ('subject = [“Ana Lucía”]\n', 1, "usa comillas rectas", "use straight quotes"),
    ('subject = ["Ana"]\npublic_contacts = [‘33 3658 0101’]\n', 2, "usa comillas rectas", "use straight quotes"),
    ('subject = Ana Lucía\n', 1, 'subject = ["Ana Lucía"]', 'subject = ["Ana Lucía"]'),
    ('subject = ["Ana" "Anita"]\n', 1, "con una coma", "with commas"),
    ('subject = [\n  "Ana",\n  "Anita"\n', 3, "falta cerrar la lista", "not closed"),
    ('subject = ["Ana"]\nsubject = ["Anita"]\n', 2, "aparece dos veces", "appears twice"),
    ('subject ["Ana"]\n', 1, "un signo =", "an = sign"),
    ('subject = ["Ana]\n', 1, "cerrar unas comillas", "quote is not closed"),
    ('subject = ["Ana", 3]\n', 1, "lista de textos entre comillas", "list of texts in quotes"),
    ('subject = ["Ana"]\nlanguage = "fr"\n', 2, '"es", "en"', '"es", "en"'),
])
def test_a_broken_case_file_says_the_line_and_the_fix(tmp_path, text, line, es, en):
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    err = caught.value
    assert err.line == line
    assert f"renglón {line}:" in err.messages["es"] and es in err.messages["es"]
    assert f"line {line}:" in err.messages["en"] and en in err.messages["en"]
    assert "TOMLDecodeError" not in str(err) and "Invalid value" not in str(err)


def test_the_command_line_says_it_in_the_language_asked_and_checks_nothing(tmp_path):
    (tmp_path / "case.toml").write_text('subject = [“Ana”]\n', encoding="utf-8")
    (tmp_path / "guion.txt").write_text("Hola, soy Ana.\n", encoding="utf-8")
    es = runner.invoke(app, ["check", "--lang", "es", "--case", str(tmp_path / "case.toml"), str(tmp_path / "guion.txt")])
    en = runner.invoke(app, ["check", "--lang", "en", "--case", str(tmp_path / "case.toml"), str(tmp_path / "guion.txt")])
    assert es.exit_code == en.exit_code == 2
    assert "renglón 1: usa comillas rectas" in es.output and "line 1: use straight quotes" in en.output


def test_a_file_not_saved_as_utf8_says_how_to_save_it(tmp_path):
    path = tmp_path / "case.toml"
    path.write_bytes('subject = ["Ana Lucía"]\n'.encode("cp1252"))
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    assert "UTF-8" in caught.value.messages["es"] and "Guardar como" in caught.value.messages["es"]


def test_a_byte_order_mark_is_not_an_error(tmp_path):
    path = tmp_path / "case.toml"
    path.write_bytes(b"\xef\xbb\xbf" + 'subject = ["Ana"]\n'.encode())
    assert load_case(path).subject == ["Ana"]


@pytest.mark.parametrize("lang, words", [("es", ["Revisa textos", "Opciones", "idioma de los mensajes", "muestra esta ayuda"]),
                                         ("en", ["Check scripts", "Options", "language of the messages", "show this help"])])
def test_option_help_in_the_language_asked(lang, words):
    out = runner.invoke(app, ["check", "--help", "--lang", lang], terminal_width=200).output
    for word in words:
        assert word in out, word
    assert "help." not in out  # no message key shows


def test_command_list_follows_the_locale(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    out = runner.invoke(app, ["--help"], terminal_width=200).output
    assert "Open a page in your browser" in out and "Commands" in out
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    out = runner.invoke(app, ["--help"], terminal_width=200).output
    assert "Abre una página en tu navegador" in out and "Comandos" in out
