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


# --- faces in videos and PDF pages --------------------------------------------------------

def poster_video(seconds: float = 2.0, rate: int = 10) -> bytes:
    """An H.264 video of the poster at 1280x800; after the first second the middle-sized
    copy (the fourth face) is taken away, so its face is shown from 0 to 1 s only."""
    import io

    import av

    poster, regions = face_poster()
    later = poster.copy()
    x, y, w, h = regions[3]
    later.paste((235, 235, 235), (x, y, x + w, y + h))
    shown = [np.asarray(p.resize((1280, 800))) for p in (poster, later)]
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=rate)
        stream.width, stream.height, stream.pix_fmt = 1280, 800, "yuv420p"
        for i in range(int(seconds * rate)):
            frame = av.VideoFrame.from_ndarray(shown[0 if i < rate else 1], format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buffer.getvalue()


def poster_pdf() -> bytes:
    """A landscape PDF page that is the poster as a JPEG (a design tool's export), and a
    second page with the portrait alone."""
    import io

    import pikepdf

    pdf = pikepdf.new()
    poster, _regions = face_poster()
    for picture, width, height in ((poster, 792, 495), (Image.fromarray(skimage_data.astronaut()), 400, 400)):
        jpeg = io.BytesIO()
        picture.save(jpeg, "JPEG", quality=92)
        image = pikepdf.Stream(pdf, jpeg.getvalue(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                               Width=picture.width, Height=picture.height, ColorSpace=pikepdf.Name.DeviceRGB,
                               BitsPerComponent=8, Filter=pikepdf.Name.DCTDecode)
        page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, width, height],
                                  Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im1=image)),
                                  Contents=pdf.make_stream(f"q {width} 0 0 {height} 0 0 cm /Im1 Do Q".encode()))
        pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faces-media")
    (folder / "poster.mp4").write_bytes(poster_video())
    (folder / "poster.pdf").write_bytes(poster_pdf())
    return folder


def test_faces_in_a_video_are_reported_with_their_box_and_time(media):
    result = run("check", "--faces", "--format", "json", str(media / "poster.mp4"))
    report = json.loads(result.stdout)
    f = report["files"][0]
    assert f["status"] != "error", f
    found = face_findings(report, "poster.mp4")
    assert len(found) == 4  # the poster's five faces but the missing person's, each once
    for x in found:
        assert x["severity"] == "warn" and len(x["location"]["box"]) == 4
    times = sorted(tuple(x["location"]["time"]) for x in found)
    assert [t[0] for t in times] == [0.0] * 4
    # the face taken away after a second is shown until then; the others to the end
    assert sum(1 for t in times if t[1] <= 1.5) == 1 and sum(1 for t in times if t[1] >= 1.8) == 3
    assert "video-frames-faces-only" in f["notes"]  # --no-ocr: faces looked for, not the text


def test_clean_of_a_video_covers_the_faces_to_hide(media, tmp_path):
    """Faces other than the missing person's become a mosaic on every frame they are shown
    in (the video is encoded again, and the report says so); the missing person's face is
    left as it was, and the copy read again with --faces shows no other face."""
    import io

    import av

    found = face_findings(json.loads(run("check", "--faces", "--format", "json", str(media / "poster.mp4")).stdout), "poster.mp4")
    result = run("clean", "--faces", "--format", "json", "--out", str(tmp_path / "out"), str(media / "poster.mp4"))
    f = json.loads(result.stdout)["files"][0]
    assert result.exit_code == 0, f
    assert "video-re-encoded" in f["notes"] and not [x for x in f["remaining"] if x["rule"] == "img-face"]
    copy = (tmp_path / "out" / "poster.mp4").read_bytes()

    def frame_at(data: bytes, seconds: float):
        with av.open(io.BytesIO(data)) as container:
            return next(np.asarray(fr.to_image(), dtype=float) for fr in container.decode(video=0) if fr.time >= seconds)

    before, after = frame_at((media / "poster.mp4").read_bytes(), 0.5), frame_at(copy, 0.5)

    def change(box) -> float:
        x, y, w, h = box
        return float(np.abs(before[y:y + h, x:x + w] - after[y:y + h, x:x + w]).mean())

    assert all(change(x["location"]["box"]) > 8 for x in found)  # each face to hide is a mosaic
    _poster, regions = face_poster()
    subject = [round(v * 0.8) for v in regions[0]]  # the video is the poster at 1280x800
    assert change(subject) < 4  # the missing person's face, as it was (but for encoding)
    again = json.loads(run("check", "--faces", "--no-ocr", "--format", "json", str(tmp_path / "out" / "poster.mp4")).stdout)
    assert face_findings(again, "poster.mp4") == []


def test_faces_on_pdf_pages_are_reported_with_their_page(media):
    report = json.loads(run("check", "--faces", "--format", "json", str(media / "poster.pdf")).stdout)
    assert report["files"][0]["status"] != "error", report["files"][0]
    found = face_findings(report, "poster.pdf")
    assert len(found) == 4 and {x["location"]["page"] for x in found} == {1}  # page 2: the portrait alone
    assert all(x["severity"] == "warn" for x in found)


def test_clean_of_a_pdf_keeps_its_pages_and_reports_the_faces_left(media, tmp_path):
    """What a page shows is never changed: a face (a warning) is reported in the copy, as
    a warning printed on a page is, and does not block it."""
    result = run("clean", "--faces", "--format", "json", "--out", str(tmp_path / "out"), str(media / "poster.pdf"))
    f = json.loads(result.stdout)["files"][0]
    assert result.exit_code == 0, f
    assert len([x for x in f["remaining"] if x["rule"] == "img-face"]) == 4
    assert (tmp_path / "out" / "poster.pdf").exists()


def test_video_and_pdf_faces_need_opencv(media, monkeypatch):
    monkeypatch.setattr(faces, "available", lambda: False)
    for name in ("poster.mp4", "poster.pdf"):
        result = run("check", "--faces", "--format", "json", str(media / name))
        assert result.exit_code == 2
        assert json.loads(result.stdout)["files"][0]["error"] == "faces-unavailable"


@pytest.mark.parametrize("name", ["chelsea", "coffee", "rocket", "text", "horse", "clock"])
def test_pictures_without_a_face_have_none(name):
    """A cat, a cup, a rocket, text: nothing to report or hide."""
    picture = getattr(skimage_data, name)()
    assert faces.detect(Image.fromarray(picture)) == []
