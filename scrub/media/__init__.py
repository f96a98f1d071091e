"""Images: one handler per format, chosen by the file's real type (magic bytes).

``inspect`` lists the metadata; ``image_findings`` turns it into findings (free text is
read by the same text rules as scripts); ``clean`` writes a copy without it, which the
caller inspects again before accepting it.
"""
from __future__ import annotations

import contextlib

from scrub.findings import Finding
from scrub.media.base import (
    FREE_TEXT_KINDS,
    GPS,
    HARMLESS,
    KIND_RULES,
    MAX_FILE_BYTES,
    MAX_PIXELS,
    Inspection,
    MetaItem,
)
from scrub.media.avif import AvifHandler
from scrub.media.gif import GifHandler
from scrub.media.heic import HeicHandler
from scrub.media.jpeg import JpegHandler
from scrub.media.png import PngHandler
from scrub.media.tiff import TiffHandler
from scrub.media.webp import WebpHandler
from scrub.policy import ErrorCode, Unverified, rule_severity

HANDLERS = {h.format: h for h in (JpegHandler(), PngHandler(), WebpHandler(), GifHandler(), TiffHandler(), HeicHandler(),
                                  AvifHandler())}

# what an extension promises; a file whose bytes say otherwise is reported
SUFFIX_KINDS = {
    ".jpg": "jpeg", ".jpeg": "jpeg", ".jpe": "jpeg", ".jfif": "jpeg", ".png": "png", ".apng": "png",
    ".webp": "webp", ".gif": "gif", ".tif": "tiff", ".tiff": "tiff", ".heic": "heic", ".heif": "heic",
    ".hif": "heic", ".avif": "avif",
}

ENTITY_OF_KIND = {GPS: "GPS"}

__all__ = ["HANDLERS", "SUFFIX_KINDS", "Inspection", "inspect", "clean", "image_findings",
           "MAX_FILE_BYTES", "MAX_PIXELS"]


def inspect(data: bytes, kind: str) -> Inspection:
    if len(data) > MAX_FILE_BYTES:
        raise Unverified(ErrorCode.IMAGE_TOO_BIG, f"{len(data)} bytes")
    handler = HANDLERS.get(kind)
    if handler is None:
        raise Unverified(ErrorCode.IMAGE_UNSUPPORTED, kind)
    with _fail_closed():
        return handler.inspect(data)


def clean(data: bytes, kind: str, inspection: Inspection) -> bytes:
    with _fail_closed():
        return HANDLERS[kind].clean(data, inspection)


@contextlib.contextmanager
def _fail_closed():
    """Whatever a decoder or parser raises on a strange file (a codec that is not built in,
    a structure no one foresaw) makes that file unverified, with the reason: never a
    traceback, never "clean", and the other files of the batch go on."""
    try:
        yield
    except Unverified:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure means the file was not fully read
        raise Unverified(ErrorCode.IMAGE_CORRUPT, f"{type(exc).__name__}: {exc}") from exc


def _grouped(items: list[MetaItem]) -> list[tuple[MetaItem, list[MetaItem]]]:
    """GPS fields of one segment are one finding (latitude, longitude, altitude... are one
    position); everything else is one finding per field."""
    groups: list[tuple[MetaItem, list[MetaItem]]] = []
    gps_by_segment: dict[str, list[MetaItem]] = {}
    for item in items:
        if item.kind == HARMLESS:
            continue
        if item.kind == GPS:
            gps_by_segment.setdefault(item.segment, []).append(item)
            continue
        groups.append((item, [item]))
    for segment, gps in gps_by_segment.items():
        head = MetaItem(segment, ", ".join(i.tag for i in gps), gps_position(gps), GPS)
        groups.insert(0, (head, gps))
    return groups


def _degrees(text: str) -> float | None:
    """'20 39 35.3' (d m s), '20,38.3484N' (XMP d,m.m) or '20.6597' -> decimal degrees."""
    import re

    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text.replace(",", " "))]
    if not numbers:
        return None
    value = numbers[0] + (numbers[1] / 60 if len(numbers) > 1 else 0) + (numbers[2] / 3600 if len(numbers) > 2 else 0)
    return -value if re.search(r"[SW]\s*$", text.strip()) or text.strip().startswith("-") else value


def gps_position(items: list[MetaItem]) -> str:
    """The position the GPS fields point at, as "lat, lng" (what a person would paste
    into a map), else the fields as they are."""
    values = {i.tag.rsplit("/", 1)[-1]: i.value for i in items}
    lat, lng = values.get("GPSLatitude"), values.get("GPSLongitude")
    if lat and lng:
        la, lo = _degrees(lat), _degrees(lng)
        if la is not None and lo is not None:
            if values.get("GPSLatitudeRef", "").upper().startswith("S"):
                la = -abs(la)
            if values.get("GPSLongitudeRef", "").upper().startswith("W"):
                lo = -abs(lo)
            return f"{la:.5f}, {lo:.5f}"
    return "; ".join(f"{i.tag}={i.value}" for i in items)


def image_findings(inspection: Inspection, text_findings=None) -> list[Finding]:
    """Findings for an inspected image. ``text_findings(values) -> list[list[(entity, rule,
    value)]]`` reads free-text fields with the text rules (None: not read)."""
    out: list[Finding] = []
    groups = _grouped(inspection.items)
    texts = [head.value for head, _ in groups if head.kind in FREE_TEXT_KINDS and head.value]
    found_in_text = text_findings(texts) if (text_findings and texts) else [[] for _ in texts]
    by_value = dict(zip(texts, found_in_text))
    for head, _members in groups:
        rule = KIND_RULES.get(head.kind, "img-other-metadata")
        out.append(
            Finding(
                rule=rule,
                entity=ENTITY_OF_KIND.get(head.kind, "METADATA"),
                severity=rule_severity(rule),
                value=head.value,
                location=head.location(),
                why=head.kind,
            )
        )
        for entity, text_rule, value, text_severity in by_value.get(head.value, []) if head.kind in FREE_TEXT_KINDS else []:
            out.append(
                Finding(
                    rule=text_rule,
                    entity=entity,
                    severity=text_severity,
                    value=value,
                    location=head.location(),
                    why="metadata text",
                )
            )
    return out
