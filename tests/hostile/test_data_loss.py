"""Issue 14, "Data loss and files that leave their folder". The rules under test: no output
(report, copy, .bak) may be, or resolve to, an input or another output of the same run; a
collision is refused before anything is written; an existing .bak is never replaced; the
output folder is never walked as input; links that leave the argument's tree are not
followed (reported as skipped)."""
from __future__ import annotations

import json
import os

import pytest

import hostile_inputs as H
from hostile_support import (
    DIGITS,
    PHONE,
    assert_inputs_untouched,
    assert_no_internal_error,
    compare,
    run_scrub,
    tree_state,
)

SCRIPT = f"{H.CARD}\nInformes al {PHONE}\n"


def _files(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) if folder.exists() else []


# ---- a report written over an input -----------------------------------------------------

def _output_target(tmp_path, how: str):
    """(arguments to check, the --output path, the folder holding the inputs)."""
    folder = tmp_path / "posts"
    script = H.write(folder / "guion.txt", SCRIPT)
    if how == "same-path":
        return [script], script, folder
    if how == "other-spelling":
        return [script], folder / "." / "sub" / ".." / "guion.txt", folder
    if how == "symlink-to-input":
        (tmp_path / "informe.json").symlink_to(script)
        return [script], tmp_path / "informe.json", folder
    if how == "file-inside-a-folder-argument":
        return [folder], folder / "guion.txt", folder
    if how == "hard-link-to-input":
        os.link(script, tmp_path / "informe.json")
        return [script], tmp_path / "informe.json", folder
    raise ValueError(how)


@pytest.mark.parametrize("command", ["check", "clean"])
@pytest.mark.parametrize("how", ["same-path", "other-spelling", "symlink-to-input", "file-inside-a-folder-argument",
                                 "hard-link-to-input"])
def test_report_output_pointing_at_an_input_is_refused(tmp_path, how, command):
    args, output, folder = _output_target(tmp_path, how)
    if how == "other-spelling":
        (folder / "sub").mkdir()
    original = (folder / "guion.txt").read_bytes()
    extra = ["--out", tmp_path / "limpio"] if command == "clean" else []
    run = run_scrub([command, "--jobs", "1", "--format", "json", *extra, "--output", output, *args])
    assert_no_internal_error(run)
    assert (folder / "guion.txt").read_bytes() == original, f"the report overwrote the input:\n{run.describe()}"
    assert run.returncode == 2, f"--output names an input and the run was not refused:\n{run.describe()}"


# ---- two outputs of one run on the same path --------------------------------------------

@pytest.mark.parametrize("as_arguments", [True, False], ids=["files-as-arguments", "folder-argument"])
def test_word_and_text_with_the_same_stem_cleaned_into_their_own_folder(tmp_path, as_arguments):
    folder = tmp_path / "ficha"
    H.write(folder / "ficha.docx", H.docx(H._para(f"Texto de Word. Informes al {PHONE}")))
    H.write(folder / "ficha.txt", f"Texto plano, otro. {H.CARD}\nInformes al {PHONE}\n")
    before = tree_state(folder)
    args = [folder / "ficha.docx", folder / "ficha.txt"] if as_arguments else [folder]
    run = run_scrub(["clean", "--jobs", "1", "--format", "json", *args, "--out", folder])
    assert_no_internal_error(run)
    after = tree_state(folder)
    changes = compare(before, after)
    assert not changes.changed and not changes.removed, (
        f"an original was overwritten by a clean copy: {changes.changed}\n{run.describe()}")


@pytest.mark.parametrize("as_arguments", [True, False], ids=["files-as-arguments", "folders-as-arguments"])
def test_two_inputs_with_the_same_name_into_one_out_never_lose_a_copy(tmp_path, as_arguments):
    a = H.write(tmp_path / "a" / "guion.txt", "Se busca a Ana Lucía, marcador-ALFA.\n")
    b = H.write(tmp_path / "b" / "guion.txt", "Se busca a Ana Lucía, marcador-BETA.\n")
    before = tree_state(tmp_path)
    out = tmp_path / "limpio"
    args = [a, b] if as_arguments else [tmp_path / "a", tmp_path / "b"]
    run = run_scrub(["clean", "--jobs", "1", "--format", "json", *args, "--out", out])
    assert_no_internal_error(run)
    assert_inputs_untouched(before, tree_state(tmp_path), allowed=("limpio",))
    copies = _files(out)
    if run.returncode == 2 and not copies:
        return  # the collision was refused before anything was written
    assert run.returncode != 2 or not copies, f"refused, but after writing: {copies}"
    contents = " ".join(p.read_text(encoding="utf-8") for p in copies)
    assert "marcador-ALFA" in contents and "marcador-BETA" in contents, (
        f"one clean copy replaced the other ({[str(p) for p in copies]}):\n{run.describe()}")
    outputs = [f.get("output") for f in run.json()["files"]]
    assert len(set(outputs)) == len(outputs), f"two files reported with one output: {outputs}"


# ---- --in-place ---------------------------------------------------------------------------

