"""The local page in a real browser: Debian's Chromium driven by Playwright (its
``executable_path``; Playwright downloads no browser). A volunteer's whole way through:
open the address, upload a script and a poster, read the highlights and sentences, mark
one detail as public with the keyboard, download the zip and the case file, and check the
copies with the command line. Screenshots at 390 and 1280 px wide are saved in
tests/artifacts/ (ignored by git). Every request the page makes is intercepted: only this
machine's server may be asked."""
from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scrub.vision import ocr

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("SCRUB_REQUIRE_CHROMIUM"):
        raise RuntimeError("Chromium is required here: .ci/run installs it")
    pytestmark = pytest.mark.skip(reason="Chromium is not installed")
elif not ocr.available():
    if os.environ.get("SCRUB_REQUIRE_TESSERACT"):
        raise RuntimeError("Tesseract with Spanish and English is required here: .ci/run installs it")
    pytestmark = pytest.mark.skip(reason="Tesseract with spa+eng is not installed (the poster is read by OCR)")

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SCRIPT = ("Hola, soy Luis Alberto Ramírez Soto, me dicen Beto.\n"
          "Desaparecí el 14 de marzo de 2024 en Tlaquepaque, Jalisco.\n"
          "Tenía 24 años y un tatuaje de golondrina en el brazo.\n"
          "Mi mamá, Rosa María Soto Vega, contesta al 33 1874 5520.\n"
          "Para informes, Teresa Núñez: 33 2211 4455.\n"
          "Línea del colectivo: 33 3615 2090.\n")
KEPT = "33 2211 4455"  # the volunteer says this one is public
MAX_MB = 1


@pytest.fixture(scope="module")
def server():
    """`scrub abrir` as a volunteer starts it (a real process), without opening a browser."""
    proc = subprocess.Popen([sys.executable, "-m", "scrub", "abrir", "--no-browser", "--lang", "es", "--max-upload-mb", str(MAX_MB)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = [proc.stdout.readline() for _ in range(3)]
    found = re.search(r"http://127\.0\.0\.1:\d+/\?t=[\w-]+", "".join(lines))
    if not found:
        proc.kill()
        raise RuntimeError(f"scrub abrir did not start: {lines} {proc.stderr.read()}")
    folder = Path(re.search(r"(/\S+scrub-page-\w+)", "".join(lines)).group(1))
    yield found.group(0), folder
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    assert not folder.exists()  # what was uploaded is gone with the page


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    from test_ocr import CARD, draw_poster

    folder = tmp_path_factory.mktemp("mis-archivos")
    (folder / "guion.txt").write_text(SCRIPT, encoding="utf-8")
    poster, _cover, _keep = draw_poster(CARD)
    poster.save(folder / "cartel.png")
    return folder


class Watched:
    """A browser tab whose every request is recorded; any not for this server is aborted."""

    def __init__(self, browser, url: str, width: int, locale: str = "es-MX"):
        self.origin = urlsplit(url).netloc
        self.asked: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900}, locale=locale, accept_downloads=True)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route):
        self.asked.append(route.request.url)
        if urlsplit(route.request.url).netloc == self.origin:
            route.continue_()
        else:
            route.abort()

    def outside(self) -> list[str]:
        return [u for u in self.asked if urlsplit(u).netloc != self.origin]

    def close(self):
        self.context.close()


def test_the_request_watch_would_see_an_outside_request(server, browser):
    """Control for the network checks below: a page that asks for something elsewhere is
    seen (and the request is stopped before it leaves)."""
    url, _folder = server
    tab = Watched(browser, url, 390)
    tab.page.set_content('<img src="http://203.0.113.7/pixel.png">')  # TEST-NET-3: no one is there
    tab.page.wait_for_timeout(300)
    assert tab.outside() == ["http://203.0.113.7/pixel.png"]
    tab.close()


def test_without_the_key_the_page_is_refused(server, browser):
    url, _folder = server
    tab = Watched(browser, url, 390)
    answer = tab.page.goto(url.split("?")[0])
    assert answer.status == 403 and "Falta la clave" in tab.page.content()
    tab.close()


