"""Reading the text drawn in a picture: Tesseract (through pytesseract) gives words with
boxes, and the words are put back into lines and paragraphs, so that the text rules see
"Cel. 33 1874" / "5520" as one phone number (scrub/vision/visible.py finds the details and
their boxes).
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

from scrub.policy import ErrorCode, Unverified

# Tesseract's OpenMP threads fight each other on small machines: one thread per process is
# about six times faster here (bench/ocr.py), and the readings run side by side instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


LANGS = "spa+eng"
# Tesseract reads poster text best at cap heights of ~20-40 px; smaller images are enlarged.
MIN_WIDTH_FOR_OCR = 1200


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
        raise Unverified(ErrorCode.OCR_UNAVAILABLE, str(exc)) from exc
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
