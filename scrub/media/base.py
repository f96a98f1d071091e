"""What every image format shares: metadata items, their meaning, and the readers for the
metadata standards that travel inside several containers (EXIF, XMP, IPTC, ICC).

A format handler (one small class per format, like mat2's libmat2) lists the metadata of a
file as :class:`MetaItem` objects and writes a clean copy. What an item *means* (a GPS
position, a device serial, a person's name...) is decided here, once, for all formats.
"""
from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field

from scrub.policy import ErrorCode, Unverified

# Limits: a file larger than this, or an image with more pixels, is refused (exit 2)
# without being decoded, so a "decompression bomb" cannot exhaust memory.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PIXELS = 50_000_000


# What a metadata item reveals, and how serious that is.
GPS = "gps"
DEVICE_SERIAL = "device-serial"
DEVICE = "device"
OWNER = "owner"
TEXT = "text"
PLACE_TEXT = "place-text"
DATE = "date"
SOFTWARE = "software"
HISTORY = "history"
THUMBNAIL = "thumbnail"
THUMBNAIL_DIFFERS = "thumbnail-differs"
ICC_DEVICE = "icc-device"
C2PA = "c2pa"
TRAILER = "trailer"
UNREADABLE = "unreadable"
OTHER = "other"
OTHER_TEXT = "other-text"  # a container no standard explains, holding readable text
HARMLESS = "harmless"

# kind -> the rule that reports it (its severity is declared in scrub.policy). Free text is
# also read by the text analyzer.
KIND_RULES: dict[str, str] = {
    GPS: "img-gps",
    DEVICE_SERIAL: "img-device-serial",
    DEVICE: "img-device",
    OWNER: "img-owner",
    TEXT: "img-text",
    PLACE_TEXT: "img-place",
    DATE: "img-date",
    SOFTWARE: "img-software",
    HISTORY: "img-edit-history",
    THUMBNAIL: "img-thumbnail",
    THUMBNAIL_DIFFERS: "img-thumbnail-differs",
    ICC_DEVICE: "img-icc-device",
    C2PA: "img-c2pa",
    TRAILER: "img-trailer",
    UNREADABLE: "img-unreadable-metadata",
    OTHER: "img-other-metadata",
    OTHER_TEXT: "img-other-metadata",
}
# fields whose text is also read by the text rules (a phone number in a comment is a phone
# number); C2PA boxes and ICC profiles are binary structures, reported as a whole
# (a container scrub does not know is removed on clean and only noted, but what its text
# says is read: a phone number in a maker's private chunk is still a phone number)
FREE_TEXT_KINDS = {OWNER, TEXT, PLACE_TEXT, TRAILER, OTHER_TEXT}


def unknown_container(segment: str, tag: str, payload: bytes) -> "MetaItem":
    """An item for a container no standard explains: its readable text, if any, is read by
    the text rules."""
    text = printable(payload[:2000])
    return MetaItem(segment, tag, text[:500], OTHER_TEXT if _READABLE.search(text) else OTHER)


_READABLE = re.compile(r"[^\W\d_]{3,}|\d{4,}")  # a word or a run of digits, not stray bytes


def trailer_items(trailer: bytes, segment: str) -> list["MetaItem"]:
    """Bytes after a picture's end (a second picture, a video, text): a leak of their own,
    unless they are only padding."""
    if not trailer.strip(b"\x00 \r\n\t"):
        return []
    return [MetaItem(segment, "Trailer", printable(trailer[:2000]), TRAILER)]


def orientation_exif(orientation: int) -> bytes:
    """EXIF ("Exif\\0\\0" and its TIFF structure) holding only the orientation: what a
    clean copy keeps so the picture does not turn."""
    import piexif

    return piexif.dump({"0th": {piexif.ImageIFD.Orientation: orientation}})


