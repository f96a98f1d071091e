"""Images built at run time with Pillow and piexif, one per leak class. Everything invented."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import piexif
from PIL import Image, ImageCms, ImageDraw
from PIL.PngImagePlugin import PngInfo

PHONE = "33 1874 5520"
EMAIL = "rosa.soto.vega78@example.com"
OWNER = "Rosa María Soto Vega"
ADDRESS = "Calle Jacarandas 1427, Col. Las Huertas"
SERIAL = "R58T40ABC12"


def picture(size=(320, 240), seed=0) -> Image.Image:
    """A picture with structure (so JPEG coding is not trivial)."""
    im = Image.new("RGB", size, (200, 180 - seed * 20, 150))
    d = ImageDraw.Draw(im)
    for i in range(0, size[0], 16):
        d.line([(i, 0), (size[0] - i, size[1])], fill=((i * 3) % 255, 90 + seed * 30, 200 - i % 200), width=3)
    d.rectangle([20, 20, 80, 60], fill=(10, 10, 10))
    return im


def _rational(x: float):
    return (int(round(x * 10000)), 10000)


def gps_ifd(lat=20.63914, lng=-103.30892) -> dict:
    def dms(v):
        v = abs(v)
        d = int(v)
        m = int((v - d) * 60)
        s = (v - d - m / 60) * 3600
        return ((d, 1), (m, 1), _rational(s))

    return {
        piexif.GPSIFD.GPSVersionID: (2, 3, 0, 0),
        piexif.GPSIFD.GPSLatitudeRef: b"N" if lat >= 0 else b"S",
        piexif.GPSIFD.GPSLatitude: dms(lat),
        piexif.GPSIFD.GPSLongitudeRef: b"E" if lng >= 0 else b"W",
        piexif.GPSIFD.GPSLongitude: dms(lng),
        piexif.GPSIFD.GPSAltitude: (1548, 1),
        piexif.GPSIFD.GPSDateStamp: b"2024:03:14",
    }


def full_exif(thumbnail: bytes | None = None, orientation: int = 1) -> bytes:
    zeroth = {
        piexif.ImageIFD.Make: b"samsung",
        piexif.ImageIFD.Model: b"SM-A146M",
        piexif.ImageIFD.Artist: OWNER.encode("utf-8"),
        piexif.ImageIFD.Copyright: b"Familia Soto",
        piexif.ImageIFD.ImageDescription: ADDRESS.encode("utf-8"),
        piexif.ImageIFD.XPComment: f"Tel. {PHONE}".encode("utf-16-le") + b"\x00\x00",
        piexif.ImageIFD.Software: b"A146MUBS4CXB1",
        piexif.ImageIFD.DateTime: b"2024:03:14 18:20:11",
        piexif.ImageIFD.Orientation: orientation,
    }
    exif_ifd = {
        piexif.ExifIFD.BodySerialNumber: SERIAL.encode(),
        piexif.ExifIFD.LensSerialNumber: b"LS-0A1B2C3D",
        piexif.ExifIFD.CameraOwnerName: b"Jorge Ramirez Soto",
        piexif.ExifIFD.UserComment: b"ASCII\x00\x00\x00" + f"llamar al {PHONE}".encode(),
        piexif.ExifIFD.DateTimeOriginal: b"2024:03:14 18:20:11",
    }
    data = {"0th": zeroth, "Exif": exif_ifd, "GPS": gps_ifd()}
    if thumbnail:
        data["1st"] = {piexif.ImageIFD.JPEGInterchangeFormat: 0, piexif.ImageIFD.JPEGInterchangeFormatLength: 0}
        data["thumbnail"] = thumbnail
    return piexif.dump(data)


def jpeg_bytes(im: Image.Image, **kwargs) -> bytes:
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90, **kwargs)
    return out.getvalue()


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def insert_after_soi(jpeg: bytes, *segments: bytes) -> bytes:
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


XMP = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
 exif:GPSLatitude="20,38.3484N" exif:GPSLongitude="103,18.5352W" photoshop:City="Tlaquepaque">
<dc:creator><rdf:Seq><rdf:li>{OWNER}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{ADDRESS}</rdf:li></rdf:Alt></dc:description>
<xmpMM:History><rdf:Seq><rdf:li stEvt:action="created" stEvt:softwareAgent="Photo Editor 3.9"
 stEvt:parameters="IMG_20240314_182011.jpg"/></rdf:Seq></xmpMM:History>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


def iptc_app13() -> bytes:
    def field(dataset: int, text: str) -> bytes:
        value = text.encode("utf-8")
        return bytes([0x1C, 2, dataset]) + struct.pack(">H", len(value)) + value

    iim = bytes([0x1C, 1, 90, 0, 3]) + b"\x1b%G" + field(80, OWNER) + field(90, "Tlaquepaque") + field(120, f"Llamar al {PHONE}")
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim)) + iim
    if len(iim) % 2:
        resource += b"\x00"
    return b"Photoshop 3.0\x00" + resource


def icc_profile(description: str, device_model: str | None = None) -> bytes:
    """A small ICC v2 display profile with text tags (desc, dmdd, cprt)."""

    def desc_tag(text: str) -> bytes:
        ascii_ = text.encode("latin-1") + b"\x00"
        body = b"desc" + b"\x00" * 4 + struct.pack(">I", len(ascii_)) + ascii_
        body += b"\x00" * 8 + b"\x00\x00" + b"\x00" + b"\x00" * 67  # unicode + scriptcode parts, empty
        return body

    def text_tag(text: str) -> bytes:
        return b"text" + b"\x00" * 4 + text.encode("latin-1") + b"\x00"

    def xyz(x, y, z):
        return b"XYZ " + b"\x00" * 4 + b"".join(struct.pack(">i", int(v * 65536)) for v in (x, y, z))

    def curve(gamma):
        return b"curv" + b"\x00" * 4 + struct.pack(">I", 1) + struct.pack(">H", int(gamma * 256)) + b"\x00\x00"

    tags = [(b"desc", desc_tag(description)), (b"cprt", text_tag("No copyright, use freely")),
            (b"wtpt", xyz(0.9505, 1.0, 1.089)), (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
            (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)), (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
            (b"rTRC", curve(2.2)), (b"gTRC", curve(2.2)), (b"bTRC", curve(2.2))]
    if device_model:
        tags.append((b"dmdd", desc_tag(device_model)))
    offset = 128 + 4 + 12 * len(tags)
    table, blob = b"", b""
    for sig, body in tags:
        while (offset + len(blob)) % 4:
            blob += b"\x00"
        table += sig + struct.pack(">II", offset + len(blob), len(body))
        blob += body
    size = offset + len(blob)
    header = struct.pack(">I", size) + b"none" + bytes([2, 0x10, 0, 0]) + b"mntr" + b"RGB " + b"XYZ "
    header += struct.pack(">6H", 2024, 3, 14, 12, 0, 0) + b"acsp" + b"APPL" + b"\x00" * 4
    header += (b"EPSN" if device_model else b"\x00" * 4) + (b"X8PK" if device_model else b"\x00" * 4)
    header += b"\x00" * 8 + b"\x00" * 4 + struct.pack(">iii", 63190, 65536, 54061) + b"none"
    header += b"\x00" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + blob


def icc_segments(profile: bytes) -> bytes:
    return segment(0xE2, b"ICC_PROFILE\x00\x01\x01" + profile)


def jumbf_app11() -> bytes:
    label = b"c2pa\x00"
    jumd = b"jumd" + bytes(16) + b"\x03" + label
    box = struct.pack(">I", len(jumd) + 8) + jumd
    jumb = struct.pack(">I", len(box) + 8) + b"jumb" + box
    return b"JP" + b"\x00\x01" + b"\x00\x00\x00\x01" + jumb + b'{"author":"' + OWNER.encode() + b'"}'


def kitchen_sink_jpeg() -> bytes:
    """Every JPEG leak at once: EXIF (GPS, serial, owner, comments, a differing thumbnail),
    XMP, ICC naming a device, C2PA-like JUMBF, IPTC, COM and a trailer."""
    thumb = jpeg_bytes(picture((160, 120), seed=3))
    base = jpeg_bytes(picture(), exif=full_exif(thumbnail=thumb))
    soi_rest = base[2:]
    extra = (
        segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP)
        + icc_segments(icc_profile("EPSON Perfection X8 sn X8PK021377 de Rosa", "Perfection X8 X8PK021377"))
        + segment(0xEB, jumbf_app11())
        + segment(0xED, iptc_app13())
        + segment(0xFE, f"escribe a {EMAIL}".encode())
    )
    # after the EXIF APP1 that Pillow wrote first
    exif_len = struct.unpack(">H", soi_rest[2:4])[0] + 2
    return base[:2] + soi_rest[:exif_len] + extra + soi_rest[exif_len:] + f"TEL={PHONE} {ADDRESS}".encode()


def png_with_text() -> bytes:
    info = PngInfo()
    info.add_text("Author", OWNER)
    info.add_itxt("Description", f"Casa: {ADDRESS}")
    info.add_text("Comment", f"llamar al {PHONE}", zip=True)
    info.add_text("parameters", f"portrait of a woman, her mother {OWNER}, {ADDRESS}, phone {PHONE}, Steps: 30")
    exif = piexif.dump({"GPS": gps_ifd()})
    out = io.BytesIO()
    picture().save(out, "PNG", pnginfo=info, exif=exif[6:])
    return out.getvalue()


def webp_with_exif_xmp() -> bytes:
    out = io.BytesIO()
    picture().save(out, "WEBP", quality=90, exif=full_exif(), xmp=XMP)
    return out.getvalue()


def gif_with_comment() -> bytes:
    out = io.BytesIO()
    picture().convert("P").save(out, "GIF", comment=f"WhatsApp de mi mamá {PHONE}".encode())
    return out.getvalue()


def tiff_with_gps() -> bytes:
    exif = Image.Exif()
    exif.load(piexif.dump({"0th": {piexif.ImageIFD.Make: b"samsung", piexif.ImageIFD.Artist: OWNER.encode()},
                           "GPS": gps_ifd()}))
    out = io.BytesIO()
    picture().save(out, "TIFF", exif=exif)
    return out.getvalue()


def rotated_webp() -> bytes:
    """A WebP photo taken sideways: the EXIF orientation (6) turns it upright."""
    im = picture((320, 200))
    ImageDraw.Draw(im).polygon([(150, 10), (170, 10), (160, 0)], fill=(0, 0, 0))
    out = io.BytesIO()
    im.save(out, "WEBP", exif=full_exif(orientation=6), quality=90)
    return out.getvalue()


def gif_with_icc(profile: bytes) -> bytes:
    """A GIF carrying an ICC profile in an ICCRGBG1012 application extension."""
    out = io.BytesIO()
    picture().save(out, "GIF")
    data = out.getvalue()
    flags = data[10]
    header_end = 13 + (3 * (2 ** ((flags & 7) + 1)) if flags & 0x80 else 0)
    blocks = b"".join(bytes([len(profile[i:i + 255])]) + profile[i:i + 255] for i in range(0, len(profile), 255))
    return data[:header_end] + b"\x21\xff\x0bICCRGBG1012" + blocks + b"\x00" + data[header_end:]


def tiff_with_pages() -> bytes:
    """A two-page TIFF (a scanned form): XMP (GPS, creator), IPTC and a device-naming ICC
    profile as tags of page 1, and an owner and a phone number on page 2 only."""
    from PIL import TiffImagePlugin

    first = TiffImagePlugin.ImageFileDirectory_v2()
    first[700] = XMP
    first.tagtype[700] = 1
    iim = iptc_app13()[len(b"Photoshop 3.0\x00") + 12:]  # the IIM records inside the 8BIM resource
    first[33723] = iim.rstrip(b"\x00")
    first.tagtype[33723] = 7
    first[34675] = icc_profile("EPSON Perfection X8 sn X8PK021377 de Rosa", "Perfection X8 X8PK021377")
    first.tagtype[34675] = 7
    first[0xCD41] = jumbf_app11()[4:]  # a C2PA manifest store, in the tag the C2PA spec gives TIFF
    first.tagtype[0xCD41] = 7
    second = TiffImagePlugin.ImageFileDirectory_v2()
    second[315] = OWNER
    second[270] = f"Tel. {PHONE}"
    out = io.BytesIO()
    with TiffImagePlugin.AppendingTiffWriter(out, True) as writer:
        for im, tags in ((picture(), first), (picture(seed=1), second)):
            im.save(writer, format="TIFF", tiffinfo=tags)
            writer.newFrame()
    return out.getvalue()


def heic_with_gps() -> bytes:
    import pillow_heif

    out = io.BytesIO()
    heif = pillow_heif.from_pillow(picture())
    heif.save(out, exif=full_exif(), quality=90)
    return out.getvalue()


def avif_with_gps(orientation: int = 1) -> bytes:
    """An AVIF photo with the phone's EXIF (GPS, owner, serial) and XMP; the orientation,
    if any, becomes the container's irot/imir boxes."""
    exif = Image.Exif()
    exif.load(full_exif(orientation=orientation))
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>'
           + OWNER.encode() + b'</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')
    out = io.BytesIO()
    picture((320, 200)).save(out, "AVIF", exif=exif.tobytes(), xmp=xmp, quality=90)
    return out.getvalue()


