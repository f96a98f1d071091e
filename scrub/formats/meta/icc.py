"""ICC colour profiles: a plain colour space is kept (colours must not shift); a profile
that names a device (a scanner, a camera, its serial) is a leak."""
from __future__ import annotations

import re
import struct

from scrub.formats.meta.items import HARMLESS, ICC_DEVICE, MetaItem, printable

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
