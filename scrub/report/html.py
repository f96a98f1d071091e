"""One self-contained HTML page for trainers and volunteers: each script with its findings
highlighted and one plain sentence per finding ("Renglón 8: un teléfono personal..."), the
clean copy's text beside the original after `clean` ("Se quitó: ..."), each image with what
it hides in plain words and, after `clean`, before/after thumbnails. Rule ids and metadata
fields sit in a folded "detalles técnicos" part. It reads on a phone (one column below
48rem, text wrapped, nothing wider than the screen).

No network, no external assets: styles are inline, pictures are data: URIs, and a
Content-Security-Policy forbids the page from loading anything else. Values stay masked:
a highlighted span shows the masked value, and the "before" thumbnail has every box to be
covered painted over.
"""
from __future__ import annotations

import base64
import html
import io

from scrub import messages
from scrub.findings import FileReport, Report, Severity, Status, mask_value
from scrub.report import sentences

THUMB_WIDTH = 320
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_STYLE = """
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:72rem;color:#222;line-height:1.45;font-size:1.05rem}
h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem;overflow-wrap:anywhere}
.status-clean{color:#17692f}.status-findings{color:#b00020}.status-error{color:#9a6700}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#faf8f4;padding:1rem;border-radius:6px;line-height:1.5;margin:.3rem 0}
mark{padding:0 .15em;border-radius:3px} mark.block{background:#ffc9c9} mark.warn{background:#ffe8a3}
mark.info{background:#e2e8f0} mark sup{font-size:.65em;color:#555;margin-left:.2em}
.pair{display:grid;grid-template-columns:1fr;gap:1rem} .pair h3{font-size:1rem;margin:.5rem 0 0}
@media (min-width:48rem){.pair.two{grid-template-columns:1fr 1fr}}
ol.findings{padding-left:1.4rem} ol.findings li{margin:.35rem 0}
li.block::marker{color:#b00020} li.warn::marker{color:#9a6700}
details{margin:.5rem 0} summary{cursor:pointer;color:#444}
.tech{overflow-x:auto} table{border-collapse:collapse;margin:.5rem 0;font-size:.9em}
td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;overflow-wrap:anywhere}
.thumbs{display:flex;gap:1rem;flex-wrap:wrap}.thumbs figure{margin:0;max-width:100%}.thumbs img{max-width:100%;height:auto}
.note{color:#555;font-size:.9em}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _highlighted(text: str, findings, lang: str, show_values: bool) -> str:
    """The text with each finding marked, numbered as in the list of sentences below it."""
    parts, pos = [], 0
    numbered = [(n, f) for n, f in enumerate(findings, 1) if f.start is not None]
    for n, f in sorted(numbered, key=lambda nf: nf[1].start):
        if f.start < pos:
            continue
        parts.append(_esc(text[pos:f.start]))
        value = f.value if show_values else mask_value(f.value)
        title = sentences.what(f, lang)
        parts.append(
            f'<mark class="{f.severity.value}" data-rule="{_esc(f.rule)}" title="{_esc(title)}">{_esc(value)}'
            f"<sup>{n}</sup></mark>"
        )
        pos = f.end
    parts.append(_esc(text[pos:]))
    return "".join(parts)


def _thumbnail(image, boxes: list[list[int]], cover: bool) -> str:
    from PIL import ImageDraw

    im = image.convert("RGB").copy()
    draw = ImageDraw.Draw(im)
    for x, y, w, h in boxes:
        if cover:  # the "before" picture must not show what is being hidden
            draw.rectangle([x, y, x + w, y + h], fill=(176, 0, 32))
        else:
            draw.rectangle([x - 2, y - 2, x + w + 2, y + h + 2], outline=(176, 0, 32), width=3)
    scale = THUMB_WIDTH / im.width if im.width > THUMB_WIDTH else 1.0
    im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))))
    out = io.BytesIO()
    im.save(out, "PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _sentence_list(f: FileReport, lang: str) -> str:
    """One sentence per finding: what `check` found, or what `clean` took out."""
    cleaned = f.output is not None
    items = []
    for x, more in _grouped(f.findings):
        text = sentences.removed(x, lang) if cleaned else sentences.found(x, lang, with_advice=not sentences.in_hidden_data(x))
        if more:
            text += " " + messages.t("sentence.more", lang, n=more)
        items.append(f'<li class="{x.severity.value}">{_esc(text)}</li>')
    if not items:
        return ""
    title = f"<p><strong>{_esc(messages.t('sentence.removed-title', lang))}</strong></p>" if cleaned else ""
    out = title + '<ol class="findings">' + "".join(items) + "</ol>"
    if f.remaining:
        out += (f"<p>{_esc(messages.t('sentence.review-copy', lang))}</p><ul>"
                + "".join(f"<li>{_esc(sentences.found(x, lang))}</li>" for x, _ in _grouped(f.remaining)) + "</ul>")
    return out


def _grouped(findings):
    from scrub.report.human import grouped

    return list(grouped(findings))


def _technical(f: FileReport, lang: str, show_values: bool) -> str:
    """Rule ids, fields and boxes, folded away: for trainers, never in the way."""
    if not f.findings:
        return ""
    rows = []
    for x in f.findings:
        where = " / ".join(str(v) for k, v in (x.location or {}).items() if k in ("segment", "tag"))
        where = where or sentences.technical(x, lang).split(" · ", 1)[-1]
        value = x.value if show_values else mask_value(x.value)
        rows.append(f'<tr class="{x.severity.value}"><td>{_esc(x.rule)}</td><td>{_esc(where)}</td>'
                    f"<td>{_esc(messages.t('severity.' + x.severity.value, lang))}</td><td>{_esc(value)}</td></tr>")
    return (f"<details><summary>{_esc(messages.t('html.technical', lang))}</summary><div class=\"tech\"><table>"
            f"<tr><th>rule</th><th>{_esc(messages.t('col.where', lang))}</th><th>{_esc(messages.t('col.severity', lang))}</th>"
            f"<th>{_esc(messages.t('col.value', lang))}</th></tr>" + "".join(rows) + "</table></div></details>")


def _text_section(f: FileReport, lang: str, show_values: bool) -> list[str]:
    original = _highlighted(f.preview, f.findings, lang, show_values)
    if isinstance(f.copy_preview, str):
        return ['<div class="pair two">',
                f"<div><h3>{_esc(messages.t('html.original', lang))}</h3><pre>{original}</pre></div>",
                f"<div><h3>{_esc(messages.t('html.cleaned', lang))}</h3><pre>{_esc(f.copy_preview)}</pre></div>",
                "</div>"]
    return ['<div class="pair">', f"<pre>{original}</pre>", "</div>"]


def _image_section(f: FileReport, lang: str) -> list[str]:
    out = []
    before = f.preview  # the picture as the run read it (a report never reads a file)
    if before is not None:
        boxes = [b for x in f.findings if x.location and "boxes" in x.location for b in x.location["boxes"]]
        figures = [f'<figure><img alt="{_esc(messages.t("html.before", lang))}" src="{_thumbnail(before, boxes, cover=True)}">'
                   f"<figcaption>{_esc(messages.t('html.before', lang))}</figcaption></figure>"]
        after = f.copy_preview
        if after is not None:
            figures.append(f'<figure><img alt="{_esc(messages.t("html.after", lang))}" src="{_thumbnail(after, boxes, cover=False)}">'
                           f"<figcaption>{_esc(messages.t('html.after', lang))}</figcaption></figure>")
        out.append('<div class="thumbs">' + "".join(figures) + "</div>")
    return out


def write(report: Report, view, stream) -> None:
    stream.write(render_html(report, view.lang, view.fail_on, view.show_values))


def render_html(report: Report, lang: str, fail_on: Severity = Severity.BLOCK, show_values: bool = False,
                reviewed: list[str] | tuple[str, ...] = ()) -> str:
    """The page for a report whose run kept its previews (``previews=True``): each file's
    decoded text (for highlights) or its picture and its clean copy's (for thumbnails).
    ``reviewed``: sentences for details a person chose to keep (the local page's "es
    público"), listed under their own heading."""
    counts = {s: 0 for s in Status}
    body = []
    for f in report.files:
        status = f.status(fail_on)
        counts[status] += 1
        label = messages.t("status.cleaned" if f.output and status is not Status.ERROR else "status." + status.value, lang)
        body.append(f'<section class="file"><h2>{_esc(f.shown_path)} · <span class="status-{status.value}">'
                    f"{_esc(label)}</span></h2>")
        if f.error:
            body.append(f'<p class="status-error">{_esc(f.error_message(lang))}</p>')
        for note in f.notes:
            if messages.has(f"note.{note}"):
                body.append(f'<p class="note">{_esc(messages.t("note." + note, lang))}</p>')
        if isinstance(f.preview, str):
            body.extend(_text_section(f, lang, show_values))
        else:
            body.extend(_image_section(f, lang))
        body.append(_sentence_list(f, lang))
        if f.clean_hint and not f.output and any(sentences.in_hidden_data(x) for x in f.findings):
            body.append(f'<p class="note">{_esc(messages.t("sentence.hidden-clean", lang))}</p>')
        body.append(_technical(f, lang, show_values))
        if f.output:
            body.append(f'<p class="note">{_esc(messages.t("cleaned.to", lang, path=f.output))}</p>')
        body.append("</section>")
    if reviewed:
        body.append(f'<section class="reviewed"><h2>{_esc(messages.t("html.kept-title", lang))}</h2><ul>'
                    + "".join(f"<li>{_esc(line)}</li>" for line in reviewed) + "</ul></section>")
    summary = messages.t("summary", lang, files=len(report.files), clean=counts[Status.CLEAN],
                         findings=counts[Status.FINDINGS], errors=counts[Status.ERROR])
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f'<meta name="referrer" content="no-referrer"><title>scrub</title><style>{_STYLE}</style></head><body>'
        f"<h1>scrub · {_esc(messages.t('html.title', lang))}</h1><p>{_esc(summary)}</p>"
        + "".join(body)
        + "</body></html>\n"
    )
