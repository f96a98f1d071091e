"""Issue 14, "Called clean although a phone number was in the file": each input holds the
planted phone (33 1842 7765) somewhere a reader or an extortionist can see it; scrub must
report a blocking finding or say the file was not checked, never call it clean."""
from __future__ import annotations

import io

import hostile_inputs as H
import piexif
import pytest
from hostile_support import (
    DIGITS,
    PHONE,
    Batch,
    assert_entry_not_clean,
    assert_inputs_untouched,
    assert_no_internal_error,
    assert_not_clean,
    blocking,
    exiftool_dump,
    run_scrub,
    tree_state,
)

ASS = H.ass_variants()
ASS_DAMAGED = H.ass_damaged_variants()
ANSI = H.ansi_variants()
VTT_CUE_IDS = H.vtt_cue_identifiers()
FALSE_UTF16 = H.false_utf16_marks()
TIMING_TAILS = H.timing_line_tails()
WORD_CORE = ["dc:title", "dc:subject", "dc:description", "cp:keywords"]
WORD_PARTS = {
    "field-code-instrText": H.docx_field_code,
    "picture-alt-text-docPr-descr": H.docx_alt_text,
    "glossary-document": H.docx_glossary,
    "embedded-picture-exif": H.docx_picture_exif,
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Every text, subtitle and Word input of this module, checked in one run."""
    folder = tmp_path_factory.mktemp("called-clean")
    for way_id, way in H.GLUED.items():
        H.write(folder / f"glued-{way_id}.txt", H.glued_text(way))
    for key, text in ANSI.items():
        H.write(folder / f"ansi-{key}.txt", text)
    H.write(folder / "note.vtt", H.vtt_note())
    H.write(folder / "style.vtt", H.vtt_style())
    H.write(folder / "lone.srt", H.srt_lone_phone())
    for key, text in TIMING_TAILS.items():
        H.write(folder / f"timing-{key}.{key[:3]}", text)
    for key, data in FALSE_UTF16.items():
        H.write(folder / f"utf-mark-{key}.srt", data)
    for key, text in VTT_CUE_IDS.items():
        H.write(folder / f"cue-id-{key}.vtt", text)
    for key, text in ASS.items():
        H.write(folder / f"ass-{key}.ass", text)
    for key, text in ASS_DAMAGED.items():
        H.write(folder / f"damaged-{key}.ass", text)
    for prop in WORD_CORE:
        H.write(folder / f"core-{prop.split(':')[1]}.docx", H.docx_core_property(prop))
    for key, build in WORD_PARTS.items():
        H.write(folder / f"word-{key}.docx", build())
    return Batch(folder)


def test_the_batch_changed_no_input_and_wrote_nothing(batch):
    assert_inputs_untouched(batch.before, batch.after)


# ---- a phone glued to a word or a full stop ---------------------------------------------

@pytest.mark.parametrize("way_id", list(H.GLUED))
def test_phone_glued_to_a_word_or_a_full_stop_is_found(batch, way_id):
    entry, _run = batch.entry(f"glued-{way_id}.txt")
    assert entry["status"] == "findings", entry
    phones = [f for f in blocking(entry) if f["entity"] in ("PHONE", "NUMBER")]
    assert phones, f"{H.GLUED[way_id]!r}: no phone found: {entry['findings']}"
    # the finding covers the digits (not only the word before them)
    text = H.glued_text(H.GLUED[way_id])
    digits_at = text.index(DIGITS[:2], text.index("comunícate"))
    assert any(f["start"] <= digits_at < f["end"] for f in phones), phones


# ---- text formats: what is not dialogue is still text -----------------------------------

@pytest.mark.parametrize("key", list(ANSI))
def test_phone_hidden_by_ansi_escape_codes_is_not_clean(batch, key):
    entry, run = batch.entry(f"ansi-{key}.txt")
    assert_entry_not_clean(entry, run, f"ANSI {key}")


@pytest.mark.parametrize("name", ["note.vtt", "style.vtt"], ids=["webvtt-NOTE-block", "webvtt-STYLE-block"])
def test_phone_in_a_webvtt_note_or_style_block_is_not_clean(batch, name):
    entry, run = batch.entry(name)
    assert_entry_not_clean(entry, run, name)


def test_phone_alone_on_a_line_after_a_blank_line_in_srt_is_not_a_cue_number(batch):
    entry, run = batch.entry("lone.srt")
    assert_entry_not_clean(entry, run, "lone line in SRT")


@pytest.mark.parametrize("key", list(TIMING_TAILS))
def test_phone_after_the_timings_of_a_timing_line_is_not_clean(batch, key):
    entry, run = batch.entry(f"timing-{key}.{key[:3]}")
    assert_entry_not_clean(entry, run, f"timing line {key}")


@pytest.mark.parametrize("key", list(FALSE_UTF16))
def test_utf8_text_behind_a_utf16_mark_is_not_clean(batch, key):
    entry, run = batch.entry(f"utf-mark-{key}.srt")
    assert_entry_not_clean(entry, run, f"UTF-16 mark on UTF-8 text ({key})")


@pytest.mark.parametrize("key", list(VTT_CUE_IDS))
def test_phone_where_a_webvtt_cue_identifier_goes_is_not_clean(batch, key):
    entry, run = batch.entry(f"cue-id-{key}.vtt")
    assert_entry_not_clean(entry, run, f"WebVTT cue identifier {key}")


@pytest.mark.parametrize("key", list(ASS))
def test_phone_on_an_ass_style_or_non_dialogue_line_is_not_clean(batch, key):
    entry, run = batch.entry(f"ass-{key}.ass")
    assert_entry_not_clean(entry, run, f"ASS {key}")


@pytest.mark.parametrize("key", list(ASS_DAMAGED))
def test_damaged_ass_holding_a_phone_is_not_clean(batch, key):
    entry, run = batch.entry(f"damaged-{key}.ass")
    assert_entry_not_clean(entry, run, f"damaged ASS {key}")


# ---- Word: every part a reader can see --------------------------------------------------

@pytest.mark.parametrize("prop", WORD_CORE)
def test_phone_only_in_word_core_properties_is_not_clean(batch, prop):
    entry, run = batch.entry(f"core-{prop.split(':')[1]}.docx")
    assert_entry_not_clean(entry, run, f"docx {prop}")


@pytest.mark.parametrize("key", list(WORD_PARTS))
def test_phone_in_a_hidden_word_part_is_not_clean(batch, key):
    entry, run = batch.entry(f"word-{key}.docx")
    assert_entry_not_clean(entry, run, f"docx {key}")


@pytest.mark.parametrize("how", ["version", "method"])
def test_word_document_its_zip_reader_refuses_is_not_checked(tmp_path, how):
    """Whatever zipfile raises on a damaged package (not only BadZipFile) makes the file
    not checked, never a traceback (fuzz: NotImplementedError 'zip file version 10.5')."""
    path = H.write(tmp_path / "guion.docx", H.zip_refused_by_its_reader(H.docx_core_property("dc:title"), how))
    for args in (["check"], ["clean", "--out", str(tmp_path / "out")]):
        run = run_scrub([*args, "--jobs", "1", "--no-ocr", "--format", "json", path])
        assert_no_internal_error(run)
        assert_not_clean(run, f"Word document, zip damaged ({how})")
    for copy in (tmp_path / "out").rglob("*") if (tmp_path / "out").exists() else []:
        assert not copy.is_file() or PHONE.encode() not in copy.read_bytes()


# ---- HEIC / AVIF: an Exif item no iref cdsc links ---------------------------------------

UNLINKED = {"heic": H.heic_with_exif, "avif": H.avif_with_exif}


@pytest.fixture(scope="module")
def unlinked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("unlinked-exif")
    for kind, build in UNLINKED.items():
        H.write(folder / f"foto.{kind}", H.unlink_exif(build()))
    return folder


@pytest.mark.parametrize("kind", list(UNLINKED))
def test_exif_item_not_linked_by_iref_cdsc_is_read(unlinked, kind):
    path = unlinked / f"foto.{kind}"
    oracle = exiftool_dump(path)
    assert "GPSLatitude" in oracle and "1842" in oracle, f"precondition: ExifTool reads the unlinked item:\n{oracle}"
    before = tree_state(unlinked)
    run = run_scrub(["check", "--jobs", "1", "--no-ocr", "--format", "json", path])
    assert_not_clean(run, f"unlinked Exif in {kind}")
    assert_inputs_untouched(before, tree_state(unlinked))
    entry = run.json()["files"][0]
    if entry["status"] == "findings":
        entities = {f["entity"] for f in blocking(entry)}
        assert {"GPS", "PHONE"} <= entities, f"ExifTool shows GPS and a phone; scrub found {entities}"


@pytest.mark.parametrize("kind", list(UNLINKED))
def test_clean_copy_of_unlinked_exif_holds_no_gps_or_phone(unlinked, kind, tmp_path):
    path = unlinked / f"foto.{kind}"
    run = run_scrub(["clean", "--jobs", "1", "--no-ocr", "--format", "json", path, "--out", tmp_path / "out"])
    copies = list((tmp_path / "out").rglob("*")) if (tmp_path / "out").exists() else []
    if run.returncode == 2 and not copies:
        return  # refused: nothing published
    assert copies, run.describe()
    for copy in copies:
        dump = exiftool_dump(copy)
        assert "GPSLatitude" not in dump and "1842" not in dump, dump
        assert DIGITS.encode() not in copy.read_bytes() and PHONE.encode() not in copy.read_bytes()


@pytest.mark.parametrize("kind", list(UNLINKED))
def test_damaged_heif_item_list_is_not_clean(kind, tmp_path):
    """An iinf box whose entries are not exactly its count of infe boxes hides items (fuzz:
    an Exif item with the phone, its infe type overwritten, was called clean)."""
    path = tmp_path / f"foto.{kind}"
    H.write(path, H.damage_item_list(UNLINKED[kind]()))
    assert PHONE.encode() in path.read_bytes() or DIGITS.encode() in path.read_bytes()
    run = run_scrub(["check", "--jobs", "1", "--no-ocr", "--format", "json", path])
    assert_not_clean(run, f"{kind} item list damaged")


# ---- GIF: Plain Text Extension and unknown extension labels -----------------------------

GIF_EXTENSIONS = {
    "plain-text-extension": H.gif_plain_text_extension,
    "unknown-label-0x99": lambda: H.gif_unknown_extension(0x99),
    "unknown-label-0x02": lambda: H.gif_unknown_extension(0x02),
}


@pytest.mark.parametrize("key", list(GIF_EXTENSIONS))
def test_gif_extension_holding_a_phone_is_found(tmp_path, key):
    path = H.write(tmp_path / "in" / "ficha.gif", H.gif_with_extension(GIF_EXTENSIONS[key]()))
    before = tree_state(tmp_path)
    run = run_scrub(["check", "--jobs", "1", "--no-ocr", "--format", "json", path])
    assert_not_clean(run, f"GIF {key}")
    assert_inputs_untouched(before, tree_state(tmp_path))


@pytest.mark.parametrize("key", list(GIF_EXTENSIONS))
def test_clean_removes_a_gif_extension_holding_a_phone(tmp_path, key):
    path = H.write(tmp_path / "in" / "ficha.gif", H.gif_with_extension(GIF_EXTENSIONS[key]()))
    run = run_scrub(["clean", "--jobs", "1", "--no-ocr", "--format", "json", path, "--out", tmp_path / "out"])
    copy = tmp_path / "out" / "ficha.gif"
    assert copy.exists(), f"no clean copy written:\n{run.describe()}"
    problem = H.gif_phone_left(copy.read_bytes())
    assert problem is None, f"the clean copy still carries the extension: {problem}\n{run.describe()}"


@pytest.mark.parametrize("comment", [False, True], ids=["image-data-only", "and-a-comment"])
def test_phone_in_gif_image_data_is_not_clean_and_not_kept(tmp_path, comment):
    """Bytes a copy keeps verbatim (a GIF's image data) are swept for readable numbers:
    a phone there is never called clean, and no clean copy keeps it (fuzz: a comment
    extension spliced into the LZW data survived clean)."""
    path = H.write(tmp_path / "in" / "ficha.gif", H.gif_phone_in_image_data(comment))
    run = run_scrub(["check", "--jobs", "1", "--no-ocr", "--format", "json", path])
    assert_not_clean(run, "GIF image data holding the phone")
    run = run_scrub(["clean", "--jobs", "1", "--no-ocr", "--format", "json", path, "--out", tmp_path / "out"])
    for copy in (tmp_path / "out").rglob("*") if (tmp_path / "out").exists() else []:
        if copy.is_file():
            data = copy.read_bytes()
            assert PHONE.encode() not in data and DIGITS.encode() not in data, run.describe()


# ---- damaged pictures, and OCR of HEIC posters ------------------------------------------

def _damaged_poster(kind: str) -> bytes:
    im = H.poster()
    if kind == "gif":
        return H.damage_gif_pixels(H.encode(im, "GIF"))
    data = H.encode(im, "HEIC") if kind == "heic" else H.encode(im, "AVIF", quality=90)
    return H.damage_mdat(data)


@pytest.mark.parametrize("kind", ["avif", "heic", "gif"])
def test_damaged_picture_with_a_drawn_phone_is_not_clean(tmp_path, kind, tesseract):
    data = _damaged_poster(kind)
    assert not H.pixels_decode(data, kind), "precondition: the damaged pixels cannot be decoded"
    path = H.write(tmp_path / f"cartel.{kind}", data)
    run = run_scrub(["check", "--jobs", "1", "--format", "json", path])
    assert_not_clean(run, f"damaged {kind} poster")
    entry = run.json()["files"][0]
    # its only phone is in the pixels, which cannot be read: not checked
    assert entry["status"] == "error", entry


def _gif_comment_with_bad_length() -> bytes:
    data = H.gif_with_extension(b"\x21\xfe" + H.gif_sub_blocks(f"Informes al {PHONE}".encode()))
    pos = H.gif_header_end(data)
    return data[:pos + 2] + bytes([250]) + data[pos + 3:]  # the sub-block claims 250 bytes


DAMAGED_METADATA = {
    "heic-exif-header": lambda: H.damage_exif_header(H.heic_with_exif()),
    "avif-exif-header": lambda: H.damage_exif_header(H.avif_with_exif()),
    "heic-tiff-header": lambda: H.damage_tiff_header(H.heic_with_exif()),
    "avif-tiff-header": lambda: H.damage_tiff_header(H.avif_with_exif()),
    "gif-comment-length": _gif_comment_with_bad_length,
}


@pytest.mark.parametrize("key", list(DAMAGED_METADATA))
@pytest.mark.parametrize("ocr", [True, False], ids=["ocr", "no-ocr"])
def test_damaged_picture_with_a_phone_in_its_metadata_is_not_clean(tmp_path, key, ocr):
    data = DAMAGED_METADATA[key]()
    assert PHONE.encode() in data or DIGITS.encode() in data, "precondition: the phone's bytes are in the file"
    path = H.write(tmp_path / f"foto.{key.split('-')[0]}", data)
    run = run_scrub(["check", "--jobs", "1", "--format", "json", *([] if ocr else ["--no-ocr"]), path])
    assert_not_clean(run, f"damaged {key}")


def _heic_10_bit(im) -> bytes:
    import numpy as np
    import pillow_heif

    wide = (np.asarray(im.convert("RGB")).astype(np.uint16) << 8).tobytes()
    out = io.BytesIO()
    pillow_heif.from_bytes(mode="RGB;16", size=im.size, data=wide).save(out, quality=95)
    return out.getvalue()


HEIC_POSTERS = {
    "8-bit": lambda im: H.encode(im, "HEIC", quality=95),
    "8-bit-quality-50": lambda im: H.encode(im, "HEIC", quality=50),
    "10-bit": _heic_10_bit,
    "stored-sideways-irot": lambda im: H.encode(im.rotate(90, expand=True), "HEIC", quality=95,
                                                exif=piexif.dump({"0th": {piexif.ImageIFD.Orientation: 6}})),
    "with-alpha": lambda im: H.encode(im.convert("RGBA"), "HEIC", quality=95),
}


@pytest.mark.parametrize("key", list(HEIC_POSTERS))
def test_heic_poster_with_a_visible_phone_is_found_by_ocr(tmp_path, tesseract, key):
    im = H.poster()
    control = H.write(tmp_path / "control" / "cartel.png", H.encode(im, "PNG"))
    heic = H.write(tmp_path / "heic" / "cartel.heic", HEIC_POSTERS[key](im))
    ctl = run_scrub(["check", "--jobs", "1", "--format", "json", control])
    assert ctl.returncode == 1 and any(f["entity"] == "PHONE" for f in ctl.json()["files"][0]["findings"]), (
        f"precondition: the same poster as PNG is read by OCR:\n{ctl.describe()}")
    run = run_scrub(["check", "--jobs", "1", "--format", "json", heic])
    assert_not_clean(run, f"HEIC poster ({key})")
    entry = run.json()["files"][0]
    if entry["status"] == "findings":
        assert any(f["entity"] == "PHONE" for f in entry["findings"]), entry
