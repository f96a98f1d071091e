"""The command line as pipelines and volunteers use it: exit codes, JSON, stdin, clean."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from scrub.cli import app

LEAKY = (
    "Mi mamá, Rosa Gómez, contesta al 33 1842 7765 o en rosa.gomez@gmail.com. "
    "Vivimos en calle Hidalgo 512, C.P. 44700.\n"
)
SAFE = "Ana Lucía, de 24 años, desapareció el 3 de agosto de 2024 en Zapopan. Llama al 911.\n"
CASE = 'subject = ["Ana Lucía Pérez Gómez", "Ana Lucía"]\npublic_contacts = ["33 3658 0101"]\nlanguage = "es"\n'

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    (tmp_path / "leaky.txt").write_text(LEAKY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "safe.md").write_text(SAFE, encoding="utf-8")
    return tmp_path


def report_of(result):
    return json.loads(result.stdout)


def test_exit_0_when_nothing_blocks(folder):
    result = run("check", str(folder / "sub" / "safe.md"))
    assert result.exit_code == 0, result.stdout


def test_exit_1_and_json_contract(folder):
    result = run("check", "--format", "json", str(folder))
    assert result.exit_code == 1
    report = report_of(result)
    files = {os.path.basename(f["path"]): f for f in report["files"]}
    assert set(files) == {"leaky.txt", "safe.md"}  # the case file itself is not checked
    assert files["safe.md"]["status"] == "clean"
    leaky = files["leaky.txt"]
    assert leaky["status"] == "findings"
    for f in leaky["findings"]:
        assert {"rule", "entity", "severity", "start", "end", "score", "value"} <= set(f)
        assert LEAKY[f["start"]:f["end"]]  # offsets are into the decoded text
    phone = next(f for f in leaky["findings"] if f["entity"] == "PHONE")
    assert LEAKY[phone["start"]:phone["end"]] == "33 1842 7765"
    assert phone["value"] == "33 •••• 7765"  # masked by default
    assert "1842" not in result.stdout


def test_show_values_unmasks(folder):
    result = run("check", "--format", "json", "--show-values", str(folder / "leaky.txt"))
    assert "33 1842 7765" in result.stdout


def test_fail_on_warn_counts_third_party_names(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("Su hermano Osvaldo lo busca.\n", encoding="utf-8")
    assert run("check", str(p)).exit_code == 0
    assert run("check", "--fail-on", "warn", str(p)).exit_code == 1


def test_exit_2_for_missing_binary_and_image_files(tmp_path):
    png = tmp_path / "foto.txt"  # a PNG with a text extension is still a PNG
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    blob = tmp_path / "datos.bin"
    blob.write_bytes(bytes(range(256)) * 4)
    for target in (png, blob, tmp_path / "no-existe.txt"):
        result = run("check", "--format", "json", str(target))
        assert result.exit_code == 2, target
        assert report_of(result)["files"][0]["status"] == "error"
        assert "Traceback" not in result.stdout


def test_one_bad_file_makes_the_batch_exit_2(folder):
    (folder / "roto.txt").write_bytes(b"\xff\xd8\xff\xe0garbage")
    assert run("check", str(folder)).exit_code == 2


def test_note_when_no_case_file(tmp_path, monkeypatch):
    p = tmp_path / "x.txt"
    p.write_text(SAFE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "--format", "json", str(p))
    assert "no-case" in report_of(result)["files"][0]["notes"]


def test_stdin_check(folder, monkeypatch):
    monkeypatch.chdir(folder)
    result = run("check", "--format", "json", "-", input=LEAKY)
    assert result.exit_code == 1
    assert any(f["entity"] == "PHONE" for f in report_of(result)["files"][0]["findings"])


def test_human_report_in_both_languages(folder):
    es = run("check", "--lang", "es", str(folder / "leaky.txt")).stdout
    en = run("check", "--lang", "en", str(folder / "leaky.txt")).stdout
    assert "teléfono" in es and "phone" in en
    assert "1842" not in es + en


def test_clean_writes_copies_at_relative_paths_and_rechecks(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = run("clean", "--out", str(out), "--lang", "es", str(folder))
    assert result.exit_code == 0, result.stdout
    cleaned = (out / "leaky.txt").read_text(encoding="utf-8")
    assert "33 1842 7765" not in cleaned and "[teléfono]" in cleaned
    assert "Rosa Gómez" not in cleaned and "[nombre]" in cleaned
    assert "calle Hidalgo 512" not in cleaned and "[domicilio]" in cleaned
    assert (out / "sub" / "safe.md").read_text(encoding="utf-8") == SAFE  # nothing over-redacted
    assert (folder / "leaky.txt").read_text(encoding="utf-8") == LEAKY  # original untouched
    assert run("check", "--case", str(folder / "case.toml"), str(out)).exit_code == 0


def test_clean_in_english_uses_english_words(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    (folder / "en.txt").write_text("Call my sister Paola at (602) 555-0143.\n", encoding="utf-8")
    run("clean", "--out", str(out), "--lang", "en", str(folder / "en.txt"))
    assert (out / "en.txt").read_text(encoding="utf-8") == "Call my sister [name] at [phone].\n"


def test_clean_needs_an_output_and_never_overwrites(folder):
    assert run("clean", str(folder / "leaky.txt")).exit_code == 64  # a usage error: nothing was cleaned
    result = run("clean", "--format", "json", "--out", str(folder), str(folder / "leaky.txt"))
    assert result.exit_code == 2
    assert (folder / "leaky.txt").read_text(encoding="utf-8") == LEAKY


def test_clean_in_place_keeps_a_backup(folder):
    target = folder / "leaky.txt"
    assert run("clean", "--in-place", str(target)).exit_code == 0
    assert (folder / "leaky.txt.bak").read_text(encoding="utf-8") == LEAKY
    assert "33 1842 7765" not in target.read_text(encoding="utf-8")


def test_clean_as_a_filter(folder, monkeypatch):
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["clean", "-", "--lang", "es"], input=LEAKY)
    assert result.exit_code == 0
    assert "[teléfono]" in result.stdout and "1842" not in result.stdout


def test_clean_keeps_subtitle_structure(tmp_path, tmp_path_factory):
    srt = "1\n00:00:00,000 --> 00:00:02,000\nLlama al 33 1842\n\n2\n00:00:02,000 --> 00:00:04,000\n7765 ya.\n"
    (tmp_path / "v.srt").write_text(srt, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    assert run("clean", "--out", str(out), "--lang", "es", str(tmp_path / "v.srt")).exit_code == 0
    assert (out / "v.srt").read_text(encoding="utf-8") == (
        "1\n00:00:00,000 --> 00:00:02,000\nLlama al [teléfono]\n\n2\n00:00:02,000 --> 00:00:04,000\n[teléfono] ya.\n"
    )


def test_rules_lists_stable_ids():
    out = run("rules", "--lang", "en").stdout
    for rid in ("mx-curp", "mx-clabe", "phone-number", "email", "whatsapp-link", "plus-code"):
        assert rid in out


def test_python_module_entry_point_and_no_traceback(scrub_cmd, tmp_path):
    bad = tmp_path / "x.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 20)
    p = subprocess.run([*scrub_cmd, "check", "--lang", "en", str(bad)], capture_output=True, text=True)
    assert p.returncode == 2
    assert "Traceback" not in p.stdout + p.stderr
    assert "could not" in p.stdout or "does not check images" in p.stdout


@pytest.mark.skipif(shutil.which("unshare") is None, reason="unshare (util-linux) is not installed")
def test_offline_run_gives_the_same_findings(scrub_cmd, folder):
    """No network: the same findings, no traceback (tldextract must not try to download)."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow network namespaces")
    args = ["check", "--format", "json", str(folder)]
    online = subprocess.run([*scrub_cmd, *args], capture_output=True, text=True)
    offline = subprocess.run(["unshare", "-n", *scrub_cmd, *args], capture_output=True, text=True)
    assert offline.returncode == online.returncode == 1
    assert "Traceback" not in offline.stderr
    assert any(f["entity"] == "EMAIL" for f in json.loads(offline.stdout)["files"][0]["findings"])
    assert json.loads(offline.stdout)["files"] == json.loads(online.stdout)["files"]


