"""How the hostile suite runs scrub and judges what a user gets back.

Black-box only: scrub is driven as a user drives it (``python -m scrub`` in a child process,
or the public ``scrub.check``/``scrub.clean``), and judged by its exit code, its reports and
the files it leaves. Nothing here imports a scrub module other than the package itself.

Every run happens in a child process watched from here: wall time and the resident memory
of the child and of every process in its session are sampled, and the whole session is
killed when a bound is passed, so a hostile input can neither hang nor swap out the CI
machine (2 cores, 24 GB). The child's own peak (``ru_maxrss``, from ``wait4``) is exact.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PHONE = "33 1842 7765"
DIGITS = "3318427765"
# the planted phone, unmasked, in any layout (masking keeps "33" and "7765": the eight
# digits 18427765 in a row, whatever separates them, are the leak)
_LEAK = re.compile(r"1\W{0,3}8\W{0,3}4\W{0,3}2\W{0,3}7\W{0,3}7\W{0,3}6\W{0,3}5")
_TAG = re.compile(r"<[^>]*>")

SCRUB = [sys.executable, "-m", "scrub"]
# the full sizes too (minutes each): SCRUB_HOSTILE_FULL=1
FULL = bool(os.environ.get("SCRUB_HOSTILE_FULL"))
# what scrub prints when it fell over instead of deciding (cli.main's last resort)
_INTERNAL = ("error interno", "internal error", "Traceback (most recent call last)")


def leaks(text: str) -> bool:
    """Whether a report shows the planted phone unmasked (HTML tags stripped first: a
    highlighted value may be split by markup)."""
    return bool(_LEAK.search(text) or _LEAK.search(_TAG.sub("", text)))


@dataclass
class Run:
    args: list[str]
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float
    killed: str | None = None  # "time" or "memory" when the watchdog stopped it

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def json(self) -> dict:
        try:
            return json.loads(self.stdout)
        except ValueError as exc:
            raise AssertionError(f"no JSON report (exit {self.returncode}):\n{self.describe()}") from exc

    def describe(self) -> str:
        return (f"$ {' '.join(map(str, self.args))}\nexit {self.returncode}, {self.seconds:.1f} s, "
                f"{self.peak_rss_mb:.0f} MB, killed={self.killed}\n--- stdout\n{self.stdout[-3000:]}\n"
                f"--- stderr\n{self.stderr[-3000:]}")


def _session_rss_kb(sid: int) -> int:
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            if int(fields[3]) != sid:  # field 6 of stat (session id), after pid and comm
                continue
            with open(f"/proc/{entry}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except (OSError, ValueError, IndexError):
            continue
    return total


def live_pids(field: int, value: int) -> list[int]:
    """Processes alive (not zombies) whose /proc stat field ``field`` (counted after the
    state, which is field 0) equals ``value``: 1 is the parent, 3 the session."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                if int(fields[field]) == value and fields[0] != "Z":
                    out.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return out


def session_pids(sid: int) -> list[int]:
    return live_pids(3, sid)


