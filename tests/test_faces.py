"""--faces: faces other than the largest (the missing person's) are reported and hidden."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from scrub.vision import faces
from scrub.cli import app

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
    return folder


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
