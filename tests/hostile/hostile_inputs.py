"""Every hostile input of issue 14, built at run time (Pillow, pillow-heif, piexif, zipfile,
and byte-level edits of the containers). Everything is invented; the planted phone is
``33 1842 7765``. No fixture is copied from a corpus."""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import piexif
from PIL import Image, ImageDraw, ImageFont

from hostile_support import DIGITS, PHONE

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
CARD = "Se busca a Ana Lucía Pérez Gómez, de 17 años, vista por última vez en Tlaquepaque."


# ---- pictures ---------------------------------------------------------------------------

def picture(size=(320, 240), seed=0) -> Image.Image:
    """A picture with some structure (so coders have work to do) and no text."""
    im = Image.new("RGB", size, (200, 180 - seed * 20, 150))
    d = ImageDraw.Draw(im)
    for i in range(0, size[0], 16):
        d.line([(i, 0), (size[0] - i, size[1])], fill=((i * 3) % 255, 90 + seed * 30, 200 - i % 200), width=3)
    return im


def poster(text: str = f"Tel. {PHONE}", size=(900, 300)) -> Image.Image:
    """A plain poster with one line of large dark text: what Tesseract reads reliably."""
    im = Image.new("RGB", size, (250, 250, 245))
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype(FONT, 64)
    d.text((40, 40), "SE BUSCA", font=font, fill=(20, 20, 20))
    d.text((40, 150), text, font=font, fill=(20, 20, 20))
    return im


def encode(im: Image.Image, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    if fmt == "HEIC":
        import pillow_heif

        heif = pillow_heif.from_pillow(im)
        heif.save(out, quality=kw.pop("quality", 90), **kw)
        return out.getvalue()
    if fmt == "GIF" and im.mode != "P":
        im = im.convert("P", palette=Image.ADAPTIVE, colors=16)
    im.save(out, fmt, **kw)
    return out.getvalue()


def exif_with_phone(gps: bool = True) -> bytes:
    """EXIF with the phone in free-text fields and, optionally, a GPS position."""
    zeroth = {piexif.ImageIFD.ImageDescription: f"Informes al {PHONE}".encode(),
              piexif.ImageIFD.Make: b"samsung"}
    exif_ifd = {piexif.ExifIFD.UserComment: b"ASCII\x00\x00\x00" + f"llamar al {PHONE}".encode()}
    data = {"0th": zeroth, "Exif": exif_ifd}
    if gps:
        data["GPS"] = {
            piexif.GPSIFD.GPSVersionID: (2, 3, 0, 0),
            piexif.GPSIFD.GPSLatitudeRef: b"N",
            piexif.GPSIFD.GPSLatitude: ((20, 1), (38, 1), (2093, 100)),
            piexif.GPSIFD.GPSLongitudeRef: b"W",
            piexif.GPSIFD.GPSLongitude: ((103, 1), (18, 1), (3211, 100)),
        }
    return piexif.dump(data)


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def after_soi(jpeg: bytes, *segments: bytes) -> bytes:
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


def plain_jpeg(im: Image.Image | None = None) -> bytes:
    return encode(im or picture(), "JPEG", quality=90)


def jpeg_appn_named(identifier: bytes = DIGITS.encode()) -> bytes:
    """An APP5 segment whose identifier (the NUL-terminated name at its start) is the phone."""
    return after_soi(plain_jpeg(), jpeg_segment(0xE5, identifier + b"\x00" + b"datos de la camara " + PHONE.encode()))


def xmp_packet(body: str) -> bytes:
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            f'{body}</rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()


def jpeg_xmp_property_named(name: str = f"Tel{DIGITS}") -> bytes:
    """XMP with a property whose *name* holds the phone (its value holds it too)."""
    xmp = xmp_packet(f'<rdf:Description rdf:about="" xmlns:fam="http://example.org/familia/1.0/" '
                     f'fam:{name}="{PHONE}"/>')
    return after_soi(plain_jpeg(), jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + xmp))


# ---- ISO base media (HEIC, AVIF): an Exif item no `iref cdsc` links ----------------------

def _boxes(data: bytes, start: int, end: int):
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[pos + 8:pos + 16])[0], 16
        elif size == 0:
            size = end - pos
        yield kind, pos, pos + header, pos + size
        pos += size


