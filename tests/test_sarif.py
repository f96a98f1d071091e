"""SARIF output validates against the SARIF 2.1.0 schema and keeps values masked."""
from __future__ import annotations

import json
from pathlib import Path

import imagefixtures as fx
import jsonschema
from typer.testing import CliRunner

from scrub.cli import app

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
runner = CliRunner()


def test_sarif_for_text_images_and_errors_validates(tmp_path):
    (tmp_path / "case.toml").write_text('subject = ["Ana"]\n', encoding="utf-8")
    (tmp_path / "guion.txt").write_text("Mi mamá, Rosa Gómez, contesta al 33 1842 7765.\n", encoding="utf-8")
    (tmp_path / "foto.jpg").write_bytes(fx.kitchen_sink_jpeg())
    (tmp_path / "roto.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10)
    result = runner.invoke(app, ["check", "--no-ocr", "--format", "sarif", "--lang", "en", str(tmp_path)])
    assert result.exit_code == 2
    sarif = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    run = sarif["runs"][0]
    rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {"phone-number", "img-gps", "mx-curp"} <= rules
    phone = next(r for r in run["results"] if r["ruleId"] == "phone-number"
                 and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("guion.txt"))
    region = phone["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and region["charLength"] == len("33 1842 7765")
    gps = next(r for r in run["results"] if r["ruleId"] == "img-gps")
    assert gps["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].startswith("APP1 Exif GPS")
    assert run["invocations"][0]["executionSuccessful"] is False
    assert any("roto.png" in n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               for n in run["invocations"][0]["toolExecutionNotifications"])
    assert "1842" not in result.stdout and fx.SERIAL not in result.stdout


def _sarif(folder) -> dict:
    return json.loads(runner.invoke(app, ["check", "--no-ocr", "--format", "sarif", "--lang", "en", str(folder)]).stdout)


def test_results_carry_fingerprints_that_follow_a_finding_and_hide_its_value(tmp_path):
    """A dashboard follows a finding across runs by its fingerprint: the same after a line
    is added above it, different for another phone, and never the value's hash (a phone
    has few enough values to try them all)."""
    import hashlib

    script = tmp_path / "guion.txt"
    script.write_text("Se busca a Ana.\nMi mamá contesta al 33 1842 7765.\n", encoding="utf-8")
    first = {r["partialFingerprints"]["scrubFinding/v1"] for r in _sarif(tmp_path)["runs"][0]["results"]}
    script.write_text("Se busca a Ana.\nCompártelo.\nMi mamá contesta al 33 1842 7765.\n", encoding="utf-8")
    moved = {r["partialFingerprints"]["scrubFinding/v1"] for r in _sarif(tmp_path)["runs"][0]["results"]}
    assert first and first == moved
    script.write_text("Se busca a Ana.\nMi mamá contesta al 33 2917 4406.\n", encoding="utf-8")
    other = {r["partialFingerprints"]["scrubFinding/v1"] for r in _sarif(tmp_path)["runs"][0]["results"]}
    assert other.isdisjoint(first)
    assert hashlib.sha256(b"3318427765").hexdigest()[:32] not in first


def test_rules_and_results_carry_a_security_severity_and_pictures_a_region(tmp_path):
    (tmp_path / "foto.jpg").write_bytes(fx.kitchen_sink_jpeg())
    (tmp_path / "guion.txt").write_text("Llama al 33 1842 7765.\n", encoding="utf-8")
    run = _sarif(tmp_path)["runs"][0]
    severities = {r["id"]: float(r["properties"]["security-severity"]) for r in run["tool"]["driver"]["rules"]}
    assert severities["phone-number"] >= 7.0 > severities["img-software"]
    for result in run["results"]:
        assert 0 < float(result["properties"]["security-severity"]) < 10
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
