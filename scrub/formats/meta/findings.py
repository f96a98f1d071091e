"""From metadata items to findings, for every family: what an item reveals names its rule
(scrub.policy declares the rule's severity), and free text in it is read by the same text
rules as scripts (a phone number in a photo comment is a phone number).
"""
from __future__ import annotations

from scrub.findings import Finding, masked_place
from scrub.formats.meta.items import (
    FREE_TEXT_KINDS,
    GPS,
    HARMLESS,
    KIND_RULES,
    TEXT_ONLY_KINDS,
    MetaItem,
)
from scrub.formats.meta.sweep import without_repeats
from scrub.policy import rule_severity

ENTITY_OF_KIND = {GPS: "GPS"}


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


def _place(head: MetaItem) -> dict:
    """Where an item sits, its names masked like values: a container may be named by the
    file's own data (an APPn segment "3318427765", an XMP property "Tel3318427765")."""
    return {key: masked_place(value) if isinstance(value, str) else value for key, value in head.location().items()}


def metadata_findings(items: list[MetaItem], read_fields=None) -> list[Finding]:
    """Findings for a file's metadata items. ``read_fields(values) -> list[list[Finding]]``
    reads free-text fields with the text rules (None: not read); what they find is reported
    at the field it sits in. The names of the places are read too: a name made of the
    file's data can carry a phone number as well as a value can."""
    out: list[Finding] = []
    groups = _grouped(items)
    texts = [head.value for head, _ in groups if head.kind in FREE_TEXT_KINDS and head.value]
    names = list(dict.fromkeys(f"{head.segment} \n {head.tag}" for head, _ in groups))
    found = read_fields(texts + names) if (read_fields and (texts or names)) else [[] for _ in texts + names]
    by_value = dict(zip(texts, found[:len(texts)]))
    by_name = dict(zip(names, found[len(texts):]))
    for head, _members in groups:
        rule = KIND_RULES.get(head.kind, "img-other-metadata")
        if head.kind not in TEXT_ONLY_KINDS:
            out.append(
                Finding(
                    rule=rule,
                    entity=ENTITY_OF_KIND.get(head.kind, "METADATA"),
                    severity=rule_severity(rule),
                    value=head.value,
                    location=_place(head),
                    why=head.kind,
                )
            )
        in_text = by_value.get(head.value, []) if head.kind in FREE_TEXT_KINDS else []
        for f, why in [(f, "metadata text") for f in in_text] + [(f, "metadata name") for f in
                                                                  by_name.get(f"{head.segment} \n {head.tag}", [])]:
            out.append(Finding(rule=f.rule, entity=f.entity, severity=f.severity, value=f.value, location=_place(head), why=why))
    # what the sweep of the file's readable bytes adds beyond the readers (meta/sweep.py)
    return without_repeats(out, items)
