"""XMP: Adobe's RDF/XML packet (creator, rights, places, edit history, people tagged in
face regions), inside JPEG, PNG, WebP, GIF, TIFF, HEIC and AVIF."""
from __future__ import annotations

from scrub.formats.meta.items import (
    DATE,
    DEVICE,
    DEVICE_SERIAL,
    GPS,
    HISTORY,
    OTHER,
    OWNER,
    PLACE_TEXT,
    SOFTWARE,
    TEXT,
    UNREADABLE,
    MetaItem,
    printable,
)

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
