"""One path for every file (DESIGN.md):

    check: bytes -> formats.identify -> format.read -> case -> format.detect -> report
    clean: ... -> format.clean -> the copy read and detected again -> policy.accept -> write

Files are read ``GROUP_SIZE`` at a time and each step runs over the group, one call per
format (so the language model reads a group's texts in one batch); a big batch is spread
over worker processes. Nothing here knows one format from another.
"""
from __future__ import annotations

import contextlib
import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path

from scrub import formats, policy
from scrub.case import Case, CaseFileError, CaseFinder, load_case_cached
from scrub.findings import FileReport, Finding, masked_place
from scrub.formats.base import Format, Item, Source
from scrub.output import Destination, write_copy
from scrub.policy import ErrorCode, Unverified
from scrub.walk import Target

# files read into memory at once: enough for the language model's batches, while a folder of
# thousands of phone photos never sits in memory whole
GROUP_SIZE = 32
MIN_FILES_PER_WORKER = 8


@dataclass
class Options:
    """What a run was asked for (picklable: it travels to worker processes)."""

    case_file: Path | None = None
    lang: str | None = None
    ocr: bool = True
    allow: tuple[str, ...] = ()
    faces: bool = False  # report (and hide on clean) faces other than the missing person's
    previews: bool = False  # keep what an HTML report shows: each file's text or picture


class Run:
    """What every file of one run shares, and what the formats are lent (formats.base.Context)."""

    def __init__(self, options: Options):
        self.options = options
        self.ocr, self.faces = options.ocr, options.faces
        self.case_override = load_case_cached(options.case_file) if options.case_file else None  # a bad --case raises
        self.finder = CaseFinder()

    def analyzer(self):
        from scrub.text.engine import shared_analyzer

        return shared_analyzer()

    def read_fields(self, case: Case | None, language: str, values: list[str]) -> list[list[Finding]]:
        return read_fields(case, language, values, self.analyzer)


@dataclass
class _File:
    target: Target
    report: FileReport
    fmt: Format | None = None
    item: Item | None = None  # None once the file cannot go on (not read, no case)
    name_findings: list[Finding] = dataclasses.field(default_factory=list)  # what its name says


def case_language(case: Case | None) -> str | None:
    """The language the case file sets, if it sets one ("auto" leaves it to the text)."""
    return case.language if case and case.language != "auto" else None


def _find_case(target: Target, run: Run, report: FileReport) -> tuple[Case | None, bool]:
    """The case for a file, and False when its case file is broken (the report says so)."""
    if run.case_override is not None:
        report.case_file = str(run.options.case_file)
        return run.case_override, True
    source = run.finder.find_from_folder(Path.cwd()) if target.path is None else run.finder.find(target.path)
    if source is None:
        report.notes.append("no-case")
        return None, True
    try:
        case = load_case_cached(source)
    except CaseFileError as exc:
        report.fail(ErrorCode.CASE_FILE, str(exc))
        return None, False
    report.case_file = str(source)
    return case, True


