"""Phone numbers as Mexicans and Americans write them.

Presidio's phone recognizer leaves Mexico out of its default regions, and libphonenumber
dropped Mexico's legacy prefixes (``+52 1``, ``044``, ``045``, ``01``), which families still
write. Digit groups are therefore read here directly: a run of digit groups joined by
spaces, dots, dashes, slashes, middle dots, parentheses or one line break is split into
phone numbers by counting digits, longest valid number first. Written this way, "351 947
8663 / 351-144-4294" is two numbers, and "+52 1 (494) 112 3344" is one.
"""
from __future__ import annotations

import re

from scrub.text.recognizer import ScrubRecognizer

_RUN = re.compile(
    r"(?<![\w+@/#=.])"  # not inside a word, a URL path or a query value
    r"(?:\(\s?)?(?:\+\s?)?(?:\(\s?)?\d+\)?"
    r"(?:(?:[ \t]*[.\-·/][ \t]*|[ \t]+|[ \t]*\r?\n[ \t]*|(?=\())(?:\(\s?)?(?:\+\s?)?\d+\)?){0,16}"
    r"(?![\w@])"
)
_GROUP = re.compile(r"\d+")

# national numbers are 10 digits; these prefixes may come before them
_PREFIXES = ("00521", "0052", "521", "52", "044", "045", "001", "01", "1")


def national_part(digits: str, has_plus: bool) -> str | None:
    """The 10-digit national number inside ``digits``, or None when it is not a phone."""
    if len(digits) == 10:
        national = digits
    else:
        for prefix in _PREFIXES:
            if digits.startswith(prefix) and len(digits) - len(prefix) == 10:
                if prefix == "1" and not has_plus:
                    return None  # eleven bare digits are more often an id than a US phone
                national = digits[len(prefix):]
                break
        else:
            return None
    if national[0] in "01":
        return None
    if len(set(national)) <= 2:  # 0000000000, 5555555555: placeholders, not phones
        return None
    return national


def find_phones(text: str) -> list[tuple[int, int, str]]:
    """(start, end, national digits) for every phone number in ``text``."""
    found: list[tuple[int, int, str]] = []
    if sum(map(str.isdigit, text)) < 10:
        return found
    for run in _RUN.finditer(text):
        groups = [(m.start() + run.start(), m.end() + run.start(), m.group()) for m in _GROUP.finditer(run.group())]
        if sum(len(g[2]) for g in groups) < 10:
            continue
        i = 0
        while i < len(groups):
            best = None
            digits = ""
            for j in range(i, min(len(groups), i + 15)):
                digits += groups[j][2]
                if len(digits) > 15:
                    break
                start = groups[i][0]
                has_plus = "+" in text[max(run.start(), start - 3):start]
                national = national_part(digits, has_plus)
                if national:
                    best = (j, national)
            if best is None:
                i += 1
                continue
            j, national = best
            start, end = groups[i][0], groups[j][1]
            # take in a leading "+", "(" or "(+" and a closing ")" that belong to the number
            lead = re.search(r"\(?\s?\+?\s?\(?\s?$", text[max(run.start(), start - 4):start])
            if lead and lead.group().strip():
                start -= len(lead.group())
                while text[start] == " ":
                    start += 1
            if end < len(text) and text[end] == ")" and "(" in text[start:end]:
                end += 1
            found.append((start, end, national))
            i = j + 1
    return found


class PhoneRecognizer(ScrubRecognizer):
    entity, label = "PHONE", "phone"

    def find(self, text, nlp_artifacts):
        return [(start, end, 0.75, "phone-number") for start, end, _ in find_phones(text)]
