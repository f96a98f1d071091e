"""PDF posters: the author, the editor's private data, earlier revisions an incremental
save left behind, scripts, attachments, forms, comments and the EXIF of embedded photos are
reported; the clean copy is a full rewrite in which none of them is left (in its raw bytes,
in its decoded streams, and as ExifTool sees it); the text printed on the pages is checked
and, as clean cannot change it, blocks the copy."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import mediafixtures as fx
import pikepdf
import pytest
from typer.testing import CliRunner

from scrub.cli import app
from scrub.formats.image.jpeg import FORMAT as JPEG
from scrub.formats.image.jpeg import segments
from scrub.formats.pdf import pages

runner = CliRunner()
CASE = fx.CASE


def _font(pdf):
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))


def _page(pdf, text_lines: list[str], image: bytes | None = None, **extra) -> pikepdf.Page:
    ops = [f"BT /F1 {24 if i == 0 else 14} Tf 72 {720 - 30 * i} Td ({line}) Tj ET" for i, line in enumerate(text_lines)]
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=_font(pdf)))
    if image is not None:
        resources.XObject = pikepdf.Dictionary(Im1=pikepdf.Stream(
            pdf, image, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=64, Height=48,
            ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8, Filter=pikepdf.Name.DCTDecode))
        ops.append("q 384 0 0 288 72 300 cm /Im1 Do Q")
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792], Resources=resources,
                              Contents=pdf.make_stream(" ".join(ops).encode("latin-1")), **extra)
    return pikepdf.Page(page)


def _save(pdf, **options) -> bytes:
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable, fix_metadata_version=False, **options)
    return out.getvalue()


def _describe(pdf, producer: str, creator: str) -> None:
    pdf.docinfo["/Author"] = fx.OWNER
    pdf.docinfo["/Producer"] = producer
    pdf.docinfo["/Creator"] = creator
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:creator"] = [fx.OWNER]
        meta["xmp:CreatorTool"] = creator
        meta["dc:description"] = f"contacto {fx.EMAIL}"


POSTER_TEXT = ["SE BUSCA: Ana Lucia Perez Gomez", "32 anos. Vista en Zapopan el 3 de marzo.", "Informes al 911"]


def writer_poster() -> bytes:
    """A LibreOffice-style poster: Info and XMP naming the author, a photo with EXIF GPS,
    Illustrator-style PieceInfo, a JavaScript action and an attached file."""
    pdf = pikepdf.new()
    pdf.pages.append(_page(pdf, POSTER_TEXT, fx.jpeg_with_gps(), PieceInfo=pikepdf.Dictionary(
        Illustrator=pikepdf.Dictionary(Private=pikepdf.String(f"owner {fx.OWNER}")))))
    _describe(pdf, "LibreOffice 7.5", "Writer")
    script = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hola')")))
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=[pikepdf.String("a"), script]))
    pdf.attachments["notas.txt"] = pikepdf.AttachedFileSpec(pdf, f"casa en {fx.STREET}".encode(), mime_type="text/plain")
    return _save(pdf)


def incremental_update(data: bytes, new_info: str) -> bytes:
    """What ExifTool, Acrobat and many 'remove metadata' buttons do: a new Info appended
    after the old one, which stays in the bytes."""
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        size, root = int(pdf.trailer.Size), pdf.Root.objgen[0]
    body = f"{size} 0 obj\n{new_info}\nendobj\n".encode()
    xref = f"xref\n0 1\n0000000000 65535 f \n{size} 1\n{len(data):010d} 00000 n \n".encode()
    trailer = (f"trailer\n<< /Size {size + 1} /Root {root} 0 R /Info {size} 0 R /Prev {prev} >>\n"
               f"startxref\n{len(data) + len(body)}\n%%EOF\n").encode()
    return data + body + xref + trailer


def canva_like() -> bytes:
    """A design tool's export: its name as producer, the account's name as author."""
    pdf = pikepdf.new()
    pdf.pages.append(_page(pdf, POSTER_TEXT))
    _describe(pdf, "Canva", "Canva")
    pdf.docinfo["/Title"] = "Ficha de busqueda - Ana"
    return _save(pdf)


def commented() -> bytes:
    """Sticky notes and a form: a reviewer's name and a phone in a comment, a filled field."""
    pdf = pikepdf.new()
    page = _page(pdf, POSTER_TEXT)
    note = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[10, 10, 30, 30],
                                                T=pikepdf.String(fx.OWNER),
                                                Contents=pikepdf.String(f"mi cel es {fx.PHONE2}")))
    field = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx,
                                                 Rect=[100, 100, 300, 120], T=pikepdf.String("telefono"),
                                                 V=pikepdf.String(fx.PHONE3)))
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([note, field]))
    pdf.pages.append(page)
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[field])
    return _save(pdf)


