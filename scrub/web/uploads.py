"""Files sent by the page's form, written straight into the run's private folder.

The multipart body is parsed as it arrives (python-multipart's streaming parser) rather
than by Starlette's ``request.form()``, which spools large files to the system's temporary
folder: here every byte goes only to the private folder that is removed on exit, and the
size limit stops a too-big upload as it comes in instead of after it was stored.

A file is stored under a name scrub makes from the one sent: its last path component only
("../../x.txt" and "C:\\fotos\\x.jpg" become "x.txt" and "x.jpg"), without control
characters or a leading dot, and made unique in its folder; the path is checked to be
inside the folder before anything is written.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_NAME = 100


class UploadError(Exception):
    """The upload cannot be taken; ``code`` is a message key suffix (page.upload-<code>)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass
class Received:
    name: str  # the name the file is stored under (and shown as)
    path: Path
    size: int


def safe_name(sent: str) -> str:
    """A plain file name from whatever a browser (or anyone) sent."""
    name = re.split(r"[/\\]", sent)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(".").strip()
    if name in ("", ".", ".."):
        name = "archivo"
    if len(name) > MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        suffix = suffix[:12] if dot else ""
        name = (stem if dot else name)[: MAX_NAME - len(suffix) - 1] + ("." + suffix if suffix else "")
    return name


def unique_in(folder: Path, name: str, taken: set[str]) -> Path:
    """``folder / name``, numbered ("guion (2).txt") when a file with the same stem is there:
    copies are named by their stem (a .docx's copy is a .txt), so stems must differ."""
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    candidate, n = name, 1
    while candidate.rsplit(".", 1)[0].casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}){dot}{suffix}"
    path = folder / candidate
    if path.resolve().parent != folder.resolve():
        raise UploadError("name")
    return path


class _Sink:
    """The parser's callbacks: headers of each part, then its bytes to a file."""

    def __init__(self, folder: Path, taken: set[str], max_bytes: int, max_files: int):
        self.folder, self.taken = folder, taken
        self.max_bytes, self.max_files = max_bytes, max_files
        self.total = 0
        self.received: list[Received] = []
        self.fields: dict[str, str] = {}
        self.error: UploadError | None = None
        self._headers: dict[str, bytes] = {}
        self._field, self._value = b"", b""
        self._out = None
        self._current: Received | None = None
        self._field_name: str | None = None
        self._field_data = b""

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self.part_begin,
            "on_header_field": lambda data, start, end: self._add("_field", data[start:end]),
            "on_header_value": lambda data, start, end: self._add("_value", data[start:end]),
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
            "on_part_data": self.part_data,
            "on_part_end": self.part_end,
        }

    def _add(self, attr: str, data: bytes) -> None:
        setattr(self, attr, getattr(self, attr) + data)

    def part_begin(self) -> None:
        self._headers, self._current, self._field_name, self._field_data = {}, None, None, b""

    def header_end(self) -> None:
        self._headers[self._field.decode("latin-1").lower()] = self._value
        self._field, self._value = b"", b""

    def headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        _kind, params = parse_options_header(self._headers.get("content-disposition", b""))
        if b"filename" in params:
            sent = params[b"filename"].decode("utf-8", "replace")
            if not sent:
                return  # the form's file box left empty
            if len(self.received) >= self.max_files:
                raise UploadError("too-many")
            path = unique_in(self.folder, safe_name(sent), self.taken)
            self.taken.add(path.stem.casefold())
            # created new, readable by this user only
            self._out = os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
            self._current = Received(path.name, path, 0)
            self.received.append(self._current)
        else:
            self._field_name = params.get(b"name", b"").decode("utf-8", "replace")

    def part_data(self, data: bytes, start: int, end: int) -> None:
        self.total += end - start
        if self.total > self.max_bytes:
            raise UploadError("too-big")
        if self._out is not None:
            self._out.write(data[start:end])
            self._current.size += end - start
        elif self._field_name is not None:
            self._field_data += data[start:end]
            if len(self._field_data) > 64 * 1024:
                raise UploadError("too-big")

    def part_end(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
        elif self._field_name is not None:
            self.fields[self._field_name] = self._field_data.decode("utf-8", "replace")

    def abandon(self) -> None:
        """Remove what was written of a refused upload."""
        if self._out is not None:
            self._out.close()
        for r in self.received:
            r.path.unlink(missing_ok=True)
            self.taken.discard(r.path.stem.casefold())
        self.received = []


async def receive(request, folder: Path, taken: set[str], max_bytes: int, max_files: int = 30) -> tuple[list[Received], dict]:
    """Store the files of a multipart/form-data request in ``folder``; raises UploadError
    (nothing stored) when it is not such a form or is over the limits.

    A refused body is still read to its end (up to 2 GB, discarded): a browser that is
    still sending when the answer comes shows a broken connection, not the page that says
    why."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    kind, params = parse_options_header(request.headers.get("content-type", ""))
    if kind != b"multipart/form-data" or not params.get(b"boundary"):
        raise UploadError("form")
    declared = request.headers.get("content-length")
    sink = _Sink(folder, taken, max_bytes, max_files)
    error: UploadError | None = None
    if declared and declared.isdigit() and int(declared) > max_bytes + 64 * 1024:
        error = UploadError("too-big")  # known before a byte is stored
    parser = MultipartParser(params[b"boundary"], sink.callbacks())
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if error is not None:
            if seen > _DRAIN_CAP:
                break
            continue
        try:
            parser.write(chunk)
        except UploadError as exc:
            error = exc
        except Exception:  # noqa: BLE001 - a malformed body: nothing of it is kept
            error = UploadError("form")
    if error is None:
        try:
            parser.finalize()
        except Exception:  # noqa: BLE001
            error = UploadError("form")
        if sink._out is not None:  # a file part that never ended: the body was cut
            error = UploadError("form")
    if error is not None:
        sink.abandon()
        raise error
    return sink.received, sink.fields


_DRAIN_CAP = 2 * 1024**3
