"""Word documents: every part that holds words (document, headers, footers, notes, glossary,
comments, tracked changes, field codes, alt text, links) is read; the clean copy is a .docx
again in which the words are replaced in place (the runs and their formatting stay), tracked
changes are resolved, comments and properties are gone, the pictures lose their metadata,
and no planted value is left in any part of the zip; the copy is a package Word can open
(every part it names is there, every namespace prefix it relies on is declared)."""
from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile

import pytest
from typer.testing import CliRunner

import mediafixtures as fx
from scrub.cli import app
from scrub.formats.image.jpeg import segments

runner = CliRunner()
CASE = 'subject = ["Ana Lucía Pérez Gómez"]\npublic_contacts = ["911"]\n'
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"')
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TEMPLATE = r"file:///C:\Users\Rosa%20Gomez\AppData\Roaming\Microsoft\Templates\Normal.dotm"
PLANTED = ["1842", "7765", fx.PHONE, fx.PHONE2, fx.PHONE3, fx.OWNER, fx.EMAIL, "Hidalgo", fx.SERIAL, "Rosa%20Gomez",
           "SM-A546E", "samsung", "523312345678", "Calle Mina 45"]


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _rels(*rels: tuple[str, str, str, bool]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{R}/{t}" Target="{target}"' + (' TargetMode="External"' if ext else "")
                   + "/>" for i, t, target, ext in rels)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{REL_NS}">{body}</Relationships>'


def family_document() -> bytes:
    """A script as a family's Word leaves it: formatting, tracked changes, a comment, a field
    code, a link, a photo with its alt text and EXIF, headers, footers, notes, a glossary
    entry, the properties Word fills in and the path of the account's template."""
    drawing = ('<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Foto" descr="Foto frente a la casa, Calle Mina 45"/>'
               '<a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic>'
               "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")
    body = "".join([
        _p(_r("SE BUSCA: "), _r("Ana Lucía Pérez Gómez", bold=True)),
        _p(_r("Su hermana contesta al "), _r("33 18", bold=True), _r("42 7765"), _r(".")),
        _p('<w:ins w:id="1" w:author="' + fx.OWNER + '" w:date="2026-11-28T10:00:00Z">' + _r("Tiene 32 años.") + "</w:ins>",
           '<w:del w:id="2" w:author="' + fx.OWNER + '"><w:r><w:delText>vivimos en calle Hidalgo 512</w:delText></w:r></w:del>'),
        _p('<w:commentRangeStart w:id="0"/>', _r("Vista en Zapopan el 3 de marzo."), '<w:commentRangeEnd w:id="0"/>',
           '<w:r><w:commentReference w:id="0"/></w:r>'),
        _p('<w:hyperlink r:id="rIdMail">' + _r("Escríbenos") + "</w:hyperlink>"),
        _p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK '
           '"https://wa.me/523312345678" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
           + _r("WhatsApp") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
        _p(drawing),
        _p(_r("Informes al 911")),
    ])
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/>'
            + "".join(f'<Override PartName="/{n}" ContentType="application/vnd.openxmlformats-officedocument.{t}"/>'
                      for n, t in (("word/document.xml", "wordprocessingml.document.main+xml"),
                                   ("word/comments.xml", "wordprocessingml.comments+xml"),
                                   ("word/people.xml", "wordprocessingml.people+xml"),
                                   ("word/header1.xml", "wordprocessingml.header+xml"),
                                   ("word/footer1.xml", "wordprocessingml.footer+xml"),
                                   ("word/footnotes.xml", "wordprocessingml.footnotes+xml"),
                                   ("word/settings.xml", "wordprocessingml.settings+xml"),
                                   ("word/glossary/document.xml", "wordprocessingml.document.glossary+xml"),
                                   ("docProps/core.xml", "extended-properties+xml"),
                                   ("docProps/app.xml", "extended-properties+xml"),
                                   ("docProps/custom.xml", "custom-properties+xml")))
            + "</Types>"),
        "_rels/.rels": _rels(("rId1", "officeDocument", "word/document.xml", False),
                             ("rId2", "metadata/core-properties", "docProps/core.xml", False),
                             ("rId3", "extended-properties", "docProps/app.xml", False),
                             ("rId4", "custom-properties", "docProps/custom.xml", False),
                             ("rId5", "metadata/thumbnail", "docProps/thumbnail.jpeg", False)),
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}'
                             '<w:sectPr><w:headerReference r:id="rIdH"/></w:sectPr></w:body></w:document>',
        "word/_rels/document.xml.rels": _rels(("rIdC", "comments", "comments.xml", False),
                                              ("rIdP", "people", "people.xml", False),
                                              ("rIdH", "header", "header1.xml", False),
                                              ("rIdF", "footer", "footer1.xml", False),
                                              ("rIdN", "footnotes", "footnotes.xml", False),
                                              ("rIdS", "settings", "settings.xml", False),
                                              ("rIdG", "glossaryDocument", "glossary/document.xml", False),
                                              ("rIdImg", "image", "media/image1.jpeg", False),
                                              ("rIdMail", "hyperlink", f"mailto:{fx.EMAIL}", True)),
        "word/comments.xml": f'<w:comments {NS}><w:comment w:id="0" w:author="{fx.OWNER}">'
                             f"{_p(_r('ojo: su otro cel es ' + fx.PHONE2))}</w:comment></w:comments>",
        "word/people.xml": f'<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
                           f'<w15:person w15:author="{fx.OWNER}"/></w15:people>',
        "word/header1.xml": f"<w:hdr {NS}>{_p(_r('Colectivo Luz de Esperanza · 911'))}</w:hdr>",
        "word/footer1.xml": f"<w:ftr {NS}>{_p(_r('Contacto: ' + fx.EMAIL))}</w:ftr>",
        "word/footnotes.xml": f"<w:footnotes {NS}><w:footnote w:id='1'>{_p(_r('Su tía: ' + fx.PHONE3))}</w:footnote></w:footnotes>",
        "word/glossary/document.xml": f"<w:glossaryDocument {NS}><w:docParts><w:docPart><w:docPartBody>"
                                      f"{_p(_r('Firma: llama al ' + fx.PHONE))}</w:docPartBody></w:docPart></w:docParts>"
                                      "</w:glossaryDocument>",
        "word/settings.xml": f'<w:settings {NS}><w:attachedTemplate r:id="rIdT"/></w:settings>',
        "word/_rels/settings.xml.rels": _rels(("rIdT", "attachedTemplate", TEMPLATE, True)),
        "docProps/core.xml": '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                             'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                             f"<dc:creator>{fx.OWNER}</dc:creator><cp:lastModifiedBy>{fx.OWNER}</cp:lastModifiedBy>"
                             f"<dc:title>Ficha {fx.PHONE}</dc:title></cp:coreProperties>",
        "docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                            "<Company>Abarrotes samsung</Company><Application>Microsoft Office Word</Application></Properties>",
        "docProps/custom.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                               'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                               f'<property name="Telefono"><vt:lpwstr>{fx.PHONE}</vt:lpwstr></property></Properties>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        z.writestr("word/media/image1.jpeg", fx.jpeg_with_gps())
        z.writestr("docProps/thumbnail.jpeg", fx.jpeg_with_gps())
    return out.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    (folder / "case.toml").write_text(CASE, encoding="utf-8")
    (folder / "guion.docx").write_bytes(family_document())
    return folder