def top_level_boxes(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, start, end) of the top-level boxes of an ISO base media file (HEIF, AVIF)."""
    boxes = []
    pos = 0
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        header = 8
        if size == 1 and pos + 16 <= len(data):
            size, header = int.from_bytes(data[pos + 8:pos + 16], "big"), 16
        elif size == 0:
            size = len(data) - pos
        if size < header or pos + size > len(data):
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, f"box {kind!r} runs past the end of the file")
        boxes.append((kind, pos, pos + size))
        pos += size
    return boxes


def box_items(data: bytes) -> list["MetaItem"]:
    """Top-level boxes of a HEIF or AVIF file that carry metadata of their own: C2PA
    manifests (JUMBF, or a uuid box), a motion photo's video, and anything that is not part
    of the picture."""
    items = []
    for kind, start, end in top_level_boxes(data):
        if kind in (b"ftyp", b"meta", b"mdat", b"free", b"skip", b"moov", b"idat", b"iloc"):
            continue
        if kind in (b"jumb", b"c2pa", b"uuid"):
            items.append(MetaItem(f"{kind.decode('latin-1')} box", "C2PA/JUMBF", f"{end - start} bytes", C2PA))
        elif kind == b"mpvd":
            # a "motion photo": seconds of video (and sound) from around the moment
            items.append(MetaItem("mpvd box", "MotionPhotoVideo", f"{end - start} bytes", TRAILER))
        else:
            items.append(MetaItem(f"{kind.decode('latin-1', 'replace')} box", "box", "", OTHER))
    return items


@dataclass
class MetaItem:
    segment: str  # container part: "APP1 Exif", "tEXt", "EXIF chunk", "COM", ...
    tag: str  # the field: "GPSLatitude", "Artist", "Comment", ...
    value: str
    kind: str

    def location(self) -> dict:
        return {"segment": self.segment, "tag": self.tag}


@dataclass
class Inspection:
    format: str
    width: int = 0
    height: int = 0
    items: list[MetaItem] = field(default_factory=list)
    orientation: int = 1
    notes: list[str] = field(default_factory=list)
    # the handler's parse of the file (JPEG: its segments), kept so that cleaning the same
    # bytes does not parse them again; only valid for the bytes that were inspected
    layout: object = field(default=None, repr=False, compare=False)


def printable(data: bytes, limit: int = 2000) -> str:
    """Readable text in a byte string (UTF-8, else Latin-1), control characters dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if not text.isprintable():  # most fields are: skip the walk over every character
        text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    return _SPACE_RUN.sub(" ", text).strip()[:limit]


_SPACE_RUN = re.compile(r"[ \t]{2,}")


# --- EXIF ------------------------------------------------------------------------------

_EXIF_OWNER = {"Artist", "Copyright", "CameraOwnerName", "OwnerName", "XPAuthor", "HostComputer"}
_EXIF_TEXT = {
    "ImageDescription", "UserComment", "XPComment", "XPSubject", "XPTitle", "XPKeywords",
    "DocumentName", "PageName", "ImageUniqueID", "ImageTitle", "Photographer", "ImageEditor",
}
_EXIF_SERIAL = {"BodySerialNumber", "CameraSerialNumber", "LensSerialNumber", "SerialNumber", "InternalSerialNumber"}
_EXIF_DEVICE = {"Make", "Model", "LensMake", "LensModel", "LensSpecification", "MakerNote", "UniqueCameraModel"}
_EXIF_DATE = {"DateTime", "DateTimeOriginal", "DateTimeDigitized", "OffsetTime", "OffsetTimeOriginal",
              "OffsetTimeDigitized", "SubSecTime", "SubSecTimeOriginal", "SubSecTimeDigitized", "PreviewDateTime"}
_EXIF_SOFTWARE = {"Software", "ProcessingSoftware"}
_EXIF_STRUCTURE = {
    "ExifTag", "GPSTag", "InteroperabilityTag", "JPEGInterchangeFormat", "JPEGInterchangeFormatLength",
    "Orientation", "XResolution", "YResolution", "ResolutionUnit", "YCbCrPositioning", "YCbCrSubSampling",
    "ColorSpace", "ExifVersion", "FlashpixVersion", "PixelXDimension", "PixelYDimension", "ComponentsConfiguration",
    "InteroperabilityIndex", "InteroperabilityVersion", "Compression", "ImageWidth", "ImageLength",
    "BitsPerSample", "PhotometricInterpretation", "SamplesPerPixel", "PlanarConfiguration", "StripOffsets",
    "StripByteCounts", "RowsPerStrip", "TileWidth", "TileLength", "TileOffsets", "TileByteCounts",
    "NewSubfileType", "SubfileType", "FillOrder", "Predictor", "ExtraSamples", "SampleFormat", "Gamma",
    "WhitePoint", "PrimaryChromaticities", "YCbCrCoefficients", "ReferenceBlackWhite", "TransferFunction",
}


