"""The library behind the CLI: ``check`` and ``clean`` return a :class:`Report`.

Example::

    import scrub
    report = scrub.check(["guion.txt"])
    for f in report.files[0].findings:
        print(f.entity, f.start, f.end)
"""
from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from scrub import messages
from scrub.case import Case, CaseFileError, CaseFinder, load_case_cached
from scrub.findings import FileReport, Finding, Report, Severity
from scrub.policy import ErrorCode, Unverified, rule_severity
from scrub.sniff import CHECKED_IMAGE_KINDS, sniff
from scrub.text.detect import detect_many, guess_language
from scrub.text.reader import TEXT_SUFFIXES, TextDocument, UnreadableText, read_text_bytes

STDIN = "-"
MIN_FILES_PER_WORKER = 8
_SKIP_NAMES = {"case.toml", "scrub.toml"}


@dataclass
class Target:
    path: Path | None  # None for standard input
    display: str
    root: Path | None  # the argument the file was found under (for --out layouts)


def _is_case_file(p: Path) -> bool:
    return p.name in _SKIP_NAMES or p.name.endswith(".case.toml") or p.name.endswith(".bak")


def _ignore_spec(root: Path, exclude: list[str]):
    """``.scrubignore`` in the folder walked, plus ``--exclude``: .gitignore rules."""
    import pathspec

    lines = list(exclude)
    ignore_file = root / ".scrubignore"
    if ignore_file.is_file():
        lines += ignore_file.read_text(encoding="utf-8").splitlines()
    return pathspec.GitIgnoreSpec.from_lines(lines)


def expand(paths: list[str], exclude: list[str] | None = None) -> list[Target | FileReport]:
    """Files to check, in a stable order: folders are walked (hidden files, case files,
    backups and ignored paths left out)."""
    out: list[Target | FileReport] = []
    for raw in paths:
        if raw == STDIN:
            out.append(Target(None, "<stdin>", None))
            continue
        p = Path(raw)
        if p.is_dir():
            spec = _ignore_spec(p, exclude or [])
            files = sorted(
                f for f in p.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts) and not _is_case_file(f)
                and not spec.match_file(f.relative_to(p).as_posix())
            )
            out.extend(Target(f, str(f), p) for f in files)
        elif p.exists():
            out.append(Target(p, str(p), None))
        else:
            out.append(FileReport(path=raw, error=ErrorCode.MISSING))
    return out


@dataclass
class Loaded:
    target: Target
    report: FileReport
    doc: TextDocument | None = None
    case: Case | None = None
    language: str = "es"
    data: bytes = b""
    image: object | None = None  # scrub.media.Inspection
    # the pictures as displayed (PIL images: one, or an animation's or a multi-page TIFF's
    # distinct frames) and, per frame, which one it shows; decoded once, when first needed
    frames: tuple[list, list[int]] | None = None
    # findings that do not come from the text rules (a Word file's author properties)
    extra_findings: list[Finding] = dataclasses.field(default_factory=list)


@dataclass
class _RunContext:
    """What every file of one run shares: the --case file (if given) and the case lookup."""

    case_override: Case | None
    case_path: Path | None
    finder: CaseFinder


def _case_language(case: Case | None) -> str | None:
    """The language the case file sets, if it sets one ("auto" leaves it to the text)."""
    return case.language if case and case.language != "auto" else None


def _find_case(target: Target, run: _RunContext, report: FileReport) -> tuple[Case | None, bool]:
    """The case for a file, and False when its case file is broken (the report says so)."""
    if run.case_override is not None:
        report.case_file = str(run.case_path) if run.case_path else None
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


def _read_image(loaded: Loaded, kind: str, suffix: str, run: _RunContext) -> Loaded:
    from scrub import media

    report = loaded.report
    report.kind = kind
    expected = media.SUFFIX_KINDS.get(suffix)
    if loaded.target.path is not None and expected != kind:
        # "a .jpg that is really a PNG": handled as what it is, and never called clean
        report.fail(ErrorCode.EXTENSION_MISMATCH, f"{suffix or '(none)'} -> {kind}")
    case, ok = _find_case(loaded.target, run, report)
    if not ok:
        return loaded
    loaded.case = case
    loaded.language = _case_language(case) or "es"
    try:
        loaded.image = media.inspect(loaded.data, kind)
    except Unverified as exc:
        report.fail(exc)
        return loaded
    return loaded


