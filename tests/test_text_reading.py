from __future__ import annotations

import pytest

from scrub.case import Case
from scrub.text.normalize import normalize
from scrub.text.reader import UnreadableText, decode, read_text_bytes

SRT = """1
00:00:00,000 --> 00:00:03,200
Soy Ana Lucía Pérez.

2
00:00:03,200 --> 00:00:07,000
Llama a mi mamá al 33 1842

3
00:00:07,000 --> 00:00:10,500
7765 o al 911.
"""

VTT = """WEBVTT

NOTE hecho por el colectivo 33 1111 2222

intro
00:00.000 --> 00:03.500
Mi celular: 33 1842 7765
"""


def test_decoding_fallbacks():
    assert decode("año".encode("utf-8"))[1] == "utf-8"
    text, enc, notes = decode("teléfono".encode("utf-16"))
    assert text == "teléfono" and enc == "utf-16" and notes == ["decoded-utf16"]
    text, enc, notes = decode("teléfono".encode("cp1252"))
    assert text == "teléfono" and notes == ["decoded-cp1252"]


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00", b"abc\x00def", bytes(range(1, 32)) * 10])
def test_binary_is_refused(data):
    with pytest.raises(UnreadableText):
        decode(data)


def test_srt_timing_lines_and_cue_numbers_are_protected():
    doc = read_text_bytes(SRT.encode(), ".srt")
    assert doc.subtitle_format == "srt"
    protected = [doc.text[s:e] for s, e in doc.protected]
    assert "1" in protected and "00:00:03,200 --> 00:00:07,000" in protected
    assert not any("Llama" in p for p in protected)


def test_phone_cut_by_a_cue_break_is_found_in_both_pieces(analyzer):
    from scrub.text.detect import detect

    doc = read_text_bytes(SRT.encode(), ".srt")
    findings = detect(doc, Case(subject=["Ana Lucía Pérez"]), analyzer, "es")
    phones = [doc.text[f.start:f.end] for f in findings if f.entity == "PHONE"]
    assert phones == ["33 1842", "7765"]
    for f in findings:  # nothing in a timing line or a cue number
        assert not any(s < f.end and f.start < e for s, e in doc.protected)


def test_vtt_note_and_cue_ids_are_protected(analyzer):
    from scrub.text.detect import detect

    doc = read_text_bytes(VTT.encode(), ".vtt")
    findings = detect(doc, None, analyzer, "es")
    assert [doc.text[f.start:f.end] for f in findings] == ["33 1842 7765"]


def test_normalisation_maps_back_to_original_offsets():
    original = "Tel: ６６４ ９６１ ２１６９ y 33\u200b12\u200b34\u200b56\u200b78"
    norm = normalize(original)
    assert "664 961 2169" in norm.text and "3312345678" in norm.text
    s = norm.text.index("3312345678")
    start, end = norm.to_original(s, s + 10)
    assert original[start:end] == "33\u200b12\u200b34\u200b56\u200b78"


@pytest.mark.parametrize(
    "text,value",
    [
        ("márquenme al ６６４ ９６１ ２１６９ porfa", "６６４ ９６１ ２１６９"),
        ("cel 33\u200b12\u200b34\u200b56\u200b78 gracias", "33\u200b12\u200b34\u200b56\u200b78"),
        ("cel 33\u00a01234\u00a05678 gracias", "33\u00a01234\u00a05678"),
        ("📞 7️⃣8️⃣2️⃣ 5️⃣6️⃣3️⃣ 0️⃣0️⃣4️⃣3️⃣ ya", "7️⃣8️⃣2️⃣ 5️⃣6️⃣3️⃣ 0️⃣0️⃣4️⃣3️⃣"),
        ("cel 𝟗𝟗𝟖 𝟑𝟗𝟓 𝟖𝟑𝟔𝟐 ok", "𝟗𝟗𝟖 𝟑𝟗𝟓 𝟖𝟑𝟔𝟐"),
        ("رقم ٣٣ ١٢٣٤ ٥٦٧٨ ok", "٣٣ ١٢٣٤ ٥٦٧٨"),
        ("cel 33 l234 567O ya", "33 l234 567O"),
        ("cel 33/1234/5678 ya", "33/1234/5678"),
        ("cel 618\u200c205\u200c7734 ya", "618\u200c205\u200c7734"),
    ],
)
def test_obfuscated_digits_are_found_with_original_offsets(find, text, value):
    assert ("PHONE", value) in [(e, v) for e, v, _ in find(text)]