@pytest.fixture(scope="module")
def report(folder):
    result = runner.invoke(app, ["check", "--format", "json", str(folder)], catch_exceptions=False)
    assert result.exit_code == 1, result.stdout
    return json.loads(result.stdout)["files"][0]


@pytest.fixture(scope="module")
def copy(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("docx-clean")
    result = runner.invoke(app, ["clean", "--format", "json", "--out", str(out), str(folder)], catch_exceptions=False)
    report = json.loads(result.stdout)["files"][0]
    assert result.exit_code == 0, report
    with zipfile.ZipFile(out / "guion.docx") as z:
        return {name: z.read(name) for name in z.namelist()}


def test_every_part_that_holds_words_is_read(report):
    rules = {x["rule"] for x in report["findings"]}
    assert {"phone-number", "email", "doc-author", "img-gps", "img-owner", "img-device-serial"} <= rules, rules
    text = json.dumps(report, ensure_ascii=False)
    for raw in (fx.PHONE, fx.OWNER, fx.EMAIL):
        assert raw not in text  # masked
    found = [x for x in report["findings"] if x.get("start") is not None]
    assert len([x for x in found if x["entity"] == "PHONE"]) >= 4  # body, comment, footnote, glossary...
    assert any(x["entity"] == "ADDRESS" for x in found)  # the tracked deletion and the alt text
    assert any(x["location"]["segment"].startswith("word/media/image1.jpeg") for x in report["findings"]
               if x["rule"] == "img-gps")
    assert "docx-pictures-not-read" in report["notes"]


def test_the_copy_holds_no_planted_value_in_any_part(copy):
    left = {name: raw for name, blob in copy.items() for raw in PLANTED if raw.encode("utf-8") in blob}
    assert left == {}


def test_words_are_replaced_in_their_runs(copy):
    document = copy["word/document.xml"].decode("utf-8")
    assert "Ana Lucía Pérez Gómez" in document and "Informes al 911" in document  # what the card needs stays
    # the phone spanned a bold run and a plain one: the word takes the first run's place, bold
    assert re.search(r"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">\[teléfono\]</w:t></w:r>", document)
    assert "[correo]" in copy["word/_rels/document.xml.rels"].decode("utf-8")  # the mailto: link
    # the field code: the link (it carries the number) is replaced, the field stays a field
    assert "HYPERLINK" in document and "wa.me" not in document
    glossary = copy["word/glossary/document.xml"].decode("utf-8")
    assert "[teléfono]" in glossary


def test_tracked_changes_are_resolved_and_comments_removed(copy):
    document = copy["word/document.xml"].decode("utf-8")
    assert "Tiene 32 años." in document  # an insertion is accepted
    assert not re.search(r"<w:(?:ins|del|delText|commentReference|commentRangeStart|commentRangeEnd)\b", document)
    assert "w:author" not in document
    for gone in ("word/comments.xml", "word/people.xml", "docProps/core.xml", "docProps/app.xml",
                 "docProps/custom.xml", "docProps/thumbnail.jpeg"):
        assert gone not in copy


def test_the_copy_is_a_whole_package(copy):
    """What Word checks when it opens a file: every part the content types and the
    relationships name is there, and the prefixes mc:Ignorable names are declared."""
    from lxml import etree

    for name, blob in copy.items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(blob)
    types = etree.fromstring(copy["[Content_Types].xml"])
    for override in types.iter("{http://schemas.openxmlformats.org/package/2006/content-types}Override"):
        assert override.get("PartName").lstrip("/") in copy
    for name in (n for n in copy if n.endswith(".rels")):
        source_dir = name.split("_rels/")[0].rstrip("/")  # "word/_rels/document.xml.rels" -> "word"
        for rel in etree.fromstring(copy[name]).iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") != "External":
                assert posixpath.normpath(posixpath.join(source_dir, rel.get("Target"))) in copy, (name, rel.get("Target"))
    root = etree.fromstring(copy["word/document.xml"])
    assert root.nsmap.get("w14") and root.get(f"{{{'http://schemas.openxmlformats.org/markup-compatibility/2006'}}}Ignorable") == "w14"
    assert "Normal.dotm" in copy["word/_rels/settings.xml.rels"].decode("utf-8")  # the template's name, not its path


def test_the_picture_loses_its_metadata_not_its_picture(copy, folder, tmp_path):
    with zipfile.ZipFile(folder / "guion.docx") as z:
        before = z.read("word/media/image1.jpeg")
    after = copy["word/media/image1.jpeg"]

    def scan(data: bytes) -> bytes:
        segs, end = segments(data)
        return data[next(s for m, _p, s, _e in segs if m == 0xDA):end]

    assert scan(before) == scan(after)
    exiftool = fx.exiftool_fixture()
    (tmp_path / "after.jpg").write_bytes(after)
    (tmp_path / "before.jpg").write_bytes(before)
    meta = exiftool(tmp_path / "after.jpg")
    assert not [k for k in meta if k.split(":")[0] in ("GPS", "IFD0", "ExifIFD") and "Orientation" not in k
                and "Resolution" not in k and "YCbCr" not in k], meta
    assert any(k.startswith("GPS:") for k in exiftool(tmp_path / "before.jpg"))


def test_the_copy_checks_clean_and_can_replace_the_original(copy, folder, tmp_path):
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    (tmp_path / "guion.docx").write_bytes((folder / "guion.docx").read_bytes())
    result = runner.invoke(app, ["clean", "--in-place", "--format", "json", str(tmp_path / "guion.docx")])
    assert result.exit_code == 0, result.stdout
    assert (tmp_path / "guion.docx.bak").read_bytes() == (folder / "guion.docx").read_bytes()
    again = json.loads(runner.invoke(app, ["check", "--format", "json", str(tmp_path / "guion.docx")]).stdout)
    assert again["files"][0]["kind"] == "docx"
    assert [x for x in again["files"][0]["findings"] if x["severity"] == "block"] == []


def test_a_number_inside_a_picture_where_no_reader_looks_is_found(tmp_path):
    """A picture's bytes are swept for readable numbers as a picture's own check sweeps
    them: a phone spliced into the JPEG's compressed picture data (no segment, no tag) is
    found, and as the copy keeps the picture's data, clean refuses it (found by fuzzing)."""
    picture = fx.jpeg_with_gps()
    scan = picture.index(b"\xff\xda") + 40
    spliced = picture[:scan] + b"tel 33 9017 2468" + picture[scan:]  # a phone said nowhere else
    source = io.BytesIO(family_document())
    out = io.BytesIO()
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for name in z.namelist():
            w.writestr(name, spliced if name == "word/media/image1.jpeg" else z.read(name))
    (tmp_path / "case.toml").write_text(CASE, encoding="utf-8")
    (tmp_path / "guion.docx").write_bytes(out.getvalue())
    report = json.loads(runner.invoke(app, ["check", "--format", "json", str(tmp_path / "guion.docx")]).stdout)["files"][0]
    swept = [x for x in report["findings"] if (x.get("location") or {}).get("segment") == "word/media/image1.jpeg readable bytes"]
    assert [x["rule"] for x in swept] == ["phone-number"], swept
    assert scan - 16 <= int(swept[0]["location"]["tag"].removeprefix("byte ")) <= scan  # where the readable run starts
    result = runner.invoke(app, ["clean", "--format", "json", "--out", str(tmp_path / "out"), str(tmp_path / "guion.docx")])
    assert result.exit_code == 2 and not (tmp_path / "out" / "guion.docx").exists()
