"""From the words Tesseract reads in a picture to findings with pixel boxes.

The words, put back into lines (scrub/vision/ocr.py), go through the same text rules and
case file as scripts, plus the OCR-tolerant ones (scrub/text/ocr_rules.py); every OCR word
whose characters overlap a finding's span is covered, with the gaps between those words on
the same line. (presidio-image-redactor matches by substring, so an OCR token "Tel:33" keeps
"33" visible; offsets avoid that.)
"""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from scrub.vision.ocr import VARIANTS, boxes_for, layout, read_words

_POSTAL_LABEL = re.compile(r"(?:\bC\.?\s?P\.?|[Cc][óo]digo\s+[Pp]ostal|\bZIP(?:\s+[Cc]ode)?)\s*:?\s*$", re.IGNORECASE)


def _overlap(a: list[int], b: list[int]) -> float:
    ax0, ay0, aw, ah = a
    bx0, by0, bw, bh = b
    w = min(ax0 + aw, bx0 + bw) - max(ax0, bx0)
    h = min(ay0 + ah, by0 + bh) - max(ay0, by0)
    if w <= 0 or h <= 0:
        return 0.0
    return (w * h) / min(aw * ah, bw * bh)


def same_place(a, b) -> bool:
    """Two findings whose boxes mostly overlap."""
    return _overlap(a.location["box"], b.location["box"]) > 0.5


def visible_findings(image, case, language: str, analyzer, variants=VARIANTS):
    """Findings for the text in ``image``, each with its pixel boxes, from every reading
    of the picture (the same detail read twice is reported once)."""
    with ThreadPoolExecutor(max_workers=len(variants)) as pool:
        readings = list(pool.map(lambda v: read_words(image, v), variants))
    out = []
    for words in readings:
        for f in findings_in_words(words, case, language, analyzer):
            if not any(o.entity == f.entity and same_place(o, f) for o in out):
                out.append(f)
    return out


def findings_in_words(words, case, language, analyzer):
    """Findings, with their boxes, for OCR words (scrub.vision.ocr.Word) of one picture."""
    from scrub.findings import Finding, Severity
    from scrub.policy import rule_severity
    from scrub.text.detect import detect_many
    from scrub.text.ocr_rules import ocr_curps, ocr_emails
    from scrub.text.reader import TextDocument

    if not words:
        return []
    text, spans = layout(words)
    found = detect_many([TextDocument(text=text, encoding="ocr", source="ocr")], [case], analyzer, [language])[0]
    extra = [(s, e, "ID", "ocr-curp") for s, e in ocr_curps(text)] + [(s, e, "EMAIL", "ocr-email") for s, e in ocr_emails(text)]
    taken = [(f.start, f.end) for f in found]
    for s, e, entity, rule in extra:
        if not any(ts < e and s < te for ts, te in taken):
            found.append(Finding(rule=rule, entity=entity, severity=rule_severity(rule), value=text[s:e], start=s, end=e))
    out = []
    for f in found:
        if f.entity == "POSTAL_CODE":
            # on a picture no replacement word is read aloud: its "C.P." label goes too
            label = _POSTAL_LABEL.search(text[: f.start])
            if label:
                f.start = label.start()
        boxes = boxes_for(f.start, f.end, words, spans)
        if not boxes:
            continue
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[0] + b[2] for b in boxes)
        y1 = max(b[1] + b[3] for b in boxes)
        out.append(
            Finding(
                rule=f.rule,
                entity=f.entity,
                severity=f.severity if isinstance(f.severity, Severity) else Severity(f.severity),
                value=f.value,
                score=f.score,
                location={"segment": "pixels", "tag": "visible text", "box": [x0, y0, x1 - x0, y1 - y0], "boxes": boxes},
                why="visible text",
            )
        )
    return out




def in_frames(pictures: list, order: list[int], case, language: str, analyzer) -> list:
    """The text findings of every distinct picture of a file; a detail repeated in the same
    place on later frames is reported once (its location names the first frame it is on)."""
    found: list = []
    for index, picture in enumerate(pictures):
        for f in visible_findings(picture, case, language, analyzer):
            if index:
                if any(o.entity == f.entity and same_place(o, f) for o in found):
                    continue
                f.location["frame"] = order.index(index)
            found.append(f)
    return found
