"""--faces: faces other than the largest (the missing person's) are reported and hidden."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from scrub.vision import cover, faces
from scrub.cli import app
from scrub.policy import ErrorCode, Unverified
from imagefixtures import face_poster

skimage_data = pytest.importorskip("skimage.data")  # a public-domain NASA portrait ships in it
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [args[0], "--no-ocr", *args[1:]], catch_exceptions=False)


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    """The portrait alone, and a family photo: the portrait large, two smaller people beside it."""
    folder = tmp_path_factory.mktemp("faces")
    portrait = Image.fromarray(skimage_data.astronaut())
    portrait.save(folder / "alone.png")
    family = Image.new("RGB", (1200, 800), (230, 230, 230))
    family.paste(portrait, (0, 0))
    family.paste(portrait.resize((256, 256)), (600, 50))
    family.paste(portrait.resize((220, 220)), (900, 500))
    family.save(folder / "family.png")
    poster, _regions = face_poster()
    poster.save(folder / "poster.png")
    return folder


@pytest.fixture()
def fresh_model(monkeypatch):
    """faces.MODEL may be pointed elsewhere; the verified bytes are read again."""
    faces._weights.cache_clear()
    faces._net.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    faces._weights.cache_clear()
    faces._net.cache_clear()


def inside(box, region) -> bool:
    x, y, w, h = box
    rx, ry, rw, rh = region
    return rx <= x + w / 2 < rx + rw and ry <= y + h / 2 < ry + rh


def face_findings(report: dict, name: str) -> list[dict]:
    f = next(f for f in report["files"] if Path(f["path"]).name == name)
    return [x for x in f["findings"] if x["rule"] == "img-face"]


def test_only_faces_besides_the_largest_are_reported(photos):
    report = json.loads(run("check", "--faces", "--format", "json", str(photos)).stdout)
    assert face_findings(report, "alone.png") == []
    others = face_findings(report, "family.png")
    assert len(others) == 2
    for x in others:
        bx, by, _bw, _bh = x["location"]["box"]
        assert bx >= 600  # the pasted smaller people, never the portrait at the left
        assert x["severity"] == "warn"


def test_faces_are_not_looked_for_unless_asked(photos):
    report = json.loads(run("check", "--format", "json", str(photos)).stdout)
    assert face_findings(report, "family.png") == []


def test_clean_hides_the_other_faces_and_leaves_the_missing_persons(photos, tmp_path):
    out = tmp_path / "out"
    result = run("clean", "--faces", "--format", "json", "--out", str(out), str(photos))
    assert result.exit_code == 0, result.stdout
    before = np.asarray(Image.open(photos / "family.png").convert("RGB")).astype(int)
    after = np.asarray(Image.open(out / "family.png").convert("RGB")).astype(int)
    # the portrait (left) is untouched; where the others' faces were, detail is gone
    assert np.abs(before[:512, :512] - after[:512, :512]).max() == 0
    for x, y, w, h in faces.detect(Image.open(photos / "family.png"))[1:]:
        assert after[y:y + h, x:x + w].std() < before[y:y + h, x:x + w].std() * 0.8
    # looked for again, only the missing person's face is left
    assert len(faces.detect(Image.open(out / "family.png"))) == 1
    assert (out / "alone.png").exists()


def test_asking_for_faces_without_opencv_is_an_unverified_file(photos, monkeypatch):
    monkeypatch.setattr(faces, "available", lambda: False)
    result = run("check", "--faces", "--format", "json", "--lang", "en", str(photos / "family.png"))
    assert result.exit_code == 2
    f = json.loads(result.stdout)["files"][0]
    assert f["status"] == "error" and "OpenCV" in f["message"]


def test_every_face_of_the_poster_is_found_the_largest_first():
    poster, regions = face_poster()
    found = faces.detect(poster)
    assert len(found) == len(regions) == 5
    # one face in each pasted picture, none twice, the missing person's first
    assert sorted(next(i for i, r in enumerate(regions) if inside(b, r)) for b in found) == [0, 1, 2, 3, 4]
    assert inside(found[0], regions[0])
    assert found[0][2] * found[0][3] > 2 * max(w * h for _x, _y, w, h in found[1:])


def test_the_detector_is_not_the_cascade():
    """The three-quarter profile and the small face, which the Haar cascade scrub used
    before misses on this poster, are found."""
    import cv2

    poster, regions = face_poster()
    grey = cv2.equalizeHist(cv2.cvtColor(np.asarray(poster), cv2.COLOR_RGB2GRAY))
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    by_cascade = cascade.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5, minSize=(25, 25))
    found = faces.detect(poster)
    for hard in (regions[1], regions[4]):  # the profile, the small one
        assert not any(inside(tuple(b), hard) for b in by_cascade)
        assert any(inside(b, hard) for b in found)


def test_clean_mosaics_every_face_of_the_poster_but_the_missing_persons(photos, tmp_path):
    report = json.loads(run("check", "--faces", "--format", "json", str(photos / "poster.png")).stdout)
    assert len(face_findings(report, "poster.png")) == 4
    out = tmp_path / "out"
    result = run("clean", "--faces", "--format", "json", "--out", str(out), str(photos / "poster.png"))
    assert result.exit_code == 0, result.stdout
    before = np.asarray(Image.open(photos / "poster.png").convert("RGB")).astype(int)
    after = np.asarray(Image.open(out / "poster.png").convert("RGB")).astype(int)
    _poster, regions = face_poster()
    x, y, w, h = regions[0]
    assert np.abs(before[y:y + h, x:x + w] - after[y:y + h, x:x + w]).max() == 0  # kept
    hidden = faces.detect(Image.open(photos / "poster.png"))[1:]
    assert len(hidden) == 4
    colours = lambda a: len(np.unique(a.reshape(-1, 3), axis=0))  # noqa: E731
    for x, y, w, h in hidden:
        # at most the mosaic's cells of flat colour where a face with hundreds of colours was
        assert colours(before[y:y + h, x:x + w]) > 200
        assert colours(after[y:y + h, x:x + w]) <= cover.CELLS * cover.CELLS
    assert len(faces.detect(Image.open(out / "poster.png"))) == 1


def test_a_poster_bigger_than_the_detector_input_is_scaled_not_missed():
    poster, regions = face_poster()
    big = poster.resize((poster.width * 2, poster.height * 2))
    assert max(big.size) > faces.MAX_SIDE
    found = faces.detect(big)
    assert len(found) == 5 and inside(found[0], tuple(v * 2 for v in regions[0]))


def test_pictures_of_different_sizes_one_after_another():
    """OpenCV's dnn keeps a network's first input shape; each size must get its own."""
    portrait = Image.fromarray(skimage_data.astronaut())
    for size in (512, 384, 640, 512):
        assert len(faces.detect(portrait.resize((size, size)))) == 1
    assert faces.detect(Image.new("RGB", (1024, 1024), (235, 235, 235))) == []


def test_the_bundled_model_is_the_verified_file():
    assert faces.MODEL.is_file() and faces.MODEL.parent.name == "centerface"
    import hashlib

    assert hashlib.sha256(faces.MODEL.read_bytes()).hexdigest() == faces.MODEL_SHA256
    readme = (faces.MODEL.parent / "README.md").read_text()
    assert faces.MODEL_SHA256 in readme and "MIT" in readme
    assert (faces.MODEL.parent / "LICENSE").is_file()


@pytest.mark.parametrize("damage", ["missing", "altered"])
def test_a_missing_or_altered_model_fails_closed(fresh_model, tmp_path, photos, damage):
    fake = tmp_path / "centerface.onnx"
    if damage == "altered":
        data = bytearray(faces.MODEL.read_bytes())
        data[len(data) // 2] ^= 1
        fake.write_bytes(bytes(data))
    fresh_model.setattr(faces, "MODEL", fake)
    with pytest.raises(Unverified) as exc:
        faces.detect(Image.open(photos / "family.png"))
    assert exc.value.code is ErrorCode.FACES_UNAVAILABLE and damage in str(exc.value)
    result = run("check", "--faces", "--jobs", "1", "--format", "json", str(photos / "family.png"))
    assert result.exit_code == 2
    assert json.loads(result.stdout)["files"][0]["error"] == "faces-unavailable"