def _read(target: Target, run: _RunContext, lang: str | None, stdin_data: bytes | None) -> Loaded:
    report = FileReport(path=target.display)
    loaded = Loaded(target, report)
    try:
        data = stdin_data if target.path is None else target.path.read_bytes()
    except OSError as exc:
        report.fail(ErrorCode.UNREADABLE, exc.strerror or str(exc))
        return loaded
    kind = sniff(data[:64])
    suffix = target.path.suffix.lower() if target.path else ".txt"
    if kind in CHECKED_IMAGE_KINDS:
        loaded.data = data
        _read_image(loaded, kind, suffix, run)
        loaded.language = lang or loaded.language
        return loaded
    if kind == "zip":
        from scrub.text.docx import is_docx

        if is_docx(data):
            return _read_docx(loaded, data, run, lang)
    if kind != "text-or-unknown":
        report.kind = kind
        report.fail(ErrorCode.UNSUPPORTED)
        return loaded
    from scrub.media import SUFFIX_KINDS

    if target.path is not None and suffix in SUFFIX_KINDS:
        report.fail(ErrorCode.NOT_AN_IMAGE)  # an image name on something that is not one
        return loaded
    try:
        doc = read_text_bytes(data, suffix)
    except UnreadableText as exc:
        report.fail(ErrorCode.BINARY if str(exc) == "binary" else ErrorCode.UNDECODABLE)
        return loaded
    report.kind = doc.subtitle_format or "text"
    report.notes.extend(doc.notes)
    if target.path is not None and suffix not in TEXT_SUFFIXES:
        report.notes.append("not-text-extension")
    return _with_text(loaded, doc, run, lang)


def _with_text(loaded: Loaded, doc: TextDocument, run: _RunContext, lang: str | None) -> Loaded:
    """A file read as text: its case, and the language to read it in."""
    case, ok = _find_case(loaded.target, run, loaded.report)
    if ok:
        loaded.doc, loaded.case = doc, case
        loaded.language = lang or _case_language(case) or guess_language(doc.text)
    return loaded


def _read_docx(loaded: Loaded, data: bytes, run: _RunContext, lang: str | None) -> Loaded:
    """A script written in Word: its words are checked like any text; the name of the
    account that wrote the file is reported too."""
    from scrub.text.docx import read_docx

    report = loaded.report
    report.kind = "docx"
    try:
        text, properties = read_docx(data)
    except UnreadableText as exc:
        report.fail(ErrorCode.TEXT_TOO_BIG if str(exc) == "too-big" else ErrorCode.UNDECODABLE)
        return loaded
    report.notes.append("docx-text")
    loaded.extra_findings = [
        Finding(rule="doc-author", entity="METADATA", severity=rule_severity("doc-author"), value=value,
                location={"segment": part, "tag": name}, why="document property")
        for part, name, value in properties
    ]
    return _with_text(loaded, TextDocument(text=text, encoding="docx"), run, lang)


def _analyzer():
    from scrub.text.engine import shared_analyzer

    return shared_analyzer()


@dataclass
class Options:
    """What a run was asked for (picklable: it travels to worker processes)."""

    case_file: Path | None = None
    lang: str | None = None
    ocr: bool = True
    allow: tuple[str, ...] = ()
    faces: bool = False  # report (and hide on clean) faces other than the missing person's


# files read into memory at once: enough for the language model's batches, while a folder of
# thousands of phone photos never sits in memory whole
GROUP_SIZE = 32


def _run_context(opts: Options) -> _RunContext:
    case_override = load_case_cached(opts.case_file) if opts.case_file else None  # a bad --case raises
    return _RunContext(case_override, opts.case_file, CaseFinder())