def scanned() -> bytes:
    """A poster that is one picture: no text layer to read."""
    pdf = pikepdf.new()
    pdf.pages.append(_page(pdf, [], fx.jpeg_with_gps()))
    return _save(pdf)


def printed_phone() -> bytes:
    pdf = pikepdf.new()
    pdf.pages.append(_page(pdf, [*POSTER_TEXT[:2], f"Llama a su hermana al {fx.PHONE}"]))
    return _save(pdf)


PDFS = {"writer.pdf": lambda: incremental_update(writer_poster(), "<< /Producer (LibreOffice 7.5) /Title (Ficha) >>"),
        "canva.pdf": canva_like, "comentado.pdf": commented, "escaneado.pdf": scanned}
# the scanned poster's page is a picture: not checked unless --no-ocr asks for the rest only
NO_OCR = {"escaneado.pdf"}
EXPECTED = {
    "writer.pdf": {"img-owner", "img-software", "img-text", "pdf-earlier-revision", "media-embedded", "img-edit-history",
                   "img-gps", "img-device-serial", "email", "phone-number"},
    "canva.pdf": {"img-owner", "img-software", "img-text", "email"},
    "comentado.pdf": {"img-owner", "img-text", "media-embedded", "phone-number"},
    "escaneado.pdf": {"img-gps", "img-device-serial", "img-owner"},
}
PLANTED = [fx.PHONE, fx.PHONE2, fx.PHONE3, fx.OWNER, "Rosa G", fx.EMAIL, fx.STREET, fx.SERIAL, "SM-A546E", "samsung",
           "LibreOffice", "Canva", "app.alert", "notas.txt", "Illustrator"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return fx.family_folder(tmp_path_factory, "pdf", PDFS)


@pytest.fixture(scope="module")
def report(folder):
    return fx.checked(folder, "--no-ocr")


@pytest.fixture(scope="module")
def cleaned(folder, tmp_path_factory):
    return fx.cleaned(folder, tmp_path_factory, "--no-ocr")


def scanned_phone() -> bytes:
    """A poster scanned or exported as one picture, with the sister's phone printed in it."""
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.new("RGB", (1224, 1584), "white")
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 64)
    draw.text((80, 200), "SE BUSCA", fill="black", font=font)
    draw.text((80, 400), "Ana Lucía Pérez Gómez", fill="black", font=font)
    draw.text((80, 700), f"Llama a su hermana al {fx.PHONE}", fill="black", font=ImageFont.truetype(
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 48))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    pdf = pikepdf.new()
    image = pikepdf.Stream(pdf, out.getvalue(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1224,
                           Height=1584, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8,
                           Filter=pikepdf.Name.DCTDecode)
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792],
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im1=image)),
                              Contents=pdf.make_stream(b"q 612 0 0 792 0 0 cm /Im1 Do Q"))
    pdf.pages.append(pikepdf.Page(page))
    return _save(pdf)


def test_a_page_that_is_only_a_picture_is_read_by_ocr(folder, tmp_path):
    """Like a photo: the text in the picture is read, with the same rules and case file, and
    each detail says its page and its box; as clean cannot change what a page prints, the
    detail blocks the copy."""
    fx.need_tesseract()
    result = json.loads(runner.invoke(app, ["check", "--format", "json", str(folder)]).stdout)
    errors = {Path(f["path"]).name: f.get("error") for f in result["files"]}
    assert all(errors[name] is None for name in PDFS), errors
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    (tmp_path / "escaneo.pdf").write_bytes(scanned_phone())
    check = json.loads(runner.invoke(app, ["check", "--format", "json", str(tmp_path / "escaneo.pdf")]).stdout)
    found = check["files"][0]["findings"]
    phones = [x for x in found if x["entity"] == "PHONE"]
    assert phones and phones[0]["location"]["page"] == 1 and phones[0]["location"]["boxes"], found
    assert not any(x["entity"] == "PERSON" for x in found)  # the missing person's name is kept
    clean = runner.invoke(app, ["clean", "--format", "json", "--out", str(tmp_path / "out"), str(tmp_path / "escaneo.pdf")])
    assert clean.exit_code == 2 and json.loads(clean.stdout)["files"][0]["error"] == "still-sensitive"
    assert not (tmp_path / "out" / "escaneo.pdf").exists()


