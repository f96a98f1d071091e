"""Issue 14, "Values shown unmasked": a location made of file data (a JPEG APPn segment's
identifier, an XMP property's name) and a file's own name are text too. They go through
the same rules and masking as values, in the terminal, JSON, SARIF and HTML reports; a
name holding a phone is reported, and ``clean`` gives the copy a safe name."""
from __future__ import annotations

import pytest

import hostile_inputs as H
from hostile_support import (
    DIGITS,
    assert_inputs_untouched,
    assert_masked,
    assert_no_internal_error,
    leaks,
    run_scrub,
    tree_state,
)

FORMATS = ["human", "json", "sarif", "html"]


def _report(tmp_path, command: str, path, fmt: str, *extra) -> tuple[str, int]:
    """The report's text in one format, and the exit code."""
    report_file = tmp_path / "informe" / f"informe.{fmt}"
    args = [command, "--jobs", "1", "--no-ocr", "--format", fmt, *extra, path]
    if fmt == "html":
        report_file.parent.mkdir(exist_ok=True)
        args += ["--output", report_file]
    run = run_scrub(args)
    assert run.killed is None, run.describe()
    assert_no_internal_error(run)
    text = run.stdout + run.stderr
    if fmt == "html":
        assert report_file.exists(), f"no HTML report written:\n{run.describe()}"
        text += report_file.read_text(encoding="utf-8")
    return text, run.returncode


LOCATIONS = {
    "jpeg-appn-identifier": H.jpeg_appn_named,
    "xmp-property-name": H.jpeg_xmp_property_named,
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("key", list(LOCATIONS))
def test_metadata_location_made_of_file_data_is_masked(tmp_path, key, fmt):
    path = H.write(tmp_path / "fotos" / "foto.jpg", LOCATIONS[key]())
    before = tree_state(tmp_path / "fotos")
    text, code = _report(tmp_path, "check", path, fmt)
    assert_masked(text, f"{fmt} ({key})")
    assert code in (1, 2), f"a phone in the file (its value too) and exit {code}"
    assert_inputs_untouched(before, tree_state(tmp_path / "fotos"))


# ---- file names are text ----------------------------------------------------------------

NAMED = {
    "jpeg": ("ficha_llama_" + DIGITS + ".jpg", H.plain_jpeg),
    "text": ("guion_" + DIGITS + ".txt", lambda: H.CARD + "\n"),
}


@pytest.mark.parametrize("kind", list(NAMED))
def test_file_name_holding_a_phone_is_reported(tmp_path, kind):
    name, build = NAMED[kind]
    path = H.write(tmp_path / "fichas" / name, build())
    run = run_scrub(["check", "--jobs", "1", "--no-ocr", "--format", "json", path])
    assert_no_internal_error(run)
    assert run.returncode in (1, 2), f"the name {name} holds a phone and the file is clean:\n{run.describe()}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", list(NAMED))
def test_file_name_holding_a_phone_is_masked_in_reports(tmp_path, kind, fmt):
    name, build = NAMED[kind]
    path = H.write(tmp_path / "fichas" / name, build())
    text, _code = _report(tmp_path, "check", path, fmt)
    assert_masked(text, f"{fmt} (file name {name})")


@pytest.mark.parametrize("kind", list(NAMED))
def test_clean_gives_a_copy_of_a_phone_named_file_a_safe_name(tmp_path, kind):
    name, build = NAMED[kind]
    path = H.write(tmp_path / "fichas" / name, build())
    before = tree_state(tmp_path / "fichas")
    out = tmp_path / "limpio"
    run = run_scrub(["clean", "--jobs", "1", "--no-ocr", "--format", "json", path, "--out", out])
    assert_no_internal_error(run)
    copies = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert copies, f"no clean copy written:\n{run.describe()}"
    for copy in copies:
        assert not leaks(copy.name), f"the clean copy keeps the phone in its name: {copy.name}"
    assert_masked(run.stdout + run.stderr, "clean (file name)")
    assert_inputs_untouched(before, tree_state(tmp_path / "fichas"))
