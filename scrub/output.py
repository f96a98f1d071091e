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
    """Write ``data`` to ``path`` so that a reader never sees half a file and a killed run
    leaves nothing behind: the bytes go to an unnamed file in the same folder (Linux
    O_TMPFILE), which is given a short temporary name only once complete and then renamed
    over ``path``. Where O_TMPFILE is missing, a short named temporary file is used (never
    longer than the final name allows: a legal 240-character name must still be writable).
    ``durable`` also flushes it to disk first, which matters when the original is being
    replaced (``--in-place``); for copies it would cost ~10 ms a file."""
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    # the file is created with the final mode (the original's when replacing it, else the
    # usual one): a temporary file would otherwise be private (0600)
    try:
        mode = path.stat().st_mode & 0o777
        replacing = True
    except FileNotFoundError:
        mode, replacing = 0o666, False
    global _UNNAMED_WORKS
    fd, tmp = _unnamed(path.parent, mode)
    try:
        if replacing:
            os.fchmod(fd, mode)  # the umask must not narrow the original's mode
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
            if tmp is None:
                try:
                    tmp = _name_it(fh.fileno(), path.parent)
                except OSError:
                    _UNNAMED_WORKS = False  # this system cannot name an unnamed file: named ones from now on
        if tmp is None:
            return atomic_write(path, data, durable)
        os.replace(tmp, path)
        _PENDING.discard(tmp)
    except BaseException:
        if tmp is not None:
            _PENDING.discard(tmp)
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise


_UNNAMED_WORKS = True
# named temporary files being written by this process: removed if the process is stopped
_PENDING: set[Path] = set()


def remove_pending() -> None:
    for tmp in list(_PENDING):
        try:
            os.unlink(tmp)
        except OSError:
            pass
    _PENDING.clear()


def _unnamed(folder: Path, mode: int) -> tuple[int, Path | None]:
    """An open file in ``folder`` with no name yet (O_TMPFILE), else a short named one."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and _UNNAMED_WORKS:
        try:
            return os.open(folder, flag | os.O_WRONLY, mode), None
        except OSError:
            pass  # a file system without O_TMPFILE
    for _ in range(100):
        tmp = folder / f".scrub-{os.urandom(6).hex()}.tmp"
        _PENDING.add(tmp)
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), tmp
        except FileExistsError:
            _PENDING.discard(tmp)
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _name_it(fd: int, folder: Path) -> Path:
    """Give a complete unnamed file a short temporary name beside its final one (through
    /proc/self/fd, which needs no privilege)."""
    for _ in range(100):
        tmp = folder / f".scrub-{os.urandom(6).hex()}.tmp"
        try:
            _PENDING.add(tmp)
            os.link(f"/proc/self/fd/{fd}", tmp, follow_symlinks=True)
            return tmp
        except FileExistsError:
            _PENDING.discard(tmp)
            continue
        except OSError:
            _PENDING.discard(tmp)
            raise
    raise FileExistsError(f"no free temporary name in {folder}")


def safe_name(name: str, findings: list) -> str:
    """``name`` with each detail its findings name replaced by a plain word
    ("ficha_llama_3318427765.jpg" -> "ficha_llama_telefono.jpg"): the copy's name is
    published with it."""
    import re
    import unicodedata

    from scrub import messages

    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    for f in sorted(findings, key=lambda f: -len(f.value)):
        word = messages.replacement(f.entity, "es").strip("[]")
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).replace(" ", "_")
        pieces = [re.escape(p) for p in re.split(r"[ _+]+", f.value) if p]
        if pieces:
            stem = re.sub("[ _+]*".join(pieces), word, stem)
    return stem + dot + suffix


def backup_name(path: Path) -> Path:
    """Where ``--in-place`` keeps the original: ``name.bak``, or the first free
    ``name.bak.2``, ``name.bak.3``... An existing backup is never replaced: after a second
    in-place run, the first backup still holds the original."""
    candidate = path.with_name(path.name + ".bak")
    n = 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{path.name}.bak.{n}")
        n += 1
    return candidate


def planned_destination(target, where: Destination, fmt=None) -> Path | None:
    """Where ``target``'s clean copy will be written (None for standard input)."""
    if target.path is None:
        return None
    if where.in_place:
        return Path(os.path.realpath(target.path))
    if where.out_dir is None:
        return None
    relative = target.path.relative_to(target.root) if target.root is not None else Path(target.path.name)
    dest = where.out_dir / relative
    return fmt.output_name(dest) if fmt is not None else dest


def collisions(targets: list, where: Destination, format_of) -> dict[int, str]:
    """Before anything is written: the targets whose copy would land on another copy of
    the same run or on one of the run's inputs, by index, with the path they collide on.
    ``format_of(target)`` is the format its name promises (its copy's name may differ)."""
    if where.in_place:
        return {}
    inputs = {}
    for t in targets:
        if getattr(t, "path", None) is not None:
            try:
                st = os.stat(t.path)
                inputs[(st.st_dev, st.st_ino)] = t
            except OSError:
                pass
    by_dest: dict[str, list[int]] = {}
    out: dict[int, str] = {}
    for i, t in enumerate(targets):
        if getattr(t, "path", None) is None:
            continue
        dest = planned_destination(t, where, format_of(t))
        if dest is None:
            continue
        key = os.path.realpath(dest)
        by_dest.setdefault(key, []).append(i)
        try:
            st = os.stat(dest)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in inputs:
            out[i] = str(dest)  # the copy would replace an input of this run
    for key, indexes in by_dest.items():
        if len(indexes) > 1:
            for i in indexes:
                out[i] = key  # two copies on one path: one would silently replace the other
    return out


def claims_an_input(path: Path, targets: list) -> bool:
    """Whether a report written to ``path`` would replace a file the run reads (the same
    path spelled otherwise, a link to it, a hard link)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    for t in targets:
        if getattr(t, "path", None) is None:
            continue
        try:
            other = os.stat(t.path)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino):
            return True
    return False


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
            # a link stays a link: the file it points at is cleaned (and backed up beside it)
            dest = Path(os.path.realpath(target.path))
            atomic_write(backup_name(dest), dest.read_bytes())
        else:
            if where.out_dir is None:
                report.fail(ErrorCode.NO_OUTPUT)
                return
            relative = target.path.relative_to(target.root) if target.root is not None else Path(target.path.name)
            dest = fmt.output_name(where.out_dir / relative)
            named = [f for f in report.findings if f.location and f.location.get("segment") == "file name"]
            if named:
                dest = dest.with_name(safe_name(dest.name, named))
                report.notes.append("renamed")
            if os.path.abspath(dest) == os.path.abspath(target.path) or (dest.exists() and os.path.samefile(dest, target.path)):
                report.fail(ErrorCode.OUTPUT_INSIDE)
                return
        atomic_write(dest, data, durable=where.in_place)
        report.output = str(dest)
    except OSError as exc:
        report.fail(ErrorCode.WRITE, exc.strerror or str(exc))
