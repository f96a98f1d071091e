"""Text drawn in the pixels of posters and photos: read it, find what must not be
published, and black it out.

Tesseract (through pytesseract) gives words with boxes. Words are put back into lines and
paragraphs, so the same text rules and case file as for scripts see "Cel. 33 1874" / "5520"
as one phone number; every OCR word whose characters overlap a finding's span is covered,
with the gaps between those words on the same line. (presidio-image-redactor matches by
substring, so an OCR token "Tel:33" keeps "33" visible; offsets avoid that.)
"""
from __future__ import annotations

import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

# Tesseract's OpenMP threads fight each other on small machines: one thread per process is
# about six times faster here (bench/ocr.py), and the readings run side by side instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


LANGS = "spa+eng"
# Tesseract reads poster text best at cap heights of ~20-40 px; smaller images are enlarged.
MIN_WIDTH_FOR_OCR = 1200
MARGIN = 0.35  # of the text height, added around each box before filling


class OcrUnavailable(Exception):
    pass


@dataclass
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # (block, paragraph, line)


def available() -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        pytesseract.get_tesseract_version()
        langs = set(pytesseract.get_languages(config=""))
    except Exception:
        return False
    return {"spa", "eng"} <= langs


# Two readings of every picture: the grey image, and only its dark pixels. The second
# lifts dark text off a busy background (market scenes, confetti, coloured lines); the
# first keeps light text on dark banners, which the second drops. Measured on the dev
# posters (bench/ocr.py): the grey pass alone misses the address and e-mail drawn over a
# busy background, and misreads the subject's name there.
VARIANTS = ("grey", "dark")
DARK_THRESHOLD = 90


def read_words(image, variant: str = "grey") -> list[Word]:
    """Words with boxes in ``image`` coordinates."""
    import pytesseract
    from PIL import ImageOps

    gray = ImageOps.grayscale(image)
    if variant == "dark":
        gray = gray.point(lambda v: 0 if v < DARK_THRESHOLD else 255)
    scale = 1.0
    if gray.width < MIN_WIDTH_FOR_OCR:
        scale = MIN_WIDTH_FOR_OCR / gray.width
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)))
    try:
        data = pytesseract.image_to_data(gray, lang=LANGS, output_type=pytesseract.Output.DICT, config="--psm 3")
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError) as exc:
        raise OcrUnavailable(str(exc)) from exc
    words = []
    for i, text in enumerate(data["text"]):
        if not text.strip():
            continue
        words.append(
            Word(
                text=text.strip(),
                left=round(data["left"][i] / scale),
                top=round(data["top"][i] / scale),
                width=round(data["width"][i] / scale),
                height=round(data["height"][i] / scale),
                line=(data["block_num"][i], data["par_num"][i], data["line_num"][i]),
            )
        )
    return words


