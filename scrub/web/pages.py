"""The page's HTML: plain words, one sentence per finding, nothing loaded from outside.

Rendered on the server so the page works with the keyboard and without JavaScript (forms,
buttons, ``<details>``); static/app.js only adds dropping files on the box and a "wait"
message. No inline script or style (the Content-Security-Policy forbids both): the styles
are static/app.css, the picture previews are served by the page itself.
"""
from __future__ import annotations

import html
from http.cookies import SimpleCookie

from scrub import messages
from scrub.findings import FileReport, Finding
from scrub.report import sentences
from scrub.report.human import grouped
from scrub.web.workspace import Upload, Workspace, can_keep, shown



def accepted() -> str:
    """What the file chooser offers: every name a registered format promises (a new
    format appears here by itself), a case file from last time, and any text or picture."""
    from scrub import formats

    suffixes = sorted({s for fmt in formats.registered() for s in fmt.suffixes})
    return ",".join([*suffixes, ".toml", "text/*", "image/*"])


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def t(key: str, lang: str, **kwargs) -> str:
    return esc(messages.t(key, lang, **kwargs))


def language(accept: str, cookie_header: str = "") -> str:
    """The switch's choice (a cookie), else the browser's first language scrub speaks."""
    cookie = SimpleCookie()
    try:
        cookie.load(cookie_header)
    except Exception:  # noqa: BLE001
        pass
    if "scrub_lang" in cookie and cookie["scrub_lang"].value in messages.LANGS:
        return cookie["scrub_lang"].value
    ranked = []
    for i, part in enumerate(accept.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        ranked.append((-q, i, tag.split("-")[0].strip().lower()))
    return next((tag for _q, _i, tag in sorted(ranked) if tag in messages.LANGS), "es")


def _shell(lang: str, body: str, title_key: str = "page.title") -> str:
    other = "en" if lang == "es" else "es"
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{t(title_key, lang)}</title><link rel="stylesheet" href="/static/app.css">'
        '<script src="/static/app.js" defer></script></head><body>'
        f'<header class="top"><p class="brand">scrub</p><a class="lang" href="/idioma/{other}" lang="{other}" '
        f'hreflang="{other}">{t("page.other-language", other)}</a></header><main>{body}</main></body></html>'
    )


def refusal(key: str, lang: str, **kwargs) -> str:
    return _shell(lang, f'<h1>{t(key + ".title", lang)}</h1><p>{t(key, lang, **kwargs)}</p><p><a href="/">scrub</a></p>',
                  key + ".title")


def _multiline(values: list[str]) -> str:
    return esc("\n".join(values))


# --- step 1: the case ------------------------------------------------------------------

def _case_section(ws: Workspace, lang: str) -> str:
    f = ws.form
    prefilled = ""
    if ws.prefilled_from:
        prefilled = f'<p class="notice info" role="status">{t("page.prefilled", lang, file=ws.prefilled_from)}</p>'
    kept = ""
    if ws.kept:
        items = []
        for i, k in enumerate(ws.kept):
            items.append(
                f'<li><span>{esc(sentences.kept(k.finding, lang))} <span class="value">«{esc(k.finding.value)}»</span> '
                f'({esc(k.file)})</span><form method="post" action="/decidir"><input type="hidden" name="k" value="{i}">'
                f'<button name="d" value="quitar" class="secondary">{t("page.remove-after-all", lang)}</button></form></li>')
        kept = f'<h3>{t("page.kept-title", lang)}</h3><ul class="kept">{"".join(items)}</ul>'
    return f'''<section id="caso" aria-labelledby="h-caso">
<h2 id="h-caso"><span class="step">1</span> {t("page.case-title", lang)}</h2>
<p>{t("page.case-intro", lang)}</p>{prefilled}
<form method="post" action="/caso" class="case">
<label for="nombre">{t("page.field-name", lang)}</label>
<input id="nombre" name="nombre" autocomplete="off" value="{esc(f.name)}">
<label for="apodos">{t("page.field-short", lang)}</label>
<textarea id="apodos" name="apodos" rows="3">{_multiline(f.short_forms)}</textarea>
<label for="telefonos">{t("page.field-contacts", lang)}</label>
<textarea id="telefonos" name="telefonos" rows="2" inputmode="tel">{_multiline(f.contacts)}</textarea>
<label for="reservado">{t("page.field-withheld", lang)}</label>
<p class="hint" id="reservado-ayuda">{t("page.field-withheld-hint", lang)}</p>
<textarea id="reservado" name="reservado" rows="3" aria-describedby="reservado-ayuda">{_multiline(f.withheld)}</textarea>
<input type="hidden" name="idioma" value="{esc(f.language)}">
<div class="actions"><button type="submit" class="espera">{t("page.save-case", lang)}</button>
<a class="button secondary" href="/case.toml" download="case.toml">{t("page.download-case", lang)}</a></div>
</form>{kept}
</section>'''


# --- step 2: the files -----------------------------------------------------------------