def find_box(data: bytes, path: list[bytes], start: int = 0, end: int | None = None) -> tuple[int, int, int]:
    """(box start, payload start, box end) of the box at ``path`` (``meta`` is a full box:
    its children start 4 bytes into its payload)."""
    end = len(data) if end is None else end
    for kind, s, body, e in _boxes(data, start, end):
        if kind == path[0]:
            if len(path) == 1:
                return s, body, e
            inner = body + 4 if kind in (b"meta", b"iref", b"iinf") else body
            return find_box(data, path[1:], inner, e)
    raise KeyError(path)


def unlink_exif(data: bytes) -> bytes:
    """Turn every ``cdsc`` reference of the ``iref`` box into an unknown type (``xxxx``): the
    Exif item stays in iinf/iloc, where ExifTool still finds it, but no reference ties it
    to the picture. Same length, so no offset changes."""
    s, body, e = find_box(data, [b"meta", b"iref"])
    iref = data[s:e]
    assert b"cdsc" in iref, "the encoder wrote no cdsc reference to unlink"
    return data[:s] + iref.replace(b"cdsc", b"xxxx") + data[e:]


def damage_item_list(data: bytes) -> bytes:
    """The type of the Exif item's infe box in the HEIF item list (iinf) overwritten, as
    fuzzing did: a reader that skips children it does not know loses the item, whose bytes
    (the phone) are all still there. Same length, so no offset changes."""
    s, body, e = find_box(data, [b"meta", b"iinf"])
    iinf = bytearray(data[s:e])
    at = iinf.index(b"Exif") - 16  # infe v2: size, type, version+flags, id, protection, item type
    assert iinf[at + 4:at + 8] == b"infe", "the Exif item's infe box was not where expected"
    iinf[at + 4:at + 8] = b"\xe2\x80\x8be"
    return data[:s] + bytes(iinf) + data[e:]


def heic_with_exif(im: Image.Image | None = None, exif: bytes | None = None) -> bytes:
    return encode(im or picture(), "HEIC", exif=exif if exif is not None else exif_with_phone())


def avif_with_exif(im: Image.Image | None = None, exif: bytes | None = None) -> bytes:
    return encode(im or picture(), "AVIF", exif=exif if exif is not None else exif_with_phone(), quality=90)


def damage_mdat(data: bytes) -> bytes:
    """Zero the coded picture (the ``mdat`` payload): the container still parses, the
    decoder fails (a noisier damage can decode to a smear, which shows no phone)."""
    s, body, e = find_box(data, [b"mdat"])
    return data[:body] + bytes(e - body) + data[e:]


def damage_exif_header(data: bytes) -> bytes:
    """The Exif item's "Exif\\0\\0" header misspelt: the phone's bytes are all still there."""
    i = data.index(b"Exif\x00\x00")
    return data[:i] + b"Exiv" + data[i + 4:]


def damage_tiff_header(data: bytes) -> bytes:
    """The byte order mark of the EXIF's TIFF structure destroyed ("MM" -> "XX")."""
    i = data.index(b"MM\x00*") if b"MM\x00*" in data else data.index(b"II*\x00")
    return data[:i] + b"XX" + data[i + 2:]


def pixels_decode(data: bytes, kind: str) -> bool:
    """Whether Pillow (and pillow-heif) can decode the picture: the independent check that
    a damaged file's pixels really cannot be read."""
    try:
        if kind == "heic":
            import pillow_heif

            pillow_heif.open_heif(io.BytesIO(data))[0].to_pillow().load()
        else:
            im = Image.open(io.BytesIO(data))
            for i in range(getattr(im, "n_frames", 1)):
                im.seek(i)
                im.load()
        return True
    except Exception:
        return False


# ---- GIF ----------------------------------------------------------------------------------

def gif_sub_blocks(payload: bytes) -> bytes:
    return b"".join(bytes([len(payload[i:i + 255])]) + payload[i:i + 255] for i in range(0, len(payload), 255)) + b"\x00"


def gif_header_end(data: bytes) -> int:
    flags = data[10]
    return 13 + (3 * (2 ** ((flags & 7) + 1)) if flags & 0x80 else 0)