def layout(words: list[Word]) -> tuple[str, list[tuple[int, int]]]:
    """The words as text: a space between words, a line break between lines, a blank line
    between blocks. Returns the text and each word's (start, end) in it."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    previous = None
    for w in words:
        if previous is not None:
            sep = " " if w.line == previous.line else ("\n" if w.line[:2] == previous.line[:2] else "\n\n")
            parts.append(sep)
            pos += len(sep)
        spans.append((pos, pos + len(w.text)))
        parts.append(w.text)
        pos += len(w.text)
        previous = w
    return "".join(parts), spans


def boxes_for(start: int, end: int, words: list[Word], spans: list[tuple[int, int]]) -> list[list[int]]:
    """[x, y, w, h] per line: the union of every word overlapping [start, end)."""
    by_line: dict[tuple, list[int]] = {}
    for w, (s, e) in zip(words, spans):
        if s < end and start < e:
            box = by_line.setdefault(w.line, [w.left, w.top, w.left + w.width, w.top + w.height])
            box[0], box[1] = min(box[0], w.left), min(box[1], w.top)
            box[2], box[3] = max(box[2], w.left + w.width), max(box[3], w.top + w.height)
    return [[x0, y0, x1 - x0, y1 - y0] for x0, y0, x1, y1 in by_line.values()]


def fill(image, boxes: list[list[int]]):
    """Solid boxes, a margin around each: never a blur, which can be undone. The fill is
    the colour around the box, so the card stays clean to look at and text next to the
    box (a tilted line above or below) is not touched where the boxes overlap."""
    from PIL import ImageDraw

    out = image.copy()
    draw = ImageDraw.Draw(out)
    for x, y, w, h in boxes:
        m = max(3, round(h * MARGIN))
        x0, y0 = max(0, x - m), max(0, y - m)
        x1, y1 = min(out.width - 1, x + w + m), min(out.height - 1, y + h + m)
        draw.rectangle([x0, y0, x1, y1], fill=_surrounding_colour(image, x0, y0, x1, y1))
    return out


def _surrounding_colour(image, x0: int, y0: int, x1: int, y1: int):
    """The median colour of a thin frame just outside the box."""
    from PIL import ImageStat

    pad = 3
    frame = []
    for box in ((x0 - pad, y0 - pad, x1 + pad, y0), (x0 - pad, y1, x1 + pad, y1 + pad),
                (x0 - pad, y0, x0, y1), (x1, y0, x1 + pad, y1)):
        bx0, by0 = max(0, box[0]), max(0, box[1])
        bx1, by1 = min(image.width, box[2]), min(image.height, box[3])
        if bx1 > bx0 and by1 > by0:
            frame.append(image.crop((bx0, by0, bx1, by1)))
    if not frame:
        return (0, 0, 0) if image.mode == "RGB" else 0
    strip_width = sum(f.width * f.height for f in frame)
    from PIL import Image

    strip = Image.new(image.mode, (strip_width, 1))
    pos = 0
    for f in frame:
        flat = f.resize((f.width * f.height, 1))
        strip.paste(flat, (pos, 0))
        pos += flat.width
    median = ImageStat.Stat(strip).median
    return tuple(median) if len(median) > 1 else median[0]


# --- OCR-tolerant identifiers ------------------------------------------------------------
# Tesseract reads phones, addresses and names exactly on posters, but confuses O/0, 1/l/I,
# 5/S, 8/B, 6/G, 2/Z in codes, and reads "@" as "©" or "G0". Codes are read again with the
# letter or digit their position in the code requires.

_TO_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "|": "1", "S": "5", "B": "8", "G": "6", "Z": "2", "T": "7"})
_TO_LETTER = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "6": "G", "2": "Z", "7": "T", "4": "A"})
# CURP: 4 letters, 6 digits, H/M/X, 5 letters, a letter or digit, a digit
_CURP_SHAPE = "LLLLDDDDDDLLLLLLAD"
_CODE_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9|]{17,20}(?![A-Za-z0-9])")


def _coerce(token: str, shape: str) -> str:
    out = []
    for ch, kind in zip(token.upper(), shape):
        if kind == "L":
            out.append(ch.translate(_TO_LETTER))
        elif kind == "D":
            out.append(ch.translate(_TO_DIGIT))
        else:
            out.append(ch)
    return "".join(out)


def ocr_curps(text: str) -> list[tuple[int, int]]:
    """Spans of CURP-shaped codes once OCR confusions are undone. A code whose check digit
    still fails is reported too: OCR may have misread the check digit itself."""
    found = []
    for m in _CODE_TOKEN.finditer(text):
        token = m.group()
        for offset in range(0, len(token) - 17):
            candidate = _coerce(token[offset:offset + 18], _CURP_SHAPE)
            if re.fullmatch(r"[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d", candidate):
                found.append(m.span())
                break
    return found


_OCR_EMAIL = re.compile(
    r"(?<![\w.])[\w.+-]+\s?(?:@|©|®|G0|\(at\)|\[at\]|\s@\s)\s?[\w-]+(?:\.[\w-]+)*\.(?:com|mx|net|org|edu|gob|info|es|us|co)(?:\.mx)?(?![\w])",
    re.IGNORECASE,
)


def ocr_emails(text: str) -> list[tuple[int, int]]:
    """E-mails whose "@" OCR misread (a real "@" is found by the ordinary e-mail rule)."""
    return [m.span() for m in _OCR_EMAIL.finditer(text) if "@" not in m.group()]


# --- from pixels to findings and back ------------------------------------------------------

def displayed(data: bytes, kind: str):
    """The picture as a person sees it: decoded, turned by its EXIF orientation, RGB."""
    import io

    from PIL import Image, ImageOps

    from scrub.media.base import MAX_PIXELS

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # a second guard: Pillow refuses larger pictures
    if kind == "heic":
        import pillow_heif

        pillow_heif.register_heif_opener()
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        shown = ImageOps.exif_transpose(im)
        return shown.convert("RGB")


MAX_FRAMES = 40  # distinct pictures read in one file (animation frames, TIFF pages)


class TooManyFrames(Exception):
    """More distinct frames than scrub reads: the file cannot be fully checked."""


def frames(data: bytes, kind: str):
    """Every distinct picture a person sees in the file (the frames of an animated GIF,
    WebP or PNG, the pages of a TIFF), and for each frame in order the index of its
    picture: text shown only in the fifth frame of an animation is still text on the card.
    A still image gives ([displayed(data, kind)], [0])."""
    import hashlib
    import io

    from PIL import Image

    if kind not in ("heic", "avif"):  # their primary picture only (an animated AVIF is refused on clean)
        with Image.open(io.BytesIO(data)) as im:
            count = getattr(im, "n_frames", 1)
            if count > 1:
                pictures: list = []
                order: list[int] = []
                seen: dict[bytes, int] = {}
                for index in range(count):
                    im.seek(index)
                    picture = im.convert("RGB")
                    key = hashlib.blake2b(picture.tobytes(), digest_size=16).digest()
                    if key not in seen:
                        if len(pictures) == MAX_FRAMES:
                            raise TooManyFrames(f"more than {MAX_FRAMES} different frames")
                        seen[key] = len(pictures)
                        pictures.append(picture)
                    order.append(seen[key])
                return pictures, order
    return [displayed(data, kind)], [0]


def encode_frames(pictures: list, kind: str, like: bytes) -> bytes:
    """Frames (one picture per frame, in order) written as the animation or pages ``like``
    was: same format, frame durations and looping, lossless where the format allows."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(like)) as original:
        loop = original.info.get("loop")
        durations = []
        for index in range(len(pictures)):
            original.seek(index)
            durations.append(original.info.get("duration", 100))
    out = io.BytesIO()
    timing = {"duration": durations, **({"loop": loop} if loop is not None else {})}
    first, rest = pictures[0], pictures[1:]
    if kind == "gif":
        first.save(out, "GIF", save_all=True, append_images=rest, **timing)
    elif kind == "webp":
        first.save(out, "WEBP", save_all=True, append_images=rest, lossless=True, **timing)
    elif kind == "png":
        first.save(out, "PNG", save_all=True, append_images=rest, **timing)
    elif kind == "tiff":
        first.save(out, "TIFF", save_all=True, append_images=rest, compression="tiff_adobe_deflate")
    else:
        raise ValueError(f"{kind}: several frames")
    return out.getvalue()


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
        for f in _findings_in_words(words, case, language, analyzer):
            if not any(o.entity == f.entity and same_place(o, f) for o in out):
                out.append(f)
    return out