def test_clean_in_place_twice_keeps_the_original_in_a_bak(tmp_path):
    folder = tmp_path / "posts"
    script = H.write(folder / "guion.txt", SCRIPT)
    original = script.read_bytes()
    first = run_scrub(["clean", "--jobs", "1", "--in-place", script])
    assert first.returncode == 0, f"the first in-place clean failed:\n{first.describe()}"
    second = run_scrub(["clean", "--jobs", "1", "--in-place", script])
    assert_no_internal_error(second)
    backups = [p for p in _files(folder) if ".bak" in p.name]
    assert any(p.read_bytes() == original for p in backups), (
        f"after a second --in-place run the original is in no .bak ({[p.name for p in backups]}):\n{second.describe()}")


def test_in_place_on_a_symlink_neither_replaces_the_link_nor_leaves_the_target_dirty(tmp_path):
    target = H.write(tmp_path / "real" / "guion.txt", SCRIPT)
    link = tmp_path / "posts" / "guion.txt"
    link.parent.mkdir()
    link.symlink_to(target)
    original = target.read_bytes()
    run = run_scrub(["clean", "--jobs", "1", "--in-place", link])
    assert_no_internal_error(run)
    assert link.is_symlink(), f"--in-place replaced the link with a file:\n{run.describe()}"
    assert os.readlink(link) == str(target)
    if run.returncode == 0:
        assert PHONE not in target.read_text(encoding="utf-8"), "exit 0, but the link's target still holds the phone"
        backups = [p for p in _files(tmp_path) if ".bak" in p.name]
        assert any(p.read_bytes() == original for p in backups), "the target was cleaned without a .bak"
    else:
        assert target.read_bytes() == original, "refused, yet the target was changed"


# ---- --out inside the input folder --------------------------------------------------------

def test_out_inside_the_input_folder_is_never_walked_as_input(tmp_path):
    folder = tmp_path / "posts"
    H.write(folder / "guion.txt", SCRIPT)
    out = folder / "limpio"
    runs = [run_scrub(["clean", "--jobs", "1", "--format", "json", folder, "--out", out]) for _ in range(3)]
    for run in runs:
        assert_no_internal_error(run)
    nested = [p for p in folder.rglob("*") if "limpio/limpio" in p.as_posix()]
    assert not nested, f"each run cleaned the last run's output again: {nested}\n{runs[-1].describe()}"
    for run in runs[1:]:
        walked = [f["path"] for f in run.json()["files"] if "/limpio/" in f["path"].replace("\\", "/")]
        assert not walked, f"the output folder was checked as input: {walked}"
    assert (folder / "guion.txt").read_text(encoding="utf-8") == SCRIPT


# ---- links that leave the argument's tree -------------------------------------------------

MARKER = "CLAVE-ZORRO-PLATEADO-FAMILIA"


@pytest.fixture
def leaving_links(tmp_path):
    private = H.write(tmp_path / "privado" / "notas.txt", f"{MARKER}: la cuenta de la familia\n")
    folder = tmp_path / "posts"
    H.write(folder / "publicar.txt", f"{H.CARD}\n")
    (folder / "notas.txt").symlink_to(private)
    (folder / "passwd").symlink_to("/etc/passwd")
    (folder / "carpeta").symlink_to(private.parent, target_is_directory=True)
    return folder


def _leaked(text: str) -> list[str]:
    return [m for m in (MARKER, "root:x:0:0", "/bin/bash", "nologin") if m in text]


def test_symlink_leaving_the_input_folder_is_not_followed_by_clean(tmp_path, leaving_links):
    before = tree_state(tmp_path)
    out = tmp_path / "limpio"
    run = run_scrub(["clean", "--jobs", "1", "--format", "json", leaving_links, "--out", out])
    assert_no_internal_error(run)
    for copy in _files(out):
        assert not _leaked(copy.read_text(encoding="utf-8", errors="replace")), f"{copy} holds a linked file's content"
    report = json.dumps(run.json(), ensure_ascii=False)
    for name in ("notas.txt", "passwd", "carpeta"):
        assert name in report, f"the link {name} is not reported as skipped:\n{run.describe()}"
    assert_inputs_untouched(before, tree_state(tmp_path), allowed=("limpio",))


@pytest.mark.parametrize("command", ["check", "clean"])
def test_symlink_leaving_the_input_folder_is_not_shown_in_the_html_report(tmp_path, leaving_links, command):
    html = tmp_path / "informe.html"
    extra = ["--out", tmp_path / "limpio"] if command == "clean" else []
    run = run_scrub([command, "--jobs", "1", "--format", "html", "--output", html, leaving_links, *extra])
    assert_no_internal_error(run)
    assert html.exists(), run.describe()
    page = html.read_text(encoding="utf-8")
    assert not _leaked(page), f"the HTML report shows a linked file outside the folder: {_leaked(page)}"
    for copy in _files(tmp_path / "limpio"):
        assert not _leaked(copy.read_text(encoding="utf-8", errors="replace")), f"{copy} holds a linked file's content"