def test_clean_copies_are_not_private_files(folder, tmp_path_factory):
    """A copy meant for publishing gets the usual permissions, not a temp file's 0600."""
    import os
    import stat

    out = tmp_path_factory.mktemp("out")
    old = os.umask(0o022)
    try:
        run("clean", "--out", str(out), str(folder / "leaky.txt"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((out / "leaky.txt").stat().st_mode) == 0o644


def test_an_internal_error_is_a_plain_refusal_not_a_traceback(tmp_path):
    """A bug must not look like a result: exit 2, plain words, nothing on stdout."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom scrub import api, cli\n"
        "def boom(*a, **k): raise RuntimeError('simulated bug')\n"
        "api.check = boom\nsys.argv = ['scrub', 'check', '--lang', 'en', sys.argv[1]]\ncli.main()\n"
    )
    (tmp_path / "a.txt").write_text("hola\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "a.txt")], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stdout == ""
    assert "internal error" in out.stderr and "do not publish" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("args", [("check", "--no-such-option", "x.txt"), ("check", "--format", "xml", "x.txt"),
                                  ("check", "--jobs", "many", "x.txt"), ("check",), ("chek", "x.txt"),
                                  ("explain", "no-such-rule")])
def test_a_mistyped_command_exits_64_not_2(args, scrub_cmd, tmp_path):
    """Exit 2 means "a file could not be checked"; a command scrub cannot understand has
    its own code (EX_USAGE), so that a pipeline tells a typo from an unreadable file."""
    (tmp_path / "x.txt").write_text(SAFE, encoding="utf-8")
    p = subprocess.run([*scrub_cmd, *args], capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 64, p.stderr
    assert p.stdout == "" and "Traceback" not in p.stderr


def test_a_broken_baseline_is_named_as_such(folder, tmp_path):
    bad = tmp_path / "baseline.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run("check", "--lang", "en", "--baseline", str(bad), str(folder / "leaky.txt"))
    assert result.exit_code == 2
    assert "baseline" in result.output and "case file" not in result.output


def test_terminal_report_prints_brackets_as_text(tmp_path):
    """Square brackets in a value or a file name are text, not terminal markup: a volunteer
    must see "rosa [at] gmail [dot] com" and "guion [final].txt" as they are."""
    p = tmp_path / "guion [final].txt"
    p.write_text("Escríbeme a rosa [at] gmail [dot] com por favor.\n", encoding="utf-8")
    out = run("check", "--lang", "es", "--show-values", str(p)).stdout
    assert "guion [final].txt" in out
    assert "[at]" in out and "[dot]" in out