def _findings_in_words(words, case, language, analyzer):
    from scrub.findings import Finding, Severity
    from scrub.policy import rule_severity
    from scrub.text.detect import detect_many
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


def encode(image, kind: str, like: bytes) -> bytes:
    """``image`` in the file's own format, at the highest quality the format allows."""
    import io

    from PIL import Image

    out = io.BytesIO()
    icc = None
    with Image.open(io.BytesIO(like)) as original:
        icc = original.info.get("icc_profile")
    if kind == "jpeg":
        image.save(out, "JPEG", quality=95, subsampling=0, icc_profile=icc)
    elif kind == "png":
        image.save(out, "PNG", icc_profile=icc)
    elif kind == "webp":
        image.save(out, "WEBP", lossless=True, icc_profile=icc)
    elif kind == "gif":
        image.convert("P", palette=Image.Palette.ADAPTIVE).save(out, "GIF")
    elif kind == "tiff":
        image.save(out, "TIFF", compression="tiff_adobe_deflate")
    elif kind == "heic":
        import pillow_heif

        pillow_heif.from_pillow(image).save(out, quality=-1)
    elif kind == "avif":
        image.save(out, "AVIF", quality=100, subsampling="4:4:4", icc_profile=icc)
    else:
        raise ValueError(kind)
    return out.getvalue()
