"""EXIF: the TIFF-structured block phones and cameras write (GPS, device, serials, owner,
comments, dates, the embedded thumbnail), inside JPEG, PNG, WebP, TIFF, HEIC and AVIF."""
from __future__ import annotations

from scrub.formats.meta.items import (
    DATE,
    DEVICE,
    DEVICE_SERIAL,
    GPS,
    HARMLESS,
    OTHER,
    OWNER,
    SOFTWARE,
    TEXT,
    UNREADABLE,
    MetaItem,
    printable,
)

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


_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_SUB_IFDS = (0x8769, 0x8825, 0xA005)  # Exif, GPS, Interoperability


def claims_fit(tiff: bytes) -> bool:
    """Whether every entry of every IFD declares no more data than the block holds.

    A reader believes the counts a file declares: one changed byte in a 3 KB photo made an
    entry claim 2.7 billion values, and piexif grew past 5 GB trying to read them (found by
    the fuzz). The sizes are checked here first, in a few microseconds; a block that lies
    about them is reported as unreadable metadata (and removed on clean)."""
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return False
    order = "little" if tiff[:2] == b"II" else "big"
    seen: set[int] = set()
    todo = [int.from_bytes(tiff[4:8], order)]
    while todo:
        offset = todo.pop()
        if offset == 0 or offset in seen:
            continue
        if offset + 2 > len(tiff) or len(seen) > 64:
            return False
        seen.add(offset)
        count = int.from_bytes(tiff[offset:offset + 2], order)
        if offset + 2 + 12 * count > len(tiff):
            return False
        for k in range(count):
            entry = offset + 2 + 12 * k
            tag = int.from_bytes(tiff[entry:entry + 2], order)
            kind = int.from_bytes(tiff[entry + 2:entry + 4], order)
            n = int.from_bytes(tiff[entry + 4:entry + 8], order)
            size = _TYPE_SIZES.get(kind, 1) * n
            if size > len(tiff):
                return False
            if size > 4 and int.from_bytes(tiff[entry + 8:entry + 12], order) + size > len(tiff):
                return False
            if tag in _SUB_IFDS:
                todo.append(int.from_bytes(tiff[entry + 8:entry + 12], order))
        if offset + 6 + 12 * count <= len(tiff) and offset == int.from_bytes(tiff[4:8], order):
            todo.append(int.from_bytes(tiff[offset + 2 + 12 * count:offset + 6 + 12 * count], order))  # IFD1, the thumbnail's
    return True


def exif_items(raw: bytes, segment: str) -> tuple[list[MetaItem], int, bytes | None]:
    """Items, orientation and the embedded thumbnail (IFD1) of TIFF-structured EXIF bytes
    (with or without the ``Exif\\0\\0`` header)."""
    import piexif

    if raw.startswith(b"Exif\x00\x00"):
        raw = raw[6:]
    items: list[MetaItem] = []
    if not claims_fit(raw):
        return [MetaItem(segment, "EXIF", printable(raw[:2000]), UNREADABLE)], 1, None
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


def orientation_exif(orientation: int) -> bytes:
    """EXIF ("Exif\\0\\0" and its TIFF structure) holding only the orientation: what a
    clean copy keeps so the picture does not turn."""
    import piexif

    return piexif.dump({"0th": {piexif.ImageIFD.Orientation: orientation}})