@contextlib.contextmanager
def _not_checked_on_error():
    """As fail_closed(UNDECODABLE), except that running out of memory stays what it is (the
    fuzz harness's memory ceiling must still see it)."""
    try:
        yield
    except (Unverified, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - any failure means the file was not fully read
        raise Unverified(ErrorCode.UNDECODABLE, f"{type(exc).__name__}: {exc}") from exc


def _open(target: Target, run: Run, stdin_data: bytes | None) -> _File:
    """Read one file with the format its bytes belong to, and find its case and language."""
    report = FileReport(path=target.display)
    file = _File(target, report)
    try:
        data = stdin_data if target.path is None else read_bounded(target.path)
    except Unverified as exc:
        report.fail(exc)
        return file
    except OSError as exc:
        report.fail(ErrorCode.UNREADABLE, exc.strerror or str(exc))
        return file
    try:
        # whatever a format's sniffing or reading raises on a strange file is that file
        # not checked, never a traceback that stops the batch (fuzzing: zipfile's
        # NotImplementedError on a mutated Word document)
        with _not_checked_on_error():
            report.kind, fmt = formats.identify(data)
    except Unverified as exc:
        report.fail(exc)
        return file
    if fmt is None:
        report.fail(ErrorCode.UNSUPPORTED)
        return file
    suffix = target.path.suffix.lower() if target.path else ".txt"
    promised = formats.promised_by(suffix) if target.path else None
    try:
        with _not_checked_on_error():
            item = fmt.read(data, Source(suffix, target.path is not None, promised.family if promised else None))
    except Unverified as exc:
        report.fail(exc)
        return file
    report.kind, report.clean_hint = item.kind, fmt.clean_hint
    # one list: the notes added later (no case file, pixels not read) follow the format's
    report.notes.extend(item.notes)
    item.notes = report.notes
    if item.doubt:
        report.fail(item.doubt)
    if run.options.previews:
        report.preview = fmt.preview(item)
    case, ok = _find_case(target, run, report)
    if not ok:
        return file
    if run.options.allow:
        # contacts the configuration allows everywhere join each case's public ones
        base = case or Case()
        item.case = dataclasses.replace(base, public_contacts=[*base.public_contacts, *run.options.allow])
    else:
        item.case = case
    item.language = run.options.lang or case_language(case) or item.guess_language()
    file.fmt, file.item = fmt, item
    if target.path is not None:
        file.name_findings = name_findings(target.path.name, item.case, item.language, run)
    return file


def name_findings(name: str, case: Case | None, language: str, run: Run) -> list[Finding]:
    """A file name is text too (messaging apps show it beside the picture): it is read by
    the text rules like a metadata field. "ficha_llama_3318427765.jpg" reports the phone."""
    import re

    stem = name.rsplit(".", 1)[0] if "." in name else name
    text = re.sub(r"[_+]+", " ", stem)  # "llama_33_1842_7765": the parts of a name are words
    if not re.search(r"\d{4}|@", text):
        return []  # cheap: no name without a long number or an at sign carries a detail here
    [found] = run.read_fields(case, language, [text])
    place = {"segment": "file name", "tag": masked_place(name)}
    return [Finding(rule=f.rule, entity=f.entity, severity=f.severity, value=f.value, location=place, why="file name")
            for f in found]


HEAD_BYTES = 64 * 1024


def read_bounded(path: Path) -> bytes:
    """A file's bytes, refused from its size before they are read when they are more than
    its kind may hold (a 3 GB sparse file costs a stat, not 3 GB of memory), and never more
    than that limit plus one byte even if the file grows meanwhile. What is not a regular
    file (a FIFO, a device) is never opened: reading it could hang or never end."""
    import os
    import stat

    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise Unverified(ErrorCode.NOT_A_FILE)
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
        _kind, fmt = formats.identify(head)
        limit = getattr(fmt, "max_bytes", policy.MAX_FILE_BYTES)
        if st.st_size > limit:
            raise Unverified(ErrorCode.FILE_TOO_BIG, f"{st.st_size:,} bytes; limit {limit:,}")
        data = head + fh.read(limit + 1 - len(head))
    if len(data) > limit:
        raise Unverified(ErrorCode.FILE_TOO_BIG, f"more than {limit:,} bytes")
    return data


def _by_format(pairs: list[tuple[Format, Item]]) -> list[tuple[Format, list[Item]]]:
    groups: dict[int, tuple[Format, list[Item]]] = {}
    for fmt, item in pairs:
        groups.setdefault(id(fmt), (fmt, []))[1].append(item)
    return list(groups.values())


def _detect(pairs: list[tuple[Format, Item]], run: Run) -> None:
    for fmt, items in _by_format(pairs):
        fmt.detect(items, run)


def detect(files: list[_File], run: Run) -> None:
    ready = [f for f in files if f.item is not None]
    _detect([(f.fmt, f.item) for f in ready], run)
    for f in ready:
        f.report.findings = f.item.findings + f.name_findings
        f.report.assumed = f.item.assumed
        if f.item.failure:
            f.report.fail(f.item.failure)


def clean(files: list[_File], run: Run, where: Destination, stdout=None) -> None:
    """Detect, write each file's clean copy as bytes, read every copy again (as what its
    bytes are) with the same case and language, and write the copies the policy accepts."""
    detect(files, run)
    copies: list[tuple[_File, bytes, Format, Item]] = []
    for f in files:
        if f.item is None or (f.report.error and f.report.error.stops_work):
            continue
        try:
            data = f.fmt.clean(f.item, run)
            kind, fmt = formats.identify(data)
            if fmt is None:
                raise Unverified(ErrorCode.UNSUPPORTED, f"the clean copy reads as {kind}")
            suffix = f.fmt.output_name(f.target.path).suffix.lower() if f.target.path else ".txt"
            copy = fmt.read(data, Source(suffix, named=False))
        except Unverified as exc:
            f.report.fail(exc)
            continue
        copy.case, copy.language = f.item.case, f.item.language
        copies.append((f, data, fmt, copy))
    _detect([(fmt, copy) for _f, _data, fmt, copy in copies], run)
    for f, data, fmt, copy in copies:
        if copy.failure:
            f.report.fail(copy.failure)
            continue
        f.report.remaining, ok = policy.accept(copy.findings)
        if not ok:
            f.report.fail(ErrorCode.STILL_SENSITIVE)
            continue
        write_copy(f.report, f.target, f.fmt, data, where, stdout)
        if run.options.previews and f.report.output:
            f.report.copy_preview = fmt.preview(copy)


def in_groups(targets: list[Target | FileReport], options: Options, handle, stdin_data: bytes | None = None,
              progress=None) -> list[FileReport]:
    """Read ``GROUP_SIZE`` files at a time, hand them to ``handle(files, run)`` and keep only
    their reports: each group's bytes and pictures are freed before the next is read."""
    run = Run(options)
    reports: list[FileReport] = []
    for i in range(0, len(targets), GROUP_SIZE):
        group = [t if isinstance(t, FileReport) else _open(t, run, _stdin(t, stdin_data)) for t in targets[i:i + GROUP_SIZE]]
        handle([f for f in group if isinstance(f, _File)], run)
        reports.extend(f.report if isinstance(f, _File) else f for f in group)
        if progress:
            progress(len(group))
    return reports


def _stdin(target: Target, given: bytes | None) -> bytes | None:
    if target.path is not None:
        return None
    return given if given is not None else sys.stdin.buffer.read()


def check_chunk(targets: list[Target | FileReport], options: Options, stdin_data: bytes | None = None,
                progress=None) -> list[FileReport]:
    return in_groups(targets, options, detect, stdin_data, progress)


def clean_chunk(targets: list[Target | FileReport], options: Options, where: Destination, progress=None) -> list[FileReport]:
    return in_groups(targets, options, lambda files, run: clean(files, run, where), None, progress)


def _chunks(items: list, parts: int) -> list[list]:
    size = max(1, -(-len(items) // parts))
    return [items[i:i + size] for i in range(0, len(items), size)]


def spread(work, targets: list[Target | FileReport], options: Options, jobs: int, progress, *args) -> list[FileReport]:
    """``work(chunk, options, *args)`` over the targets, in ``jobs`` worker processes when
    the batch is big enough (a worker costs a start-up and, for scripts, a model load), else
    here; the reports keep the order of the files."""
    workers = min(jobs, len(targets) // MIN_FILES_PER_WORKER)
    if workers <= 1:
        return work(targets, options, *args, progress=progress)  # progress after each group
    import os
    import signal
    from concurrent.futures import ProcessPoolExecutor

    chunks = _chunks(targets, workers * 4)
    reports: list[FileReport] = []
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(os.getpid(),))

    def stop(signum, _frame):
        # SIGTERM (or Ctrl-C) of the run: its workers stop too, each removing the copy it
        # was writing, and the run ends as killed
        for process in list(getattr(pool, "_processes", {}).values()):
            try:
                process.terminate()
            except Exception:  # noqa: BLE001 - already gone
                pass
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with pool:
            for done in pool.map(work, chunks, [options] * len(chunks), *[[a] * len(chunks) for a in args]):
                reports.extend(done)
                if progress:
                    progress(len(done))
    finally:
        signal.signal(signal.SIGTERM, previous)
    return reports


def _worker_start(parent: int) -> None:
    """In each worker: die with the run. Linux sends the worker SIGTERM when its parent
    dies (even by kill -9: PR_SET_PDEATHSIG), and on SIGTERM the worker removes the
    temporary file it was writing and exits, so a killed run neither goes on writing into
    --out nor leaves half-written files behind."""
    import os
    import signal

    from scrub import output

    def stop(signum, _frame):
        output.remove_pending()
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the main process, which stops the workers
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the pool's own checks stop the workers, later
    if os.getppid() != parent:
        os._exit(143)  # the run died before this worker asked to die with it


_FIELD_SEPARATOR = "\n\x00\n"
# what the text rules found in one metadata value, by (case, language, value): the photos of
# one phone repeat their owner, copyright and comment fields in every file of a batch
_FIELD_FINDINGS: dict[tuple, list[Finding]] = {}
_FIELD_FINDINGS_MAX = 4096


def _case_key(case: Case | None) -> tuple | None:
    return None if case is None else (tuple(case.subject), tuple(case.public_contacts), tuple(case.withheld))


def read_fields(case: Case | None, language: str, values: list[str], analyzer) -> list[list[Finding]]:
    """Free-text metadata read with the text rules, without the NER model (names in metadata
    are reported by the field they sit in: Artist, Author, By-line...)."""
    from scrub.text.detect import detect_many
    from scrub.text.reader import TextDocument

    key = (_case_key(case), language)
    out: list[list[Finding] | None] = [_FIELD_FINDINGS.get((key, v)) for v in values]
    todo = [i for i, found in enumerate(out) if found is None]
    if not todo:
        return out  # type: ignore[return-value]
    # the unseen fields of one file become one text, apart by a separator no pattern can
    # cross (a line break ends every sentence and line a rule looks at): the rules run once
    # per file instead of once per field
    bounds, pos = [], 0
    for i in todo:
        bounds.append((i, pos, pos + len(values[i])))
        pos += len(values[i]) + len(_FIELD_SEPARATOR)
    doc = TextDocument(text=_FIELD_SEPARATOR.join(values[i] for i in todo), encoding="str")
    for i in todo:
        out[i] = []
    for f in detect_many([doc], [case], analyzer(), [language], use_ner=False)[0]:
        for i, start, end in bounds:
            if start <= f.start < end:
                out[i].append(f)
                break
    if len(_FIELD_FINDINGS) > _FIELD_FINDINGS_MAX:
        _FIELD_FINDINGS.clear()
    for i in todo:
        _FIELD_FINDINGS[(key, values[i])] = out[i]
    return out  # type: ignore[return-value]