def _load(targets: list[Target | FileReport], opts: Options, run: _RunContext, stdin_data: bytes | None) -> list[Loaded | FileReport]:
    items: list[Loaded | FileReport] = []
    for t in targets:
        if isinstance(t, FileReport):
            items.append(t)
            continue
        data = None
        if t.path is None:
            data = stdin_data if stdin_data is not None else sys.stdin.buffer.read()
        loaded = _read(t, run, opts.lang, data)
        if opts.allow:
            # contacts the configuration allows everywhere join each case's public ones
            base = loaded.case or Case()
            loaded.case = dataclasses.replace(base, public_contacts=[*base.public_contacts, *opts.allow])
        items.append(loaded)
    return items


def _in_groups(targets: list[Target | FileReport], opts: Options, stdin_data: bytes | None, handle,
               progress=None) -> list[FileReport]:
    """Read ``GROUP_SIZE`` files at a time, hand them to ``handle(loaded)`` and keep only
    their reports: each group's bytes and pictures are freed before the next is read."""
    run = _run_context(opts)
    reports: list[FileReport] = []
    for i in range(0, len(targets), GROUP_SIZE):
        items = _load(targets[i:i + GROUP_SIZE], opts, run, stdin_data)
        handle([x for x in items if isinstance(x, Loaded)])
        reports.extend(x.report if isinstance(x, Loaded) else x for x in items)
        if progress:
            progress(len(items))
    return reports


def _check_chunk(targets: list[Target | FileReport], opts: Options, stdin_data: bytes | None = None,
                 progress=None) -> list[FileReport]:
    return _in_groups(targets, opts, stdin_data, lambda loaded: _detect(loaded, opts), progress)


