"""Issue 14, "Nothing checked, exit 0": entries a folder walk skips are listed with their
reason, and a run in which the arguments yield no checked file says so and does not exit 0.
A folder's own configuration may not silence the run without the report naming what it
left out."""
from __future__ import annotations

import json
import os
import shutil
import socket
import stat

import pytest

import hostile_inputs as H
from hostile_support import PHONE, assert_inputs_untouched, assert_no_internal_error, run_scrub, tree_state

SCRIPT = f"{H.CARD}\nInformes al {PHONE}\n"
HARMLESS = f"{H.CARD}\n"


def _check(folder, *extra, wrap=None, timeout=60):
    """The folder checked twice, as a volunteer (terminal report) and as a pipeline (JSON)."""
    human = run_scrub(["check", "--jobs", "1", *extra, folder], wrap=wrap, timeout=timeout)
    machine = run_scrub(["check", "--jobs", "1", "--format", "json", *extra, folder], wrap=wrap, timeout=timeout)
    for run in (human, machine):
        assert run.killed is None, f"hung on the folder:\n{run.describe()}"
        assert_no_internal_error(run)
    return human, machine


def _assert_nothing_checked_is_not_clean(human, machine):
    for run in (human, machine):
        assert run.returncode != 0, f"no file was checked, yet exit 0:\n{run.describe()}"
    assert human.stdout.strip() or human.stderr.strip(), "a run that checked nothing must say so"


def _assert_listed(name: str, human, machine):
    """The skipped entry is named in the terminal report and somewhere in the JSON."""
    assert name in human.output, f"{name!r} is not listed in the terminal report:\n{human.describe()}"
    try:
        report = json.loads(machine.stdout)
    except ValueError:
        report = None
    text = json.dumps(report, ensure_ascii=False) if report is not None else machine.stderr
    assert name in text, f"{name!r} is not listed in the JSON report:\n{machine.describe()}"


# ---- a folder's own config and ignore file ----------------------------------------------

@pytest.mark.parametrize("pattern", ["*", "**"])
def test_folder_whose_scrub_toml_excludes_everything_is_not_clean(tmp_path, pattern):
    folder = tmp_path / "posts"
    H.write(folder / "guion.txt", SCRIPT)
    H.write(folder / "scrub.toml", f'exclude = ["{pattern}"]\n')
    before = tree_state(tmp_path)
    human, machine = _check(folder)
    _assert_nothing_checked_is_not_clean(human, machine)
    _assert_listed("guion.txt", human, machine)
    assert_inputs_untouched(before, tree_state(tmp_path))


def test_folder_whose_scrubignore_is_star_is_not_clean(tmp_path):
    folder = tmp_path / "posts"
    H.write(folder / "guion.txt", SCRIPT)
    H.write(folder / ".scrubignore", "*\n")
    human, machine = _check(folder)
    _assert_nothing_checked_is_not_clean(human, machine)
    _assert_listed("guion.txt", human, machine)


def test_what_a_folder_config_excludes_is_named_in_the_report(tmp_path):
    folder = tmp_path / "posts"
    H.write(folder / "publicar.txt", HARMLESS)
    H.write(folder / "borrador.txt", SCRIPT)
    H.write(folder / "scrub.toml", 'exclude = ["borrador.txt"]\n')
    human, machine = _check(folder)
    _assert_listed("borrador.txt", human, machine)


# ---- entries a walk cannot read ---------------------------------------------------------

def _without_root_override() -> list[str] | None:
    """As root, chmod 000 stops nothing; dropping CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
    (setpriv, util-linux) makes root obey the mode bits like any user."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]


def test_unreadable_sub_folder_is_listed_and_the_run_is_not_clean(tmp_path):
    wrap = _without_root_override()
    if wrap is None:
        pytest.skip("running as root without setpriv: a chmod 000 folder stays readable")
    folder = tmp_path / "posts"
    H.write(folder / "publicar.txt", HARMLESS)
    H.write(folder / "privado" / "guion.txt", SCRIPT)
    (folder / "privado").chmod(0)
    try:
        probe = run_scrub(["--help"], wrap=wrap)
        assert probe.returncode == 0, probe.describe()
        human, machine = _check(folder, wrap=wrap)
    finally:
        (folder / "privado").chmod(stat.S_IRWXU)
    for run in (human, machine):
        assert run.returncode == 2, f"a folder that could not be read was not reported as not checked:\n{run.describe()}"
    _assert_listed("privado", human, machine)


def _make_special(folder, kind: str) -> str:
    """One entry a walk cannot check; returns its name."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "dangling-symlink":
        os.symlink(folder / "no-existe.txt", folder / "enlace.txt")
        return "enlace.txt"
    if kind == "symlink-loop":
        os.symlink(folder / "bucle-b.txt", folder / "bucle-a.txt")
        os.symlink(folder / "bucle-a.txt", folder / "bucle-b.txt")
        return "bucle-a.txt"
    if kind == "self-loop-dir":
        os.symlink(folder / "vuelta", folder / "vuelta")
        return "vuelta"
    if kind == "fifo":
        os.mkfifo(folder / "tuberia.txt")
        return "tuberia.txt"
    if kind == "socket":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(str(folder / "enchufe.txt"))
        s.close()
        return "enchufe.txt"
    if kind == "bak-script":
        H.write(folder / "guion.bak", SCRIPT)
        return "guion.bak"
    if kind == "txt-bak-script":
        H.write(folder / "guion.txt.bak", SCRIPT)
        return "guion.txt.bak"
    raise ValueError(kind)


SPECIALS = ["dangling-symlink", "symlink-loop", "self-loop-dir", "fifo", "socket", "bak-script", "txt-bak-script"]


@pytest.mark.parametrize("kind", SPECIALS)
def test_folder_holding_only_an_entry_that_cannot_be_checked_is_not_clean(tmp_path, kind):
    folder = tmp_path / "posts"
    name = _make_special(folder, kind)
    before = tree_state(tmp_path)
    human, machine = _check(folder)
    _assert_nothing_checked_is_not_clean(human, machine)
    _assert_listed(name, human, machine)
    assert_inputs_untouched(before, tree_state(tmp_path))


@pytest.mark.parametrize("kind", SPECIALS)
def test_skipped_entry_beside_a_checked_file_is_listed_with_its_reason(tmp_path, kind):
    folder = tmp_path / "posts"
    H.write(folder / "publicar.txt", HARMLESS)
    name = _make_special(folder, kind)
    human, machine = _check(folder)
    _assert_listed(name, human, machine)
    if kind in ("bak-script", "txt-bak-script"):
        # a script holding a phone, whatever its name: checked, or skipped and not clean
        for run in (human, machine):
            assert run.returncode != 0, f"{name} holds a phone and the run is clean:\n{run.describe()}"


def test_empty_folder_is_not_clean(tmp_path):
    folder = tmp_path / "vacia"
    folder.mkdir()
    human, machine = _check(folder)
    _assert_nothing_checked_is_not_clean(human, machine)


def test_folder_of_hidden_files_only_is_not_clean(tmp_path):
    folder = tmp_path / "posts"
    H.write(folder / ".guion.txt", SCRIPT)
    human, machine = _check(folder)
    _assert_nothing_checked_is_not_clean(human, machine)
