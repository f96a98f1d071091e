"""The page's routes (Starlette) and :func:`serve`, which `scrub abrir` runs (uvicorn).

GET  /                     the page: 1 the case, 2 the files, 3 what was found, 4 download
POST /caso                 save the case form          GET /case.toml   download it
POST /archivos             upload files (checked at once)
POST /archivos/{id}/quitar take a file off the list
POST /decidir              "es público" (keep a finding) or "quitar" (undo that)
GET  /vista/{id}.png       a picture with a numbered box on each detail to be covered
POST /limpiar              clean copies, re-checked, and a zip   GET /descargar/ficha-limpia.zip
POST /nuevo                start again (every file deleted)
GET  /idioma/{es|en}, /tecnico   language switch, technical details on/off

Every POST answers with a redirect to the page (303), so reloading never sends a form
twice. Checking and cleaning run in a worker thread, one at a time (an asyncio lock).
"""
from __future__ import annotations

import io
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from scrub.policy import MAX_FILE_BYTES
from scrub.web import pages
from scrub.web.security import Guard
from scrub.web.uploads import UploadError, receive
from scrub.web.workspace import CaseForm, Workspace, shown

STATIC = Path(__file__).resolve().parent / "static"
PREVIEW_WIDTH = 900


def _list(value: str) -> list[str]:
    """A text box's lines (or comma-separated values), without empty ones."""
    out = []
    for line in value.replace("\r", "").split("\n"):
        out += [part.strip() for part in (line.split(",") if "," in line and not any(ch.isdigit() for ch in line) else [line])]
    return [v for v in dict.fromkeys(out) if v]