def harmless_jpeg() -> bytes:
    exif = piexif.dump({"0th": {piexif.ImageIFD.XResolution: (300, 1), piexif.ImageIFD.YResolution: (300, 1),
                                piexif.ImageIFD.ResolutionUnit: 2, piexif.ImageIFD.Orientation: 1},
                        "Exif": {piexif.ExifIFD.ColorSpace: 1, piexif.ExifIFD.PixelXDimension: 320}})
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return jpeg_bytes(picture(), exif=exif, icc_profile=srgb)


def rotated_jpeg() -> bytes:
    im = picture((320, 200))
    ImageDraw.Draw(im).polygon([(150, 10), (170, 10), (160, 0)], fill=(0, 0, 0))
    return jpeg_bytes(im, exif=piexif.dump({"0th": {piexif.ImageIFD.Orientation: 6}, "GPS": gps_ifd()}))


def same_thumbnail_jpeg() -> bytes:
    im = picture()
    return jpeg_bytes(im, exif=piexif.dump({"0th": {}, "1st": {piexif.ImageIFD.JPEGInterchangeFormat: 0,
                                                               piexif.ImageIFD.JPEGInterchangeFormatLength: 0},
                                            "thumbnail": jpeg_bytes(im.resize((160, 120)))}))


def bomb_png(width=60000, height=60000) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (width + 1) * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def bad_crc_png() -> bytes:
    data = bytearray(png_with_text())
    pos = data.index(b"tEXt")
    data[pos + 6] ^= 0xFF  # damage the text, not the CRC
    return bytes(data)