def _files_section(ws: Workspace, lang: str, max_bytes: int) -> str:
    items = "".join(
        f'<li><span class="name">{esc(u.name)}</span> <span class="size">{_size(u.size, lang)}</span>'
        f'<form method="post" action="/archivos/{esc(u.id)}/quitar"><button class="secondary small" '
        f'aria-label="{t("page.remove-file-label", lang, name=u.name)}">{t("page.remove-file", lang)}</button></form></li>'
        for u in ws.uploads)
    listed = f'<ul class="files">{items}</ul>' if items else ""
    mb = max_bytes // (1024 * 1024)
    return f'''<section id="archivos" aria-labelledby="h-archivos">
<h2 id="h-archivos"><span class="step">2</span> {t("page.files-title", lang)}</h2>
<form method="post" action="/archivos" enctype="multipart/form-data" id="subir" data-max="{max_bytes}"
 data-too-big="{t("page.upload-too-big", lang, mb=mb)}">
<label class="drop" for="archivo"><span class="drop-text">{t("page.drop", lang)}</span>
<span class="hint">{t("page.drop-kinds", lang, mb=mb)}</span></label>
<input type="file" id="archivo" name="archivo" multiple accept="{accepted()}">
<p id="aviso-subida" class="notice error" role="alert" hidden></p>
<div class="actions"><button type="submit" class="espera">{t("page.check", lang)}</button></div>
</form>{listed}
</section>'''


def _size(n: int, lang: str) -> str:
    if n >= 1024 * 1024:
        return esc(f"{n / 1024 / 1024:.1f} MB")
    return esc(f"{max(1, round(n / 1024))} KB")


# --- step 3: what was found ------------------------------------------------------------

def _choice(ws: Workspace, u: Upload, index: int, x: Finding, lang: str) -> str:
    if not can_keep(x):
        return f'<p class="always">{t("page.always-removed", lang)}</p>'
    return (f'<form method="post" action="/decidir" class="choice" aria-label="{t("page.choice-label", lang)}">'
            f'<input type="hidden" name="f" value="{esc(u.id)}"><input type="hidden" name="n" value="{index}">'
            f'<input type="hidden" name="g" value="{ws.generation}">'
            f'<button type="button" class="chosen" aria-pressed="true" disabled>{t("page.choice-remove", lang)}</button>'
            f'<button name="d" value="publico" class="secondary espera" aria-pressed="false">{t("page.choice-public", lang)}</button>'
            f"</form>")


def _finding_item(ws: Workspace, u: Upload, number: int, index: int, x: Finding, lang: str, tech: bool) -> str:
    why = sentences.why(x, lang)
    more = f'<details><summary>{t("page.why", lang)}</summary><p>{esc(why)}</p></details>' if why else ""
    technical = f'<p class="tech">{esc(sentences.technical(x, lang))}</p>' if tech else ""
    return (f'<li class="finding {x.severity.value}" id="h-{esc(u.id)}-{number}" data-rule="{esc(x.rule)}">'
            f'<p class="sentence"><a class="num" href="#m-{esc(u.id)}-{number}" aria-label="{t("page.goto", lang, n=number)}">{number}</a> '
            f"{esc(sentences.found(x, lang))}</p>{more}{technical}{_choice(ws, u, index, x, lang)}</li>")


def _text_view(u: Upload, text: str, items: list[tuple[int, int, Finding]]) -> str:
    """The script, a numbered list of its lines, each finding marked where it is (a finding
    across a line break is marked on each of its lines, its number on the first)."""
    spans = sorted(((x.start, x.end, number, x) for number, _i, x in items if x.start is not None), key=lambda s: s[0])
    out, offset = [], 0
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # the line break that ends the file starts no line
    for line in lines:
        end = offset + len(line)
        parts, pos = [], offset
        for start, stop, number, x in spans:
            s, e = max(start, offset), min(stop, end)
            if e <= s or s < pos:
                continue  # not on this line, or inside the one marked before it
            parts.append(esc(text[pos:s]))
            first = start >= offset
            ident = f' id="m-{esc(u.id)}-{number}"' if first else ""
            badge = f'<sup><a href="#h-{esc(u.id)}-{number}">{number}</a></sup>' if first else ""
            parts.append(f'<mark class="{x.severity.value}"{ident}>{esc(text[s:e])}{badge}</mark>')
            pos = e
        parts.append(esc(text[pos:end]))
        out.append(f"<li>{''.join(parts) or '&#8203;'}</li>")
        offset = end + 1
    return f'<ol class="script" aria-label="{esc(u.name)}">{"".join(out)}</ol>'