def gif_plain_text_extension(text: str = f"Tel. {PHONE}") -> bytes:
    """A GIF89a Plain Text Extension (label 0x01): a 12-byte grid header, then the text
    that a decoder draws over the picture."""
    grid = struct.pack("<HHHHBBBB", 0, 0, 200, 16, 8, 16, 1, 0)
    return b"\x21\x01" + bytes([len(grid)]) + grid + gif_sub_blocks(text.encode())


def gif_unknown_extension(label: int = 0x99, text: str = f"Tel. {PHONE}") -> bytes:
    return b"\x21" + bytes([label]) + gif_sub_blocks(text.encode())


def gif_with_extension(ext: bytes, im: Image.Image | None = None) -> bytes:
    data = encode(im or picture(), "GIF")
    pos = gif_header_end(data)
    return data[:pos] + ext + data[pos:]


def gif_phone_in_image_data(comment: bool) -> bytes:
    """A GIF whose image data carries the phone as one more data sub-block (fuzzing spliced
    a comment extension into the LZW data): a reader of the blocks sees only an image, and
    a copy that keeps image blocks byte for byte keeps the phone. ``comment``: the phone is
    in a comment extension too, so the check already has a finding and clean writes a copy."""
    data = encode(picture(), "GIF")
    assert data.endswith(b"\x00;"), "the image data does not end the file as expected"
    note = gif_sub_blocks(f"Informes al {PHONE}".encode())
    data = data[:-2] + note[:-1] + data[-2:]  # one more sub-block before the image's terminator
    if comment:
        pos = gif_header_end(data)
        data = data[:pos] + b"\x21\xfe" + note + data[pos:]
    return data


def gif_blocks(data: bytes) -> list[tuple[str, bytes]]:
    """A small independent GIF walker: (block kind, its bytes) in file order."""
    out = []
    pos = gif_header_end(data)
    while pos < len(data):
        kind = data[pos]
        start = pos
        if kind == 0x3B:
            out.append(("trailer", data[pos:pos + 1]))
            break
        if kind == 0x21:
            label = data[pos + 1]
            pos += 2
            if label == 0x01:  # plain text: its header is a sub-block like the rest
                pass
            while data[pos]:
                pos += 1 + data[pos]
            pos += 1
            out.append((f"ext-{label:02x}", data[start:pos]))
        elif kind == 0x2C:
            lflags = data[pos + 9]
            pos += 10 + (3 * (2 ** ((lflags & 7) + 1)) if lflags & 0x80 else 0) + 1
            while data[pos]:
                pos += 1 + data[pos]
            pos += 1
            out.append(("image", data[start:pos]))
        else:
            out.append(("junk", data[pos:]))
            break
    return out


def damage_gif_pixels(data: bytes) -> bytes:
    """Noise in the first image's LZW data (sub-block lengths kept, so the block structure
    still walks): the picture cannot be decoded as drawn."""
    out = bytearray(data)
    pos = gif_header_end(data)
    while data[pos] != 0x2C:
        pos += 2
        while data[pos]:
            pos += 1 + data[pos]
        pos += 1
    lflags = data[pos + 9]
    pos += 10 + (3 * (2 ** ((lflags & 7) + 1)) if lflags & 0x80 else 0)
    out[pos] = 11  # an LZW minimum code size above the GIF maximum of 8 (and 12-bit codes)
    pos += 1
    i = 0
    while data[pos]:
        n = data[pos]
        for k in range(pos + 1, pos + 1 + n):
            out[k] = (i * 97 + 13) % 256
            i += 1
        pos += 1 + n
    return bytes(out)