def write_all(folder: Path) -> dict[str, Path]:
    files = {
        "sink.jpg": kitchen_sink_jpeg(),
        "text.png": png_with_text(),
        "exif.webp": webp_with_exif_xmp(),
        "comment.gif": gif_with_comment(),
        "gps.tif": tiff_with_gps(),
        "pages.tif": tiff_with_pages(),
        "gps.heic": heic_with_gps(),
        "gps.avif": avif_with_gps(),
        "rotated.avif": avif_with_gps(orientation=6),
        "harmless.jpg": harmless_jpeg(),
        "rotated.jpg": rotated_jpeg(),
        "rotated.webp": rotated_webp(),
    }
    out = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        out[name] = path
    return out


def exiftool_command() -> list[str] | None:
    """A current ExifTool (>= 12.70), the independent oracle of the image and media tests."""
    import os
    import shutil
    import subprocess
    from pathlib import Path

    if os.environ.get("EXIFTOOL"):
        return os.environ["EXIFTOOL"].split()
    vendored = Path.home() / ".cache" / "scrub-tools" / "node_modules" / "exiftool-vendored.pl" / "bin" / "exiftool"
    if vendored.exists() and shutil.which("perl"):
        return ["perl", str(vendored)]
    if shutil.which("exiftool"):
        version = subprocess.run(["exiftool", "-ver"], capture_output=True, text=True).stdout.strip()
        if version and float(version) >= 12.70:
            return ["exiftool"]
    return None


def face_poster() -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """A 1600x1000 search poster with five faces, built at run time from the sample pictures
    that ship inside scikit-image (the astronaut portrait, public domain, NASA; the
    cameraman, CC0): the missing person large at the left, a mirrored copy at half size,
    the cameraman in three-quarter profile, a copy at a third and a small one (about 21 px
    of face). Also returns the region (x, y, w, h) each picture was pasted in, largest first:
    one face in each. No other photo of a real person is used."""
    from skimage import data

    astronaut = Image.fromarray(data.astronaut())
    cameraman = Image.fromarray(data.camera()).convert("RGB")
    poster = Image.new("RGB", (1600, 1000), (235, 235, 235))
    placed = [
        (astronaut, (40, 40)),  # the missing person
        (cameraman.resize((300, 300)), (940, 40)),  # three-quarter profile
        (astronaut.resize((256, 256)).transpose(Image.Transpose.FLIP_LEFT_RIGHT), (620, 40)),
        (astronaut.resize((180, 180)), (620, 600)),
        (astronaut.resize((120, 120)), (1300, 700)),  # small
    ]
    regions = []
    for picture_, (x, y) in placed:
        poster.paste(picture_, (x, y))
        regions.append((x, y, picture_.width, picture_.height))
    return poster, regions