EXIF_KIND = {
    name: kind
    for names, kind in ((_EXIF_STRUCTURE, HARMLESS), (_EXIF_SOFTWARE, SOFTWARE), (_EXIF_DATE, DATE), (_EXIF_TEXT, TEXT),
                        (_EXIF_OWNER, OWNER), (_EXIF_DEVICE, DEVICE), (_EXIF_SERIAL, DEVICE_SERIAL))
    for name in names
}


def exif_value_text(name: str, value) -> str:
    if name.startswith("XP") and isinstance(value, (tuple, list, bytes)):
        # Windows' XP tags are UTF-16 (piexif gives a tuple of bytes, Pillow bytes); a broken
        # one is still read, so that its field is reported
        try:
            raw = bytes(value)
        except (TypeError, ValueError):
            return ""
        return raw.decode("utf-16-le", "replace").rstrip("\x00").strip()
    if name == "UserComment" and isinstance(value, bytes):
        header, body = value[:8], value[8:]
        if header.startswith(b"UNICODE"):
            for enc in ("utf-16-be", "utf-16-le"):
                try:
                    return body.decode(enc).rstrip("\x00").strip()
                except UnicodeDecodeError:
                    pass
        return printable(body if header[:5] in (b"ASCII", b"JIS\x00\x00", b"\x00\x00\x00\x00\x00") else value).rstrip("\x00")
    if isinstance(value, bytes):
        return printable(value.rstrip(b"\x00"))
    return str(value)


def exif_items(raw: bytes, segment: str) -> tuple[list[MetaItem], int, bytes | None]:
    """Items, orientation and the embedded thumbnail (IFD1) of TIFF-structured EXIF bytes
    (with or without the ``Exif\\0\\0`` header)."""
    import piexif

    if raw.startswith(b"Exif\x00\x00"):
        raw = raw[6:]
    items: list[MetaItem] = []
    try:
        data = piexif.load(b"Exif\x00\x00" + raw)
    except Exception:  # piexif gives up on damaged IFDs: the block is still removed on clean
        return [MetaItem(segment, "EXIF", "", UNREADABLE)], 1, None
    orientation = 1
    for ifd_name in ("0th", "Exif", "GPS", "Interop", "1st"):
        for tag, value in (data.get(ifd_name) or {}).items():
            info = piexif.TAGS.get("Image" if ifd_name in ("0th", "1st") else ifd_name, {}).get(tag)
            name = info["name"] if info else f"Tag0x{tag:04X}"
            where = f"{segment} {'IFD1' if ifd_name == '1st' else ifd_name}"
            if ifd_name == "0th" and name == "Orientation":
                orientation = value if isinstance(value, int) and 1 <= value <= 8 else 1
            if ifd_name == "GPS":
                if name == "GPSVersionID":
                    continue
                items.append(MetaItem(where, name, gps_text(value), GPS))
                continue
            if ifd_name == "1st":
                continue  # the thumbnail's own structure; the thumbnail is reported below
            text = exif_value_text(name, value)
            kind = EXIF_KIND.get(name, OTHER)
            if kind in (OWNER, TEXT) and not text:
                continue
            items.append(MetaItem(where, name, text[:500], kind))
    thumbnail = data.get("thumbnail") or None
    return items, orientation, thumbnail


def gps_text(value) -> str:
    """A GPS field as text, read by piexif ((numerator, denominator) pairs) or by Pillow
    (rationals): "20 38 20.904"."""
    if isinstance(value, bytes):
        return printable(value)
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return f"{value[0] / value[1]:g}" if value[1] else "0"  # one piexif rational
    if isinstance(value, (tuple, list)) and value and not isinstance(value[0], int):
        return " ".join(f"{_number(v):g}" for v in value)
    return str(value)


def _number(value) -> float:
    if isinstance(value, tuple):
        numerator, denominator = value
        return numerator / denominator if denominator else 0.0
    try:
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return 0.0


# --- XMP -------------------------------------------------------------------------------