def gif_many_frames(frames: int, comment_phone: bool = True, screen: tuple[int, int] = (640, 480)) -> bytes:
    """An animation of ``frames`` one-pixel frames on a ``screen`` canvas, written block by
    block (Pillow would take minutes): 23 bytes a frame on disk, a whole canvas a frame
    for a decoder that composes them. The phone sits in a comment, so the file is never
    clean, however its frames are handled."""
    w, h = screen
    header = b"GIF89a" + struct.pack("<HHBBB", w, h, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    comment = b"\x21\xfe" + gif_sub_blocks(f"Informes al {PHONE}".encode()) if comment_phone else b""
    gce = b"\x21\xf9\x04\x04\x01\x00\x00\x00"  # keep the previous frame, 1/100 s
    # one pixel of colour 0 (LZW minimum code size 2: clear, the index, end)
    frame = gce + b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    return header + loop + comment + frame * frames + b"\x3b"


# ---- TIFF ---------------------------------------------------------------------------------

def tiff_pages(pages: int, size: tuple[int, int], description: str | None = None) -> bytes:
    """A multi-page TIFF of plain RGB pages, each a little different (a mark in another
    place, so no two pages are the same picture); deflate keeps each page a few KB."""
    from PIL import TiffImagePlugin

    out = io.BytesIO()
    with TiffImagePlugin.AppendingTiffWriter(out, True) as writer:
        for i in range(pages):
            frame = Image.new("RGB", size, (250, 250, 245))
            x = (i * 97) % max(1, size[0] - 40)
            ImageDraw.Draw(frame).rectangle([x, 10, x + 30, 40], fill=(i * 37 % 256, 20, 20))
            info = TiffImagePlugin.ImageFileDirectory_v2()
            if description and i == 0:
                info[270] = description
            frame.save(writer, format="TIFF", compression="tiff_adobe_deflate", tiffinfo=info)
            writer.newFrame()
    return out.getvalue()


# ---- Word ---------------------------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
_A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
_PIC = 'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def docx(body: str = _para(CARD), core: dict[str, str] | None = None, extra_parts: dict[str, bytes] | None = None,
         document_rels: str = "", content_types_extra: str = "", package_rels_extra: str = "") -> bytes:
    """A minimal Word package: the visible text is the card; ``body`` is the inner XML of
    ``w:body``; ``core`` the core properties (dc:title, dc:subject, dc:description,
    cp:keywords, dc:creator...)."""
    core = {"dc:creator": "Colectivo", **(core or {})}
    props = "".join(f"<{k}>{v}</{k}>" for k, v in core.items())
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="jpeg" ContentType="image/jpeg"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            f'{content_types_extra}</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            f'{package_rels_extra}</Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{document_rels}</Relationships>'),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document {_W} {_WP} {_A} {_PIC} {_R}><w:body>{body}</w:body></w:document>'),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{props}</cp:coreProperties>'),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
        for name, blob in (extra_parts or {}).items():
            z.writestr(name, blob)
    return out.getvalue()


def zip_refused_by_its_reader(data: bytes, how: str) -> bytes:
    """A zip (a Word document) damaged so that Python's zipfile raises neither BadZipFile
    nor OSError: "version" sets a member's "version needed to extract" in the central
    directory to 10.5 (NotImplementedError, as fuzzing found); "method" sets its
    compression method to one zipfile does not know (NotImplementedError on reading)."""
    at = data.rindex(b"PK\x01\x02")  # the central directory entry of the last member
    buf = bytearray(data)
    if how == "version":
        buf[at + 6:at + 8] = (105).to_bytes(2, "little")
    else:
        buf[at + 10:at + 12] = (77).to_bytes(2, "little")
    return bytes(buf)


def docx_core_property(prop: str) -> bytes:
    return docx(core={prop: f"Informes al {PHONE}"})


