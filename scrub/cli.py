"""The ``scrub`` command. Thin: it parses options, calls :mod:`scrub.api`, prints, exits.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 something
could not be checked or cleaned (the report says which and why); 64 the command itself is
wrong (an unknown option, a bad value, a missing argument): nothing was checked, and a
pipeline can tell a typo from a file that could not be read.
"""
from __future__ import annotations

import atexit
import enum
import os
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

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None:
            translate_help(self, _asked_language(list(args)), list(args))
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as exc:
            exc.exit_code = EXIT_USAGE
            raise

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            exc.exit_code = EXIT_USAGE
            raise


def _asked_language(args: list[str]) -> str:
    """--lang from the command line (anywhere in it), else the locale's."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return messages.pick(args[i + 1])
        if arg.startswith("--lang="):
            return messages.pick(arg.split("=", 1)[1])
    return messages.pick(None)


def _may_print_help(command, args: list[str]) -> bool:
    """Whether click may print help for ``args``: asked for, or no command named to run (a
    group shows its help then)."""
    if "--help" in args or "-h" in args:
        return True

    def leaves(cmd):
        subs = getattr(cmd, "commands", None)
        if subs is None:
            return {cmd.name}
        return set().union(*(leaves(sub) for sub in subs.values())) if subs else set()

    return not leaves(command).intersection(args)


def translate_help(command, lang: str, args: list[str]) -> None:
    """Every help text is a message key ("help.check"); the command tree typer builds for
    this invocation gets them in the user's language before click formats --help."""
    if _may_print_help(command, args):
        # typer's help panels come from rich (about 60 ms to import): only when help is shown
        import typer.rich_utils as panels

        for name, key in (("OPTIONS_PANEL_TITLE", "help.panel-options"), ("ARGUMENTS_PANEL_TITLE", "help.panel-arguments"),
                          ("COMMANDS_PANEL_TITLE", "help.panel-commands")):
            setattr(panels, name, messages.t(key, lang))

    def text(obj, attr: str) -> None:
        key = getattr(obj, f"_scrub_{attr}", None) or getattr(obj, attr, None)
        if isinstance(key, str) and key.startswith("help.") and messages.has(key):
            setattr(obj, f"_scrub_{attr}", key)
            setattr(obj, attr, messages.t(key, lang))

    def help_option(cmd):
        make = type(cmd).get_help_option

        def translated(ctx):
            option = make(cmd, ctx)
            if option is not None:
                option.help = messages.t("help.help", lang)
            return option

        return translated

    def walk(cmd) -> None:
        cmd.get_help_option = help_option(cmd)
        text(cmd, "help")
        text(cmd, "short_help")
        for param in getattr(cmd, "params", []):
            text(param, "help")
        for sub in getattr(cmd, "commands", {}).values():
            walk(sub)

    walk(command)


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    help="help.app",
)


OutputFormat = enum.Enum("OutputFormat", {name: name for name in reporters.REPORTERS}, type=str)  # --format


class Lang(str, enum.Enum):
    es = "es"
    en = "en"


LangOpt = typer.Option(None, "--lang", help="help.lang")
CaseOpt = typer.Option(None, "--case", help="help.case")
FormatOpt = typer.Option(OutputFormat.human, "--format", "-f", help="help.format")
FailOnOpt = typer.Option(None, "--fail-on", help="help.fail-on")
ShowOpt = typer.Option(False, "--show-values", help="help.show-values")
OutputOpt = typer.Option(None, "--output", "-O", help="help.output")
NoOcrOpt = typer.Option(False, "--no-ocr", help="help.no-ocr")
JobsOpt = typer.Option(None, "--jobs", "-j", help="help.jobs")
FacesOpt = typer.Option(False, "--faces", help="help.faces")
ExcludeOpt = typer.Option(None, "--exclude", help="help.exclude")
VerboseOpt = typer.Option(False, "--verbose", "-v", help="help.verbose")


def _config(paths: list[str]):
    from scrub.config import find_config

    start = Path(paths[0]) if paths and paths[0] != STDIN and Path(paths[0]).exists() else Path.cwd()
    return find_config(start)


def _count(found: list) -> int:
    """Files a run will go through (the entries a walk skips are only listed)."""
    from scrub.findings import Skipped

    return sum(not isinstance(x, Skipped) for x in found)


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


def _refuse_report_over_an_input(output: Path | None, found: list, ui: str) -> None:
    """--output may not be, or resolve to, a file the run reads: the report would replace it."""
    from scrub.output import claims_an_input

    if output is not None and claims_an_input(output, found):
        _not_checked(messages.t("error.output-is-input", ui, path=str(output)))