# Between the test and scrub: Linux gives a process the peak memory of the one that started
# it (ru_maxrss survives fork and exec), so a child of a pytest process that grew to 1 GB
# in earlier tests reports 1 GB. A small launcher starts scrub instead and writes scrub's own
# peak (wait4) to a file; it passes on scrub's exit status, or dies of the same signal.
_LAUNCHER = """
import os, signal, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
while True:
    try:
        _pid, status, usage = os.wait4(child.pid, 0)
        break
    except InterruptedError:
        continue
with open(sys.argv[1], "w") as fh:
    fh.write(str(usage.ru_maxrss))
if os.WIFSIGNALED(status):
    signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
    os.kill(os.getpid(), os.WTERMSIG(status))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_scrub(args: list, *, timeout: float = 180, max_rss_mb: float = 4096, cwd: Path | None = None,
              stdin_path: str | None = None, env: dict | None = None, wrap: list[str] | None = None) -> Run:
    """``python -m scrub ARGS`` in a session of its own, killed past ``timeout`` seconds or
    ``max_rss_mb`` of resident memory (the watchdog's ceiling: assertions use tighter
    bounds; this one only keeps a runaway from taking the machine). ``wrap`` is a command
    put before it (``setpriv ...``)."""
    args = [str(a) for a in args]
    full_env = {**os.environ, "COLUMNS": "200", "CI": "1", "PYTHONFAULTHANDLER": "1", **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        start = time.monotonic()
        handle, name = tempfile.mkstemp(prefix="scrub-peak-")
        os.close(handle)
        peak_file = Path(name)
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(peak_file), *(wrap or []), *SCRUB, *args],
                                stdout=out, stderr=err, stdin=stdin, cwd=cwd, env=full_env, start_new_session=True)
        if stdin_path:
            stdin.close()
        killed, sampled_kb, rusage, status = None, 0, None, None
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            sampled_kb = max(sampled_kb, _session_rss_kb(proc.pid))
            elapsed = time.monotonic() - start
            if elapsed > timeout or sampled_kb > max_rss_mb * 1024:
                killed = "time" if elapsed > timeout else "memory"
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                _pid, status, rusage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        # workers left behind by a killed run must not outlive the test
        for p in session_pids(proc.pid):
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        out.seek(0)
        err.seek(0)
        try:
            own_kb = int(peak_file.read_text() or 0)
        except (OSError, ValueError):
            own_kb = 0  # the launcher was killed with it
        peak_file.unlink(missing_ok=True)
        peak_mb = max(own_kb, sampled_kb) / 1024
        return Run(args, proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, peak_mb, killed)


# ---- what a user needs from a run -------------------------------------------------------

def assert_no_internal_error(run: Run) -> None:
    lowered = run.output.lower()
    bad = [m for m in _INTERNAL if m.lower() in lowered]
    assert not bad, f"scrub fell over instead of deciding ({bad}):\n{run.describe()}"


def assert_finished(run: Run, seconds: float | None = None, mb: float | None = None) -> None:
    assert run.killed is None, f"stopped by the watchdog ({run.killed}):\n{run.describe()}"
    if seconds is not None:
        assert run.seconds <= seconds, f"took {run.seconds:.1f} s, bound {seconds} s:\n{run.describe()}"
    if mb is not None:
        assert run.peak_rss_mb <= mb, f"peak memory {run.peak_rss_mb:.0f} MB, bound {mb} MB:\n{run.describe()}"


def assert_not_clean(run: Run, what: str = "") -> None:
    """Exit 1 (findings) or 2 (not checked), decided by scrub itself: never 0, never a crash."""
    assert_finished(run)
    assert_no_internal_error(run)
    assert run.returncode in (1, 2), f"{what}: called clean (exit {run.returncode}):\n{run.describe()}"


def assert_not_checked(run: Run, what: str = "") -> None:
    """Exit 2 with a plain message (no traceback, no internal error)."""
    assert_finished(run)
    assert_no_internal_error(run)
    assert run.returncode == 2, f"{what}: expected 'not checked' (exit 2), got {run.returncode}:\n{run.describe()}"
    assert run.output.strip(), f"{what}: exit 2 without a word:\n{run.describe()}"


def assert_masked(text: str, where: str) -> None:
    """No report line shows the planted phone unmasked (the line is quoted if one does)."""
    for line in text.splitlines():
        if leaks(line):
            raise AssertionError(f"the {where} report shows the phone unmasked in: {line.strip()[:400]}")
    if leaks(text):
        raise AssertionError(f"the {where} report shows the phone unmasked (across markup or lines)")


def file_entries(report: dict) -> list[dict]:
    return report.get("files", [])


def entry_for(report: dict, name: str) -> dict:
    """The report entry whose path ends with ``name``."""
    found = [f for f in file_entries(report) if f["path"].replace("\\", "/").endswith("/" + name) or f["path"] == name]
    assert found, f"{name} is not in the report: {[f['path'] for f in file_entries(report)]}"
    return found[0]


def blocking(entry: dict, key: str = "findings") -> list[dict]:
    return [f for f in entry.get(key) or [] if f.get("severity") == "block"]


def entry_verdict(entry: dict) -> str:
    """clean / findings / error, as the user reads it."""
    return entry["status"]


# ---- files before and after -------------------------------------------------------------

def _digest(path: Path, st: os.stat_result) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        if st.st_size > 64 * 1024 * 1024:  # big inputs (sparse ones): both ends and the stat
            h.update(fh.read(1 << 20))
            fh.seek(-(1 << 20), os.SEEK_END)
            h.update(fh.read(1 << 20))
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        else:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def tree_state(root: Path) -> dict[str, str]:
    """Every entry under ``root`` (links not followed): what it is and, for files, a hash."""
    state: dict[str, str] = {}
    root = Path(root)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            try:
                st = p.lstat()
            except OSError:
                continue
            if stat.S_ISLNK(st.st_mode):
                state[rel] = "link:" + os.readlink(p)
            elif stat.S_ISDIR(st.st_mode):
                state[rel] = f"dir:{stat.S_IMODE(st.st_mode):o}"
            elif stat.S_ISREG(st.st_mode):
                try:
                    state[rel] = f"file:{stat.S_IMODE(st.st_mode):o}:" + _digest(p, st)
                except OSError:
                    state[rel] = "file:unreadable"
            else:
                state[rel] = f"special:{stat.S_IFMT(st.st_mode):o}"
    return state


@dataclass
class Changes:
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


def compare(before: dict[str, str], after: dict[str, str]) -> Changes:
    c = Changes()
    for k, v in before.items():
        if k not in after:
            c.removed.append(k)
        elif after[k] != v:
            c.changed.append(k)
    c.added = sorted(k for k in after if k not in before)
    return c


def assert_inputs_untouched(before: dict, after: dict, allowed: tuple[str, ...] = ()) -> None:
    """No entry that was there changed or vanished; new entries only under ``allowed``
    (relative paths of --out folders and report files)."""
    c = compare(before, after)
    assert not c.changed and not c.removed, f"inputs changed: {c.changed}, removed: {c.removed}"
    stray = [a for a in c.added if not any(a == p or a.startswith(p.rstrip("/") + "/") for p in allowed)]
    assert not stray, f"written outside --out/--output: {stray}"


def exiftool() -> str | None:
    candidates = [os.environ.get("EXIFTOOL"),
                  str(Path.home() / ".cache/scrub-tools/node_modules/exiftool-vendored.pl/bin/exiftool")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def exiftool_dump(path: Path) -> str:
    tool = exiftool()
    if tool is None:
        import pytest

        if os.environ.get("SCRUB_REQUIRE_EXIFTOOL"):
            raise AssertionError("ExifTool is required here (SCRUB_REQUIRE_EXIFTOOL) and was not found")
        pytest.skip("ExifTool not installed")
    out = subprocess.run([tool, "-a", "-u", "-G1", "-ee", "-s", str(path)],
                         capture_output=True, text=True, timeout=120)
    return out.stdout + out.stderr


class Batch:
    """One ``check --format json`` over a folder of inputs that each test then judges by
    its own entry (one process, one model load, instead of one per input). If the batch
    run produced no report (it fell over), each input is run alone, so one crash does not
    hide how the others are handled."""

    def __init__(self, folder: Path, args: tuple[str, ...] = (), timeout: float = 300):
        self.folder = Path(folder)
        self.args = ["check", "--jobs", "1", "--format", "json", *args]
        self.before = tree_state(self.folder)
        self.run = run_scrub([*self.args, self.folder], timeout=timeout)
        self.after = tree_state(self.folder)
        try:
            self.report = json.loads(self.run.stdout)
        except ValueError:
            self.report = None

    def entry(self, name: str) -> tuple[dict, Run]:
        if self.report is not None:
            return entry_for(self.report, name), self.run
        run = run_scrub([*self.args, self.folder / name])
        assert_no_internal_error(run)
        return entry_for(run.json(), name), run


def assert_entry_not_clean(entry: dict, run: Run, what: str) -> None:
    """The file is reported with a blocking finding, or as not checked (with a message)."""
    assert_no_internal_error(run)
    status = entry["status"]
    if status == "error":
        assert entry.get("message"), f"{what}: not checked, but without a message: {entry}"
        return
    assert status == "findings" and blocking(entry), (
        f"{what}: reported {status} with no blocking finding: {json.dumps(entry, ensure_ascii=False)[:1500]}")
