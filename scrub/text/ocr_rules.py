"""Rules for codes read from pixels, where OCR confuses letters and digits.

Tesseract reads phones, addresses and names exactly on posters, but confuses O/0, 1/l/I,
5/S, 8/B, 6/G, 2/Z in codes, and reads "@" as "©" or "G0". Codes are read again with the
letter or digit their position in the code requires. They run beside the ordinary text
rules on every text read from a picture (scrub/vision/visible.py), as ``ocr-curp`` (ID)
and ``ocr-email`` (EMAIL).
"""
from __future__ import annotations

import re

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