def test_without_ocr_a_page_that_is_only_a_picture_is_not_checked(folder, monkeypatch):
    """Like a photo whose text cannot be read: the poster's phone number may be in it."""
    from scrub.vision import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    result = json.loads(runner.invoke(app, ["check", "--format", "json", str(folder)]).stdout)
    assert result["exit_code"] == 2
    errors = {Path(f["path"]).name: f.get("error") for f in result["files"]}
    assert errors["escaneado.pdf"] == "ocr-unavailable"
    # a page whose words are all in its text layer needs no OCR
    assert errors["canva.pdf"] is None and errors["comentado.pdf"] is None


@pytest.fixture(scope="module")
def exiftool():
    return fx.exiftool_fixture()


@pytest.mark.parametrize("name", sorted(PDFS))
def test_every_leak_is_reported(report, name):
    found = fx.of(report, name)
    assert found["kind"] == "pdf"
    rules = {x["rule"] for x in found["findings"]}
    assert EXPECTED[name] <= rules, rules


def test_an_author_removed_by_an_incremental_save_is_still_found(report):
    findings = fx.of(report, "writer.pdf")["findings"]
    assert any(x["rule"] == "pdf-earlier-revision" and x["severity"] == "block" for x in findings)
    earlier = {(x["location"]["segment"], x["location"]["tag"], x["rule"]) for x in findings}
    assert ("earlier version 1 Info", "Author", "img-owner") in earlier


def test_the_embedded_photo_is_read_by_the_image_rules(report):
    where = {x["location"]["segment"] for x in fx.of(report, "writer.pdf")["findings"] if x["rule"] == "img-gps"}
    assert any(w.startswith("image ") and "GPS" in w for w in where)


def test_comments_and_forms_are_read(report):
    findings = fx.of(report, "comentado.pdf")["findings"]
    assert {("author", "img-owner"), ("contents", "phone-number")} <= {(x["location"]["tag"], x["rule"]) for x in findings}
    assert any(x["rule"] == "phone-number" and x["location"]["tag"] == "form fields" for x in findings)


def test_the_text_layer_and_image_only_pages(report, folder):
    texts = pages.page_texts((folder / "canva.pdf").read_bytes())
    assert "SE BUSCA: Ana Lucia Perez Gomez" in texts[0]
    assert "pdf-text-checked" in fx.of(report, "canva.pdf")["notes"]
    assert "pdf-image-pages-not-read" in fx.of(report, "escaneado.pdf")["notes"]
    picture = pages.render_page((folder / "escaneado.pdf").read_bytes(), 0, scale=1.0)
    assert picture.size == (612, 792)
    assert picture.getpixel((72 + 192, 792 - 300 - 144))[0] > 150  # the photo, drawn where the page puts it


def test_clean_succeeds_and_the_copies_check_clean(cleaned):
    fx.assert_copies_check_clean(cleaned, "--no-ocr")