_XMP_OWNER = {"creator", "rights", "author", "artist", "owner", "ownername", "copyright", "byline", "credit",
              "authorsposition", "captionwriter", "usageterms", "webstatement", "contact", "ciemailwork",
              "ciemail", "ciadrextadr", "citelwork", "ciurlwork", "person", "personinimage",
              # the creator's contact card (address, city, postal code, phone...)
              "creatorcontactinfo", "ciadrcity", "ciadrpcode", "ciadrregion", "ciadrctry",
              # people tagged in the picture by a photo manager (face regions)
              "regions", "regionlist", "persondisplayname", "personinimagewdetails"}
_XMP_TEXT = {"description", "title", "subject", "headline", "instructions", "caption", "comment", "usercomment",
             "label", "keywords", "imagedescription", "source", "transmissionreference", "event"}
_XMP_PLACE = {"city", "state", "country", "location", "sublocation", "countrycode", "provincestate",
              "locationcreated", "locationshown", "worldregion", "countryname"}
_XMP_HISTORY = {"history", "documentid", "instanceid", "originaldocumentid", "derivedfrom", "ingredients",
                "pantry", "manifest", "preservedfilename", "rawfilename", "action", "parameters", "softwareagent",
                "changed", "when"}
_XMP_DATE = {"createdate", "modifydate", "metadatadate", "datetimeoriginal", "datecreated", "datetimedigitized"}
_XMP_SOFTWARE = {"creatortool", "software"}
_XMP_DEVICE = {"make", "model", "lens", "lensmodel", "lensinfo", "serialnumber", "lensserialnumber",
               "cameraserialnumber", "bodyserialnumber", "imagenumber"}


_REGION_GEOMETRY = {"type", "unit", "x", "y", "w", "h", "d", "area", "appliedtodimensions", "rotation"}


def _xmp_kind(local: str, path: list[str]) -> str:
    name = local.lower()
    chain = [p.lower() for p in path]
    if name.startswith("gps") or any(p.startswith("gps") for p in chain):
        return GPS
    if name in _REGION_GEOMETRY and any("region" in p for p in chain):
        return OTHER  # where a tagged face is in the picture, not who it is
    if "serialnumber" in name or name in ("serialnumber", "lensserialnumber"):
        return DEVICE_SERIAL
    if name in _XMP_DEVICE:
        return DEVICE
    if any(p in _XMP_HISTORY for p in chain) or name in _XMP_HISTORY:
        return HISTORY
    if name in _XMP_OWNER or any(p in _XMP_OWNER for p in chain):
        return OWNER
    if name in _XMP_PLACE or any(p in _XMP_PLACE for p in chain):
        return PLACE_TEXT
    if name in _XMP_TEXT or any(p in _XMP_TEXT for p in chain):
        return TEXT
    if name in _XMP_DATE:
        return DATE
    if name in _XMP_SOFTWARE:
        return SOFTWARE
    return OTHER


def xmp_items(packet: bytes, segment: str) -> list[MetaItem]:
    from defusedxml import ElementTree as ET

    text = packet.decode("utf-8", "replace")
    start = text.find("<x:xmpmeta")
    if start < 0:
        start = text.find("<rdf:RDF")
    end_tag = "</x:xmpmeta>" if "</x:xmpmeta>" in text else "</rdf:RDF>"
    end = text.rfind(end_tag)
    body = text[start:end + len(end_tag)] if start >= 0 and end >= 0 else text
    try:
        root = ET.fromstring(body)
    except Exception:
        return [MetaItem(segment, "XMP", printable(packet[:400]), UNREADABLE)]
    items: list[MetaItem] = []

    def local(name: str) -> str:
        return name.rsplit("}", 1)[-1]

    def walk(el, path: list[str]) -> None:
        tag = local(el.tag)
        if tag not in ("RDF", "Description", "Seq", "Bag", "Alt", "li", "xmpmeta"):
            path = path + [tag]
        for attr, value in el.attrib.items():
            name = local(attr)
            if name in ("about", "parseType", "lang", "resource") or attr.startswith("{http://www.w3.org/2000/xmlns/}"):
                continue
            if value.strip():
                items.append(MetaItem(segment, name, value.strip()[:500], _xmp_kind(name, path)))
        children = list(el)
        if not children and el.text and el.text.strip() and path:
            items.append(MetaItem(segment, "/".join(path[-2:]), el.text.strip()[:500], _xmp_kind(path[-1], path)))
        for child in children:
            walk(child, path)

    walk(root, [])
    if not items:
        items.append(MetaItem(segment, "XMP", "", OTHER))
    return items


