"""The report a volunteer reads in a terminal: one sentence per finding, in plain words.

`check`: "Renglón 8: un teléfono personal («33 •••• 7765»). Pon la línea del colectivo...";
`clean`: what was taken out ("Se quitó: Renglón 8: se quitó un teléfono personal; ahora dice
«[teléfono]»") and where the copy is. Rule ids and exact places (metadata fields, boxes in
the picture) are shown with ``--verbose`` only; the JSON and SARIF reports always have them.
"""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from scrub import messages
from scrub.findings import Finding, Report, Severity, Status, printable
from scrub.report import sentences

_STYLE = {Status.CLEAN: "green", Status.FINDINGS: "bold red", Status.ERROR: "bold yellow"}
_MARK = {Severity.BLOCK: "[red]✗[/red]", Severity.WARN: "[yellow]![/yellow]", Severity.INFO: "[dim]·[/dim]"}


def write(report: Report, view, stream) -> None:
    render(report, view.lang, view.fail_on, view.show_values, stream, verbose=getattr(view, "verbose", False))


def render(report: Report, lang: str, fail_on: Severity, show_values: bool, stream, verbose: bool = False) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True)
    counts = {s: 0 for s in Status}
    for f in report.files:
        status = f.status(fail_on)
        counts[status] += 1
        cleaned = f.output is not None and status is not Status.ERROR
        label = messages.t("status.cleaned" if cleaned else "status." + status.value, lang)
        console.print(f"[bold]{escape(printable(f.shown_path))}[/bold]  [{_STYLE[status]}]{escape(label)}[/]")
        if f.error:
            console.print(f"  {escape(printable(f.error_message(lang)))}")
        for note in f.notes:
            key = f"note.{note}"
            if messages.has(key):
                console.print(f"  [dim]· {escape(messages.t(key, lang))}[/dim]")
        if f.case_file:
            console.print(f"  [dim]· {escape(printable(messages.t('note.case', lang, path=f.case_file)))}[/dim]")
        for line in assumed_lines(f, lang):
            console.print(f"  [cyan]· {escape(line)}[/cyan]")
        if cleaned:
            _print_removed(console, f, lang, verbose)
        else:
            for x, more in grouped(f.findings):
                value = sentences.shown_value(x, show_values, limit=28)
                # hidden data: one line below says what clean does with all of it
                text = sentences.found(x, lang, value=value, with_advice=not sentences.in_hidden_data(x))
                if more:
                    text += " " + messages.t("sentence.more", lang, n=more)
                console.print(f"  {_MARK[x.severity]} {escape(text)}{_tech(x, lang, verbose)}")
            if f.clean_hint and any(sentences.in_hidden_data(x) for x in f.findings) and not f.output:
                console.print(f"  [dim]{escape(messages.t(f.clean_hint, lang))}[/dim]")
        if f.output:
            console.print(f"  [green]{escape(printable(messages.t('cleaned.to', lang, path=f.output)))}[/green]")
    for s in report.skipped:
        console.print(f"[dim]· {escape(printable(messages.t('skip.' + s.reason, lang, path=s.path)))}[/dim]")
    if report.nothing_checked:
        console.print(f"[bold yellow]{escape(messages.t('summary.nothing-checked', lang))}[/bold yellow]")
    console.print(
        messages.t(
            "summary",
            lang,
            files=len(report.files),
            clean=counts[Status.CLEAN],
            findings=counts[Status.FINDINGS],
            errors=counts[Status.ERROR],
        )
    )


def _print_removed(console: Console, f, lang: str, verbose: bool) -> None:
    """After `clean`: what was taken out of the copy, then what its re-check still shows."""
    if not f.findings:
        console.print(f"  [dim]{escape(messages.t('sentence.nothing-removed', lang))}[/dim]")
    else:
        console.print(f"  {escape(messages.t('sentence.removed-title', lang))}")
        for x, more in grouped(f.findings):
            text = sentences.removed(x, lang)
            if more:
                text += " " + messages.t("sentence.more", lang, n=more)
            console.print(f"    [green]✓[/green] {escape(text)}{_tech(x, lang, verbose)}")
    if f.remaining:
        console.print(f"  {escape(messages.t('sentence.review-copy', lang))}")
        for x, _more in grouped(f.remaining):
            console.print(f"    {_MARK[x.severity]} {escape(sentences.found(x, lang))}{_tech(x, lang, verbose)}")


def _tech(x: Finding, lang: str, verbose: bool) -> str:
    return f"  [dim]\\[{escape(sentences.technical(x, lang))}][/dim]" if verbose else ""


def grouped(findings: list[Finding]):
    """(finding, how many more values) per sentence. Hidden-data fields of one rule and
    severity share a sentence: a phone's photo has dozens of fields (Artist, Copyright,
    XMP creator, IPTC By-line...), and a volunteer needs to know what they reveal, not
    each one's place in the file."""
    groups: dict[tuple, list[Finding]] = {}
    for x in findings:
        if sentences.in_hidden_data(x):
            groups.setdefault(("meta", x.rule, x.entity, x.severity), []).append(x)
        else:
            groups[("one", id(x))] = [x]
    for members in groups.values():
        yield members[0], len({m.value for m in members}) - 1


def assumed_lines(f, lang: str) -> list[str]:
    """What scrub took for the missing person and the public contacts, in plain words."""
    if not f.assumed:
        return []
    out = []
    if f.assumed.get("subject"):
        name, *forms = f.assumed["subject"]
        if forms:
            out.append(messages.t("note.assumed-subject", lang, name=name, forms=", ".join(forms)))
        else:
            out.append(messages.t("note.assumed-subject-alone", lang, name=name))
    if f.assumed.get("public_contacts"):
        out.append(messages.t("note.assumed-contacts", lang, contacts=", ".join(f.assumed["public_contacts"])))
    out.append(messages.t("note.assumed-confirm", lang))
    return out


def ask_to_accept(lang: str):
    """``scrub audit``'s question for each finding, in the terminal: its sentence (value
    masked) and place, then "public, may it stay?"; a reason when it may."""
    import typer

    from scrub.findings import mask_value

    yes, stop = messages.t("audit.yes", lang), messages.t("audit.stop", lang)

    def decide(file, finding, n, total):
        typer.echo(f"\n[{n}/{total}] {printable(file.shown_path)}")
        typer.echo("  " + sentences.found(finding, lang, value=mask_value(finding.value)))
        typer.echo("  " + sentences.technical(finding, lang))
        answer = typer.prompt(messages.t("audit.prompt", lang), default=messages.t("audit.no", lang)).strip().lower()
        if answer.startswith(stop):
            return False
        if not answer.startswith(yes):
            return None
        return typer.prompt(messages.t("audit.reason", lang), default=messages.t("audit.default-reason", lang))

    return decide
