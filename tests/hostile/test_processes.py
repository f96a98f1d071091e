"""Issue 14, "Processes and terminals": workers die with their parent and a killed run
leaves no temporary files; control characters in file names are printed escaped; a legal
240-character file name can be cleaned."""
from __future__ import annotations

import os
import signal
import subprocess
import time

import hostile_inputs as H
import pytest
from hostile_support import (
    PHONE,
    SCRUB,
    assert_inputs_untouched,
    assert_no_internal_error,
    live_pids,
    run_scrub,
    session_pids,
    tree_state,
)

# ---- kill -9 / SIGTERM with --jobs 2 --------------------------------------------------------

BATCH_FILES = 48  # over 16, so that --jobs 2 starts two workers (8 files a worker at least)


def _children(pid: int) -> list[int]:
    return live_pids(1, pid)


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as fh:
                if fh.read().rsplit(")", 1)[1].split()[0] != "Z":
                    alive.append(p)
        except OSError:
            continue
    return alive


def _temporary_files(folder) -> list[str]:
    """Leftovers of interrupted writes: hidden files, *.tmp, *~ (scrub writes a copy under a
    hidden temporary name, then renames it)."""
    if not folder.exists():
        return []
    return [str(p) for p in folder.rglob("*")
            if p.is_file() and (p.name.startswith(".") or p.name.endswith((".tmp", "~")) or ".tmp" in p.name)]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "SIGTERM"])
def test_workers_die_with_a_killed_main_process_and_leave_no_temporary_files(tmp_path, sig):
    folder = tmp_path / "posts"
    body = (f"{H.CARD} Su mamá Rosa María Soto Vega pide ayuda; informes al {PHONE}.\n" * 120)
    for i in range(BATCH_FILES):
        H.write(folder / f"guion{i:02d}.txt", body)
    out = tmp_path / "limpio"
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    before = tree_state(folder)
    env = {**os.environ, "TMPDIR": str(private_tmp), "CI": "1"}
    proc = subprocess.Popen([*SCRUB, "clean", "--jobs", "2", folder, "--out", out], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while time.monotonic() < deadline and proc.poll() is None:
            workers = [c for c in _children(proc.pid)]
            if len(workers) >= 2:
                break
            time.sleep(0.05)
        if proc.poll() is not None:
            pytest.fail(f"the batch ended (exit {proc.returncode}) before two workers were seen: make it bigger")
        assert len(workers) >= 2, "no two worker processes within 120 s"
        time.sleep(3)  # the workers are loading the model or cleaning files
        assert proc.poll() is None, "the batch ended before the kill: make it bigger"
        # every process the run started (its session), workers and their helpers alike
        descendants = [p for p in session_pids(proc.pid) if p != proc.pid]
        os.kill(proc.pid, sig)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _alive(descendants):
            time.sleep(0.1)
        left = _alive(descendants)
        assert not left, f"{len(left)} worker(s) still alive 5 s after the main process got {sig.name}"
        settled = tree_state(out) if out.exists() else {}
        time.sleep(2)
        assert (tree_state(out) if out.exists() else {}) == settled, "files in --out still change after the kill"
        leftovers = _temporary_files(out) + _temporary_files(folder) + [str(p) for p in private_tmp.rglob("*")]
        assert not leftovers, f"a killed run left temporary files: {leftovers[:10]}"
        assert_inputs_untouched(before, tree_state(folder))
    finally:
        for p in session_pids(proc.pid) + [proc.pid]:
            try:
                os.kill(p, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


# ---- control characters in file names -------------------------------------------------------

FORGING_NAMES = {
    "newline-forges-a-clean-line": "x\nok.txt  sin datos sensibles\nx.txt",
    "carriage-return": "guion\r ok.txt  sin datos sensibles.txt",
    "ansi-colour": "guion\x1b[32m sin datos sensibles\x1b[0m.txt",
    "ansi-clear-screen": "guion\x1b[2J\x1b[H.txt",
    "backspaces": "guion_con_telefono\b\b\b\b\b\b\b\b\b\b\b\bok.txt",
    "bell-and-delete": "guion\x07\x7f.txt",
    "c1-csi": "guion\u009b32m.txt",
    "tab": "guion\tsin datos sensibles.txt",
}
RAW_CONTROLS = [chr(c) for c in range(0x20) if chr(c) not in "\n"] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]


@pytest.mark.parametrize("command", ["check", "clean"])
@pytest.mark.parametrize("key", list(FORGING_NAMES))
def test_control_characters_in_file_names_are_printed_escaped(tmp_path, key, command):
    name = FORGING_NAMES[key]
    folder = tmp_path / "posts"
    path = H.write(folder / name, f"{H.CARD}\nInformes al {PHONE}\n")
    extra = ["--out", tmp_path / "limpio"] if command == "clean" else []
    run = run_scrub([command, "--jobs", "1", path, *extra])
    assert_no_internal_error(run)
    printed = run.stdout + run.stderr
    raw = sorted({repr(c) for c in printed if c in RAW_CONTROLS})
    assert not raw, f"raw control characters {raw} from the file name reach the terminal:\n{printed!r}"
    forged = [line for line in printed.splitlines() if line.lstrip().startswith(("ok.txt", "sin datos sensibles"))]
    assert not forged, f"the file name forged a report line: {forged}"
    assert "\n" not in name or name.replace("\n", "") not in printed, "newlines were dropped, not escaped"


# ---- a 240-character file name ------------------------------------------------------------

LONG_NAMES = {
    "text": ("n" * 236 + ".txt", lambda: f"{H.CARD}\nInformes al {PHONE}\n"),
    "jpeg": ("f" * 236 + ".jpg", lambda: H.encode(H.picture(), "JPEG", exif=H.exif_with_phone())),
}


@pytest.mark.parametrize("mode", ["out", "in-place"])
@pytest.mark.parametrize("kind", list(LONG_NAMES))
def test_a_legal_240_character_file_name_can_be_cleaned(tmp_path, kind, mode):
    name, build = LONG_NAMES[kind]
    assert len(name.encode()) == 240
    path = H.write(tmp_path / "posts" / name, build())
    original = path.read_bytes()
    out = tmp_path / "limpio"
    args = ["--out", out] if mode == "out" else ["--in-place"]
    run = run_scrub(["clean", "--jobs", "1", "--no-ocr", path, *args])
    assert_no_internal_error(run)
    assert run.returncode == 0, f"a 240-character name could not be cleaned:\n{run.describe()}"
    copy = out / name if mode == "out" else path
    assert copy.exists(), run.describe()
    data = copy.read_bytes()
    assert PHONE.encode() not in data and data != original
    if mode == "in-place":
        backups = [p for p in path.parent.iterdir() if p != path]
        assert any(p.read_bytes() == original for p in backups), "no backup of the original"
    else:
        assert path.read_bytes() == original