def _decoded(data: bytes) -> bytes:
    """Every stream of the file decoded, as QPDF's QDF form writes it."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, qdf=True, stream_decode_level=pikepdf.StreamDecodeLevel.all,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
        return out.getvalue()


@pytest.mark.parametrize("name", sorted(PDFS))
def test_the_copy_is_one_revision_with_nothing_planted_left(cleaned, folder, name):
    out, _rep, _code = cleaned
    copy = (out / name).read_bytes()
    assert copy.count(b"%%EOF") == 1 and copy.count(b"startxref") == 1
    for blob in (copy, _decoded(copy)):
        assert [raw for raw in PLANTED if raw.encode("utf-8") in blob or raw.encode("utf-16-be") in blob] == []
    original = (folder / name).read_bytes()
    assert any(raw.encode("utf-8") in blob for raw in PLANTED for blob in (original, _decoded(original)))


STRUCTURE = {"PDF": {"PDFVersion", "Linearized", "PageCount", "EmbeddedImageColorSpace", "EmbeddedImageFilter",
                     "EmbeddedImageHeight", "EmbeddedImageWidth", "EmbeddedImage", "EmbeddedImageBitsPerComponent"},
             "JFIF": {"JFIFVersion", "ResolutionUnit", "XResolution", "YResolution"}}


@pytest.mark.parametrize("name", sorted(PDFS))
def test_exiftool_finds_nothing_in_the_copy(exiftool, cleaned, folder, name):
    out, _rep, _code = cleaned
    meta = exiftool(out / name)
    left = [f"{k}={v}" for k, v in meta.items() if k.partition(":")[0] not in fx.STRUCTURE_GROUPS
            and k.partition(":")[2] not in STRUCTURE.get(k.partition(":")[0], ())]
    text = json.dumps(meta, ensure_ascii=False)
    left += [raw for raw in PLANTED if raw in text]
    assert left == []
    if name != "comentado.pdf":  # ExifTool does not read comments or form fields: scrub does
        assert any(raw in json.dumps(exiftool(folder / name), ensure_ascii=False) for raw in PLANTED)


def test_the_embedded_jpeg_is_cleaned_without_re_encoding(folder, cleaned):
    out, _rep, _code = cleaned

    def jpeg(path: Path) -> bytes:
        with pikepdf.open(path) as pdf:
            return next(o.read_raw_bytes() for o in pdf.objects
                        if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image")

    before, after = jpeg(folder / "writer.pdf"), jpeg(out / "writer.pdf")
    assert [i for i in JPEG.inspected(after).items if i.kind != "harmless"] == []

    def scan(data: bytes) -> bytes:
        segs, end = segments(data)
        return data[next(s for m, _p, s, _e in segs if m == 0xDA):end]

    assert scan(before) == scan(after)


def test_text_printed_on_the_page_blocks_the_copy(tmp_path):
    """clean never rewrites what the poster shows: the copy would still carry the phone."""
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    (tmp_path / "ficha.pdf").write_bytes(printed_phone())
    check = json.loads(runner.invoke(app, ["check", "--format", "json", str(tmp_path / "ficha.pdf")]).stdout)
    assert any(x["rule"] == "phone-number" and x["location"]["segment"] == "page 1" for x in check["files"][0]["findings"])
    result = runner.invoke(app, ["clean", "--format", "json", "--out", str(tmp_path / "out"), str(tmp_path / "ficha.pdf")])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["files"][0]["error"] == "still-sensitive"
    assert not (tmp_path / "out" / "ficha.pdf").exists()


def test_text_drawn_outside_the_page_is_read(tmp_path):
    """A viewer does not show what is drawn outside the page's box, but text extraction
    (what a scraper runs) reads it: it is checked like the rest (found by fuzzing: a poster
    whose MediaBox lost a digit, 792 -> 79, was called clean with its phone in it)."""
    pdf = pikepdf.new()
    pdf.pages.append(_page(pdf, ["Se busca a Ana Lucia Perez Gomez", f"Informes al {fx.PHONE}"]))
    pdf.pages[0].MediaBox = [0, 0, 612, 79]  # the lines are drawn at heights 720 and 690
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    (tmp_path / "fuera.pdf").write_bytes(_save(pdf))
    result = runner.invoke(app, ["check", "--format", "json", str(tmp_path / "fuera.pdf")])
    report = json.loads(result.stdout)["files"][0]
    assert result.exit_code == 1, report
    assert any(x["rule"] == "phone-number" and x["location"]["page"] == 1 for x in report["findings"])


def test_text_the_text_layer_does_not_have_is_read(tmp_path):
    """A string a page draws in a plain font but PDFium's text layer lacks (drawn at size 0,
    or read by PDFium from another version of a damaged file) is still in the file for any
    extractor: read by the text rules (found by fuzzing: "/F1 12 Tf" damaged into "/F1 Tf",
    the poster was called clean with its phone in it). The plain strings PDFium does read
    add nothing."""
    pdf = pikepdf.new()
    page = _page(pdf, ["Se busca a Ana Lucia Perez Gomez"])
    page.obj.Contents = pdf.make_stream(
        f"BT /F1 24 Tf 72 720 Td (Se busca a Ana Lucia Perez Gomez) Tj ET BT /F1 0 Tf 72 690 Td (Informes al {fx.PHONE}) Tj ET".encode())
    pdf.pages.append(page)
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    (tmp_path / "cero.pdf").write_bytes(_save(pdf))
    report = json.loads(runner.invoke(app, ["check", "--format", "json", str(tmp_path / "cero.pdf")]).stdout)["files"][0]
    lacking = [x for x in report["findings"] if x["location"].get("tag") == "strings the text layer lacks"]
    assert [x["rule"] for x in lacking] == ["phone-number"], report["findings"]


def test_a_pdf_is_told_by_its_header(folder):
    from scrub.formats import sniff

    assert sniff((folder / "canva.pdf").read_bytes()) == "pdf"
    assert sniff(b"\r\n  " + (folder / "canva.pdf").read_bytes()) == "pdf"  # blank space a tool added
    assert sniff("Guarda la ficha como %PDF-1.7 y envíala.\n".encode()) == "text"


def test_protected_and_damaged_pdfs_are_not_checked(tmp_path, folder):
    with pikepdf.open(io.BytesIO(canva_like())) as pdf:
        (tmp_path / "protegido.pdf").write_bytes(_save(pdf, encryption=pikepdf.Encryption(owner="a", user="b")))
    (tmp_path / "roto.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog" + b"\x00" * 50)
    result = json.loads(runner.invoke(app, ["check", "--format", "json", str(tmp_path)]).stdout)
    assert result["exit_code"] == 2
    errors = {Path(f["path"]).name: f["error"] for f in result["files"]}
    assert errors == {"protegido.pdf": "pdf-encrypted", "roto.pdf": "media-damaged"}


def test_faces_asked_for_on_a_pdf_are_looked_for(folder):
    """(tests/test_faces.py has a PDF with faces.)"""
    result = runner.invoke(app, ["check", "--faces", "--no-ocr", "--format", "json", str(folder / "escaneado.pdf")])
    f = json.loads(result.stdout)["files"][0]
    assert f["status"] != "error", f
    assert not any(x["rule"] == "img-face" for x in f["findings"])


def _rules_of(tmp_path, name: str, data: bytes) -> tuple[int, set[str]]:
    folder = tmp_path / name.split(".")[0]
    folder.mkdir()
    (folder / name).write_bytes(data)
    result = json.loads(runner.invoke(app, ["check", "--no-ocr", "--format", "json", str(folder)]).stdout)
    return result["exit_code"], {f["rule"] for f in result["files"][0]["findings"]}


def test_a_pdf_qpdf_has_to_repair_is_not_checked(tmp_path):
    """An index that points beside its objects, an object header broken: QPDF rebuilds what
    it can, and what it cannot may still be in the bytes (fuzzing found an Info dictionary
    holding a phone that way). Such a file is not checked."""
    data = incremental_update(canva_like(), f"<< /Subject (llama al {fx.PHONE}) >>")
    header = re.findall(rb"\n(\d+) 0 obj\n<< /Subject", data)[-1]
    broken = data.replace(header + b" 0 obj\n<< /Subject", header + b" \x00 obj\n<< /Subject")
    code, _rules = _rules_of(tmp_path, "reparado.pdf", broken)
    assert code == 2


def test_strings_no_page_shows_are_read(tmp_path):
    """A phone in a marked-content ActualText, and in an object nothing uses any more."""
    pdf = pikepdf.new()
    page = _page(pdf, POSTER_TEXT)
    drawing = page.obj.Contents.read_bytes()
    page.obj.Contents = pdf.make_stream(b"/Span << /ActualText (mi cel " + fx.PHONE2.encode() + b") >> BDC EMC\n" + drawing)
    pdf.pages.append(page)
    # an editor's private dictionary, and a drawing under a key no reader knows (a page's
    # /Contents key mistyped): in the file, never shown
    pdf.Root.EditorNotes = pdf.make_indirect(pikepdf.Dictionary(Note=pikepdf.String(f"casa: {fx.PHONE3}")))
    pdf.pages[0].obj.Kontents = pdf.make_stream(f"BT (llama al {fx.PHONE}) Tj ET".encode())
    data = _save(pdf, compress_streams=False)
    assert all(p.encode() in data for p in (fx.PHONE, fx.PHONE2, fx.PHONE3))
    for phone, name in ((fx.PHONE2, "actualtext"), (fx.PHONE3, "huerfano"), (fx.PHONE, "dibujo")):
        others = [p for p in (fx.PHONE, fx.PHONE2, fx.PHONE3) if p != phone]
        only = data
        for other in others:  # each case on its own: the other two phones turned into letters
            only = only.replace(other.encode(), b"x" * len(other))
        code, rules = _rules_of(tmp_path, f"{name}.pdf", only)
        assert code == 1 and "phone-number" in rules, name


def test_a_drawing_with_a_word_pdf_does_not_define_is_not_checked(tmp_path):
    """'72!720 Td' is no instruction: a viewer may stop drawing there and the text after it
    (a phone) is in no text layer (found by fuzzing). Between BX and EX a newer writer's
    operators are allowed."""
    def poster(drawing: bytes) -> bytes:
        pdf = pikepdf.new()
        page = _page(pdf, POSTER_TEXT)
        page.obj.Contents = pdf.make_stream(drawing)
        pdf.pages.append(page)
        return _save(pdf, compress_streams=False)

    shown = f"BT /F1 12 Tf 72 700 Td (Informes al {fx.PHONE}) Tj ET".encode()
    damaged = poster(b"BT /F1 12 Tf 72!720 Td (Se busca a Ana) Tj ET " + shown)
    code, _rules = _rules_of(tmp_path, "danado.pdf", damaged)
    assert code == 2
    newer = poster(b"BX /Foo 1 newop EX " + shown)
    code, rules = _rules_of(tmp_path, "nuevo.pdf", newer)
    assert code == 1 and "phone-number" in rules