# --- IPTC (IIM inside Photoshop image resources) ---------------------------------------

_IPTC_NAMES = {
    5: ("ObjectName", TEXT), 25: ("Keywords", TEXT), 55: ("DateCreated", DATE), 60: ("TimeCreated", DATE),
    62: ("DigitalCreationDate", DATE), 80: ("By-line", OWNER), 85: ("By-lineTitle", OWNER),
    90: ("City", PLACE_TEXT), 92: ("Sub-location", PLACE_TEXT), 95: ("Province-State", PLACE_TEXT),
    100: ("Country-PrimaryLocationCode", PLACE_TEXT), 101: ("Country-PrimaryLocationName", PLACE_TEXT),
    103: ("OriginalTransmissionReference", TEXT), 105: ("Headline", TEXT), 110: ("Credit", OWNER),
    115: ("Source", OWNER), 116: ("CopyrightNotice", OWNER), 118: ("Contact", OWNER),
    120: ("Caption-Abstract", TEXT), 122: ("Writer-Editor", OWNER), 40: ("SpecialInstructions", TEXT),
    65: ("OriginatingProgram", SOFTWARE),
}


def photoshop_items(payload: bytes, segment: str) -> list[MetaItem]:
    """8BIM resources of a Photoshop APP13 block; IPTC-IIM (0x0404) read field by field."""
    items: list[MetaItem] = []
    pos = 0
    while pos + 12 <= len(payload) and payload[pos:pos + 4] == b"8BIM":
        rid = struct.unpack(">H", payload[pos + 4:pos + 6])[0]
        name_len = payload[pos + 6]
        pos += 7 + name_len
        pos += pos % 2  # the Pascal name is padded to an even length
        if pos + 4 > len(payload):
            break
        size = struct.unpack(">I", payload[pos:pos + 4])[0]
        data = payload[pos + 4:pos + 4 + size]
        pos += 4 + size + (size % 2)
        if rid == 0x0404:
            items.extend(iptc_items(data, segment))
        elif rid in (0x0409, 0x040C):
            items.append(MetaItem(segment, "PhotoshopThumbnail", "", THUMBNAIL_DIFFERS))
        elif rid == 0x0424:
            items.extend(xmp_items(data, segment))
        else:
            items.append(MetaItem(segment, f"8BIM 0x{rid:04X}", "", OTHER))
    if pos < len(payload) and not items:
        items.append(MetaItem(segment, "Photoshop", printable(payload[:300]), UNREADABLE))
    return items


def iptc_items(data: bytes, segment: str) -> list[MetaItem]:
    items: list[MetaItem] = []
    pos = 0
    utf8 = False
    while pos + 5 <= len(data) and data[pos] == 0x1C:
        record, dataset = data[pos + 1], data[pos + 2]
        size = struct.unpack(">H", data[pos + 3:pos + 5])[0]
        value = data[pos + 5:pos + 5 + size]
        pos += 5 + size
        if record == 1 and dataset == 90:
            utf8 = b"\x1b%G" in value
            continue
        if record != 2 or dataset == 0:
            continue
        name, kind = _IPTC_NAMES.get(dataset, (f"2:{dataset}", OTHER))
        text = value.decode("utf-8" if utf8 else "latin-1", "replace")
        items.append(MetaItem(segment + " IPTC", name, text[:500], kind))
    return items


# --- ICC profiles ----------------------------------------------------------------------

