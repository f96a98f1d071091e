"""Videos (MP4, MOV, M4V, 3GP): every place a phone, an editor or an AI tool stores private
data is reported; the clean copy holds none of it (ExifTool, the independent oracle, and the
raw bytes agree), its streams are the original packets (less the SEI encoder messages) and
it still decodes; files scrub cannot fully read are not checked (exit 2)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import mediafixtures as fx
from scrub.cli import app
from scrub.formats.video import atoms, remux, streams

runner = CliRunner()

CASE = fx.CASE


def android() -> bytes:
    """What an Android phone's camera and a messaging app leave: ©xyz in udta, the Keys
    Android writes, a comment and an owner, a mov_text subtitle track."""
    data = fx.encode("mp4", cues=[(0.2, 1.5, f"Para informes llama al {fx.PHONE2}")])
    return fx.edit_moov(
        data,
        add=[fx.keys_meta({"com.android.version": "14", "com.android.manufacturer": "samsung",
                           "com.android.model": "SM-A546E"})],
        udta=[fx.qt_text(b"\xa9xyz", "+20.6597-103.3496/"),
              fx.itunes_meta(fx.ilst_item(b"\xa9cmt", f"llama al {fx.PHONE}"), fx.ilst_item(b"\xa9ART", fx.OWNER))],
    )


def iphone() -> bytes:
    """An iPhone .mov: HEVC (x265 stands in for Apple's encoder), QuickTime Keys with the
    position, make, model, software and creation date, a timed-metadata (mebx) track with
    positions along the recording, header dates, and a rotation to keep."""
    data = fx.encode("mov", video="libx265", metadata={"creation_time": "2026-11-28T18:04:11Z"}, rotation=90)
    data = fx.edit_moov(data, add=[fx.keys_meta({
        "com.apple.quicktime.location.ISO6709": fx.ISO6709, "com.apple.quicktime.make": "Apple",
        "com.apple.quicktime.model": "iPhone 13", "com.apple.quicktime.software": "17.5.1",
        "com.apple.quicktime.creationdate": "2026-11-28T12:04:11-0600",
        "com.apple.quicktime.location.accuracy.horizontal": "4.7"})])
    return fx.mebx_track(data, "com.apple.quicktime.location.ISO6709", [fx.ISO6709, "+20.6598-103.3497+1550.000/"], 3)


def ai_tool() -> bytes:
    """An editor / AI video tool export: encoder tags, an XMP uuid box naming the account,
    a C2PA manifest, cover art with the source photo's EXIF, a WebVTT track."""
    data = fx.encode("mp4", chapters=[(0, 1, "Inicio"), (1, 2, f"Contacto {fx.PHONE}")])
    xmp = fx.xmp_packet(**{"dc:creator": fx.OWNER, "xmp:CreatorTool": "CapCut", "dc:description": f"WhatsApp {fx.PHONE3}"})
    data = fx.edit_moov(
        data,
        udta=[fx.itunes_meta(fx.ilst_item(b"\xa9too", "Lavf60.16.100"), fx.ilst_item(b"covr", fx.jpeg_with_gps(), 13),
                             fx.ilst_item(b"\xa9cmt", '{"aigc_info":{"aigc_label_type":1},"editor":"CapCut"}'))],
        before_moov=fx.box(b"uuid", fx.UUID_XMP, xmp) + fx.c2pa_box(),
    )
    return fx.wvtt_track(data, [f"Escríbenos: {fx.EMAIL}", "Ayúdanos a encontrarla"], 4)


def private_atoms() -> bytes:
    """A maker's private atom scrub has never heard of, holding a serial, and text left in
    a free box by an editor: reported, never copied."""
    data = fx.encode("3gp", seconds=1)
    return fx.edit_moov(data, udta=[fx.box(b"smta", fx.box(b"mdln", f"SM-A546E serial {fx.SERIAL}".encode()))],
                        before_moov=fx.box(b"free", f"old title: llama al {fx.PHONE}".encode()))


def old_phone() -> bytes:
    """A 3GP from an older phone: MPEG-4 Part 2 video, whose header the encoder signs in a
    user data section ("Lavc...", "DivX...", a maker's name)."""
    return fx.encode("3gp", video="mpeg4", seconds=1)


VIDEOS = {"android.mp4": android, "iphone.mov": iphone, "ai-tool.mp4": ai_tool, "maker.3gp": private_atoms,
          "old-phone.3gp": old_phone}
EXPECTED = {
    "android.mp4": {"img-gps", "img-text", "img-owner", "img-device", "img-software", "phone-number", "media-subtitles"},
    "iphone.mov": {"img-gps", "img-device", "img-software", "img-date"},
    "ai-tool.mp4": {"img-owner", "img-software", "img-text", "img-c2pa", "media-picture", "media-subtitles",
                    "phone-number", "email"},
    "maker.3gp": {"img-other-metadata", "phone-number"},
    "old-phone.3gp": {"img-software"},
}
PLANTED = [fx.PHONE, fx.PHONE2, fx.PHONE3, fx.OWNER, fx.EMAIL, "20.6597", "SM-A546E", "iPhone 13", "17.5.1", "samsung",
           "x264 - core", "x265 (build", "CapCut", "c2pa", "Lavf60", fx.SERIAL, "aigc"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return fx.family_folder(tmp_path_factory, "video", VIDEOS)


@pytest.fixture(scope="module")
def report(folder):
    return fx.checked(folder, "--no-ocr")  # the text in the picture: test_burnt_in_text_...


@pytest.fixture(scope="module")
def cleaned(folder, tmp_path_factory):
    return fx.cleaned(folder, tmp_path_factory, "--no-ocr")


@pytest.fixture(scope="module")
def exiftool():
    return fx.exiftool_fixture()


def rules_of(report: dict, name: str) -> set[str]:
    return {x["rule"] for x in fx.of(report, name)["findings"]}


@pytest.mark.parametrize("name", sorted(VIDEOS))
def test_every_place_is_reported(report, name):
    assert EXPECTED[name] <= rules_of(report, name), rules_of(report, name)
    assert fx.of(report, name)["kind"] == "mp4"
    assert "video-frames-not-read" in fx.of(report, name)["notes"]  # said plainly, never implied


def test_each_leak_is_reported_where_it_is(report):
    def where(name, rule):
        return [(x["location"]["segment"], x["location"]["tag"]) for x in fx.of(report, name)["findings"] if x["rule"] == rule]

    assert ("moov/udta", "©xyz") in where("android.mp4", "img-gps")
    assert any("ISO6709" in tag for _seg, tag in where("iphone.mov", "img-gps"))
    assert any(seg == "track 3" and "mebx" in tag for seg, tag in where("iphone.mov", "img-gps"))  # the mebx track
    assert any("SEI" in tag for _seg, tag in where("iphone.mov", "img-software"))
    assert any("SEI" in tag for _seg, tag in where("android.mp4", "img-software"))
    assert ("file uuid XMP", "creator") in where("ai-tool.mp4", "img-owner")
    # the subtitle cue's phone number carries its time range
    assert ("track 3 (mov_text)", "00:00:00.200 --> 00:00:01.500") in where("android.mp4", "phone-number")
    assert any(seg == "track 4 (webvtt)" for seg, _tag in where("ai-tool.mp4", "email"))
    # chapter titles (the editor's udta was replaced, so FFmpeg's reading of the chapter
    # track is what finds them: the cross-check of the two readers)
    assert any(tag.startswith("chapter") for _seg, tag in where("ai-tool.mp4", "phone-number"))
    assert any("mpeg4" in seg for seg, _tag in where("old-phone.3gp", "img-software"))


def test_subtitle_cues_come_out_as_timed_text(folder):
    assert streams.subtitle_cues((folder / "android.mp4").read_bytes()) == [(0.2, 1.5, f"Para informes llama al {fx.PHONE2}")]
    cues = streams.subtitle_cues((folder / "ai-tool.mp4").read_bytes())
    assert [text for _s, _e, text in cues] == [f"Escríbenos: {fx.EMAIL}", "Ayúdanos a encontrarla"]
    assert cues[1][0] == pytest.approx(1.0)


def test_values_in_the_report_are_masked(report):
    text = json.dumps(report, ensure_ascii=False)
    for raw in (fx.PHONE, fx.PHONE2, fx.OWNER, fx.EMAIL):
        assert raw not in text


def test_clean_succeeds_and_the_copies_check_clean(cleaned):
    fx.assert_copies_check_clean(cleaned, "--no-ocr")


def oracle_leaks(meta: dict) -> list[str]:
    return fx.oracle_leaks(meta, PLANTED)


@pytest.mark.parametrize("name", sorted(VIDEOS))
def test_exiftool_finds_nothing_in_the_copy(exiftool, cleaned, folder, name):
    out, _rep, _code = cleaned
    assert oracle_leaks(exiftool(out / name)) == []
    # ExifTool does not read a maker's unknown atoms, free boxes or MPEG-4 user data: scrub does
    if name not in ("maker.3gp", "old-phone.3gp"):
        assert oracle_leaks(exiftool(folder / name))  # the oracle sees the planted data in the original


@pytest.mark.parametrize("name", sorted(VIDEOS))
def test_planted_values_are_nowhere_in_the_copy(cleaned, name):
    out, _rep, _code = cleaned
    blob = (out / name).read_bytes()
    left = [raw for raw in PLANTED if raw.encode("utf-8") in blob]
    assert left == []


@pytest.mark.parametrize("name", sorted(VIDEOS))
def test_streams_are_copied_without_re_encoding(folder, cleaned, name):
    """Audio packets byte for byte; video packets byte for byte once the SEI units clean
    removes are taken out of the original's too."""
    out, _rep, _code = cleaned
    original, copy = fx.packets((folder / name).read_bytes()), fx.packets((out / name).read_bytes())
    assert [(kind, codec) for kind, codec, _p in original] == [(kind, codec) for kind, codec, _p in copy]
    for (kind, codec, before), (_k, _c, after) in zip(original, copy):
        if codec in ("h264", "hevc"):
            before = [fx.without_sei(p, codec) for p in before]
        assert before == after, (kind, codec)


@pytest.mark.parametrize("name", sorted(VIDEOS))
def test_the_copy_still_decodes(folder, cleaned, name):
    out, _rep, _code = cleaned
    frames, samples = fx.decoded_frames((out / name).read_bytes())
    assert (frames, samples) == fx.decoded_frames((folder / name).read_bytes())
    assert frames > 0


def test_mpeg4_user_data_is_blanked(folder, cleaned):
    """The VOL header's user data ("Lavc62...") goes; the AAC packets' own encoder name stays
    (they are copied as they are)."""
    import av
    import io

    out, _rep, _code = cleaned
    for path, signed in ((folder / "old-phone.3gp", True), (out / "old-phone.3gp", False)):
        with av.open(io.BytesIO(path.read_bytes())) as container:
            assert (b"Lavc" in container.streams.video[0].codec_context.extradata) is signed


def test_dates_are_zeroed_and_the_rotation_kept(exiftool, folder, cleaned):
    out, _rep, _code = cleaned
    before, after = exiftool(folder / "iphone.mov"), exiftool(out / "iphone.mov")
    assert before["QuickTime:CreateDate"].startswith("2026")
    assert {v for k, v in after.items() if k.partition(":")[2] in fx.DATE_TAGS} == {"0000:00:00 00:00:00"}
    assert after["Composite:Rotation"] == before["Composite:Rotation"] == 270


def test_the_copy_keeps_the_container_family(folder, cleaned):
    out, _rep, _code = cleaned
    assert atoms.brand((out / "iphone.mov").read_bytes()) == b"qt  "
    assert atoms.brand((out / "maker.3gp").read_bytes()).startswith(b"3gp")
    assert atoms.brand((out / "android.mp4").read_bytes()) == b"isom"


def test_a_copy_that_keeps_anything_is_refused(folder, monkeypatch, tmp_path):
    """The copy is read again by the same readers: if the rewrite left anything, no copy."""
    monkeypatch.setattr(remux, "remux", lambda data: data)
    result = runner.invoke(app, ["clean", "--format", "json", "--out", str(tmp_path), str(folder / "android.mp4")])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["files"][0]["error"] == "left-in-copy"
    assert not (tmp_path / "android.mp4").exists()


def test_a_cut_off_video_is_not_checked(folder, tmp_path):
    data = (folder / "android.mp4").read_bytes()
    (tmp_path / "cut.mp4").write_bytes(data[: len(data) // 2])
    result = runner.invoke(app, ["check", "--format", "json", str(tmp_path / "cut.mp4")])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["files"][0]["error"] == "media-damaged"


def test_a_codec_scrub_cannot_check_is_not_checked(tmp_path):
    """Motion-JPEG frames are JPEGs with their own EXIF: until they are read, not checked."""
    (tmp_path / "old-camera.mov").write_bytes(fx.encode("mov", video="mjpeg", audio=None, seconds=0.4, pix_fmt="yuvj420p"))
    result = runner.invoke(app, ["check", "--format", "json", str(tmp_path / "old-camera.mov")])
    assert result.exit_code == 2
    report = json.loads(result.stdout)["files"][0]
    assert report["error"] == "media-unsupported" and "mjpeg" in report["message"]


def test_faces_asked_for_on_a_video_are_looked_for(folder):
    """(tests/test_faces.py has videos with faces.)"""
    result = runner.invoke(app, ["check", "--faces", "--no-ocr", "--format", "json", str(folder / "iphone.mov")])
    f = json.loads(result.stdout)["files"][0]
    assert f["status"] != "error", f
    assert "video-frames-faces-only" in f["notes"]
    assert not any(x["rule"] == "img-face" for x in f["findings"])  # grey frames


def test_data_after_the_last_box_is_reported_and_dropped(folder, tmp_path):
    """Samsung phones append an SEF trailer (capture times, motion-photo data) after the
    movie's last box; other tools append their own bytes."""
    trailer = b"SEFH" + b"\x00" * 8 + f"Image_UTC_Data 1732817051000 {fx.OWNER}".encode() + b"SEFT"
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    (tmp_path / "samsung.mp4").write_bytes((folder / "maker.3gp").read_bytes() + trailer)
    report = json.loads(runner.invoke(app, ["check", "--format", "json", str(tmp_path / "samsung.mp4")]).stdout)
    assert ("after the last box", "img-trailer") in {(x["location"]["segment"], x["rule"]) for x in report["files"][0]["findings"]}
    result = runner.invoke(app, ["clean", "--out", str(tmp_path / "out"), str(tmp_path / "samsung.mp4")])
    assert result.exit_code == 0
    assert b"Image_UTC_Data" not in (tmp_path / "out" / "samsung.mp4").read_bytes()


def test_an_old_quicktime_movie_without_ftyp_is_read(folder, tmp_path):
    data = (folder / "iphone.mov").read_bytes()
    top = fx.boxes(data)
    assert top[0][0] == b"ftyp"
    (tmp_path / "old.mov").write_bytes(data[top[0][2]:])  # what QuickTime wrote before ftyp existed
    result = runner.invoke(app, ["check", "--format", "json", str(tmp_path / "old.mov")])
    report = json.loads(result.stdout)["files"][0]
    assert report["kind"] == "mp4" and "img-gps" in {x["rule"] for x in report["findings"]}


def test_an_mp4_from_the_command_line_end_to_end(folder, tmp_path, scrub_cmd):
    import subprocess

    fx.need_tesseract()  # the picture's text is read too

    check = subprocess.run([*scrub_cmd, "check", "--lang", "en", str(folder / "android.mp4")], capture_output=True, text=True)
    assert check.returncode == 1 and "GPS" in check.stdout
    clean = subprocess.run([*scrub_cmd, "clean", "--out", str(tmp_path), str(folder / "android.mp4")],
                           capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert subprocess.run([*scrub_cmd, "check", str(tmp_path / "android.mp4")], capture_output=True).returncode == 0


def _solid(picture, box, margin: int = 2) -> bool:
    """The box (a little inside it) is one flat colour: what a cover leaves."""
    import numpy as np

    x, y, w, h = box
    patch = np.asarray(picture.convert("L").crop((x + margin, y + margin, x + w - margin, y + h - margin)), dtype=float)
    return patch.size > 0 and patch.std() < 4


def _frames_at(data: bytes):
    import io

    import av

    with av.open(io.BytesIO(data)) as container:
        for frame in container.decode(container.streams.video[0]):
            yield frame.time, frame.to_image()


def test_burnt_in_text_is_read_with_its_box_and_time_and_covered_in_the_copy(tmp_path):
    """Subtitles drawn on the picture (what a video editor or an AI card tool burns in): the
    same rules and case file as a poster; each detail says its box and when it is shown;
    clean covers it on every frame it is shown in (the video encoded again, said in the
    report), keeps what may be shown, and copies the sound as it was."""
    fx.need_tesseract()
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    data = fx.encode("mp4", size=(640, 360), seconds=4, burnt_in=[
        (0.5, 2.0, f"Llama a su hermana al {fx.PHONE}"), (2.5, 4.0, "Ana Lucía Pérez Gómez")])
    (tmp_path / "ficha.mp4").write_bytes(data)
    report = json.loads(runner.invoke(app, ["check", "--format", "json", str(tmp_path / "ficha.mp4")]).stdout)["files"][0]
    assert "error" not in report
    assert "video-faces-speech-not-checked" in report["notes"]  # what is still not read is said
    phones = [x for x in report["findings"] if x["entity"] == "PHONE" and x["location"]["segment"] == "pixels"]
    assert len(phones) == 1, report["findings"]
    start, end = phones[0]["location"]["time"]
    assert 0.4 <= start <= 0.6 and 1.9 <= end <= 2.6 and phones[0]["location"]["boxes"]
    assert not [x for x in report["findings"] if x["entity"] == "PERSON"]  # the missing person's name is kept

    result = runner.invoke(app, ["clean", "--format", "json", "--out", str(tmp_path / "out"), str(tmp_path / "ficha.mp4")])
    cleaned = json.loads(result.stdout)["files"][0]
    assert result.exit_code == 0, cleaned
    assert "video-re-encoded" in cleaned["notes"] and not cleaned["remaining"]
    copy = (tmp_path / "out" / "ficha.mp4").read_bytes()
    box = phones[0]["location"]["box"]
    shown = [(t, before, after) for (t, before), (_t, after) in zip(_frames_at(data), _frames_at(copy)) if 0.5 <= t < 2.0]
    assert len(shown) == 37  # frames 13 to 49 at 25 a second: every frame the number is drawn on
    assert not any(_solid(before, box) for _t, before, _a in shown)  # the original shows it ...
    assert all(_solid(after, box) for _t, _b, after in shown)  # ... and the copy covers it on each
    # the copy is read again by OCR: nothing left, and the name the card needs is still there
    again = json.loads(runner.invoke(app, ["check", "--format", "json", str(tmp_path / "out" / "ficha.mp4")]).stdout)["files"][0]
    assert again["status"] == "clean", again
    from scrub.vision import ocr

    name_frame = next(after for t, after in _frames_at(copy) if t >= 3.0)
    assert "Pérez" in " ".join(w.text for w in ocr.read_words(name_frame, ocr.VARIANTS[0]))
    # the sound is copied packet for packet; the picture is H.264 again, as many frames
    (kind, codec, sound), = [p for p in fx.packets(data) if p[0] == "audio"]
    assert [p for p in fx.packets(copy) if p[0] == "audio"] == [(kind, codec, sound)]
    assert fx.decoded_frames(copy) == fx.decoded_frames(data)
    # no encoder settings (x264 writes them in an SEI message) and no metadata
    assert b"x264" not in copy and b"Lavf" not in copy
    # metadata only, when asked: said plainly
    no_ocr = json.loads(runner.invoke(app, ["check", "--no-ocr", "--format", "json", str(tmp_path / "ficha.mp4")]).stdout)
    assert "video-frames-not-read" in no_ocr["files"][0]["notes"]


def test_a_rotated_video_keeps_its_rotation_when_encoded_again(tmp_path, exiftool):
    """A phone filming upright stores the picture sideways and a rotation: the covered copy
    keeps the rotation, or it would play sideways."""
    fx.need_tesseract()
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    data = fx.encode("mov", size=(640, 360), seconds=2, rotation=90, burnt_in=[(0.0, 2.0, f"Llama al {fx.PHONE}")])
    (tmp_path / "phone.mov").write_bytes(data)
    result = runner.invoke(app, ["clean", "--format", "json", "--out", str(tmp_path / "out"), str(tmp_path / "phone.mov")])
    cleaned = json.loads(result.stdout)["files"][0]
    assert result.exit_code == 0 and "video-re-encoded" in cleaned["notes"], cleaned
    before, after = exiftool(tmp_path / "phone.mov"), exiftool(tmp_path / "out" / "phone.mov")
    assert after["Composite:Rotation"] == before["Composite:Rotation"] != 0


def test_without_tesseract_a_video_is_not_checked(folder, monkeypatch):
    from scrub.vision import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    result = runner.invoke(app, ["check", "--format", "json", str(folder / "android.mp4")])
    assert result.exit_code == 2 and json.loads(result.stdout)["files"][0]["error"] == "ocr-unavailable"