def test_lookalike_letters_are_only_read_as_digits_inside_numbers():
    from scrub.text.normalize import unmask_lookalikes

    assert unmask_lookalikes("33 l234 567O") == "33 1234 5670"
    assert unmask_lookalikes("Olga tiene 20 años, lo sé") == "Olga tiene 20 años, lo sé"


def test_spaced_email_and_spaced_handle(find):
    found = [(e, v) for e, v, _ in find("📧 gaby.poot98 @ hotmail . com y nada más")]
    assert ("EMAIL", "gaby.poot98 @ hotmail . com") in found


def test_invisible_character_inside_email_is_covered(find):
    text = "correo: rosa\u200b.gomez@gmail.com listo"
    found = find(text)
    assert ("EMAIL", "rosa\u200b.gomez@gmail.com") in [(e, v) for e, v, _ in found]


@pytest.mark.parametrize(
    "text,value",
    [
        (
            "mi número: siete cuatro cuatro, dos cero uno, noventa y nueve, treinta y nueve. Gracias",
            "siete cuatro cuatro, dos cero uno, noventa y nueve, treinta y nueve",
        ),
        ("al siete-cuatro-cuatro tres tres siete dos siete cinco cuatro ya", "siete-cuatro-cuatro tres tres siete dos siete cinco cuatro"),
        ("cel treinta y tres doce treinta y cuatro cincuenta y seis setenta y ocho.", "treinta y tres doce treinta y cuatro cincuenta y seis setenta y ocho"),
        ("call six-oh-two, eight two three, sixty-two seventy-nine now", "six-oh-two, eight two three, sixty-two seventy-nine"),
        ("al 33 doce 34 cincuenta y seis 78 ya", "33 doce 34 cincuenta y seis 78"),
    ],
)
def test_spelled_out_phone_numbers_map_to_the_words(find, text, value):
    assert ("PHONE", value) in [(e, v) for e, v, _ in find(text)]


@pytest.mark.parametrize(
    "text",
    ["Tenía veintiún años y uno de sus hermanos lo busca.", "Vivía en la calle Cinco de Mayo, cerca del mercado.", "Hace dos años, tres meses y cuatro días."],
)
def test_number_words_in_ordinary_sentences_are_not_phones(find, text):
    assert "PHONE" not in [e for e, _, _ in find(text)]


def test_a_text_longer_than_the_models_limit_is_read_in_pieces(monkeypatch):
    """spaCy refuses texts over nlp.max_length (a million characters); a long transcript is
    read in pieces cut at line breaks, with the same findings and offsets as in one go."""
    from scrub.api import check_text
    from scrub.text import engine

    text = "".join(f"Día {i}: mi hermano Osvaldo Ríos Pérez contesta al 33 18{i:02d} 77{i:02d}.\n" for i in range(40))
    whole = [(f.rule, f.start, f.end) for f in check_text(text, lang="es")]
    assert len([r for r in whole if r[0] == "phone-number"]) == 40
    nlp = engine.shared_analyzer().nlp_engine.nlp["es"]
    monkeypatch.setattr(nlp, "max_length", 1000)  # the text is three times longer
    monkeypatch.setattr(engine, "PIECE", 400)
    assert [(f.rule, f.start, f.end) for f in check_text(text, lang="es")] == whole


ASS = """[Script Info]
Title: Ficha
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H64000000,-1,0,0,0,100,100,0,0,1,2,1,2,10,10,40,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:04.50,Default,,0,0,0,,Hola, soy Ana Lucía.
Dialogue: 0,0:00:04.50,0:00:09.00,Default,,0,0,0,,{\\i1}Si me viste,{\\i0}\\Nllama a mi mamá al 33 1842 7765.
"""


