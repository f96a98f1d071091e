"""Posters: sensitive lines are covered after `clean`, keep lines are untouched, and the
cleaned copy read again holds nothing blocking. Posters are drawn here with DejaVu fonts."""
from __future__ import annotations

import io
import json
import math
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from scrub.cli import app
from scrub.text.ocr_rules import ocr_curps, ocr_emails
from scrub.vision import ocr

if not ocr.available():
    if os.environ.get("SCRUB_REQUIRE_TESSERACT"):
        raise RuntimeError("Tesseract with Spanish and English is required here: .ci/run installs it")
    pytestmark = pytest.mark.skip(reason="Tesseract with spa+eng is not installed")

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
BACKGROUND = (250, 246, 238)
CASE = 'subject = ["Luis Alberto Ramírez Soto", "Luis Alberto"]\npublic_contacts = ["33 3615 2090", "911", "089"]\nlanguage = "es"\n'

# (text, font size, bold, [(label, substring that must be covered)]); lines without
# substrings must stay readable
CARD = [
    ("SE BUSCA", 64, True, []),
    ("Luis Alberto Ramírez Soto", 44, True, []),
    ("Edad: 24 años", 28, False, []),
    ("Desapareció el 14/03/2024 en Tlaquepaque, Jalisco", 24, False, []),
    ("Complexión delgada, 1.72 m, tatuaje de golondrina", 22, False, []),
    ("Familia (Sra. Rosa María Soto Vega):", 26, False, [("PERSON", "Rosa María Soto Vega")]),
    ("Cel. 33 1874 5520", 26, True, [("PHONE", "33 1874 5520")]),
    ("Domicilio: Calle Jacarandas 1427, Col. Las Huertas", 20, False, [("ADDRESS", "Calle Jacarandas 1427, Col. Las Huertas")]),
    ("Correo: rosa.soto.vega78@example.com", 18, False, [("EMAIL", "rosa.soto.vega78@example.com")]),
    ("Línea del colectivo: 33 3615 2090", 32, True, []),
    ("Emergencias 911 - Denuncia anónima 089", 24, False, []),
]
SPLIT = [
    ("SE BUSCA", 64, True, []),
    ("Luis Alberto Ramírez Soto", 44, True, []),
    ("Edad: 24 años", 28, False, []),
    ("Informes con su mamá al 33 1874", 26, False, [("PHONE", "33 1874")]),
    ("5520, a cualquier hora.", 26, False, [("PHONE", "5520")]),
    ("Línea del colectivo: 33 3615 2090", 32, True, []),
]


def draw_poster(lines, rotate: float = 0.0):
    """The poster and, in its pixel coordinates, the boxes to cover and the boxes to keep."""
    width, height = 900, 120 + sum(int(size * 2.1) for _, size, _, _ in lines)
    im = Image.new("RGB", (width, height), BACKGROUND)
    d = ImageDraw.Draw(im)
    cover, keep = [], []
    y = 60
    for text, size, bold, secrets in lines:
        font = ImageFont.truetype(BOLD if bold else FONT, size)
        x = 60
        d.text((x, y), text, font=font, fill=(20, 20, 20))
        if secrets:
            for label, part in secrets:
                start = text.index(part)
                x0 = x + d.textlength(text[:start], font=font)
                box = d.textbbox((x0, y), part, font=font)
                cover.append((label, box))
        else:
            keep.append((text, d.textbbox((x, y), text, font=font)))
        y += int(size * 2.1)
    if rotate:
        cx, cy = width / 2, height / 2
        a = math.radians(rotate)

        def turn(box):
            pts = [(box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])]
            moved = [(cx + (px - cx) * math.cos(a) + (py - cy) * math.sin(a),
                      cy - (px - cx) * math.sin(a) + (py - cy) * math.cos(a)) for px, py in pts]
            return (min(p[0] for p in moved), min(p[1] for p in moved), max(p[0] for p in moved), max(p[1] for p in moved))

        im = im.rotate(rotate, resample=Image.Resampling.BICUBIC, fillcolor=BACKGROUND)
        cover = [(label, turn(b)) for label, b in cover]
        keep = [(text, turn(b)) for text, b in keep]
    as_int = lambda b: tuple(int(round(v)) for v in b)  # noqa: E731
    return im, [(label, as_int(b)) for label, b in cover], [(text, as_int(b)) for text, b in keep]


