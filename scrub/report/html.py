"""One self-contained HTML page for trainers and volunteers: each script with its findings
highlighted, each image with its leaks listed and, after `clean`, before/after thumbnails.

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

THUMB_WIDTH = 320
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#222}
h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}
.status-clean{color:#17692f}.status-findings{color:#b00020}.status-error{color:#9a6700}
pre{white-space:pre-wrap;background:#faf8f4;padding:1rem;border-radius:6px;line-height:1.5}
mark{padding:0 .15em;border-radius:3px} mark.block{background:#ffc9c9} mark.warn{background:#ffe8a3}
mark.info{background:#e2e8f0} mark sup{font-size:.65em;color:#555;margin-left:.2em}
table{border-collapse:collapse;margin:.5rem 0} td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}
.thumbs{display:flex;gap:1rem;flex-wrap:wrap}.thumbs figure{margin:0}.note{color:#555;font-size:.9em}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _highlighted(text: str, findings, lang: str, show_values: bool) -> str:
    parts, pos = [], 0
    for f in sorted((f for f in findings if f.start is not None), key=lambda f: f.start):
        if f.start < pos:
            continue
        parts.append(_esc(text[pos:f.start]))
        value = f.value if show_values else mask_value(f.value)
        title = f"{f.rule} · {messages.entity_name(f.entity, lang)}"
        parts.append(
            f'<mark class="{f.severity.value}" data-rule="{_esc(f.rule)}" title="{_esc(title)}">{_esc(value)}'
            f"<sup>{_esc(messages.entity_name(f.entity, lang))}</sup></mark>"
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


def _image_section(f: FileReport, lang: str, show_values: bool) -> list[str]:
    out = []
    rows = [x for x in f.findings if x.start is None]
    if rows:
        out.append(f"<table><tr><th>{_esc(messages.t('col.where', lang))}</th><th>{_esc(messages.t('col.severity', lang))}</th>"
                   f"<th>{_esc(messages.t('col.what', lang))}</th><th>{_esc(messages.t('col.value', lang))}</th><th>rule</th></tr>")
        for x in rows:
            where = " / ".join(str(v) for k, v in (x.location or {}).items() if k in ("segment", "tag"))
            value = x.value if show_values else mask_value(x.value)
            out.append(
                f'<tr class="{x.severity.value}"><td>{_esc(where)}</td><td>{_esc(messages.t("severity." + x.severity.value, lang))}</td>'
                f"<td>{_esc(messages.entity_name(x.entity, lang))}</td><td>{_esc(value)}</td><td>{_esc(x.rule)}</td></tr>"
            )
        out.append("</table>")
    before = f.preview  # the picture as the run read it (a report never reads a file)
    if before is not None:
        boxes = [b for x in f.findings if x.location and "boxes" in x.location for b in x.location["boxes"]]
        figures = [f'<figure><img alt="before" src="{_thumbnail(before, boxes, cover=True)}">'
                   f"<figcaption>{_esc(messages.t('html.before', lang))}</figcaption></figure>"]
        after = f.copy_preview
        if after is not None:
            figures.append(f'<figure><img alt="after" src="{_thumbnail(after, boxes, cover=False)}">'
                           f"<figcaption>{_esc(messages.t('html.after', lang))}</figcaption></figure>")
        out.append('<div class="thumbs">' + "".join(figures) + "</div>")
    return out


def write(report: Report, view, stream) -> None:
    stream.write(render_html(report, view.lang, view.fail_on, view.show_values))


def render_html(report: Report, lang: str, fail_on: Severity = Severity.BLOCK, show_values: bool = False) -> str:
    """The page for a report whose run kept its previews (``previews=True``): each file's
    decoded text (for highlights) or its picture and its clean copy's (for thumbnails)."""
    counts = {s: 0 for s in Status}
    body = []
    for f in report.files:
        status = f.status(fail_on)
        counts[status] += 1
        body.append(f'<section class="file"><h2>{_esc(f.path)} · <span class="status-{status.value}">'
                    f"{_esc(messages.t('status.' + status.value, lang))}</span></h2>")
        if f.error:
            body.append(f'<p class="status-error">{_esc(f.error_message(lang))}</p>')
        for note in f.notes:
            if messages.has(f"note.{note}"):
                body.append(f'<p class="note">{_esc(messages.t("note." + note, lang))}</p>')
        if isinstance(f.preview, str):
            body.append("<pre>" + _highlighted(f.preview, f.findings, lang, show_values) + "</pre>")
        else:
            body.extend(_image_section(f, lang, show_values))
        if f.output:
            body.append(f'<p class="note">{_esc(messages.t("cleaned.to", lang, path=f.output))}</p>')
        body.append("</section>")
    summary = messages.t("summary", lang, files=len(report.files), clean=counts[Status.CLEAN],
                         findings=counts[Status.FINDINGS], errors=counts[Status.ERROR])
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f'<meta name="referrer" content="no-referrer"><title>scrub</title><style>{_STYLE}</style></head><body>'
        f"<h1>scrub · {_esc(messages.t('html.title', lang))}</h1><p>{_esc(summary)}</p>"
        + "".join(body)
        + "</body></html>\n"
    )
