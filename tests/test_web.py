"""The local page's server (scrub/web), without a browser: who may ask (the per-run key,
the Host header, same-origin forms), what every answer carries, where uploads go and how
big they may be, "es público" recorded in the case, and a real `scrub abrir` process that
removes its private folder when it is stopped. The browser tests are in test_web_browser.py."""
from __future__ import annotations

import re
import signal
import subprocess
import tomllib
from pathlib import Path

import warnings

import pytest

with warnings.catch_warnings():  # starlette 1.x suggests httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from scrub.web.app import create_app
from scrub.web.workspace import Workspace

PORT = 8123
TOKEN = "k" * 43
BASE = f"http://127.0.0.1:{PORT}"
LIMIT = 1024 * 1024
SCRIPT = ("Hola, soy Ana Lucía Pérez Gómez. Desaparecí en Zapopan.\n"
          "Mi mamá contesta al 33 1842 7765.\n"
          "Para informes, Teresa: 33 2211 4455.\n")


@pytest.fixture
def page(tmp_path):
    ws = Workspace("es", parent=tmp_path)
    client = TestClient(create_app(ws, TOKEN, PORT, max_bytes=LIMIT), base_url=BASE, follow_redirects=False)
    yield ws, client
    client.close()
    ws.close()


def signed_in(client) -> TestClient:
    answer = client.get(f"/?t={TOKEN}")
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert "HttpOnly" in answer.headers["set-cookie"] and "SameSite=Strict" in answer.headers["set-cookie"]
    return client


@pytest.mark.parametrize("method, path", [("GET", "/"), ("GET", "/static/app.css"), ("GET", "/case.toml"),
                                          ("POST", "/archivos"), ("POST", "/limpiar"), ("GET", "/vista/1.png")])
def test_without_the_key_every_request_is_refused(page, method, path):
    _ws, client = page
    answer = client.request(method, path)
    assert answer.status_code == 403
    assert "?t=" in answer.text  # says where the address with the key is
    assert client.get("/?t=" + "x" * 43).status_code == 403  # a wrong key is no key


def test_the_key_becomes_a_cookie_and_every_answer_forbids_outside_content(page):
    _ws, client = page
    signed_in(client)
    answer = client.get("/")
    assert answer.status_code == 200 and "¿A quién buscan?" in answer.text
    csp = answer.headers["content-security-policy"]
    assert csp.startswith("default-src 'self'") and "frame-ancestors 'none'" in csp
    assert answer.headers["x-content-type-options"] == "nosniff" and answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["cache-control"] == "no-store"
    # nothing in the page points outside it: no CDN, no web font, no analytics
    urls = re.findall(r'(?:src|href|action)="([^"]*)"', answer.text)
    assert urls and all(u.startswith(("/", "#")) for u in urls), urls
    assert "<script>" not in answer.text and "style=" not in answer.text  # nothing inline for the CSP to allow


@pytest.mark.parametrize("host", ["evil.example", f"evil.example:{PORT}", "127.0.0.1:9999", f"192.168.1.20:{PORT}"])
def test_a_foreign_host_header_is_refused_even_with_the_key(page, host):
    _ws, client = page
    signed_in(client)
    answer = client.get("/", headers={"host": host})
    assert answer.status_code == 400
    assert "127.0.0.1" in answer.text
    assert client.get("/", headers={"host": f"localhost:{PORT}"}).status_code == 200