# Profiles that only describe a colour space: kept, so colours do not shift.
_PLAIN_ICC = re.compile(
    r"^(?:sRGB(?: IEC61966-2[.-]1| v4 ICC preference perceptual intent beta| built-in| IEC61966-2.1 Black Scaled)?|"
    r"c2|uRGB|sGray|Display P3|P3 D65|DCI[- ]P3|Adobe RGB \(1998\)|ProPhoto RGB|ROMM RGB|Rec\.? ?(?:2020|709)|"
    r"ITU-R BT\.(?:2020|709)|Generic (?:RGB|Gray|CMYK) Profile|Generic Gray Gamma 2\.2 Profile|"
    r"Gray Gamma 2\.2|Dot Gain \d+%|U\.S\. Web Coated \(SWOP\) v2|Coated FOGRA39.*|Japan Color 2001 Coated|"
    r"Apple Wide Color Sharing Profile|Linear (?:RGB|Gray)|GIMP built-in sRGB|scRGB|ACES.*|Wide Gamut RGB)$",
    re.IGNORECASE,
)
_PLAIN_DEVICE_TEXT = re.compile(r"^(?:IEC http://www\.iec\.ch|IEC 61966-2\.1 Default RGB colour space - sRGB|"
                                r"Copyright.*|No copyright.*|Public Domain|CC0|Apple Computer Inc\.|Google)$", re.IGNORECASE)


def icc_texts(profile: bytes) -> dict[str, str]:
    """The text tags of an ICC profile (desc, dmnd, dmdd, cprt...), v2 and v4."""
    out: dict[str, str] = {}
    if len(profile) < 132:
        return out
    count = struct.unpack(">I", profile[128:132])[0]
    for i in range(min(count, 100)):
        base = 132 + 12 * i
        if base + 12 > len(profile):
            break
        sig = profile[base:base + 4].decode("latin-1")
        offset, size = struct.unpack(">II", profile[base + 4:base + 12])
        body = profile[offset:offset + size]
        kind = body[:4]
        text = ""
        if kind == b"desc" and len(body) >= 12:
            n = struct.unpack(">I", body[8:12])[0]
            text = body[12:12 + n].rstrip(b"\x00").decode("latin-1", "replace")
        elif kind == b"text":
            text = body[8:].rstrip(b"\x00").decode("latin-1", "replace")
        elif kind == b"mluc" and len(body) >= 16:
            records = struct.unpack(">I", body[8:12])[0]
            if records:
                length, off = struct.unpack(">II", body[20:28])
                text = body[off:off + length].decode("utf-16-be", "replace")
        if text.strip():
            out[sig.strip()] = text.strip()
    return out


def icc_items(profile: bytes, segment: str) -> list[MetaItem]:
    texts = icc_texts(profile)
    desc = texts.get("desc", "")
    header_device = profile[48:56] if len(profile) >= 56 else b""
    device_named = any(k in texts and not _PLAIN_DEVICE_TEXT.match(texts[k]) for k in ("dmnd", "dmdd"))
    plain = bool(_PLAIN_ICC.match(desc)) and not device_named
    if plain:
        return [MetaItem(segment, "ICC", desc, HARMLESS)]
    items = [MetaItem(segment, f"ICC {sig}", text[:300], ICC_DEVICE) for sig, text in texts.items()
             if sig in ("desc", "dmnd", "dmdd", "cprt", "vued", "targ")]
    if not items:
        items.append(MetaItem(segment, "ICC", printable(header_device), ICC_DEVICE))
    return items


# --- writing pictures back -------------------------------------------------------------
# After text or faces were covered, each format writes the picture again in its own way
# (its handler's encode / encode_frames), at the highest quality the format allows.

def icc_of(like: bytes) -> bytes | None:
    """The colour profile of the original, for the re-encoded picture."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(like)) as original:
        return original.info.get("icc_profile")


def animation_timing(like: bytes, count: int) -> dict:
    """The frame durations and looping of the animation ``like``, to write it back the same."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(like)) as original:
        loop = original.info.get("loop")
        durations = []
        for index in range(count):
            original.seek(index)
            durations.append(original.info.get("duration", 100))
    return {"duration": durations, **({"loop": loop} if loop is not None else {})}


def saved(picture, *args, **options) -> bytes:
    """``picture.save(...)`` into bytes."""
    import io

    out = io.BytesIO()
    picture.save(out, *args, **options)
    return out.getvalue()


class StillPicture:
    """A format whose files hold one picture: several frames cannot be written back."""

    format = ""

    def encode_frames(self, pictures: list, like: bytes) -> bytes:
        raise ValueError(f"{self.format}: several frames")