def create_app(ws: Workspace, token: str, port: int, host: str = "127.0.0.1", max_bytes: int = MAX_FILE_BYTES):
    import asyncio

    # one request at a time works on the workspace: a check runs in a worker thread while
    # the page that asked waits (a second tab's request waits its turn)
    busy = asyncio.Lock()
    def lang_of(request: Request) -> str:
        lang = pages.language(request.headers.get("accept-language", ""), request.headers.get("cookie", ""))
        ws.lang = lang
        return lang

    def back(anchor: str = "") -> RedirectResponse:
        return RedirectResponse("/" + (f"#{anchor}" if anchor else ""), status_code=303)

    async def home(request: Request):
        lang = lang_of(request)
        tech = request.cookies.get("scrub_tech") == "1"
        async with busy:
            return HTMLResponse(pages.main_page(ws, lang, tech, max_bytes))

    async def save_case(request: Request):
        lang_of(request)
        form = await request.form()
        case = CaseForm(name=str(form.get("nombre", "")).strip(), short_forms=_list(str(form.get("apodos", ""))),
                        contacts=_list(str(form.get("telefonos", ""))),
                        withheld=[v.strip() for v in str(form.get("reservado", "")).replace("\r", "").split("\n") if v.strip()],
                        language=str(form.get("idioma", "auto")) if form.get("idioma") in ("es", "en", "auto") else "auto")
        async with busy:
            ws.set_form(case)
            ws.kept = []
            await run_in_threadpool(ws.check)
            ws.notify("page.case-saved")
        return back("archivos" if not ws.uploads else "revisar")

    async def case_file(request: Request):
        lang_of(request)
        async with busy:
            body = ws.case_toml()
        return Response(body, media_type="application/toml; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="case.toml"'})

    async def upload(request: Request):
        lang = lang_of(request)
        try:
            async with busy:
                received, _fields = await receive(request, ws.inbox, ws.taken_stems(), max_bytes)
                ws.add(received)
                if received:
                    await run_in_threadpool(ws.check)
                else:
                    ws.notify("page.upload-none")
        except UploadError as exc:
            ws.notify(f"page.upload-{exc.code}", mb=max_bytes // (1024 * 1024))
            status = 413 if exc.code == "too-big" else 400
            async with busy:
                return HTMLResponse(pages.main_page(ws, lang, False, max_bytes), status_code=status)
        return back("revisar")

    async def remove_file(request: Request):
        lang_of(request)
        async with busy:
            ws.remove(request.path_params["id"])
            await run_in_threadpool(ws.check)
        return back("archivos")

    async def decide(request: Request):
        lang_of(request)
        form = await request.form()
        anchor = "revisar"
        async with busy:
            if "k" in form and form.get("d") == "quitar":
                ws.unkeep(_int(form.get("k")))
                anchor = "caso"
            elif form.get("d") == "publico":
                upload_id = str(form.get("f", ""))
                await run_in_threadpool(ws.keep, upload_id, _int(form.get("n")), _int(form.get("g")))
                anchor = f"f-{upload_id}"
        return back(anchor)

    async def preview(request: Request):
        async with busy:
            u = ws.upload(request.path_params["id"])
            f = ws.report_for(u) if u else None
            if f is None or not hasattr(f.preview, "convert"):  # only pictures have a preview image
                return Response(status_code=404)
            data = _boxed(f)
        return Response(data, media_type="image/png")

    async def clean(request: Request):
        lang_of(request)
        async with busy:
            if not ws.uploads:
                ws.notify("page.nothing-to-clean")
                return back("archivos")
            await run_in_threadpool(ws.clean)
        return back("descargar")

    async def download(request: Request):
        async with busy:
            c = ws.cleaned
            if c is None or not c.zip_path.exists():
                return back("descargar")
            return FileResponse(c.zip_path, media_type="application/zip", filename="ficha-limpia.zip")

    async def restart(request: Request):
        async with busy:
            ws.reset()
        return back()

    async def switch_language(request: Request):
        lang = request.path_params["lang"]
        response = back()
        if lang in ("es", "en"):
            response.set_cookie("scrub_lang", lang, httponly=True, samesite="strict")
        return response

    async def toggle_technical(request: Request):
        response = back("revisar")
        response.set_cookie("scrub_tech", "0" if request.cookies.get("scrub_tech") == "1" else "1",
                            httponly=True, samesite="strict")
        return response

    routes = [
        Route("/", home),
        Route("/caso", save_case, methods=["POST"]),
        Route("/case.toml", case_file),
        Route("/archivos", upload, methods=["POST"]),
        Route("/archivos/{id}/quitar", remove_file, methods=["POST"]),
        Route("/decidir", decide, methods=["POST"]),
        Route("/vista/{id}.png", preview),
        Route("/limpiar", clean, methods=["POST"]),
        Route("/descargar/ficha-limpia.zip", download),
        Route("/nuevo", restart, methods=["POST"]),
        Route("/idioma/{lang}", switch_language),
        Route("/tecnico", toggle_technical),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    async def failed(request: Request, exc: Exception):
        # fail closed, in plain words: nothing on the page may look like a result
        lang = pages.language(request.headers.get("accept-language", ""), request.headers.get("cookie", ""))
        return HTMLResponse(pages.refusal("page.internal-error", lang, detail=f"{type(exc).__name__}: {exc}"), status_code=500)

    app = Starlette(routes=routes, exception_handlers={Exception: failed})
    return Guard(app, token, port, host)


def _int(value) -> int:
    try:
        return int(str(value))
    except ValueError:
        return -1


def _boxed(f) -> bytes:
    """The picture with a numbered box on each detail the clean copy covers (the numbers
    of the sentences beside it), scaled to the page."""
    from PIL import Image, ImageDraw, ImageFont

    im = f.preview.convert("RGB")
    scale = PREVIEW_WIDTH / im.width if im.width > PREVIEW_WIDTH else 1.0
    if scale != 1.0:
        im = im.resize((round(im.width * scale), round(im.height * scale)), Image.Resampling.LANCZOS)
    draw = ImageDraw.Draw(im)
    size = max(18, im.width // 28)  # still legible when a phone shows the picture 390 px wide
    try:
        font = ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        font = ImageFont.load_default()
    for number, (_i, x) in enumerate(shown(f), 1):
        colour = (176, 0, 32) if x.severity.value == "block" else (154, 103, 0)
        for bx, by, bw, bh in (x.location or {}).get("boxes", []):
            box = [bx * scale - 3, by * scale - 3, (bx + bw) * scale + 3, (by + bh) * scale + 3]
            draw.rectangle(box, outline=colour, width=3)
            label = str(number)
            lx, ly = max(0, box[0] - size - 12), max(0, box[1])
            tw = draw.textlength(label, font=font)
            draw.rectangle([lx, ly, lx + tw + 10, ly + size + 6], fill=colour)
            draw.text((lx + 5, ly + 2), label, fill=(255, 255, 255), font=font)
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def serve(host: str = "127.0.0.1", port: int = 0, open_browser: bool = True, max_bytes: int = MAX_FILE_BYTES,
          lang: str = "es", echo=print) -> None:
    """Start the page and block until Ctrl+C (or SIGTERM); the private folder is removed
    on the way out, whatever happens."""
    import socket
    import threading
    import webbrowser

    import uvicorn

    from scrub import messages
    from scrub.web.security import new_token

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    # listening before the address is printed: a browser (or a test) that connects at once
    # waits in the queue instead of being refused while uvicorn starts
    sock.listen(128)
    port = sock.getsockname()[1]
    token = new_token()
    ws = Workspace(lang)
    try:
        shown_host = f"[{host}]" if ":" in host else host
        if host in ("0.0.0.0", "::"):
            shown_host = "127.0.0.1"
        url = f"http://{shown_host}:{port}/?t={token}"
        echo(messages.t("page.started" if open_browser else "page.started-manual", lang, url=url))
        echo(messages.t("page.private-folder", lang, folder=str(ws.root)))
        echo(messages.t("page.stop-hint", lang))
        # the language model loads while the page opens: the first check is then quick
        threading.Thread(target=_warm_up, daemon=True).start()
        config = uvicorn.Config(create_app(ws, token, port, host, max_bytes), log_level="warning", access_log=False,
                                server_header=False, date_header=False, lifespan="off")
        server = uvicorn.Server(config)
        # uvicorn stops on SIGINT and SIGTERM, then raises the signal again with the handler
        # it found: these make that (and a closed terminal window, SIGHUP) an exit that runs
        # the clean-up below instead of killing the process with the folder still there
        import signal
        import sys

        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, lambda signum, _frame: sys.exit(128 + signum))
        if open_browser:
            threading.Timer(0.8, webbrowser.open, args=(url,)).start()
        server.run(sockets=[sock])
    finally:
        ws.close()
        sock.close()


def _warm_up() -> None:
    try:
        from scrub.text.engine import shared_analyzer

        shared_analyzer()
    except Exception:  # noqa: BLE001 - the first check will load it (and report a failure) itself
        pass