def test_ass_subtitles_only_their_spoken_text_is_checked_and_redacted(tmp_path):
    """Aegisub and many video editors write .ass: styles, fields and {\\tags} are structure
    ("Bold", "Italic" and "Style" are not people); the spoken text is checked."""
    from typer.testing import CliRunner

    from scrub import api
    from scrub.cli import app

    (tmp_path / "case.toml").write_text('subject = ["Ana Lucía"]\n', encoding="utf-8")
    (tmp_path / "video.ass").write_text(ASS, encoding="utf-8")
    report = api.check([str(tmp_path / "video.ass")])
    f = report.files[0]
    assert f.kind == "ass" and [x.entity for x in f.findings] == ["PHONE"]
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["clean", "--out", str(out), str(tmp_path / "video.ass")]).exit_code == 0
    cleaned = (out / "video.ass").read_text(encoding="utf-8")
    assert "33 1842 7765" not in cleaned and "[teléfono]" in cleaned
    assert cleaned.splitlines()[:11] == ASS.splitlines()[:11]  # header, styles and fields untouched
    assert "{\\i1}Si me viste,{\\i0}\\Nllama" in cleaned


def _docx(paragraphs, comment=None, deleted=None, creator="Rosa Gómez") -> bytes:
    """A minimal Word document: body paragraphs, a comment, a tracked deletion, an author."""
    import io
    import zipfile

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    if deleted:
        body += f"<w:p><w:del><w:r><w:delText>{deleted}</w:delText></w:r></w:del></w:p>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document {ns}><w:body>{body}</w:body></w:document>")
        if comment:
            z.writestr("word/comments.xml", f"<w:comments {ns}><w:comment><w:p><w:r><w:t>{comment}</w:t></w:r></w:p>"
                                            "</w:comment></w:comments>")
        z.writestr("docProps/core.xml", '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                                        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                                        f"<dc:creator>{creator}</dc:creator></cp:coreProperties>")
    return out.getvalue()


def test_a_script_written_in_word_is_checked_and_cleaned_to_word(tmp_path):
    """The words a family thought were gone (a comment, a tracked deletion) are read too;
    the clean copy is a Word document again, redacted, and the original is left as it was
    (unless --in-place, which keeps a .bak)."""
    import io
    import zipfile

    from typer.testing import CliRunner

    from scrub import api
    from scrub.cli import app

    (tmp_path / "case.toml").write_text('subject = ["Karla Yesenia"]\n', encoding="utf-8")
    original = _docx(["Hola, soy Karla Yesenia.", "Mi mamá contesta al 33 1842 7765."],
                     comment="ojo: su CURP es PEGA990312MJCRMN06", deleted="vivimos en calle Hidalgo 512")
    (tmp_path / "guion.docx").write_bytes(original)
    f = api.check([str(tmp_path / "guion.docx")]).files[0]
    assert f.kind == "docx" and not f.error
    assert {x.rule for x in f.findings} >= {"phone-number", "mx-curp", "mx-street-address", "doc-author"}
    assert not [x for x in f.findings if x.entity == "PERSON"]  # the subject stays
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", "--out", str(out), str(tmp_path / "guion.docx")])
    assert result.exit_code == 0, result.stdout
    with zipfile.ZipFile(io.BytesIO((out / "guion.docx").read_bytes())) as z:
        names = z.namelist()
        document = z.read("word/document.xml").decode("utf-8")
    assert "Karla Yesenia" in document and "[teléfono]" in document
    assert "1842" not in document and "Hidalgo" not in document  # the tracked deletion is gone
    assert "word/comments.xml" not in names and "docProps/core.xml" not in names
    assert (tmp_path / "guion.docx").read_bytes() == original
    in_place = CliRunner().invoke(app, ["clean", "--in-place", str(tmp_path / "guion.docx")])
    assert in_place.exit_code == 0, in_place.stdout
    assert (tmp_path / "guion.docx.bak").read_bytes() == original
    assert (tmp_path / "guion.docx").read_bytes() == (out / "guion.docx").read_bytes()


def test_other_zip_files_and_oversized_word_parts_are_not_checked(tmp_path, monkeypatch):
    import io
    import zipfile

    from scrub import api
    from scrub.policy import ErrorCode
    from scrub.text import docx

    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("notes.txt", "33 1842 7765")
    (tmp_path / "fotos.zip").write_bytes(other.getvalue())
    (tmp_path / "big.docx").write_bytes(_docx(["texto " * 2000]))
    monkeypatch.setattr(docx, "MAX_PART_BYTES", 1000)  # a zip bomb's part inflates past the cap
    report = {f.path.rsplit("/", 1)[-1]: f for f in api.check([str(tmp_path)]).files}
    assert report["fotos.zip"].error == ErrorCode.UNSUPPORTED
    assert report["big.docx"].error == ErrorCode.TEXT_TOO_BIG
    assert report["big.docx"].status().value == "error"