def _reason(exc: Exception, lang: str) -> str:
    """An error's message in the chosen language (a case file's errors carry both)."""
    return getattr(exc, "messages", {}).get(lang) or str(exc)


def _not_checked(message: str) -> None:
    """A file the command names (--case, --baseline, scrub.toml) cannot be read: nothing was checked."""
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_NOT_CHECKED)


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="help.check-paths"),
    format: OutputFormat = FormatOpt,
    lang: Optional[Lang] = LangOpt,
    case: Optional[Path] = CaseOpt,
    fail_on: Optional[Severity] = FailOnOpt,
    show_values: bool = ShowOpt,
    no_ocr: bool = NoOcrOpt,
    faces: bool = FacesOpt,
    jobs: Optional[int] = JobsOpt,
    exclude: Optional[List[str]] = ExcludeOpt,
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="help.baseline-use"),
    output: Optional[Path] = OutputOpt,
    verbose: bool = VerboseOpt,
) -> None:
    """help.check"""
    ui = messages.pick(lang.value if lang else None)
    try:
        config = _config(paths)
        language = lang.value if lang else (config.language if config.language in ("es", "en") else None)
        ui = messages.pick(language)
        if fail_on is None:
            fail_on = Severity(config.fail_on or "block")
        excludes = [*config.exclude, *(exclude or [])]
        found = expand(paths, excludes) if STDIN not in paths else []
        _refuse_report_over_an_input(output, found, ui)
        bar, tick = _progress_bar(_count(found))
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
        _not_checked(messages.t("error.case-file", ui, reason=_reason(exc, ui)))
        return
    _emit(report, format, ui, fail_on, show_values, output=output, verbose=verbose)
    raise typer.Exit(report.exit_code(fail_on))


