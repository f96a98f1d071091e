"""The report a volunteer reads in a terminal."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from scrub import messages
from scrub.findings import Report, Severity, Status, mask_value

_STYLE = {Status.CLEAN: "green", Status.FINDINGS: "bold red", Status.ERROR: "bold yellow"}
_SEV_STYLE = {Severity.BLOCK: "red", Severity.WARN: "yellow", Severity.INFO: "dim"}


def render(report: Report, lang: str, fail_on: Severity, show_values: bool, stream) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True)
    counts = {s: 0 for s in Status}
    for f in report.files:
        status = f.status(fail_on)
        counts[status] += 1
        console.print(f"[bold]{f.path}[/bold]  [{_STYLE[status]}]{messages.t('status.' + status.value, lang)}[/]")
        if f.error:
            console.print(f"  {f.error_message(lang)}")
        for note in f.notes:
            key = f"note.{note}"
            if messages.has(key):
                console.print(f"  [dim]· {messages.t(key, lang)}[/dim]")
        if f.case_file:
            console.print(f"  [dim]· {messages.t('note.case', lang, path=f.case_file)}[/dim]")
        if f.findings:
            table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
            table.add_column(messages.t("col.where", lang))
            table.add_column(messages.t("col.severity", lang))
            table.add_column(messages.t("col.what", lang))
            table.add_column(messages.t("col.value", lang))
            table.add_column("rule", style="dim")
            for x in f.findings:
                if x.line:
                    where = f"{x.line}:{x.column}"
                elif x.location and "box" in x.location:
                    bx, by, bw, bh = x.location["box"]
                    where = f"{messages.t('where.pixels', lang)} {bx},{by} {bw}×{bh}"
                elif x.location:
                    where = " / ".join(str(v) for v in x.location.values())
                else:
                    where = ""
                value = x.value if show_values else mask_value(x.value)
                table.add_row(
                    where,
                    f"[{_SEV_STYLE[x.severity]}]{messages.t('severity.' + x.severity.value, lang)}[/]",
                    messages.entity_name(x.entity, lang),
                    value.replace("\n", " "),
                    x.rule,
                )
            console.print(table)
        if f.output:
            console.print(f"  [green]{messages.t('cleaned.to', lang, path=f.output)}[/green]")
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