def docx_field_code() -> bytes:
    """A hyperlink field whose code (w:instrText) dials the phone; the shown result does not."""
    body = (_para(CARD) +
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "tel:+52{DIGITS}" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>llama a la familia</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    return docx(body)


def _inline_picture(descr: str, rid: str = "rId10") -> str:
    return ('<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="685800"/>'
            f'<wp:docPr id="1" name="Imagen 1" descr="{descr}"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="foto.jpeg"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill><pic:spPr/></pic:pic>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def _image_rel(rid: str = "rId10") -> str:
    return f'<Relationship Id="{rid}" Type="{_REL}/image" Target="media/image1.jpeg"/>'


def docx_alt_text() -> bytes:
    return docx(_para(CARD) + _inline_picture(f"Foto de Ana; informes al {PHONE}"),
                extra_parts={"word/media/image1.jpeg": plain_jpeg()}, document_rels=_image_rel())


def docx_glossary() -> bytes:
    """A building block (glossary document) holding the phone: Word shows it in Quick Parts."""
    glossary = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:glossaryDocument {_W}><w:docParts><w:docPart><w:docPartPr><w:name w:val="Contacto"/></w:docPartPr>'
                f'<w:docPartBody>{_para(f"Informes al {PHONE}")}</w:docPartBody></w:docPart></w:docParts></w:glossaryDocument>')
    return docx(extra_parts={"word/glossary/document.xml": glossary.encode()},
                document_rels=f'<Relationship Id="rId20" Type="{_REL}/glossaryDocument" Target="glossary/document.xml"/>',
                content_types_extra='<Override PartName="/word/glossary/document.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml"/>')


def docx_picture_exif() -> bytes:
    """The card's photo, embedded with its EXIF: GPS of the house and the phone in comments."""
    photo = encode(picture(), "JPEG", quality=90, exif=exif_with_phone())
    return docx(_para(CARD) + _inline_picture("Foto de Ana"), extra_parts={"word/media/image1.jpeg": photo},
                document_rels=_image_rel())


# ---- subtitles and text -------------------------------------------------------------------

def srt_lone_phone() -> str:
    return ("1\n00:00:01,000 --> 00:00:04,000\nSe busca a Ana Lucía Pérez Gómez.\n\n"
            f"{DIGITS}\n\n"
            "2\n00:00:04,500 --> 00:00:08,000\nTiene 17 años.\n")


def false_utf16_marks() -> dict[str, bytes]:
    """A UTF-8 SRT holding the phone with a UTF-16 byte-order mark written over its first
    two bytes (as fuzzing did), or put before it: decoded as UTF-16 its text is other
    characters and the phone vanishes from what is read."""
    srt = ("1\n00:00:01,000 --> 00:00:04,000\nSe busca a Ana Lucía Pérez Gómez.\n\n"
           f"2\n00:00:04,500 --> 00:00:08,000\nInformes al {PHONE}\n").encode("utf-8")
    srt += b"\n" * (len(srt) % 2)  # an even length: an odd one fails to decode as UTF-16 anyway
    return {
        "over-the-first-bytes": b"\xff\xfe" + srt[2:],
        "before-the-text": b"\xff\xfe" + srt,
        "big-endian-mark": b"\xfe\xff" + srt,
    }


def timing_line_tails() -> dict[str, str]:
    """The phone on a subtitle's timing line, after its timings (a line break lost, as
    fuzzing did): only the timings (and SRT's box or WebVTT's cue settings) are structure."""
    first = "Se busca a Ana Lucía Pérez Gómez.\n\n"
    return {
        "srt-glued": f"1\n00:00:01,000 --> 00:00:04,000\n{first}2\n00:00:04,500 --> 00:00:08,000Informes al {PHONE}\n",
        "srt-spaced": f"1\n00:00:01,000 --> 00:00:04,000\n{first}2\n00:00:04,500 --> 00:00:08,000 Informes al {PHONE}\n",
        "vtt-glued": f"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n{first}00:00:04.500 --> 00:00:08.000Informes al {PHONE}\n",
        "vtt-not-a-setting": f"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n{first}00:00:04.500 --> 00:00:08.000 align:start {PHONE}\n",
        "vtt-short-milliseconds": f"WEBVTT\n\n00:00:01.000 --> 00:00:04.{PHONE}\n{first}",
    }


def vtt_note() -> str:
    return ("WEBVTT\n\nNOTE para la familia: el número de la mamá es " + PHONE + "\n\n"
            "00:00:01.000 --> 00:00:04.000\nSe busca a Ana Lucía Pérez Gómez.\n")


def vtt_cue_identifiers() -> dict[str, str]:
    """A phone on the line before a cue's timing, where a cue identifier goes: free text,
    never skipped as structure when it holds a number (fuzzing: a timing line broken before
    its arrow and glued to the phone was skipped, and the clean copy kept the phone)."""
    cue = "00:00:01.000 --> 00:00:04.000\nSe busca a Ana Lucía Pérez Gómez.\n"
    return {
        "spaced-phone": f"WEBVTT\n\n{PHONE}\n{cue}",
        "broken-timing-glued": f"WEBVTT\n\n00:00:04.500 --Informes al {PHONE}\n{cue}",
    }


def vtt_style() -> str:
    return ("WEBVTT\n\nSTYLE\n::cue { color: yellow; }\n/* contacto de la mamá: " + PHONE + " */\n\n"
            "00:00:01.000 --> 00:00:04.000\nSe busca a Ana Lucía Pérez Gómez.\n")


ASS_HEAD = ("[Script Info]\nScriptType: v4.00+\nTitle: {title}\n\n[V4+ Styles]\n"
            "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, "
            "Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, "
            "MarginR, MarginV, Encoding\n"
            "Style: {style},Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1\n\n"
            "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n")
ASS_DIALOGUE = "Dialogue: 0,0:00:01.00,0:00:04.00,Default,,0,0,0,,Se busca a Ana Lucía Pérez Gómez.\n"


def ass_file(title="Ficha de Ana", style="Default", events: str = ASS_DIALOGUE, tail: str = "") -> str:
    return ASS_HEAD.format(title=title, style=style) + events + tail


def ass_variants() -> dict[str, str]:
    """A phone on each kind of line of an ASS file that is not spoken dialogue."""
    return {
        "title": ass_file(title=f"Ficha de Ana - mamá {PHONE}"),
        "style-name": ass_file(style=f"Tel{DIGITS}"),
        "comment-event": ass_file(events=ASS_DIALOGUE + f"Comment: 0,0:00:04.00,0:00:06.00,Default,,0,0,0,,mamá {PHONE}\n"),
        "script-info-extra": ass_file().replace("ScriptType: v4.00+\n", f"ScriptType: v4.00+\n; contacto {PHONE}\nOriginal Script: mamá {PHONE}\n"),
        "garbage-section": ass_file(tail=f"\n[Aegisub Project Garbage]\nAudio File: /home/rosa/{DIGITS}.wav\nLast Style Storage: {PHONE}\n"),
        # lines shaped like structure, as mutation left them: only what the format defines is
        # structure (fuzzing: a phone spliced onto a Format line was called clean)
        "format-line": ass_file().replace("MarginV, Effect, Text\n", f"MarginV, Effect, Text,,Informes al {PHONE}\n"),
        "unknown-section-header": ass_file(tail=f"\n[Informes al {PHONE}]\n"),
        "unknown-key": ass_file(tail=f"Informes al {PHONE}: mamá\n"),
        "style-field-not-a-number": ass_file().replace(",Arial,20,", f",Arial,20,Informes al {PHONE},"),
        "override-block-comment": ass_file(events=f"Dialogue: 0,0:00:01.00,0:00:04.00,Default,,0,0,0,,{{mamá {PHONE}}}Hola\n"),
        "override-tag-argument": ass_file(events=f"Dialogue: 0,0:00:01.00,0:00:04.00,Default,,0,0,0,,{{\\fnInformes al {PHONE}}}Hola\n"),
    }


def ass_damaged_variants() -> dict[str, str]:
    """ASS files with a planted phone in the dialogue, each damaged in a way mutation
    produced: the structure no longer matches what a strict reader expects."""
    good = ass_file(events=f"Dialogue: 0,0:00:01.00,0:00:04.00,Default,,0,0,0,,Informes al {PHONE}\n")
    return {
        "no-text-field": good.replace(", Effect, Text\n", ", Effect\n"),
        "short-dialogue": good.replace("Default,,0,0,0,,Informes", "Default,Informes"),
        "events-header-typo": good.replace("[Events]", "[Evnts]"),
        "dialogue-typo": good.replace("Dialogue:", "Dialogu3:"),
        "format-after-dialogue": good.replace(
            "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n", "") +
            "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n",
        "truncated-mid-line": good[: good.index(PHONE) + len(PHONE)],
        "nul-byte": good.replace("Informes", "Infor\x00mes"),
    }


def ansi_concealed() -> str:
    return f"{CARD}\nInformes: \x1b[8m{PHONE}\x1b[28m\n"


def ansi_variants() -> dict[str, str]:
    return {
        "conceal": f"{CARD}\nInformes: \x1b[8m{PHONE}\x1b[28m\n",
        "conceal-glued": f"{CARD}\nInformes:\x1b[8m{DIGITS}\x1b[0m\n",
        "black-on-black": f"{CARD}\nInformes: \x1b[30;40m{PHONE}\x1b[0m\n",
        "split-by-codes": f"{CARD}\nInformes: 33\x1b[8m 1842\x1b[0m 7765\n",
    }


GLUED = {
    # id (no digits: pytest folder names) -> the way Mexican posts write it
    "Cel-dot": f"Cel.{PHONE}",
    "Tel-dot-run": f"Tel.{DIGITS}",
    "tel-glued": f"tel{PHONE}",
    "WhatsApp-glued": f"WhatsApp{DIGITS}",
    "No-dot": f"No.{PHONE}",
    "hash": f"#{DIGITS}",
}


def glued_text(way: str) -> str:
    return f"{CARD}\nSi la has visto comunícate {way}\n"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def gif_phone_left(data: bytes) -> str | None:
    """Where a GIF still carries the planted phone (None if nowhere): any block, read with
    the walker above, or anywhere in its bytes."""
    try:
        for kind, block in gif_blocks(data):
            payload = block.replace(b"\x00", b"")
            if DIGITS.encode() in payload or PHONE.encode() in payload or b"1842 7765" in payload:
                return f"{kind} block"
    except IndexError:
        return "a GIF the walker cannot read"
    if DIGITS.encode() in data or PHONE.encode() in data:
        return "raw bytes"
    return None


# ---- hostile sizes ------------------------------------------------------------------------

FILLER = "la familia sigue buscando y pide ayuda para encontrarla pronto "


def long_line(megabytes: float) -> bytes:
    """One line of ``megabytes`` MB of plain words with the phone in the middle."""
    half = int(megabytes * 1024 * 1024 / 2 / len(FILLER))
    return (FILLER * half + f"Informes al {PHONE}. " + FILLER * half).encode()


def many_phones(count: int) -> bytes:
    """``count`` different phones, one a line (the 2.5 MB / 40,000-phone text of the issue)."""
    lines = [f"Llamar al 33 {1842 + i // 10000:04d} {i % 10000:04d}\n" for i in range(count)]
    return ("".join(lines)).encode()


def jpeg_many_segments(count: int, payload_bytes: int, kind: str = "exif") -> bytes:
    """A JPEG with ``count`` metadata segments of ``payload_bytes`` each, the phone in the
    last one: EXIF APP1 segments, or APP4 segments of a maker nobody knows."""
    if kind == "exif":
        pad = b"x" * max(0, payload_bytes - 200)
        plain = piexif.dump({"0th": {piexif.ImageIFD.Software: b"editor"}, "Exif": {piexif.ExifIFD.UserComment: b"ASCII\x00\x00\x00" + pad}})
        last = piexif.dump({"0th": {piexif.ImageIFD.ImageDescription: f"Informes al {PHONE}".encode()}})
        segments = [jpeg_segment(0xE1, plain)] * (count - 1) + [jpeg_segment(0xE1, last)]
    else:
        pad = b"datos del fabricante " * (payload_bytes // 21)
        segments = [jpeg_segment(0xE4, b"MAKER\x00" + pad[:payload_bytes])] * (count - 1)
        segments.append(jpeg_segment(0xE4, b"MAKER\x00" + f"Informes al {PHONE}".encode()))
    return after_soi(plain_jpeg(picture((64, 48))), *segments)


def sparse_file(path: Path, size: int, head: bytes) -> Path:
    """``head`` then a hole up to ``size`` bytes: the disk holds a few KB."""
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return path


def jpeg_exif_huge_count(tag: int = 0x8825, high_byte: int = 0xA5) -> bytes:
    """A photo whose EXIF entry ``tag`` (the GPS IFD pointer) claims a count of some 2.7
    billion values: one byte changed, found by the fuzz (scrub then grew past 3 GB)."""
    data = bytearray(encode(picture(), "JPEG", quality=85, exif=exif_with_phone()))
    tiff = data.index(b"Exif\x00\x00") + 6
    big = data[tiff:tiff + 2] == b"MM"
    order = "big" if big else "little"
    ifd = tiff + int.from_bytes(data[tiff + 4:tiff + 8], order)
    for k in range(int.from_bytes(data[ifd:ifd + 2], order)):
        entry = ifd + 2 + 12 * k
        if int.from_bytes(data[entry:entry + 2], order) == tag:
            data[entry + 4 + (0 if big else 3)] = high_byte
            return bytes(data)
    raise KeyError(hex(tag))