def test_upload_review_keep_one_as_public_and_download_checked_copies(server, browser, files, tmp_path, scrub_cmd):
    url, folder = server
    tab = Watched(browser, url, 390)
    page = tab.page
    page.goto(url)
    assert "?t=" not in page.url  # the key left the address bar for a cookie
    with page.expect_navigation():
        page.set_input_files("#archivo", [str(files / "guion.txt"), str(files / "cartel.png")])  # sent on choosing
    page.wait_for_selector("#revisar")
    # step 1 was filled in from the script
    assert page.input_value("#nombre") == "Luis Alberto Ramírez Soto"
    assert "Beto" in page.input_value("#apodos") and "33 3615 2090" in page.input_value("#telefonos")
    # step 3: each detail highlighted where it is, and said in a sentence
    script = page.locator("article", has_text="guion.txt")
    marks = script.locator("ol.script mark").all_inner_texts()
    assert any("33 1874 5520" in m for m in marks) and any(KEPT in m for m in marks)
    assert not any("Luis Alberto" in m or "33 3615 2090" in m for m in marks)  # the subject and the hotline stay
    sentences = script.locator("li.finding .sentence").all_inner_texts()
    assert any("Renglón 4: un teléfono personal. Pon la línea del colectivo" in s for s in sentences), sentences
    assert any("Renglón 4: el nombre de un familiar" in s for s in sentences)
    assert not any(re.search(r"phone-number|person-relative|PHONE", s) for s in sentences)  # no jargon
    poster = page.locator("article", has_text="cartel.png")
    assert poster.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    poster_sentences = poster.locator("li.finding .sentence").all_inner_texts()
    assert any("En la imagen: un teléfono personal" in s for s in poster_sentences), poster_sentences
    assert any("En la imagen: un domicilio" in s for s in poster_sentences)
    # step 4, with the keyboard: Tab to "Es público" on the line with Teresa's number, Enter
    item = script.locator("li.finding", has_text="Renglón 5: un teléfono personal")
    button = item.get_by_role("button", name="Es público, déjalo")
    for _ in range(400):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("the 'Es público' button cannot be reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#revisar")
    marks = page.locator("article", has_text="guion.txt").locator("ol.script mark").all_inner_texts()
    assert not any(KEPT in m for m in marks) and any("33 1874 5520" in m for m in marks)
    assert KEPT in page.locator("ul.kept").inner_text()
    # step 5: clean copies, re-checked, in a zip
    with page.expect_navigation():
        page.get_by_role("button", name="Preparar copias limpias").click()
    assert "Listo: 2 copia(s) limpia(s)" in page.locator("#descargar").inner_text()
    with page.expect_download() as download:
        page.locator("#descarga").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert sorted(archive.namelist()) == ["limpio/cartel.png", "limpio/guion.txt", "reporte.html"]
    archive.extractall(tmp_path / "zip")
    with page.expect_download() as case_download:
        page.get_by_role("link", name=re.compile("Descargar case.toml")).click()
    case_path = tmp_path / "case.toml"
    case_path.write_bytes(Path(case_download.value.path()).read_bytes())
    case = tomllib.loads(case_path.read_text(encoding="utf-8"))
    assert KEPT in case["public_contacts"] and case["subject"][0] == "Luis Alberto Ramírez Soto"
    cleaned = (tmp_path / "zip" / "limpio" / "guion.txt").read_text(encoding="utf-8")
    assert KEPT in cleaned and "33 1874 5520" not in cleaned and "[teléfono]" in cleaned
    assert "Luis Alberto Ramírez Soto" in cleaned and "33 3615 2090" in cleaned
    report = (tmp_path / "zip" / "reporte.html").read_text(encoding="utf-8")
    assert "Se quitó:" in report and "1874" not in report and str(folder) not in report
    # the command line agrees: nothing blocking is left in the copies
    check = subprocess.run([*scrub_cmd, "check", "--case", str(case_path), str(tmp_path / "zip" / "limpio")],
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    assert tab.asked and tab.outside() == []  # nothing but this machine's page was asked for
    tab.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshot_and_layout_at_phone_and_desktop_width(server, browser, width):
    url, _folder = server
    tab = Watched(browser, url, width)
    page = tab.page
    page.goto(url)
    page.wait_for_selector("#revisar")  # the work of the test above is on the page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"page-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow} px wider than the screen"
    if width == 390:
        small = page.evaluate("""() => [...document.querySelectorAll('button, a.button, summary, input, textarea')]
            .filter(e => e.offsetParent !== null && e.type !== 'hidden')
            .map(e => [e.textContent.trim() || e.id, e.getBoundingClientRect().height])
            .filter(([_, h]) => h < 44)""")
        assert small == [], f"touch targets under 44 px: {small}"
    assert tab.outside() == []
    tab.close()


def test_a_file_over_the_limit_is_refused_with_a_clear_message(server, browser, tmp_path):
    url, _folder = server
    big = tmp_path / "video.txt"
    big.write_bytes(b"x" * (MAX_MB * 1024 * 1024 + 1))
    tab = Watched(browser, url, 390)
    page = tab.page
    page.goto(url)
    page.set_input_files("#archivo", str(big))
    notice = page.locator("#aviso-subida")
    notice.wait_for(state="visible")
    assert "demasiado grande" in notice.inner_text() and f"{MAX_MB} MB" in notice.inner_text()
    assert "video.txt" not in page.locator("#archivos").inner_text()
    tab.close()


def test_the_page_speaks_the_browsers_language(server, browser):
    url, _folder = server
    tab = Watched(browser, url, 390, locale="en-US")
    tab.page.goto(url)
    assert tab.page.locator("h1").inner_text() == "Check your search card before you post it"
    assert "Who are you looking for?" in tab.page.locator("#caso").inner_text()
    tab.close()