def _file_article(ws: Workspace, u: Upload, f: FileReport | None, lang: str, tech: bool) -> str:
    head = f'<h3>{esc(u.name)}</h3>'
    if f is None:
        return f'<article class="file" id="f-{esc(u.id)}">{head}</article>'
    if f.error and f.error.stops_work:
        return (f'<article class="file" id="f-{esc(u.id)}">{head}<p class="status error">'
                f'{t("page.not-checked", lang)} {esc(f.error_message(lang))}</p></article>')
    items = [(n, i, x) for n, (i, x) in enumerate(shown(f), 1)]
    hidden = [x for x in f.findings if sentences.in_hidden_data(x)]
    if f.error:
        status = f'<p class="status error">{t("page.not-verified", lang)} {esc(f.error_message(lang))}</p>'
    elif items or hidden:
        status = f'<p class="status findings">{t("page.found-n", lang, n=len(items) + len(grouped_list(hidden)))}</p>'
    else:
        status = f'<p class="status clean">{t("page.found-none", lang)}</p>'
    body = []
    if isinstance(f.preview, str):
        body.append(_text_view(u, f.preview, items))
    elif hasattr(f.preview, "convert"):  # a picture (a format may preview otherwise: nothing shown then)
        body.append(f'<figure class="picture"><img src="/vista/{esc(u.id)}.png?g={ws.generation}" '
                    f'alt="{t("page.picture-alt", lang, name=u.name)}"></figure>')
    if items:
        body.append('<ol class="findings">' + "".join(_finding_item(ws, u, n, i, x, lang, tech) for n, i, x in items) + "</ol>")
    if hidden:
        lines = []
        for x, more in grouped(hidden):
            extra = " " + messages.t("sentence.more", lang, n=more) if more else ""
            technical = f' <span class="tech">[{esc(sentences.technical(x, lang))}]</span>' if tech else ""
            lines.append(f'<li class="{x.severity.value}">{esc(sentences.what(x, lang))}{esc(extra)}{technical}</li>')
        body.append(f'<div class="hidden-data"><h4>{t("page.hidden-title", lang)}</h4><ul>{"".join(lines)}</ul>'
                    f'<p>{t("sentence.hidden-clean", lang)}</p></div>')
    kept_here = [k for k in ws.kept if k.file == u.name]
    if kept_here:
        body.append('<ul class="kept-here">' + "".join(f"<li>{esc(sentences.kept(k.finding, lang))}</li>" for k in kept_here) + "</ul>")
    return f'<article class="file" id="f-{esc(u.id)}">{head}{status}{"".join(body)}</article>'


def grouped_list(findings):
    return list(grouped(findings))


def _results_section(ws: Workspace, lang: str, tech: bool) -> str:
    if not ws.uploads:
        return ""
    toggle = t("page.tech-hide" if tech else "page.tech-show", lang)
    articles = "".join(_file_article(ws, u, ws.report_for(u), lang, tech) for u in ws.uploads)
    return f'''<section id="revisar" aria-labelledby="h-revisar">
<h2 id="h-revisar"><span class="step">3</span> {t("page.results-title", lang)}</h2>
<p>{t("page.results-intro", lang)}</p>
<p><a class="tech-toggle" href="/tecnico">{toggle}</a></p>
{articles}
</section>'''


# --- step 4: download ------------------------------------------------------------------

def _download_section(ws: Workspace, lang: str) -> str:
    if not ws.uploads:
        return ""
    done = ""
    c = ws.cleaned
    if c is not None:
        parts = []
        if c.included:
            parts.append(f'<p class="notice ok" role="status">{t("page.clean-ready", lang, n=len(c.included))}</p>'
                         f'<p><a class="button primary" id="descarga" href="/descargar/ficha-limpia.zip" download>'
                         f'{t("page.download-zip", lang)}</a></p>')
        for name, why in c.refused:
            parts.append(f'<p class="notice error">{t("page.clean-refused", lang, name=name)} {esc(why)}</p>')
        done = "".join(parts)
    return f'''<section id="descargar" aria-labelledby="h-descargar">
<h2 id="h-descargar"><span class="step">4</span> {t("page.download-title", lang)}</h2>
<p>{t("page.download-intro", lang)}</p>
<form method="post" action="/limpiar"><button type="submit" class="primary espera">{t("page.make-clean", lang)}</button></form>
{done}
</section>'''


def main_page(ws: Workspace, lang: str, tech: bool, max_bytes: int) -> str:
    notices = "".join(f'<p class="notice {"error" if key in _ERRORS else "info"}" role="alert">{t(key, lang, **kw)}</p>'
                      for key, kw in ws.take_notices())
    intro = f'<h1>{t("page.heading", lang)}</h1><p class="lead">{t("page.lead", lang)}</p>'
    wait = f'<p id="espera" class="notice info" role="status" hidden>{t("page.wait", lang)}</p>'
    restart = (f'<form method="post" action="/nuevo" class="restart"><button class="secondary">{t("page.restart", lang)}</button></form>'
               if ws.uploads or not ws.form.is_empty() else "")
    body = (intro + notices + wait + _case_section(ws, lang) + _files_section(ws, lang, max_bytes)
            + _results_section(ws, lang, tech) + _download_section(ws, lang) + restart)
    return _shell(lang, body)


_ERRORS = {"page.upload-too-big", "page.upload-form", "page.upload-too-many", "page.upload-name", "page.case-error",
           "page.keep-failed", "page.cannot-keep", "page.stale", "page.nothing-to-clean"}