def _chunks(items: list, parts: int) -> list[list]:
    size = max(1, -(-len(items) // parts))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _spread(work, targets: list[Target | FileReport], opts: Options, jobs: int, progress, *args) -> list[FileReport]:
    """``work(chunk, opts, *args)`` over the targets, in ``jobs`` worker processes when the
    batch is big enough (a worker costs a start-up and, for scripts, a model load), else
    here; the reports keep the order of the files."""
    workers = min(jobs, len(targets) // MIN_FILES_PER_WORKER)
    if workers <= 1:
        return work(targets, opts, *args, progress=progress)  # progress after each group
    from concurrent.futures import ProcessPoolExecutor

    chunks = _chunks(targets, workers * 4)
    reports: list[FileReport] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for done in pool.map(work, chunks, [opts] * len(chunks), *[[a] * len(chunks) for a in args]):
            reports.extend(done)
            if progress:
                progress(len(done))
    return reports


_FIELD_SEPARATOR = "\n\x00\n"
# what the text rules found in one metadata value, by (case, language, value): the photos of
# one phone repeat their owner, copyright and comment fields in every file of a batch
_FIELD_FINDINGS: dict[tuple, list[tuple]] = {}
_FIELD_FINDINGS_MAX = 4096


def _case_key(case: Case | None) -> tuple | None:
    return None if case is None else (tuple(case.subject), tuple(case.public_contacts), tuple(case.withheld))


def _metadata_reader(case: Case | None, language: str):
    """Reads free-text metadata with the text rules, without the NER model (names in
    metadata are reported by the field they sit in: Artist, Author, By-line...)."""
    key = (_case_key(case), language)

    def read(values: list[str]) -> list[list[tuple]]:
        out: list[list[tuple] | None] = [_FIELD_FINDINGS.get((key, v)) for v in values]
        todo = [i for i, found in enumerate(out) if found is None]
        if not todo:
            return out  # type: ignore[return-value]
        # the unseen fields of one image become one text, apart by a separator no pattern
        # can cross (a line break ends every sentence and line a rule looks at): the rules
        # run once per image instead of once per field
        bounds, pos = [], 0
        for i in todo:
            bounds.append((i, pos, pos + len(values[i])))
            pos += len(values[i]) + len(_FIELD_SEPARATOR)
        doc = TextDocument(text=_FIELD_SEPARATOR.join(values[i] for i in todo), encoding="str")
        for i in todo:
            out[i] = []
        for f in detect_many([doc], [case], _analyzer(), [language], use_ner=False)[0]:
            for i, start, end in bounds:
                if start <= f.start < end:
                    out[i].append((f.entity, f.rule, f.value, f.severity))
                    break
        if len(_FIELD_FINDINGS) > _FIELD_FINDINGS_MAX:
            _FIELD_FINDINGS.clear()
        for i in todo:
            _FIELD_FINDINGS[(key, values[i])] = out[i]
        return out  # type: ignore[return-value]

    return read


def _image_findings(x: Loaded, inspection) -> list[Finding]:
    from scrub import media

    return media.image_findings(inspection, _metadata_reader(x.case, x.language))


def _pictures(x: Loaded) -> tuple[list, list[int]]:
    """The file's pictures as a person sees them (every distinct frame of an animation),
    and per frame which picture it shows: decoded once, for the text and the faces."""
    from scrub.vision import pictures

    if x.frames is None:
        x.frames = pictures.frames(x.data, x.report.kind)
    return x.frames


def _from_pixels(x: Loaded, read) -> list[Finding]:
    """``read(pictures, order)``; what stops a picture from being read becomes the file's
    error (never a silent skip): a missing reader, too many frames, undecodable pixels."""
    try:
        return read(*_pictures(x))
    except Unverified as exc:
        x.report.fail(exc)
    except Exception as exc:  # the decoder refused the pixels
        x.report.fail(ErrorCode.IMAGE_CORRUPT, str(exc))
    return []


def _read_pixels(x: Loaded) -> list[Finding]:
    """Findings for the text visible in the picture (Tesseract)."""
    from scrub.vision import ocr, visible

    if not ocr.available():
        x.report.fail(ErrorCode.OCR_UNAVAILABLE)
        return []
    return _from_pixels(x, lambda pictures, order: visible.in_frames(pictures, order, x.case, x.language, _analyzer()))


def _read_faces(x: Loaded) -> list[Finding]:
    """Faces other than the largest (the missing person's), on the first frame."""
    from scrub.vision import faces

    if not faces.available():
        x.report.fail(ErrorCode.FACES_UNAVAILABLE)
        return []
    return _from_pixels(x, lambda pictures, _order: faces.findings(pictures[0]))


def _detect(loaded: list[Loaded], opts: Options) -> None:
    for x in loaded:
        if x.image is not None:
            x.report.findings = _image_findings(x, x.image)
            if opts.ocr:
                x.report.findings += _read_pixels(x)
            else:
                x.report.notes.append("pixels-not-read")
            if opts.faces and not x.report.error:
                x.report.findings += _read_faces(x)
    todo = [x for x in loaded if x.doc is not None]
    if not todo:
        return
    results = detect_many([x.doc for x in todo], [x.case for x in todo], _analyzer(), [x.language for x in todo])
    for x, findings in zip(todo, results):
        x.report.findings = findings + x.extra_findings


def check(
    paths: list[str],
    case_file: str | Path | None = None,
    lang: str | None = None,
    stdin_data: bytes | None = None,
    ocr: bool = True,
    jobs: int = 1,
    exclude: list[str] | None = None,
    allow: list[str] | None = None,
    progress=None,
    faces: bool = False,
) -> Report:
    """Check files, folders or ``-`` (standard input) and return the report.

    ``ocr=False`` checks only the metadata of images (the report notes that their pixels
    were not read). ``jobs`` > 1 spreads a batch over worker processes, each building the
    analyzer once; the report keeps the order of the files. ``progress(n)`` is called as
    files are done. ``faces=True`` also reports faces other than the largest one (the
    missing person's)."""
    opts, targets, reads_stdin = _start(paths, case_file, lang, ocr, allow, faces, exclude)
    return Report(_spread(_check_chunk, targets, opts, 1 if reads_stdin else jobs, progress, stdin_data))


def _start(paths, case_file, lang, ocr, allow, faces, exclude) -> tuple[Options, list[Target | FileReport], bool]:
    """What check and clean do first: the run's options, the files, and whether standard
    input is one of them (it is read, and written back, in this process)."""
    opts = Options(Path(case_file) if case_file else None, lang, ocr, tuple(allow or ()), faces)
    targets = expand(paths, exclude)
    if opts.case_file:
        load_case_cached(opts.case_file)  # a bad --case is the caller's error: raise before forking
    return opts, targets, any(isinstance(t, Target) and t.path is None for t in targets)


def check_text(text: str, case: Case | None = None, lang: str | None = None) -> list[Finding]:
    """Findings for a string (no file, no case discovery)."""
    doc = TextDocument(text=text, encoding="str")
    language = lang or _case_language(case) or guess_language(text)
    return detect_many([doc], [case], _analyzer(), [language])[0]


def redact(text: str, findings: list[Finding], lang: str, at_least: Severity = Severity.WARN) -> str:
    """Replace each finding with a word a text-to-speech voice can read ("[teléfono]")."""
    out = text
    for f in sorted((f for f in findings if f.start is not None and f.severity.at_least(at_least)), key=lambda f: -f.start):
        out = out[: f.start] + messages.replacement(f.entity, lang) + out[f.end :]
    return out


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


def _output_path(target: Target, out_dir: Path, suffix: str | None = None) -> Path:
    path = out_dir / (target.path.relative_to(target.root) if target.root is not None else target.path.name)
    return path.with_suffix(suffix) if suffix else path


def _encode(text: str, doc: TextDocument) -> bytes:
    if doc.encoding == "utf-16":
        return text.encode("utf-16")
    if doc.encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    # cp1252 input is written back as UTF-8: the replacement words need no legacy encoding
    return text.encode("utf-8")


def clean(
    paths: list[str],
    out_dir: str | Path | None = None,
    in_place: bool = False,
    case_file: str | Path | None = None,
    lang: str | None = None,
    stdin_data: bytes | None = None,
    stdout=None,
    ocr: bool = True,
    exclude: list[str] | None = None,
    allow: list[str] | None = None,
    jobs: int = 1,
    progress=None,
    faces: bool = False,
) -> Report:
    """Write redacted copies, then check each copy again; a copy that still holds a
    blocking detail makes that file an error. ``jobs``, ``progress`` and ``faces`` as for
    :func:`check` (with ``faces``, the other faces are hidden in the copy)."""
    opts, targets, reads_stdin = _start(paths, case_file, lang, ocr, allow, faces, exclude)
    if reads_stdin:
        # its clean copy goes to this process's standard output
        return Report(_in_groups(targets, opts, stdin_data, lambda loaded: _clean_group(loaded, opts, out_dir, in_place, stdout)))
    return Report(_spread(_clean_chunk, targets, opts, jobs, progress, out_dir, in_place))


def _clean_chunk(targets: list[Target | FileReport], opts: Options, out_dir, in_place: bool,
                 progress=None) -> list[FileReport]:
    return _in_groups(targets, opts, None, lambda loaded: _clean_group(loaded, opts, out_dir, in_place, None), progress)


def _clean_group(loaded: list[Loaded], opts: Options, out_dir, in_place: bool, stdout) -> None:
    _detect(loaded, opts)
    cleaned: list[tuple[Loaded, str]] = []
    for x in loaded:
        if x.image is not None:
            _clean_image(x, out_dir, in_place, stdout, opts)
        if x.doc is None:
            continue
        cleaned.append((x, redact(x.doc.text, x.report.findings, x.language)))
    if not cleaned:
        return
    # re-check every cleaned text with the same case and language
    docs = [TextDocument(text=c, encoding=x.doc.encoding, protected=_reprotect(c, x.doc)) for x, c in cleaned]
    again = detect_many(docs, [x.case for x, _ in cleaned], _analyzer(), [x.language for x, _ in cleaned])
    for (x, text), remaining in zip(cleaned, again):
        blocking = [f for f in remaining if f.severity.at_least(Severity.BLOCK)]
        x.report.remaining = remaining
        if blocking:
            x.report.fail(ErrorCode.STILL_SENSITIVE)
            continue
        if x.target.path is None:
            (stdout or sys.stdout.buffer).write(text.encode("utf-8"))
            continue
        _write_copy(x, _encode(text, x.doc), out_dir, in_place)


def _write_copy(x: Loaded, data: bytes, out_dir, in_place: bool) -> None:
    """Atomically, never over the original unless in place (then a .bak is kept first)."""
    # a Word file's clean copy is its redacted text: it cannot take the original's place
    as_text = x.doc is not None and x.doc.encoding == "docx"
    try:
        if in_place and as_text:
            x.report.fail(ErrorCode.DOCX_IN_PLACE)
            return
        if in_place:
            backup = x.target.path.with_name(x.target.path.name + ".bak")
            atomic_write(backup, x.target.path.read_bytes())
            dest = x.target.path
        else:
            if out_dir is None:
                x.report.fail(ErrorCode.NO_OUTPUT)
                return
            dest = _output_path(x.target, Path(out_dir), ".txt" if as_text else None)
            if os.path.abspath(dest) == os.path.abspath(x.target.path) or (dest.exists() and os.path.samefile(dest, x.target.path)):
                x.report.fail(ErrorCode.OUTPUT_INSIDE)
                return
        atomic_write(dest, data, durable=in_place)
        x.report.output = str(dest)
    except OSError as exc:
        x.report.fail(ErrorCode.WRITE, exc.strerror or str(exc))


def _clean_image(x: Loaded, out_dir, in_place: bool, stdout, opts: Options) -> None:
    from scrub import media
    from scrub.vision import cover, faces, pictures
    from scrub.vision import visible as visible_text

    if x.report.error and x.report.error.stops_work:
        return
    kind = x.report.kind
    visible = [f for f in x.report.findings
               if f.location and f.location.get("segment") == "pixels" and f.severity.at_least(Severity.WARN)]
    try:
        data, inspection = x.data, x.image
        if visible:
            # faces become a coarse mosaic; text is covered with a solid patch. In an
            # animation every box is covered on every frame: text may move.
            face_boxes = [b for f in visible if f.rule == "img-face" for b in f.location["boxes"]]
            text_boxes = [b for f in visible if f.rule != "img-face" for b in f.location["boxes"]]
            shown, order = x.frames  # decoded when the findings were
            edited = [cover.fill(cover.mosaic(p, face_boxes), text_boxes) for p in shown]
            handler = media.HANDLERS[kind]
            if len(order) > 1:
                data = handler.encode_frames([edited[i] for i in order], x.data)
            else:
                data = handler.encode(edited[0], x.data)
            inspection = media.inspect(data, kind)
        cleaned = media.clean(data, kind, inspection)
        again = media.inspect(cleaned, kind)
    except Unverified as exc:
        x.report.fail(exc)
        return
    remaining = [f for f in _image_findings(x, again) if f.severity.at_least(Severity.WARN)]
    if opts.ocr or opts.faces:
        # the copy is looked at again as a person would see it: text still legible and
        # blocking, or a face (other than the missing person's) still found, fails it
        try:
            shown, order = pictures.frames(cleaned, kind)
            if opts.faces:
                remaining += faces.findings(shown[0])
            if opts.ocr:
                remaining += [f for f in visible_text.in_frames(shown, order, x.case, x.language, _analyzer())
                              if f.severity.at_least(Severity.BLOCK)]
        except Exception as exc:
            x.report.fail(ErrorCode.IMAGE_CORRUPT, str(exc))
            return
    x.report.remaining = remaining
    if remaining:
        x.report.fail(ErrorCode.STILL_SENSITIVE)
        return
    if x.target.path is None:
        (stdout or sys.stdout.buffer).write(cleaned)
        return
    _write_copy(x, cleaned, out_dir, in_place)


def _reprotect(text: str, doc: TextDocument) -> list[tuple[int, int]]:
    from scrub.text.reader import structure_ranges

    return structure_ranges(text, doc.subtitle_format) if doc.subtitle_format else []
