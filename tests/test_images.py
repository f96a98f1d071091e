"""Images: every leak class is reported, removed by `clean` (as a current ExifTool sees
it), JPEG stays byte-identical in its scan data, and bad files fail closed."""
from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps
from typer.testing import CliRunner

import imagefixtures as fx
from scrub.cli import app
from scrub import formats
from scrub.formats.image.jpeg import segments
from scrub.policy import ErrorCode, Unverified

runner = CliRunner()


def run(*args):
    """scrub check/clean on metadata only: reading the pictures' text is tested in test_ocr."""
    command, rest = args[0], list(args[1:])
    return runner.invoke(app, [command, "--no-ocr", *rest], catch_exceptions=False)


@pytest.fixture(scope="module")
def exiftool():
    cmd = fx.exiftool_command()
    if cmd is None:
        if os.environ.get("SCRUB_REQUIRE_EXIFTOOL"):
            pytest.fail("a current ExifTool (>= 12.70) is required: .ci/run installs exiftool-vendored.pl")
        pytest.skip("no current ExifTool (>= 12.70) installed")

    def meta(path: Path) -> dict:
        out = subprocess.run([*cmd, "-j", "-a", "-G1", "-n", str(path)], capture_output=True, text=True)
        return json.loads(out.stdout)[0]

    return meta


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    folder = tmp_path_factory.mktemp("img")
    (folder / "case.toml").write_text('subject = ["Luis Alberto Ramírez Soto"]\npublic_contacts = ["911"]\n', encoding="utf-8")
    return fx.write_all(folder)


