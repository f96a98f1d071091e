"""Policy lives in one place: every rule id the code can report is declared in the catalog,
with its severity and its descriptions."""
from __future__ import annotations

import ast
import codecs
import re
from pathlib import Path

import pytest

from scrub import messages
from scrub.findings import FileReport
from scrub.policy import PYTHON_RULES, ErrorCode, Severity, Unverified, catalog, find_rule

SCRUB = Path(__file__).resolve().parent.parent / "scrub"
KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
# kebab-case words in the code that name something other than a rule (an encoding, a
# package, a GIF block, a reason the text reader gives, a Vorbis comment field, a kind of
# message in a video stream); notes, error codes and metadata kinds are recognised by their
# own tables below
NOT_RULES = {"ext-fe", "ext-ff", "ext-01", "ext-f9", "presidio-analyzer", "too-big", "encoded-by", "user-data",
             "security-severity"}  # a SARIF property name
# HTTP header names and values the local page (scrub/web) reads or sends
HTTP_WORDS = {"accept-language", "content-disposition", "content-length", "content-type", "sec-fetch-site", "same-origin"}


def _literals() -> list[tuple[str, Path]]:
    return [(node.value, path) for path in SCRUB.rglob("*.py") for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def _named_as_rules() -> list[tuple[str, Path]]:
    """Strings in the places where code names the rule of what it found: ``rule="..."``, a
    recognizer's (start, end, score, "rule") and a candidate's (start, end, entity, "rule", score)."""
    out = []
    for path in SCRUB.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "rule" and isinstance(node.value, ast.Constant):
                out.append((node.value.value, path))
            elif isinstance(node, ast.Tuple) and len(node.elts) == 4:
                score, rule = node.elts[2], node.elts[3]
                if isinstance(score, ast.Constant) and isinstance(score.value, float) and isinstance(rule, ast.Constant) \
                        and isinstance(rule.value, str):
                    out.append((rule.value, path))
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Candidate" and len(node.args) == 5:
                if isinstance(node.args[3], ast.Constant):
                    out.append((node.args[3].value, path))
    return out


def _other_vocabularies() -> set[str]:
    from scrub.formats.meta import items

    kinds = {v for k, v in vars(items).items() if k.isupper() and isinstance(v, str)}
    return kinds | NOT_RULES | HTTP_WORDS


def test_every_rule_id_used_in_the_code_is_in_the_catalog():
    ids = {r.id for r in catalog()}
    named = _named_as_rules()
    assert {"phone-number", "workplace", "mx-postal-code", "img-face"} <= {v for v, _ in named}  # the scan sees them
    missing = {(v, p.name) for v, p in named if v not in ids}
    others = _other_vocabularies()
    for value, path in _literals():
        if not KEBAB.match(value) or value in ids or value in others:
            continue
        if any(messages.has(f"{prefix}{value}") for prefix in ("note.", "error.", "skip.", "casefile.", "page.upload-")):
            continue
        try:
            codecs.lookup(value)
            continue
        except LookupError:
            missing.add((value, path.name))
    assert not missing, f"rule ids used in the code but missing from scrub.policy's catalog: {sorted(missing)}"


def test_each_rule_is_declared_once():
    ids = [r.id for r in catalog()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule", [rid for rid, _entity, _severity in PYTHON_RULES])
def test_every_python_rule_is_described_in_both_languages(rule):
    for lang in messages.LANGS:
        assert messages.catalog(lang).get(f"rule.{rule}"), (rule, lang)
        if rule.startswith(("img-", "doc-")):  # the terminal report names metadata rules shortly
            assert messages.catalog(lang).get(f"short.{rule}"), (rule, lang)


def test_a_rule_declares_its_severity_once_for_every_report():
    assert find_rule("img-device-serial").severity == Severity.BLOCK  # a METADATA rule that blocks
    assert find_rule("img-thumbnail").severity == Severity.INFO
    assert find_rule("phone-number").severity == Severity.BLOCK  # from the entity table
    assert find_rule("person-name").severity == Severity.WARN
    whatsapp = find_rule("whatsapp-link")  # a YAML rule whose severity overrides its entity's
    assert whatsapp.entity == "SOCIAL" and whatsapp.severity == Severity.BLOCK


@pytest.mark.parametrize("code", list(ErrorCode))
def test_every_error_code_is_explained_in_both_languages(code):
    for lang in messages.LANGS:
        assert messages.catalog(lang).get(f"error.{code.value}"), (code, lang)


def test_of_several_reasons_a_file_is_not_verified_the_report_names_the_first_in_order():
    report = FileReport(path="foto.txt")
    report.fail(ErrorCode.EXTENSION_MISMATCH, ".txt -> jpeg")  # a doubt: the file is still read
    report.fail(ErrorCode.IMAGE_CORRUPT, "bad Huffman table")
    report.fail(Unverified(ErrorCode.EXTENSION_MISMATCH, ".txt -> png"))
    assert (report.error, report.error_detail) == (ErrorCode.IMAGE_CORRUPT, "bad Huffman table")
    assert report.to_dict()["error"] == "image-corrupt" and report.status().value == "error"
    assert not ErrorCode.EXTENSION_MISMATCH.stops_work and ErrorCode.CASE_FILE.stops_work
