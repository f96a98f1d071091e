"""The report a volunteer reads in a terminal."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from scrub import messages
from scrub.findings import Finding, Report, Severity, Status, mask_value

_STYLE = {Status.CLEAN: "green", Status.FINDINGS: "bold red", Status.ERROR: "bold yellow"}
_SEV_STYLE = {Severity.BLOCK: "red", Severity.WARN: "yellow", Severity.INFO: "dim"}


def write(report: Report, view, stream) -> None:
    render(report, view.lang, view.fail_on, view.show_values, stream)


def render(report: Report, lang: str, fail_on: Severity, show_values: bool, stream) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True)
    counts = {s: 0 for s in Status}
    for f in report.files:
        status = f.status(fail_on)
        counts[status] += 1
        console.print(f"[bold]{escape(f.path)}[/bold]  [{_STYLE[status]}]{messages.t('status.' + status.value, lang)}[/]")
        if f.error:
            console.print(f"  {escape(f.error_message(lang))}")
        for note in f.notes:
            key = f"note.{note}"
            if messages.has(key):
                console.print(f"  [dim]· {messages.t(key, lang)}[/dim]")
        if f.case_file:
            console.print(f"  [dim]· {escape(messages.t('note.case', lang, path=f.case_file))}[/dim]")
        for line in assumed_lines(f, lang):
            console.print(f"  [cyan]· {escape(line)}[/cyan]")
        if f.findings:
            table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
            table.add_column(messages.t("col.where", lang))
            table.add_column(messages.t("col.severity", lang))
            table.add_column(messages.t("col.what", lang))
            table.add_column(messages.t("col.value", lang))
            table.add_column("rule", style="dim")
            for where, x, more in _rows(f.findings, lang):
                value = x.value if show_values else mask_value(x.value)
                value = value.replace("\n", " ")
                if len(value) > 28:  # enough to tell values apart; the JSON report has them whole
                    value = value[:27] + "…"
                if more:
                    value += f" (+{more})"
                # values and places are text, never markup: "rosa [at] gmail [dot] com"
                table.add_row(
                    escape(where),
                    f"[{_SEV_STYLE[x.severity]}]{messages.t('severity.' + x.severity.value, lang)}[/]",
                    escape(_what(x, lang)),
                    escape(value),
                    x.rule,
                )
            console.print(table)
            if f.clean_hint and any(_in_metadata(x) for x in f.findings) and not f.output:
                console.print(f"  [dim]{messages.t(f.clean_hint, lang)}[/dim]")
        if f.output:
            console.print(f"  [green]{escape(messages.t('cleaned.to', lang, path=f.output))}[/green]")
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


def _in_metadata(x: Finding) -> bool:
    return bool(x.location) and x.location.get("segment") != "pixels" and x.line is None


# the metadata standard a container part belongs to: "APP1 Exif 0th" and "eXIf" are both
# EXIF to a volunteer
_STANDARDS = (("IPTC", "IPTC"), ("XMP", "XMP"), ("exif", "EXIF"), ("ICC", "ICC"), ("JUMBF", "C2PA"),
              ("C2PA", "C2PA"), ("caBX", "C2PA"))


def _standard(segment: str) -> str:
    lowered = segment.lower()
    return next((name for key, name in _STANDARDS if key.lower() in lowered), segment)


def _rows(findings: list[Finding], lang: str):
    """(where, finding, how many more) per table row. Metadata fields of one rule and
    severity share a row ("EXIF, XMP"): a phone's photo has dozens of fields, and a
    volunteer needs to know what they reveal, not each one's place in the file."""
    groups: dict[tuple, list[Finding]] = {}
    for x in findings:
        if _in_metadata(x):
            groups.setdefault(("meta", x.rule, x.severity), []).append(x)
        else:
            groups[("one", id(x))] = [x]
    for members in groups.values():
        x = members[0]
        if not _in_metadata(x):
            yield _where(x, lang), x, 0
            continue
        # where: the metadata standards only; the field names are in the JSON and HTML reports
        standards = list(dict.fromkeys(_standard(m.location.get("segment", "")) for m in members))
        if len(members) == 1 and x.rule != "img-gps":
            standards[0] += f" {x.location.get('tag', '').rsplit('/', 1)[-1]}".rstrip()
        where = ", ".join(standards)
        distinct = {m.value for m in members}
        yield where, x, len(distinct) - 1


def _where(x: Finding, lang: str) -> str:
    if x.line:
        return f"{x.line}:{x.column}"
    if x.location and "box" in x.location:
        bx, by, bw, bh = x.location["box"]
        frame = x.location.get("frame")
        on_frame = f" ({messages.t('where.frame', lang, n=frame + 1)})" if frame else ""
        shown = x.location.get("time")  # text burnt into a video: when it is shown
        when = f" ({shown[0]:.1f}–{shown[1]:.1f} s)" if shown else ""
        page = x.location.get("page")
        on_page = f" (p. {page})" if page else ""
        return f"{messages.t('where.pixels', lang)} {bx},{by} {bw}×{bh}{on_frame}{when}{on_page}"
    if x.location:
        return " / ".join(str(v) for v in x.location.values())
    return ""


def _what(x: Finding, lang: str) -> str:
    key = f"short.{x.rule}"
    return messages.t(key, lang) if messages.has(key) else messages.entity_name(x.entity, lang)


def assumed_lines(f, lang: str) -> list[str]:
    """What scrub took for the missing person and the public contacts, in plain words."""
    if not f.assumed:
        return []
    out = []
    if f.assumed.get("subject"):
        out.append(messages.t("note.assumed-subject", lang, name=f.assumed["subject"][0],
                              forms=", ".join(f.assumed["subject"][1:]) or "-"))
    if f.assumed.get("public_contacts"):
        out.append(messages.t("note.assumed-contacts", lang, contacts=", ".join(f.assumed["public_contacts"])))
    out.append(messages.t("note.assumed-confirm", lang))
    return out
