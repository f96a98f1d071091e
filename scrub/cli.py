"""The ``scrub`` command. Thin: it parses options, calls :mod:`scrub.api`, prints, exits.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 something
could not be checked or cleaned (the report says which and why); 64 the command itself is
wrong (an unknown option, a bad value, a missing argument): nothing was checked, and a
pipeline can tell a typo from a file that could not be read.
"""
from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import List, Optional

import typer
from typer.core import TyperGroup

from scrub import api, messages
from scrub import report as reporters
from scrub.case import CaseFileError
from scrub.findings import Report, Severity
from scrub.walk import STDIN, expand

EXIT_NOT_CHECKED = 2
EXIT_USAGE = 64  # EX_USAGE in sysexits.h: "the command was used incorrectly"
# typer vendors its own click; its UsageError (an unknown option, a bad value, a missing
# argument) is the parent of typer.BadParameter
UsageError = typer.BadParameter.__bases__[0]


class _Commands(TyperGroup):
    """Click's usage errors (an unknown option, a bad value) exit with EXIT_USAGE, not with
    click's 2, which scrub keeps for "not checked"."""

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except UsageError as exc:
            exc.exit_code = EXIT_USAGE
            raise

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            exc.exit_code = EXIT_USAGE
            raise


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    help="Revisa y limpia guiones e imágenes de fichas de búsqueda antes de publicarlos. / "
    "Checks and cleans search-card scripts before they are posted.",
)


OutputFormat = enum.Enum("OutputFormat", {name: name for name in reporters.REPORTERS}, type=str)  # --format


class Lang(str, enum.Enum):
    es = "es"
    en = "en"


LangOpt = typer.Option(None, "--lang", help="es / en (default: the locale; Spanish if unknown)")
CaseOpt = typer.Option(None, "--case", help="case.toml to use for every file")
FormatOpt = typer.Option(OutputFormat.human, "--format", "-f")
FailOnOpt = typer.Option(None, "--fail-on", help="lowest severity that makes the exit code 1 (default: block)")
ShowOpt = typer.Option(False, "--show-values", help="print found values unmasked (careful)")
OutputOpt = typer.Option(None, "--output", "-O", help="write the report to this file instead of printing it")
NoOcrOpt = typer.Option(False, "--no-ocr", help="images: check only their metadata, not the text in the picture")
JobsOpt = typer.Option(None, "--jobs", "-j", help="worker processes for a batch (default: every core)")
FacesOpt = typer.Option(False, "--faces", help="images: report faces other than the largest one (the missing person's); clean hides them")
ExcludeOpt = typer.Option(None, "--exclude", help="skip paths matching this .gitignore-style pattern (repeatable)")
VerboseOpt = typer.Option(False, "--verbose", "-v", help="help.verbose")


def _config(paths: list[str]):
    from scrub.config import find_config

    start = Path(paths[0]) if paths and paths[0] != STDIN and Path(paths[0]).exists() else Path.cwd()
    return find_config(start)


def _progress_bar(total: int):
    """A progress bar on a terminal; nothing when output is piped or CI is set."""
    import os

    if not sys.stderr.isatty() or os.environ.get("CI") or total < 2:
        return None, None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(transient=True, console=Console(stderr=True))  # stdout carries the report
    task = bar.add_task("scrub", total=total)
    bar.start()
    return bar, (lambda n: bar.advance(task, n))


def _emit(report: Report, fmt: OutputFormat, lang: str, fail_on: Severity, show_values: bool,
          to_stderr: bool = False, output: Path | None = None, verbose: bool = False) -> None:
    """Print the report, or write it to ``output`` (atomically)."""
    import io

    from scrub.output import atomic_write

    stream = sys.stderr if to_stderr else sys.stdout
    view = reporters.View(lang, fail_on, show_values, pretty=output is None and stream.isatty(), verbose=verbose)
    if output is None:
        reporters.write(fmt.value, report, view, stream)
        return
    buffer = io.StringIO()
    reporters.write(fmt.value, report, view, buffer)
    atomic_write(output, buffer.getvalue().encode("utf-8"))


def _workers(jobs: int | None, config) -> int:
    import os

    return jobs or config.jobs or os.cpu_count() or 1


def _usage_error(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_USAGE)


def _not_checked(message: str) -> None:
    """A file the command names (--case, --baseline, scrub.toml) cannot be read: nothing was checked."""
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_NOT_CHECKED)


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="files, folders, or - for standard input"),
    format: OutputFormat = FormatOpt,
    lang: Optional[Lang] = LangOpt,
    case: Optional[Path] = CaseOpt,
    fail_on: Optional[Severity] = FailOnOpt,
    show_values: bool = ShowOpt,
    no_ocr: bool = NoOcrOpt,
    faces: bool = FacesOpt,
    jobs: Optional[int] = JobsOpt,
    exclude: Optional[List[str]] = ExcludeOpt,
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="report only findings not accepted in this baseline"),
    output: Optional[Path] = OutputOpt,
    verbose: bool = VerboseOpt,
) -> None:
    """Revisa textos, subtítulos e imágenes / Check scripts, subtitles and images."""
    ui = messages.pick(lang.value if lang else None)
    try:
        config = _config(paths)
        language = lang.value if lang else (config.language if config.language in ("es", "en") else None)
        ui = messages.pick(language)
        if fail_on is None:
            fail_on = Severity(config.fail_on or "block")
        excludes = [*config.exclude, *(exclude or [])]
        bar, tick = _progress_bar(len(expand(paths, excludes)) if STDIN not in paths else 0)
        try:
            report = api.check(paths, case_file=case, lang=language, ocr=not no_ocr, jobs=_workers(jobs, config),
                               exclude=excludes, allow=config.allow, progress=tick, faces=faces,
                               previews=format.value in reporters.NEEDS_PREVIEWS)
        finally:
            if bar:
                bar.stop()
        if baseline:
            from scrub.baseline import apply_baseline

            try:
                apply_baseline(report, baseline)
            except ValueError as exc:
                _not_checked(messages.t("error.baseline", ui, reason=str(exc)))
    except (CaseFileError, OSError) as exc:
        _not_checked(messages.t("error.case-file", ui, reason=str(exc)))
        return
    _emit(report, format, ui, fail_on, show_values, output=output, verbose=verbose)
    raise typer.Exit(report.exit_code(fail_on))


