"""Reports a volunteer can read: one plain sentence per finding (the same sentences in the
terminal, the HTML report and the local page), "Se quitó" after clean, the jargon (rule
ids, metadata fields, pixel boxes) only when asked for, and the JSON contract unchanged."""
from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

import imagefixtures as fx
from scrub import api
from scrub.cli import app
from scrub.findings import Finding, Severity
from scrub.report import sentences
from scrub.report.html import render_html

runner = CliRunner()
SCRIPT = ("Hola, soy Ana Lucía Pérez Gómez.\n"
          "Desaparecí en Zapopan.\n"
          "Mi mamá, Rosa Gómez, contesta al 33 1842 7765.\n"
          "Línea del colectivo: 33 3658 0101.\n")


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "case.toml").write_text('subject = ["Ana Lucía Pérez Gómez", "Ana Lucía"]\n'
                                        'public_contacts = ["33 3658 0101"]\n', encoding="utf-8")
    (tmp_path / "guion.txt").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "foto.jpg").write_bytes(fx.kitchen_sink_jpeg())
    return tmp_path


def test_a_finding_is_one_sentence_with_its_line_and_what_to_publish_instead():
    phone = Finding("phone-number", "PHONE", Severity.BLOCK, "33 1842 7765", start=0, end=12, line=8, column=1)
    assert sentences.found(phone, "es") == ("Renglón 8: un teléfono personal. "
                                            "Pon la línea del colectivo o de la Fiscalía, y el 089 para denuncias anónimas.")
    assert sentences.found(phone, "en").startswith("Line 8: a personal phone number. ")
    assert sentences.removed(phone, "es") == "Renglón 8: un teléfono personal; ahora dice «[teléfono]»."
    gps = Finding("img-gps", "GPS", Severity.BLOCK, "20.6, -103.3", location={"segment": "APP1 Exif GPS", "tag": "GPSLatitude"})
    assert "GPS" in sentences.found(gps, "es") and "APP1" not in sentences.found(gps, "es")
    assert sentences.technical(gps, "es") == "img-gps · EXIF GPSLatitude"
    poster = Finding("phone-number", "PHONE", Severity.BLOCK, "81 3377 4410",
                     location={"segment": "pixels", "box": [126, 618, 227, 22], "boxes": [[126, 618, 227, 22]], "frame": 1})
    assert sentences.found(poster, "es").startswith("En la imagen (cuadro 2): un teléfono personal.")
    assert "126,618" in sentences.technical(poster, "es")


def test_every_rule_reads_as_words_not_as_its_id():
    from scrub.policy import catalog

    for rule in catalog():
        f = Finding(rule.id, rule.entity, rule.severity, "x", start=0, end=1, line=1, column=1)
        phrase = sentences.what(f, "es")
        assert rule.id not in phrase and phrase != rule.entity, rule.id


def test_terminal_check_speaks_in_sentences_and_hides_rule_ids_unless_verbose(folder):
    plain = runner.invoke(app, ["check", "--lang", "es", str(folder)]).stdout
    assert "Renglón 3: un teléfono personal («33 •••• 7765»)." in plain
    assert "Renglón 3: el nombre de un familiar" in plain
    assert "1842" not in plain
    for jargon in ("phone-number", "person-relative", "img-gps", "APP1", "GPSLatitude", "BLOQUEA"):
        assert jargon not in plain, jargon
    verbose = runner.invoke(app, ["check", "--lang", "es", "--verbose", str(folder)]).stdout
    assert "phone-number · renglón 3, columna 34" in verbose and "img-gps · EXIF" in verbose


def test_terminal_clean_says_what_was_removed(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("limpio")
    result = runner.invoke(app, ["clean", "--lang", "es", "--out", str(out), str(folder)])
    assert result.exit_code == 0, result.stdout
    text = result.stdout
    assert "Se quitó:" in text and "sin datos sensibles" not in text
    assert "Renglón 3: un teléfono personal; ahora dice «[teléfono]»." in text
    assert "Datos ocultos: la ubicación GPS" in text
    en = runner.invoke(app, ["clean", "--lang", "en", "--out", str(out), str(folder / "guion.txt")]).stdout
    assert "Removed:" in en and "Line 3: a personal phone number; it now reads “[phone]”." in en


def test_the_json_report_still_carries_rule_ids_and_places(folder):
    report = json.loads(runner.invoke(app, ["check", "--format", "json", str(folder)]).stdout)
    script = next(f for f in report["files"] if f["path"].endswith("guion.txt"))
    phone = next(x for x in script["findings"] if x["entity"] == "PHONE")
    assert set(phone) >= {"rule", "entity", "severity", "start", "end", "line", "column", "score", "value"}
    assert phone["rule"] == "phone-number" and phone["line"] == 3 and phone["value"] == "33 •••• 7765"


def test_html_shows_the_clean_text_beside_the_original_with_sentences(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("limpio")
    report = api.clean([str(folder)], out_dir=out, ocr=False, previews=True)
    page = render_html(report, "es", reviewed=["Renglón 4: se dejó un teléfono personal, porque dijiste que es público."])
    assert 'name="viewport"' in page and "@media (min-width:48rem)" in page
    script = page[page.index("guion.txt"):]
    assert "Mi mamá, [nombre], contesta al [teléfono]." in script  # the clean copy, beside the original
    assert re.search(r'<mark class="block" data-rule="phone-number"[^>]*>33 •••• 7765<sup>\d+</sup></mark>', script)
    assert "Renglón 3: un teléfono personal; ahora dice «[teléfono]»." in script
    assert "Revisado: se dejó a propósito" in page
    # the jargon is folded under "detalles técnicos"
    visible = re.sub(r"<details>.*?</details>", "", page, flags=re.S)
    assert "img-gps" in page and "img-gps" not in visible and "APP1" not in visible