def test_a_form_from_another_site_is_refused(page):
    _ws, client = page
    signed_in(client)
    answer = client.post("/nuevo", headers={"origin": "http://evil.example"})
    assert answer.status_code == 403
    assert client.post("/nuevo", headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert client.post("/nuevo", headers={"origin": BASE}).status_code == 303


@pytest.mark.parametrize("sent", ["../../escape.txt", "..\\..\\escape.txt", "/tmp/escape.txt", "....//escape.txt",
                                  ".escape.txt", "a/../../escape.txt\x00.png"])
def test_a_path_in_an_uploaded_name_stays_inside_the_private_folder(page, sent):
    ws, client = page
    signed_in(client)
    answer = client.post("/archivos", files=[("archivo", (sent, b"Hola, soy Ana.\n", "text/plain"))])
    assert answer.status_code == 303
    assert list(ws.root.parent.iterdir()) == [ws.root]  # nothing beside the private folder
    assert not list(ws.root.parent.parent.glob("escape*"))
    stored = [p for p in ws.root.rglob("*") if p.is_file() and p.suffix != ".toml"]
    assert len(stored) == 1 and stored[0].parent == ws.inbox and stored[0].name.startswith("escape")
    assert ws.uploads[0].name == stored[0].name and "/" not in ws.uploads[0].name
    assert oct(ws.root.stat().st_mode & 0o777) == "0o700"


def test_an_oversized_upload_gets_a_clear_message_and_nothing_is_kept(page):
    ws, client = page
    signed_in(client)
    answer = client.post("/archivos", files=[("archivo", ("video.txt", b"x" * (LIMIT + 200_000), "text/plain"))])
    assert answer.status_code == 413
    assert "demasiado grande" in answer.text and "1 MB" in answer.text
    assert list(ws.inbox.iterdir()) == [] and ws.uploads == []


def test_es_publico_is_recorded_in_the_case_and_kept_in_the_check(page):
    ws, client = page
    signed_in(client)
    assert client.post("/archivos", files=[("archivo", ("guion.txt", SCRIPT.encode(), "text/plain"))]).status_code == 303
    assert ws.form.name == "Ana Lucía Pérez Gómez"  # read from the script: the form is prefilled
    phones = {x.value: i for i, x in enumerate(ws.report.files[0].findings) if x.entity == "PHONE"}
    assert set(phones) == {"33 1842 7765", "33 2211 4455"}
    answer = client.post("/decidir", data={"f": ws.uploads[0].id, "n": phones["33 2211 4455"], "g": ws.generation, "d": "publico"})
    assert answer.status_code == 303
    left = [x.value for x in ws.report.files[0].findings if x.entity == "PHONE"]
    assert left == ["33 1842 7765"]
    case = client.get("/case.toml")
    assert case.headers["content-disposition"] == 'attachment; filename="case.toml"'
    data = tomllib.loads(case.text)
    assert "33 2211 4455" in data["public_contacts"] and data["subject"][0] == "Ana Lucía Pérez Gómez"
    assert re.search(r'"33 2211 4455",\s+# revisado el [\d-]+: es público \(Renglón 3, guion.txt\)', case.text)
    page_text = client.get("/").text
    assert "Marcaste como público" in page_text
    # and undone
    client.post("/decidir", data={"k": 0, "d": "quitar"})
    assert sorted(x.value for x in ws.report.files[0].findings if x.entity == "PHONE") == ["33 1842 7765", "33 2211 4455"]


def test_a_case_file_from_last_time_fills_the_form(page):
    ws, client = page
    signed_in(client)
    saved = 'subject = ["Ana Lucía Pérez Gómez"]\npublic_contacts = ["33 3658 0101"]\nwithheld = ["lunar en la nuca"]\n'
    client.post("/archivos", files=[("archivo", ("case.toml", saved.encode(), "text/plain"))])
    assert ws.form.contacts == ["33 3658 0101"] and ws.form.withheld == ["lunar en la nuca"] and ws.uploads == []
    client.post("/archivos", files=[("archivo", ("case.toml", "subject = [“Ana”]\n".encode(), "text/plain"))])
    assert "comillas rectas" in client.get("/").text


def test_the_page_speaks_english_when_the_browser_does(page):
    _ws, client = page
    signed_in(client)
    assert "Who are you looking for?" in client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).text
    assert "¿A quién buscan?" in client.get("/", headers={"accept-language": "fr-FR,es;q=0.8,en;q=0.5"}).text
    client.get("/idioma/en")
    assert "Who are you looking for?" in client.get("/", headers={"accept-language": "es-MX"}).text


def test_another_address_needs_an_explicit_flag(scrub_cmd):
    p = subprocess.run([*scrub_cmd, "abrir", "--host", "0.0.0.0", "--no-browser", "--lang", "es"],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 64 and "--permitir-red" in p.stderr


def test_a_real_server_answers_on_loopback_and_removes_its_folder_when_stopped(scrub_cmd):
    import httpx

    proc = subprocess.Popen([*scrub_cmd, "abrir", "--no-browser", "--lang", "es"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        url = re.search(r"http://127\.0\.0\.1:\d+/\?t=[\w-]+", "".join(lines)).group(0)
        folder = Path(re.search(r"(/\S+scrub-page-\w+)", "".join(lines)).group(1))
        assert folder.is_dir()
        with httpx.Client(follow_redirects=True) as client:
            assert client.get(url).status_code == 200
            assert client.get(url.split("?")[0]).status_code == 200  # the cookie carries the key now
            assert httpx.get(url.split("?")[0]).status_code == 403
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    assert not folder.exists()


def test_a_failure_inside_is_said_in_plain_words_never_as_a_result(page, monkeypatch):
    ws, _client = page
    client = TestClient(create_app(ws, TOKEN, PORT, max_bytes=LIMIT), base_url=BASE, follow_redirects=False,
                        raise_server_exceptions=False)
    signed_in(client)

    def broken():
        raise RuntimeError("the language model is missing")

    monkeypatch.setattr(ws, "check", broken)
    answer = client.post("/archivos", files=[("archivo", ("guion.txt", b"Hola, soy Ana.\n", "text/plain"))])
    assert answer.status_code == 500
    assert "no publiques con este resultado" in answer.text and "Traceback" not in answer.text
    client.close()


def test_the_file_chooser_offers_what_the_formats_read(page):
    from scrub import formats

    _ws, client = page
    signed_in(client)
    accept = re.search(r'accept="([^"]*)"', client.get("/").text).group(1).split(",")
    for fmt in formats.registered():
        assert set(fmt.suffixes) <= set(accept), fmt.name