@app.command()
def clean(
    paths: List[str] = typer.Argument(..., help="files, folders, or - (reads stdin, writes the clean text to stdout)"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="folder for the clean copies"),
    in_place: bool = typer.Option(False, "--in-place", help="replace the originals (a .bak copy is kept)"),
    format: OutputFormat = FormatOpt,
    lang: Optional[Lang] = LangOpt,
    case: Optional[Path] = CaseOpt,
    show_values: bool = ShowOpt,
    no_ocr: bool = NoOcrOpt,
    faces: bool = FacesOpt,
    jobs: Optional[int] = JobsOpt,
    exclude: Optional[List[str]] = ExcludeOpt,
    output: Optional[Path] = OutputOpt,
    verbose: bool = VerboseOpt,
) -> None:
    """Escribe copias sin datos sensibles y las vuelve a revisar / Write redacted copies and re-check them."""
    ui = messages.pick(lang.value if lang else None)
    filter_mode = paths == [STDIN]
    if out is None and not in_place and not filter_mode:
        _usage_error(messages.t("error.no-output", ui))
    try:
        config = _config(paths)
        language = lang.value if lang else (config.language if config.language in ("es", "en") else None)
        ui = messages.pick(language)
        excludes = [*config.exclude, *(exclude or [])]
        bar, tick = _progress_bar(len(expand(paths, excludes)) if not filter_mode else 0)
        try:
            report = api.clean(paths, out_dir=out, in_place=in_place, case_file=case, lang=language,
                               ocr=not no_ocr, exclude=excludes, allow=config.allow,
                               jobs=_workers(jobs, config), progress=tick, faces=faces,
                               previews=format.value in reporters.NEEDS_PREVIEWS)
        finally:
            if bar:
                bar.stop()
    except (CaseFileError, OSError) as exc:
        _not_checked(messages.t("error.case-file", ui, reason=str(exc)))
        return
    # as a filter, standard output carries the clean text: the report goes to stderr
    _emit(report, format, ui, Severity.BLOCK, show_values, to_stderr=filter_mode, output=output, verbose=verbose)
    raise typer.Exit(report.exit_code(Severity.BLOCK))


@app.command()
def rules(lang: Optional[Lang] = LangOpt) -> None:
    """Lista las reglas / List the rules, with their ids."""
    from scrub.policy import catalog

    ui = messages.pick(lang.value if lang else None)
    for r in catalog():
        typer.echo(f"{r.id:24} {r.entity:12} {r.description.get(ui, '')}")


baseline_app = typer.Typer(help="Hallazgos aceptados / Accepted findings")
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("create")
def baseline_create(
    paths: List[str] = typer.Argument(..., help="files or folders whose current findings are accepted"),
    output: Path = typer.Option(Path(".scrub-baseline.json"), "--output", "-o"),
    reason: str = typer.Option(..., "--reason", help="why these findings may be published"),
    case: Optional[Path] = CaseOpt,
    lang: Optional[Lang] = LangOpt,
    no_ocr: bool = NoOcrOpt,
) -> None:
    """Acepta los hallazgos actuales (se guarda un hash, nunca el valor) / Accept the current
    findings (a salted hash is stored, never the value)."""
    from scrub.baseline import create

    ui = messages.pick(lang.value if lang else None)
    try:
        report = api.check(paths, case_file=case, lang=lang.value if lang else None, ocr=not no_ocr)
    except (CaseFileError, OSError) as exc:
        _not_checked(messages.t("error.case-file", ui, reason=str(exc)))
        return
    count = create(report, output, reason)
    typer.echo(messages.t("baseline.created", ui, count=count, path=str(output)))
    raise typer.Exit(EXIT_NOT_CHECKED if report.exit_code() == EXIT_NOT_CHECKED else 0)


@app.command()
def explain(rule: Optional[str] = typer.Argument(None, help="a rule id (scrub rules lists them)"), lang: Optional[Lang] = LangOpt) -> None:
    """Explica por qué cada dato es peligroso / Explain why each detail is dangerous."""
    from scrub.explain import explain as explain_rule

    ui = messages.pick(lang.value if lang else None)
    try:
        typer.echo(explain_rule(rule, ui))
    except KeyError as exc:
        _usage_error(exc.args[0])


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of "fail closed"
        # a bug must not look like a result: plain words on stderr, exit 2, nothing on
        # stdout that a pipeline could read as a report
        args = sys.argv[1:]
        asked = args[args.index("--lang") + 1] if "--lang" in args[:-1] else None
        ui = messages.pick(asked)
        typer.echo(messages.t("error.internal", ui, reason=f"{type(exc).__name__}: {exc}"), err=True)
        sys.exit(2)