@pytest.fixture(scope="module")
def cleaned(images, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")
    folder = next(iter(images.values())).parent
    result = run("clean", "--format", "json", "--out", str(out), str(folder))
    return out, json.loads(result.stdout), result.exit_code


def rules_of(report: dict, name: str) -> set[str]:
    f = next(f for f in report["files"] if Path(f["path"]).name == name)
    return {x["rule"] for x in f["findings"] if x["severity"] != "info"}


@pytest.fixture(scope="module")
def report(images):
    folder = next(iter(images.values())).parent
    result = run("check", "--format", "json", str(folder))
    assert result.exit_code == 1
    return json.loads(result.stdout)


EXPECTED = {
    "sink.jpg": {"img-gps", "img-device-serial", "img-owner", "img-text", "img-thumbnail-differs", "img-icc-device",
                 "img-c2pa", "img-trailer", "img-edit-history", "img-place", "phone-number", "email", "mx-street-address"},
    "text.png": {"img-owner", "img-text", "img-gps", "phone-number"},
    "exif.webp": {"img-gps", "img-device-serial", "img-owner", "img-text"},
    "comment.gif": {"img-text", "phone-number"},
    "gps.tif": {"img-gps", "img-owner"},
    # XMP, IPTC and ICC stored as TIFF tags, and a second page with its own owner and phone
    "pages.tif": {"img-gps", "img-owner", "img-place", "img-icc-device", "img-edit-history", "img-c2pa", "phone-number"},
    "gps.heic": {"img-gps", "img-device-serial", "img-owner"},
    "gps.avif": {"img-gps", "img-device-serial", "img-owner", "phone-number"},
    "rotated.jpg": {"img-gps"},
    "rotated.webp": {"img-gps", "img-owner", "phone-number"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_leak_class_is_reported(report, name):
    assert EXPECTED[name] <= rules_of(report, name), rules_of(report, name)


def test_findings_carry_a_location_and_masked_values(report):
    sink = next(f for f in report["files"] if f["path"].endswith("sink.jpg"))
    for x in sink["findings"]:
        assert "location" in x and "segment" in x["location"] and "start" not in x
    assert fx.PHONE not in json.dumps(report, ensure_ascii=False)
    assert fx.SERIAL not in json.dumps(report, ensure_ascii=False)


def test_harmless_metadata_is_not_a_finding(report):
    assert rules_of(report, "harmless.jpg") == set()
    assert next(f for f in report["files"] if f["path"].endswith("harmless.jpg"))["status"] == "clean"


def test_clean_succeeds_and_copies_pass_a_second_check(cleaned):
    out, rep, code = cleaned
    assert code == 0, [(f["path"], f.get("message")) for f in rep["files"] if f["status"] != "clean"]
    assert run("check", str(out)).exit_code == 0


LEAK_GROUPS = ("GPS", "XMP", "IPTC", "Photoshop", "ICC_Profile", "IFD1", "JUMBF", "JSON", "C2PA", "MakerNotes", "MPF")
PNG_STRUCTURE = {"ImageWidth", "ImageHeight", "BitDepth", "ColorType", "Compression", "Filter", "Interlace",
                 "Gamma", "SRGBRendering", "PixelsPerUnitX", "PixelsPerUnitY", "PixelUnits", "Palette"}
LEAK_TAGS = ("Make", "Model", "SerialNumber", "LensSerialNumber", "Artist", "Copyright", "OwnerName", "XPComment",
             "UserComment", "ImageDescription", "Comment", "ThumbnailImage", "Author", "Description", "Parameters",
             "Software", "DateTimeOriginal", "ModifyDate")


@pytest.mark.parametrize("name", ["sink.jpg", "text.png", "exif.webp", "comment.gif", "gps.tif", "pages.tif", "gps.heic",
                                  "rotated.jpg", "rotated.webp", "gps.avif", "rotated.avif"])
def test_exiftool_sees_nothing_left(exiftool, cleaned, name):
    out, _rep, _code = cleaned
    meta = exiftool(out / name)
    # in a TIFF, IFD1 is the second page's own directory, not a thumbnail: its tags are
    # judged by name like every other
    groups = tuple(g for g in LEAK_GROUPS if g != "IFD1") if name.endswith(".tif") else LEAK_GROUPS
    left = []
    for key, value in meta.items():
        group, _, tag = key.partition(":")
        if group in ("System", "File", "Composite", "ExifTool"):
            continue
        if group.startswith(groups) or tag in LEAK_TAGS or (group == "PNG" and tag not in PNG_STRUCTURE):
            left.append(f"{key}={value}")
        if group == "ICC-header" and tag in ("DeviceManufacturer", "DeviceModel") and value not in ("", 0, "0"):
            left.append(f"{key}={value}")
    blob = (out / name).read_bytes()
    for raw in (fx.PHONE, fx.EMAIL, "Rosa", fx.SERIAL, "c2pa", "Jacarandas"):
        if raw.encode() in blob:
            left.append(f"raw bytes {raw!r}")
    assert not left, left


def test_sanity_exiftool_sees_the_leaks_before_cleaning(exiftool, images):
    meta = exiftool(images["sink.jpg"])
    assert "GPS:GPSLatitude" in meta and "IFD1:ThumbnailImage" in meta and "IPTC:By-line" in meta


def scan_data(data: bytes) -> bytes:
    """Everything from the first start-of-scan marker of the main image to its end marker
    (a thumbnail inside EXIF has start-of-scan bytes of its own, so the segments are walked)."""
    segs, end = segments(data)
    start = next(s for marker, _payload, s, _e in segs if marker == 0xDA)
    return data[start:end]


def test_jpeg_clean_is_lossless(images, cleaned):
    out, _rep, _code = cleaned
    original, clean = images["sink.jpg"].read_bytes(), (out / "sink.jpg").read_bytes()
    assert scan_data(original) == scan_data(clean)
    assert clean.rindex(b"\xff\xd9") == len(clean) - 2  # no trailer
    a = np.asarray(Image.open(io.BytesIO(original)).convert("RGB"))
    b = np.asarray(Image.open(io.BytesIO(clean)).convert("RGB"))
    assert np.array_equal(a, b)


def displayed(data: bytes) -> np.ndarray:
    return np.asarray(ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB")).astype(int)


@pytest.mark.parametrize("name", ["rotated.jpg", "rotated.webp", "text.png", "exif.webp", "comment.gif", "gps.tif",
                                  "pages.tif"])
def test_clean_copy_displays_the_same(images, cleaned, name):
    out, _rep, _code = cleaned
    a, b = displayed(images[name].read_bytes()), displayed((out / name).read_bytes())
    assert a.shape == b.shape and np.array_equal(a, b)


def test_heic_clean_copy_looks_the_same(images, cleaned):
    import pillow_heif

    pillow_heif.register_heif_opener()
    out, _rep, _code = cleaned
    a, b = displayed(images["gps.heic"].read_bytes()), displayed((out / "gps.heic").read_bytes())
    assert a.shape == b.shape and np.abs(a - b).mean() < 3


@pytest.mark.parametrize("name", ["gps.avif", "rotated.avif"])
def test_avif_clean_copy_looks_the_same_and_does_not_turn(images, cleaned, name):
    out, _rep, _code = cleaned
    a, b = displayed(images[name].read_bytes()), displayed((out / name).read_bytes())
    assert a.shape == b.shape and np.abs(a - b).mean() < 3
    if name == "rotated.avif":
        assert a.shape[:2] == (320, 200)  # shown upright: turned by the container's irot box


def test_an_image_the_decoder_cannot_read_is_unverified_not_a_crash(tmp_path, monkeypatch):
    """A codec that is not built in, or a structure nobody foresaw, makes that one file
    unverified (exit 2) with the reason, and the rest of the batch goes on."""
    def broken(_data, _inspection):
        raise RuntimeError("Support for this compression format has not been built in")

    monkeypatch.setattr(formats.named("webp"), "strip", broken)
    (tmp_path / "a.webp").write_bytes(fx.webp_with_exif_xmp())
    (tmp_path / "b.gif").write_bytes(fx.gif_with_comment())
    out = tmp_path / "out"
    result = run("clean", "--format", "json", "--lang", "en", "--out", str(out), str(tmp_path))
    assert result.exit_code == 2
    by_name = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert by_name["a.webp"]["status"] == "error" and "compression format" in by_name["a.webp"]["message"]
    assert by_name["b.gif"]["status"] == "clean" and (out / "b.gif").exists() and not (out / "a.webp").exists()


def test_avif_and_heic_are_told_apart_by_their_brands():
    assert formats.sniff(fx.avif_with_gps()[:64]) == "avif"
    assert formats.sniff(fx.heic_with_gps()[:64]) == "heic"


def test_plain_icc_profile_is_kept(images, cleaned):
    out, _rep, _code = cleaned
    original = Image.open(images["harmless.jpg"]).info.get("icc_profile")
    assert original and Image.open(out / "harmless.jpg").info.get("icc_profile") == original


def test_a_thumbnail_that_matches_the_picture_is_removed_but_not_a_leak(tmp_path):
    p = tmp_path / "same.jpg"
    p.write_bytes(fx.same_thumbnail_jpeg())
    rep = json.loads(run("check", "--format", "json", str(p)).stdout)
    assert "img-thumbnail-differs" not in {x["rule"] for x in rep["files"][0]["findings"]}
    out = tmp_path / "out"
    run("clean", "--out", str(out), str(p))
    import piexif

    assert piexif.load(str(out / "same.jpg"))["thumbnail"] is None


BAD = {
    "truncated.jpg": lambda: fx.kitchen_sink_jpeg()[:3000],
    "empty.jpg": lambda: b"",
    "png-named.jpg": fx.png_with_text,
    "text-named.png": lambda: "Llama al 33 1874 5520".encode(),
    "bomb.png": fx.bomb_png,
    "bad-crc.png": fx.bad_crc_png,
    "garbage.webp": lambda: b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 3,
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_images_fail_closed(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(BAD[name]())
    result = run("check", "--format", "json", "--lang", "en", str(p))
    assert result.exit_code == 2
    f = json.loads(result.stdout)["files"][0]
    assert f["status"] == "error" and f["message"]
    out = tmp_path / "out"
    clean = run("clean", "--out", str(out), str(p))
    assert clean.exit_code == 2
    if name != "png-named.jpg":  # a mislabelled file is still cleaned, and reported
        assert not (out / name).exists()


def test_bomb_is_refused_without_decoding(tmp_path):
    with pytest.raises(Unverified) as err:
        formats.named("png").inspected(fx.bomb_png())
    assert err.value.code == ErrorCode.IMAGE_TOO_BIG


def test_images_without_free_text_need_no_language_model(images):
    """Checking pure-metadata images must not load the spaCy model (speed, memory)."""
    code = (
        "import sys; from scrub.api import check; check([sys.argv[1]], ocr=False);"
        "import scrub.text.engine as e; print(e._shared is None or not e._shared.nlp_engine.model_loaded)"
    )
    import sys

    out = subprocess.run([sys.executable, "-c", code, str(images["rotated.jpg"])], capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr


def test_a_zlib_bomb_in_a_text_chunk_is_read_only_so_far(tmp_path):
    """A 256 MB zTXt inflating from ~250 kB: read up to a cap, and reported."""
    import struct
    import zlib

    bomb = zlib.compressobj(9)
    packed = bomb.compress(b"33 1874 5520 " + b"\x00" * (1 << 28)) + bomb.flush()
    body = b"Comment\x00\x00" + packed
    chunk = struct.pack(">I", len(body)) + b"zTXt" + body + struct.pack(">I", zlib.crc32(b"zTXt" + body) & 0xFFFFFFFF)
    png = fx.png_with_text()
    data = png[:33] + chunk + png[33:]  # after the signature and IHDR
    (tmp_path / "bomb.png").write_bytes(data)
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = run("check", "--format", "json", str(tmp_path / "bomb.png"))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert result.exit_code == 1 and grown_mb < 200
    assert "phone-number" in {x["rule"] for x in json.loads(result.stdout)["files"][0]["findings"]}


def test_a_jpeg_declaring_too_many_pixels_is_refused_before_decoding():
    import struct

    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 60000, 60000, 1) + b"\x01\x11\x00"
    data = b"\xff\xd8" + frame + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x00" * 10 + b"\xff\xd9"
    with pytest.raises(Unverified) as err:
        formats.named("jpeg").inspected(data)
    assert err.value.code == ErrorCode.IMAGE_TOO_BIG


def test_the_same_metadata_is_judged_by_each_photos_own_case_file(tmp_path):
    """The text found in a field is remembered across the photos of a batch, but what is
    public depends on each photo's case file: the collective's hotline in one folder is a
    family phone in the other."""
    import piexif

    exif = piexif.dump({"0th": {piexif.ImageIFD.ImageDescription: f"Informes al {fx.PHONE}".encode()}})
    photo = fx.jpeg_bytes(fx.picture(), exif=exif)
    for folder, public in (("a", fx.PHONE), ("b", "911"), ("c", fx.PHONE)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "foto.jpg").write_bytes(photo)
        (tmp_path / folder / "case.toml").write_text(f'public_contacts = ["{public}"]\n', encoding="utf-8")
    rep = json.loads(run("check", "--format", "json", str(tmp_path)).stdout)
    phones = {Path(f["path"]).parent.name: [x for x in f["findings"] if x["entity"] == "PHONE"] for f in rep["files"]}
    assert phones["a"] == [] and phones["c"] == []
    assert len(phones["b"]) == 1 and phones["b"][0]["location"]["tag"] == "ImageDescription"


def test_terminal_report_groups_metadata_by_what_it_reveals(images):
    """A volunteer reads one line per kind of leak ("dueño o autor", "ubicación GPS"), not
    one per field with container jargon, and is told that clean removes it all."""
    result = run("check", "--lang", "es", str(images["sink.jpg"]))
    text = result.stdout
    assert "APP1" not in text and "0th" not in text
    for label in ("ubicación GPS", "dueño o autor", "número de serie", "teléfono", "manifiesto C2PA"):
        assert label in text, label
    assert "img-owner" not in text  # rule ids only with --verbose
    verbose = run("check", "--lang", "es", "--verbose", str(images["sink.jpg"])).stdout
    assert "APP1" not in verbose and "0th" not in verbose
    rows = [line for line in verbose.splitlines() if "img-owner" in line]
    assert len(rows) == 1  # Artist, Copyright, XMP creator, IPTC By-line...: one row
    assert "scrub clean" in text
    assert fx.PHONE not in text and fx.OWNER not in text


def _with_extras(kind: str) -> bytes:
    """A picture with an unknown container holding a phone number, and data after its end."""
    import struct
    import zlib

    secret = f"llamar al {fx.PHONE}".encode()
    if kind == "webp":
        base = io.BytesIO()
        fx.picture().save(base, "WEBP")
        data = base.getvalue()
        extra = b"XYZW" + struct.pack("<I", len(secret)) + secret + b"\x00" * (len(secret) % 2)
        return b"RIFF" + struct.pack("<I", len(data) - 8 + len(extra)) + data[8:] + extra + b"Rosa Soto"
    if kind == "png":
        base = io.BytesIO()
        fx.picture().save(base, "PNG")
        data = base.getvalue()
        chunk = struct.pack(">I", len(secret)) + b"prVt" + secret + struct.pack(">I", zlib.crc32(b"prVt" + secret))
        return data[:33] + chunk + data[33:] + b"Rosa Soto"
    jpeg = fx.jpeg_bytes(fx.picture())
    return fx.insert_after_soi(jpeg, fx.segment(0xE9, b"VENDOR\x00" + secret)) + b"Rosa Soto"


@pytest.mark.parametrize("kind", ["webp", "png", "jpeg"])
def test_unknown_containers_are_read_and_trailers_found(tmp_path, kind):
    """A maker's private chunk is not a standard scrub knows, but a phone number in it is
    still a phone number; bytes after the end of the picture are a leak of their own."""
    name = f"x.{'jpg' if kind == 'jpeg' else kind}"
    (tmp_path / name).write_bytes(_with_extras(kind))
    rep = json.loads(run("check", "--format", "json", str(tmp_path / name)).stdout)
    rules = {x["rule"] for x in rep["files"][0]["findings"]}
    assert {"phone-number", "img-trailer"} <= rules, rules
    out = tmp_path / "out"
    assert run("clean", "--out", str(out), str(tmp_path / name)).exit_code == 0
    blob = (out / name).read_bytes()
    assert fx.PHONE.encode() not in blob and b"Rosa" not in blob


def test_damaged_images_never_crash_and_never_pass_as_clean_with_a_leak_inside(images, tmp_path):
    """Every fixture cut short, bit-flipped or zeroed in places (a fixed random sample):
    check and clean answer for each file without a traceback, and no damaged file that
    still holds a planted value is called clean."""
    import random

    from scrub import api

    rng = random.Random(7)
    planted = [v.encode() for v in (fx.PHONE, "Rosa", fx.SERIAL, "Jacarandas")]
    for name, path in images.items():
        data = path.read_bytes()
        for i in range(12):
            damaged = bytearray(data)
            how = ("cut", "flip", "zero")[i % 3]
            if how == "cut":
                damaged = damaged[:rng.randrange(len(data) - 1)]
            elif how == "flip":
                for _ in range(rng.randint(1, 8)):
                    j = rng.randrange(len(damaged))
                    damaged[j] ^= 1 << rng.randrange(8)
            else:
                j = rng.randrange(len(damaged))
                k = min(len(damaged), j + rng.randint(1, 64))
                damaged[j:k] = bytes(k - j)
            f = tmp_path / f"{i}_{name}"
            f.write_bytes(bytes(damaged))
            status = api.check([str(f)], ocr=False).files[0].status().value
            api.clean([str(f)], out_dir=tmp_path / "out", ocr=False)  # must not raise
            if status == "clean":
                assert not any(p in damaged for p in planted), f"{f.name} ({how}) called clean"


def test_gif_icc_profile_naming_a_device_is_removed_and_a_plain_one_kept(tmp_path):
    from PIL import ImageCms

    device = fx.icc_profile("EPSON Perfection X8 sn X8PK021377 de Rosa", "Perfection X8 X8PK021377")
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    (tmp_path / "device.gif").write_bytes(fx.gif_with_icc(device))
    (tmp_path / "plain.gif").write_bytes(fx.gif_with_icc(srgb))
    rep = json.loads(run("check", "--format", "json", str(tmp_path)).stdout)
    rules = {Path(f["path"]).name: {x["rule"] for x in f["findings"] if x["severity"] != "info"} for f in rep["files"]}
    assert "img-icc-device" in rules["device.gif"] and rules["plain.gif"] == set()
    out = tmp_path / "out"
    assert run("clean", "--out", str(out), str(tmp_path)).exit_code == 0
    assert b"X8PK021377" not in (out / "device.gif").read_bytes()
    kept = formats.named("gif").inspected((out / "plain.gif").read_bytes()).items
    assert [(i.segment, i.kind) for i in kept] == [("ICC extension", "harmless")]


def test_a_motion_photo_video_inside_a_heic_is_a_leak_of_its_own(tmp_path):
    """Samsung's motion photos carry seconds of video (and sound) in an 'mpvd' box."""
    video = b"ftypmp42" + b"\x00" * 8 + b"video of the street"
    data = fx.heic_with_gps() + (8 + len(video)).to_bytes(4, "big") + b"mpvd" + video
    (tmp_path / "motion.heic").write_bytes(data)
    rep = json.loads(run("check", "--format", "json", str(tmp_path / "motion.heic")).stdout)
    assert "img-trailer" in {x["rule"] for x in rep["files"][0]["findings"]}
    out = tmp_path / "out"
    assert run("clean", "--out", str(out), str(tmp_path / "motion.heic")).exit_code == 0
    assert b"video of the street" not in (out / "motion.heic").read_bytes()


def test_imagemagick_raw_profiles_in_png_text_are_read_as_what_they_are(tmp_path):
    """ImageMagick keeps EXIF as hexadecimal in a text chunk named 'Raw profile type exif':
    the GPS position inside is reported as a position, and the chunk is gone after clean."""
    from PIL.PngImagePlugin import PngInfo

    exif = fx.full_exif().hex()
    body = f"\nexif\n{len(exif) // 2:8d}\n" + "\n".join(exif[i:i + 72] for i in range(0, len(exif), 72)) + "\n"
    info = PngInfo()
    info.add_text("Raw profile type exif", body, zip=True)
    out = io.BytesIO()
    fx.picture().save(out, "PNG", pnginfo=info)
    (tmp_path / "magick.png").write_bytes(out.getvalue())
    rep = json.loads(run("check", "--format", "json", str(tmp_path / "magick.png")).stdout)
    rules = {x["rule"] for x in rep["files"][0]["findings"]}
    assert {"img-gps", "img-device-serial", "img-owner", "phone-number"} <= rules
    cleaned = tmp_path / "out"
    assert run("clean", "--out", str(cleaned), str(tmp_path / "magick.png")).exit_code == 0
    assert b"Raw profile" not in (cleaned / "magick.png").read_bytes()


def test_people_tagged_in_xmp_face_regions_and_the_creators_address_are_owner_data():
    """Photo managers write the names of the people they recognise (mwg-rs regions) and the
    creator's contact card into XMP: who is in the picture, and where the family lives."""
    from scrub.formats.meta.items import OWNER
    from scrub.formats.meta.xmp import xmp_items

    packet = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"'
        b' xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">'
        b'<mwg-rs:Regions rdf:parseType="Resource"><mwg-rs:RegionList><rdf:Bag><rdf:li>'
        b'<rdf:Description mwg-rs:Name="Pedro Soto" mwg-rs:Type="Face"/></rdf:li></rdf:Bag></mwg-rs:RegionList>'
        b'</mwg-rs:Regions><Iptc4xmpCore:CreatorContactInfo rdf:parseType="Resource">'
        b'<Iptc4xmpCore:CiAdrCity>Tlaquepaque</Iptc4xmpCore:CiAdrCity><Iptc4xmpCore:CiAdrPcode>45590</Iptc4xmpCore:CiAdrPcode>'
        b'</Iptc4xmpCore:CreatorContactInfo></rdf:Description></rdf:RDF></x:xmpmeta>'
    )
    kinds = {i.value: i.kind for i in xmp_items(packet, "XMP")}
    assert kinds["Pedro Soto"] == OWNER and kinds["Tlaquepaque"] == OWNER and kinds["45590"] == OWNER
    assert kinds["Face"] != OWNER
