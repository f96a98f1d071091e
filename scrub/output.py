"""Writing what a run produces: clean copies (never over the original unless asked) and
reports, always atomically."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from scrub.findings import FileReport
from scrub.policy import ErrorCode


@dataclass(frozen=True)
class Destination:
    """Where `clean` writes its copies (picklable: it travels to worker processes)."""

    out_dir: Path | None = None
    in_place: bool = False


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside ``path``, then rename it over: a reader never sees
    half a file. ``durable`` also flushes it to disk first, which matters when the
    original is being replaced (``--in-place``); for copies it would cost ~10 ms a file."""
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    # the temporary file is created with the final mode (the original's when replacing it,
    # else the usual one): mkstemp would make it private (0600)
    try:
        mode = path.stat().st_mode & 0o777
        replacing = True
    except FileNotFoundError:
        mode, replacing = 0o666, False
    for _ in range(100):
        tmp = path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(f"no free temporary name beside {path}")
    try:
        if replacing:
            os.chmod(tmp, mode)  # the umask must not narrow the original's mode
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_copy(report: FileReport, target, fmt, data: bytes, where: Destination, stdout=None) -> None:
    """The clean copy of ``target`` (standard input's goes to standard output), at its path
    relative to the argument it came from under ``--out``, or in place of the original
    (a .bak copy is kept first). Never over the original otherwise."""
    if target.path is None:
        (stdout or sys.stdout.buffer).write(data)
        return
    try:
        if where.in_place:
            if fmt.output_name(target.path) != target.path:
                report.fail(ErrorCode.DOCX_IN_PLACE)  # a copy of another kind cannot take the original's place
                return
            backup = target.path.with_name(target.path.name + ".bak")
            atomic_write(backup, target.path.read_bytes())
            dest = target.path
        else:
            if where.out_dir is None:
                report.fail(ErrorCode.NO_OUTPUT)
                return
            relative = target.path.relative_to(target.root) if target.root is not None else Path(target.path.name)
            dest = fmt.output_name(where.out_dir / relative)
            if os.path.abspath(dest) == os.path.abspath(target.path) or (dest.exists() and os.path.samefile(dest, target.path)):
                report.fail(ErrorCode.OUTPUT_INSIDE)
                return
        atomic_write(dest, data, durable=where.in_place)
        report.output = str(dest)
    except OSError as exc:
        report.fail(ErrorCode.WRITE, exc.strerror or str(exc))