@app.command()
def clean(
    paths: List[str] = typer.Argument(..., help="help.clean-paths"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="help.out"),
    in_place: bool = typer.Option(False, "--in-place", help="help.in-place"),
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
    """help.clean"""
    ui = messages.pick(lang.value if lang else None)
    filter_mode = paths == [STDIN]
    if out is None and not in_place and not filter_mode:
        _usage_error(messages.t("error.no-output", ui))
    try:
        config = _config(paths)
        language = lang.value if lang else (config.language if config.language in ("es", "en") else None)
        ui = messages.pick(language)
        excludes = [*config.exclude, *(exclude or [])]
        found = expand(paths, excludes, out, in_place) if not filter_mode else []
        _refuse_report_over_an_input(output, found, ui)
        bar, tick = _progress_bar(_count(found))
        try:
            report = api.clean(paths, out_dir=out, in_place=in_place, case_file=case, lang=language,
                               ocr=not no_ocr, exclude=excludes, allow=config.allow,
                               jobs=_workers(jobs, config), progress=tick, faces=faces,
                               previews=format.value in reporters.NEEDS_PREVIEWS)
        finally:
            if bar:
                bar.stop()
    except (CaseFileError, OSError) as exc:
        _not_checked(messages.t("error.case-file", ui, reason=_reason(exc, ui)))
        return
    # as a filter, standard output carries the clean text: the report goes to stderr
    _emit(report, format, ui, Severity.BLOCK, show_values, to_stderr=filter_mode, output=output, verbose=verbose)
    raise typer.Exit(report.exit_code(Severity.BLOCK))


@app.command()
def rules(lang: Optional[Lang] = LangOpt) -> None:
    """help.rules"""
    from scrub.policy import catalog

    ui = messages.pick(lang.value if lang else None)
    for r in catalog():
        typer.echo(f"{r.id:24} {r.entity:12} {r.description.get(ui, '')}")


def _checked_or_exit(paths: List[str], case: Optional[Path], lang: Optional[Lang], no_ocr: bool, ui: str) -> Report:
    """The check the baseline commands start from; a case file that cannot be read stops here."""
    try:
        return api.check(paths, case_file=case, lang=lang.value if lang else None, ocr=not no_ocr)
    except (CaseFileError, OSError) as exc:
        _not_checked(messages.t("error.case-file", ui, reason=_reason(exc, ui)))
        raise  # not reached: _not_checked exits


baseline_app = typer.Typer(help="help.baseline")
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("create")
def baseline_create(
    paths: List[str] = typer.Argument(..., help="help.baseline-paths"),
    output: Path = typer.Option(Path(".scrub-baseline.json"), "--output", "-o", help="help.baseline-output"),
    reason: str = typer.Option(..., "--reason", help="help.reason"),
    case: Optional[Path] = CaseOpt,
    lang: Optional[Lang] = LangOpt,
    no_ocr: bool = NoOcrOpt,
) -> None:
    """help.baseline-create"""
    from scrub.baseline import create

    ui = messages.pick(lang.value if lang else None)
    report = _checked_or_exit(paths, case, lang, no_ocr, ui)
    count = create(report, output, reason)
    typer.echo(messages.t("baseline.created", ui, count=count, path=str(output)))
    raise typer.Exit(EXIT_NOT_CHECKED if report.exit_code() == EXIT_NOT_CHECKED else 0)


@app.command()
def audit(
    paths: List[str] = typer.Argument(..., help="help.audit-paths"),
    baseline: Path = typer.Option(Path(".scrub-baseline.json"), "--baseline", "-b", help="help.audit-baseline"),
    case: Optional[Path] = CaseOpt,
    lang: Optional[Lang] = LangOpt,
    no_ocr: bool = NoOcrOpt,
) -> None:
    """help.audit"""
    from scrub.baseline import apply_baseline
    from scrub.baseline import audit as walk
    from scrub.report import human

    ui = messages.pick(lang.value if lang else None)
    report = _checked_or_exit(paths, case, lang, no_ocr, ui)
    if baseline.exists():
        try:
            apply_baseline(report, baseline)
        except ValueError as exc:
            _not_checked(messages.t("error.baseline", ui, reason=str(exc)))
    accepted, left = walk(report, baseline, human.ask_to_accept(ui))
    typer.echo(messages.t("audit.done", ui, accepted=accepted, left=left, path=str(baseline)))
    errors = any(f.error for f in report.files)
    raise typer.Exit(EXIT_NOT_CHECKED if errors or report.nothing_checked else (1 if left else 0))


@app.command()
def explain(rule: Optional[str] = typer.Argument(None, help="help.rule"), lang: Optional[Lang] = LangOpt) -> None:
    """help.explain"""
    from scrub.explain import explain as explain_rule

    ui = messages.pick(lang.value if lang else None)
    try:
        typer.echo(explain_rule(rule, ui))
    except KeyError as exc:
        _usage_error(exc.args[0])


def abrir(
    host: str = typer.Option("127.0.0.1", "--host", help="help.host"),
    port: int = typer.Option(0, "--port", "-p", help="help.port"),
    allow_network: bool = typer.Option(False, "--allow-network", "--permitir-red", help="help.allow-network"),
    no_browser: bool = typer.Option(False, "--no-browser", "--sin-navegador", help="help.no-browser"),
    max_upload_mb: int = typer.Option(200, "--max-upload-mb", min=1, help="help.max-upload"),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """help.abrir"""
    from scrub.web.security import is_loopback

    ui = messages.pick(lang.value if lang else None)
    if not is_loopback(host):
        if not allow_network:
            _usage_error(messages.t("page.remote-needs-flag", ui, host=host))
        typer.echo(messages.t("page.remote-warning", ui, host=host), err=True)
    from scrub.web.app import serve

    try:
        serve(host=host, port=port, open_browser=not no_browser, max_bytes=max_upload_mb * 1024 * 1024, lang=ui,
              echo=lambda line: typer.echo(line))
    except OSError as exc:  # the port is taken, the address is not this machine's
        _not_checked(f"{host}:{port}: {exc.strerror or exc}")


app.command("abrir", help="help.abrir")(abrir)
app.command("serve", help="help.abrir", hidden=True)(abrir)  # the same, by its English name


def main() -> None:
    _leave(_run())


def _run() -> int:
    try:
        app()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        typer.echo(str(exc.code), err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of "fail closed"
        # a bug must not look like a result: plain words on stderr, exit 2, nothing on
        # stdout that a pipeline could read as a report
        args = sys.argv[1:]
        asked = args[args.index("--lang") + 1] if "--lang" in args[:-1] else None
        ui = messages.pick(asked)
        typer.echo(messages.t("error.internal", ui, reason=f"{type(exc).__name__}: {exc}"), err=True)
        return 2
    return 0


def _leave(code: int) -> None:
    """End the process with ``code`` without Python's teardown.

    The teardown frees the language model's objects one by one: measured here, 0.14 s of a
    1.5 s cold ``scrub check``, spent after the report is out. Nothing scrub does needs it:
    every copy and report is written, closed and renamed before its command returns, and
    the exit functions (temporary folders, worker pools, logging) still run here. Where
    the interpreter has no ``atexit._run_exitfuncs``, the ordinary exit is used."""
    run_exit_functions = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_functions is None:
        sys.exit(code)
    run_exit_functions()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said there
            pass
    os._exit(code)
