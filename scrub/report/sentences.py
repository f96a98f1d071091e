"""One plain sentence per finding, for the people who read a report: the terminal report,
the HTML report and the local page (scrub/web) all say a finding the same way.

"Renglón 8: un teléfono personal. Pon la línea del colectivo..." says where (a line of the
script, the picture, the file's hidden data), what it is in everyday words, and what to
publish instead (the advice `scrub explain` gives for that kind of detail). Rule ids,
metadata tag names and pixel boxes are not in a sentence: :func:`technical` has them, for
``--verbose``, the page's "detalles técnicos" and the JSON and SARIF reports.

Every word comes from the message catalogs (``what.<rule>``, else ``what.<ENTITY>``), so a
new rule reads well once its phrase is added, and reads acceptably (its entity's phrase)
before that.
"""
from __future__ import annotations

from scrub import messages
from scrub.findings import Finding, mask_value
from scrub.policy import Place, find_rule, place

# the metadata standard a container part belongs to: "APP1 Exif 0th" and "eXIf" are both
# EXIF to a person (the JSON report keeps the container's own names)
_STANDARDS = (("IPTC", "IPTC"), ("XMP", "XMP"), ("exif", "EXIF"), ("ICC", "ICC"), ("JUMBF", "C2PA"),
              ("C2PA", "C2PA"), ("caBX", "C2PA"))


def standard(segment: str) -> str:
    lowered = segment.lower()
    return next((name for key, name in _STANDARDS if key.lower() in lowered), segment)


def in_hidden_data(f: Finding) -> bool:
    """A finding in a file's metadata (not in its text, its subtitles, its pages, or drawn
    in its picture)."""
    loc = f.location or {}
    return place(f) is Place.METADATA and f.line is None and "time" not in loc


def _seconds(value: float) -> str:
    minutes, seconds = divmod(int(value), 60)
    return f"{minutes}:{seconds:02d}"


def where(f: Finding, lang: str) -> str:
    if f.line:
        return messages.t("sentence.line", lang, n=f.line)
    loc = f.location or {}
    if place(f) is Place.PRINTED:
        return messages.t("sentence.page", lang, n=loc["page"])
    shown = loc.get("time")  # when a video shows it: a subtitle cue, text burnt into the picture
    if place(f) in (Place.VISIBLE, Place.FACE):
        if shown:
            return messages.t("sentence.video-time", lang, start=_seconds(shown[0]), end=_seconds(shown[1]))
        frame = loc.get("frame")
        if frame:  # counted from 1 for a person
            return messages.t("sentence.picture-frame", lang, n=frame + 1)
        return messages.t("sentence.picture", lang)
    if shown:
        return messages.t("sentence.subtitles-time", lang, start=_seconds(shown[0]), end=_seconds(shown[1]))
    if f.location:
        return messages.t("sentence.hidden", lang)
    return messages.t("sentence.somewhere", lang)


def what(f: Finding, lang: str) -> str:
    """The detail in everyday words: "un teléfono personal", "el nombre de un familiar"."""
    for key in (f"what.{f.rule}", f"what.{f.entity}"):
        if messages.has(key):
            phrase = messages.t(key, lang)
            break
    else:
        phrase = messages.entity_name(f.entity, lang)
    if f.entity == "ID" and not messages.has(f"what.{f.rule}"):
        # which document, when its rule's description starts with a short name ("CURP (...")
        rule = find_rule(f.rule)
        name = rule.description.get(lang, "") if rule else ""
        short = name.split("(")[0].split(",")[0].strip()
        if short and len(short) <= 24:
            phrase = f"{phrase} ({short})"
    return phrase


def advice(f: Finding, lang: str) -> str:
    """What to publish instead: the advice of `scrub explain` for this kind of detail."""
    key = f"explain.{f.entity}.instead"
    return messages.t(key, lang) if messages.has(key) else ""


def why(f: Finding, lang: str) -> str:
    """Why an extortionist wants it: the explanation of `scrub explain`."""
    key = f"explain.{f.entity}.why"
    return messages.t(key, lang) if messages.has(key) else ""


def shown_value(f: Finding, show_values: bool = False, limit: int = 40) -> str:
    value = (f.value if show_values else mask_value(f.value)).replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def found(f: Finding, lang: str, value: str | None = None, with_advice: bool = True) -> str:
    """The sentence for a finding of `check`: where, what (with its masked value when
    given), and what to publish instead."""
    key = "sentence.found-value" if value else "sentence.found"
    text = messages.t(key, lang, where=where(f, lang), what=what(f, lang), value=value or "")
    tip = advice(f, lang) if with_advice else ""
    return f"{text} {tip}".strip()


def removed(f: Finding, lang: str) -> str:
    """The sentence for a finding `clean` took out of the copy: "Se quitó ..."."""
    if in_hidden_data(f):
        return messages.t("sentence.removed-hidden", lang, what=what(f, lang))
    if place(f) is Place.METADATA:  # a subtitle track: the copy leaves it out
        return messages.t("sentence.removed-track", lang, where=where(f, lang), what=what(f, lang))
    if f.start is None:
        return messages.t("sentence.removed-picture", lang, where=where(f, lang), what=what(f, lang))
    return messages.t("sentence.removed-text", lang, where=where(f, lang), what=what(f, lang),
                      replacement=messages.replacement(f.entity, lang))


def kept(f: Finding, lang: str) -> str:
    """A finding a person reviewed and chose to keep (the collective's public number)."""
    return messages.t("sentence.kept", lang, where=where(f, lang), what=what(f, lang))


def technical(f: Finding, lang: str) -> str:
    """Rule id and exact place, for whoever asks (``--verbose``, "detalles técnicos")."""
    parts = [f.rule]
    if f.line:
        parts.append(messages.t("sentence.tech-line", lang, line=f.line, column=f.column or 0))
    loc = f.location or {}
    if "box" in loc:
        x, y, w, h = loc["box"]
        parts.append(messages.t("sentence.tech-box", lang, x=x, y=y, w=w, h=h))
    elif loc:
        tag = loc.get("tag", "")
        parts.append(f"{standard(loc.get('segment', ''))} {tag}".strip())
    return " · ".join(p for p in parts if p)