runner = CliRunner()


@pytest.fixture(scope="module")
def posters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("posters")
    (folder / "case.toml").write_text(CASE, encoding="utf-8")
    made = {}
    for name, lines, rotate, fmt in (
        ("card.png", CARD, 0.0, "PNG"),
        ("card.jpg", CARD, 0.0, "JPEG"),
        ("rotated.png", CARD, 3.0, "PNG"),
        ("split.png", SPLIT, 0.0, "PNG"),
        ("card.avif", CARD, 0.0, "AVIF"),
        ("card.heic", CARD, 0.0, "HEIF"),
    ):
        im, cover, keep = draw_poster(lines, rotate)
        out = io.BytesIO()
        if fmt == "HEIF":
            import pillow_heif

            pillow_heif.from_pillow(im).save(out, quality=95)
        else:
            im.save(out, fmt, **({"quality": 95} if fmt in ("JPEG", "AVIF") else {}))
        (folder / name).write_bytes(out.getvalue())
        made[name] = (cover, keep)
    out = tmp_path_factory.mktemp("clean")
    result = runner.invoke(app, ["clean", "--format", "json", "--out", str(out), str(folder)], catch_exceptions=False)
    return folder, out, made, json.loads(result.stdout), result.exit_code


def pixels(path: Path) -> np.ndarray:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return np.asarray(Image.open(path).convert("RGB")).astype(int)


def test_clean_succeeds_on_every_poster(posters):
    _folder, _out, _made, report, code = posters
    assert code == 0, [(f["path"], f.get("message"), f.get("remaining")) for f in report["files"]]


@pytest.mark.parametrize("name", ["card.png", "card.jpg", "rotated.png", "split.png", "card.avif", "card.heic"])
def test_sensitive_text_is_covered(posters, name):
    _folder, out, made, _report, _code = posters
    after = pixels(out / name)
    cover, _keep = made[name]
    for label, (x0, y0, x1, y1) in cover:
        region = after[y0:y1, x0:x1].mean(axis=2)
        assert region.std() < 12, f"{label} still visible in {name}"


@pytest.mark.parametrize("name", ["card.png", "card.jpg", "rotated.png", "split.png", "card.avif", "card.heic"])
def test_keep_lines_are_untouched(posters, name):
    folder, out, made, _report, _code = posters
    before, after = pixels(folder / name), pixels(out / name)
    _cover, keep = made[name]
    for text, (x0, y0, x1, y1) in keep:
        diff = np.abs(before[y0:y1, x0:x1] - after[y0:y1, x0:x1]).mean()
        assert diff < 3, f"keep line damaged in {name}: {text!r}"


def test_findings_carry_pixel_boxes_and_masked_text(posters):
    folder, _out, _made, _report, _code = posters
    result = runner.invoke(app, ["check", "--format", "json", str(folder / "card.png")], catch_exceptions=False)
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["files"][0]["findings"]
    phones = [f for f in findings if f["entity"] == "PHONE"]
    assert phones and all(len(f["location"]["box"]) == 4 for f in phones)
    assert "1874" not in result.stdout
    assert not any(f["entity"] == "PHONE" and f["value"].startswith("33 ••••") and f["value"].endswith("2090") for f in findings)


def test_cleaned_posters_read_again_hold_nothing_blocking(posters):
    folder, out, _made, _report, _code = posters
    result = runner.invoke(app, ["check", "--format", "json", "--case", str(folder / "case.toml"), str(out)],
                           catch_exceptions=False)
    blocking = [(f["path"], x["rule"]) for f in json.loads(result.stdout)["files"] for x in f["findings"] if x["severity"] == "block"]
    assert not blocking


def test_a_poster_with_only_public_content_is_clean(tmp_path):
    im, _cover, _keep = draw_poster([line for line in CARD if not line[3]])
    path = tmp_path / "keep.png"
    im.save(path)
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    result = runner.invoke(app, ["check", "--format", "json", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stdout


def test_without_tesseract_pictures_are_not_checked(tmp_path, monkeypatch):
    im, _c, _k = draw_poster(CARD[:3])
    path = tmp_path / "p.png"
    im.save(path)
    monkeypatch.setattr(ocr, "available", lambda: False)
    result = runner.invoke(app, ["check", "--format", "json", str(path)], catch_exceptions=False)
    assert result.exit_code == 2
    assert json.loads(result.stdout)["files"][0]["error"] == "ocr-unavailable"
    result = runner.invoke(app, ["check", "--no-ocr", "--format", "json", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "pixels-not-read" in json.loads(result.stdout)["files"][0]["notes"]


@pytest.mark.parametrize(
    "text,found",
    [("CURP: RASLO00312HJCMTSA8S", True), ("CURP: RASL000312HJCMTSA8", True), ("Folio 2024000312ABCDEFG", False)],
)
def test_curp_read_with_ocr_confusions(text, found):
    assert bool(ocr_curps(text)) == found


@pytest.mark.parametrize("text", ["rosa.soto.vega78©example.com", "rosa.soto.vega78G0example.com"])
def test_email_with_misread_at_sign(text):
    assert ocr_emails(f"Correo: {text} gracias") == [(8, 8 + len(text))]


def test_text_on_a_later_frame_of_an_animation_is_read_and_covered(tmp_path):
    """An animated card: the first frame only says SE BUSCA, the second shows the phone.
    The phone is found (on frame 1), covered, and the copy is still an animation."""
    card, cover, _keep = draw_poster(CARD)
    title = Image.new("RGB", card.size, BACKGROUND)
    ImageDraw.Draw(title).text((60, 60), "SE BUSCA", font=ImageFont.truetype(BOLD, 64), fill=(20, 20, 20))
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    gif = tmp_path / "tarjeta.gif"
    title.save(gif, "GIF", save_all=True, append_images=[card], duration=[800, 2000], loop=0)
    report = json.loads(runner.invoke(app, ["check", "--format", "json", str(gif)], catch_exceptions=False).stdout)
    phones = [f for f in report["files"][0]["findings"] if f["entity"] == "PHONE"]
    assert phones and all(f["location"].get("frame") == 1 for f in phones)
    human = runner.invoke(app, ["check", "--lang", "es", str(gif)], catch_exceptions=False).stdout
    assert "cuadro 2" in human  # counted from 1 for a person
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", "--format", "json", "--out", str(out), str(gif)], catch_exceptions=False)
    assert result.exit_code == 0, result.stdout
    with Image.open(out / "tarjeta.gif") as cleaned:
        assert cleaned.n_frames == 2 and cleaned.info.get("loop") == 0
        cleaned.seek(1)
        second = np.asarray(cleaned.convert("RGB")).astype(int)
    for label, (x0, y0, x1, y1) in cover:
        assert second[y0:y1, x0:x1].mean(axis=2).std() < 12, f"{label} still visible on frame 1"


def test_an_animation_with_too_many_different_frames_is_not_called_clean(tmp_path, monkeypatch):
    from scrub.vision import pictures

    monkeypatch.setattr(pictures, "MAX_FRAMES", 2)
    frames = [Image.new("RGB", (200, 100), (10 * i, 100, 100)) for i in range(3)]
    frames[0].save(tmp_path / "a.gif", "GIF", save_all=True, append_images=frames[1:])
    result = runner.invoke(app, ["check", "--format", "json", "--lang", "en", str(tmp_path / "a.gif")], catch_exceptions=False)
    assert result.exit_code == 2
    assert "frames" in json.loads(result.stdout)["files"][0]["message"]
