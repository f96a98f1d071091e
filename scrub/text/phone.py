"""Phone numbers of every country the families write from, however they are grouped.

The digits come from :func:`scrub.text.numbers.digit_runs`, so a number broken up by
emoji, bullets, dots or a subtitle cue break ("55 🌸 4471 🌸 0926", "664•117•52•09") is
one run. A run is split into phone numbers by trying, from each group, the longest stretch
of groups that is a phone:

- a Mexican or North American national number (10 digits), with the prefixes families still
  write although libphonenumber dropped them for Mexico (``+52 1``, ``044``, ``045``, ``01``):
  libphonenumber would refuse them, so :func:`national_part` reads them here;
- an international number (``+504 9876 2231``, ``00 34 612 48 33 90``, or a country code
  written apart: ``(503) 7715 6602``), validated by libphonenumber for its country;
- next to a phone word ("cel.", "whats", "tel. de la casa", "call"): a local number of 7 or 8
  digits (Central America, a Mexican city's local number without its area code), or a
  number valid in one of the regions migrant families write from ("0414 552 3310").

A number glued to its label ("Cel.33 1842 7765", "WhatsApp3318427765", "#3318427765") is a
phone; digits glued to other letters (a passport "G58642670", an RFC) or inside a link or an
e-mail are left to the rules for those.
"""
from __future__ import annotations

import functools
import re

import phonenumbers

from scrub.case import fold_keeping_length
from scrub.text import lexicon
from scrub.text.numbers import Run, digit_runs
from scrub.text.recognizer import ScrubRecognizer

# national numbers are 10 digits; these prefixes may come before them
_PREFIXES = ("00521", "0052", "521", "52", "044", "045", "001", "01", "1")
# regions a local number (no country code) is tried in, when a phone word is near
LOCAL_REGIONS = ("MX", "US", "GT", "SV", "HN", "NI", "CR", "PA", "CU", "CO", "VE", "EC", "PE", "ES", "DO", "BR", "AR", "CL")
CONTEXT_WINDOW = 30


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


@functools.lru_cache(maxsize=4096)
def _valid(number: str, region: str | None) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, region))
    except phonenumbers.NumberParseException:
        return False


def _country_codes() -> frozenset[str]:
    # country codes written apart from the number ("(503) 7715 6602"); +52 and +1 are read
    # by national_part
    return frozenset(str(phonenumbers.country_code_for_region(r)) for r in LOCAL_REGIONS) - {"52", "1"}


_CODES = _country_codes()
_LEAD = re.compile(r"\(?[ \t]?\+[ \t]?\(?[ \t]?$|\([ \t]?$")
_GLUED_LABEL = re.compile(r"(?:^|[^\w])(?:" + r"tel|tels|telefono|cel|celular|movil|whats|whatsapp|wa|wsp|no|num|numero|phone|cell|fijo|casa" + r")\.?$")


def _starts_cleanly(text: str, folded: str, start: int) -> bool:
    """Digits at ``start`` begin a number of their own: not inside a word, a link or an
    e-mail, unless glued to a phone label ("Tel.3318...", "WhatsApp3318...")."""
    if start == 0:
        return True
    before = text[start - 1]
    if before.isalnum() or before == ".":
        return bool(_GLUED_LABEL.search(folded, max(0, start - 12), start))
    return before not in "/@=_&"


def _ends_cleanly(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    after = text[end]
    return not (after.isalnum() or after in "@_" or (after in "./" and end + 1 < len(text) and text[end + 1].isalnum()))


def _phone_context(folded: str, start: int, end: int) -> bool:
    before = folded[max(0, start - CONTEXT_WINDOW):start].rsplit("\n", 1)[-1]
    after = folded[end:end + 15].split("\n", 1)[0]
    words = lexicon.pattern("phone")
    return bool(words.search(before) or re.match(r"[ \t]*\(?[ \t]*(?:casa|cel|celular|whats|whatsapp|home|cell|mobile)\b", after))


def _is_phone(digits: str, plus: bool, context: bool, first_group: str) -> bool:
    if national_part(digits, plus):
        return True
    international = digits[2:] if digits.startswith("00") else digits
    if (plus or digits.startswith("00")) and 8 <= len(international) <= 15:
        return _valid("+" + international, None)
    if first_group in _CODES and len(digits) >= 10 and _valid("+" + digits, None):
        return True  # "(503) 7715 6602", "502 5731 4486": a country code written apart
    if not context:
        return False
    if 7 <= len(digits) <= 8 and len(set(digits)) > 2:
        return True  # a local number after "cel." or "tel. de la casa"
    return any(_valid(digits, region) for region in LOCAL_REGIONS)


def _split(run: Run, text: str, folded: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    groups = run.groups
    i = 0
    while i < len(groups):
        if not _starts_cleanly(text, folded, groups[i].start):
            i += 1
            continue
        lead = _LEAD.search(text, max(0, groups[i].start - 4), groups[i].start)
        plus = bool(lead and "+" in lead.group())
        context = _phone_context(folded, groups[i].start, run.end)
        best = None
        digits = ""
        for j in range(i, min(len(groups), i + 10)):
            digits += groups[j].digits
            if len(digits) > 15:
                break
            if _ends_cleanly(text, groups[j].end) and _is_phone(digits, plus, context, groups[i].digits):
                best = j
        if best is None:
            i += 1
            continue
        start, end = groups[i].start, groups[best].end
        if lead and lead.group().strip():  # a leading "+", "(" or "(+" belongs to the number
            start = lead.start()
        if end < len(text) and text[end] == ")" and "(" in text[start:end]:
            end += 1
        found.append((start, end, "".join(g.digits for g in groups[i:best + 1])))
        i = best + 1
    return found


def find_phones(text: str) -> list[tuple[int, int, str]]:
    """(start, end, digits) for every phone number in ``text``."""
    runs = digit_runs(text, 7)
    if not runs:
        return []
    folded = fold_keeping_length(text)
    out: list[tuple[int, int, str]] = []
    for run in runs:
        out.extend(_split(run, text, folded))
    return out


# Not "PhoneRecognizer": Presidio's yaml loader finds recognizer classes by name among
# every subclass loaded, so a second class of that name makes Presidio's own setup (the
# stock analyzer in bench/text_speed.py, or any program using both) pick one at random.
class AnyRegionPhoneRecognizer(ScrubRecognizer):
    entity, label = "PHONE", "phone"
    examples = {"phone-number": {
        "flag": [
            "Háblale a mi mamá al [[33 7294 3648]] por favor.",
            "Informes: [[351-947-8663]].",
            "Tel. [[(33) 1234-5678]] todo el día",
            "marca al [[+52 1 33 1234 5678]] ya",
            "o al [[+5213312345678]] ya",
            "o al [[044 33 1234 5678]] ya",
            "o al [[045 (662) 123 4567]] ya",
            "o al [[0052 81 2345 6789]] ya",
            "o al [[662.123.4567]] ya",
            "llámame al [[662·123·4567]] ya",
            "Call me at [[(602) 555-0143]] anytime.",
            "Call me at [[+1 602 555 0143]] anytime.",
            "Cel.[[33 1842 7765]] todo el día",
            "WhatsApp[[3318427765]] gracias",
            "Pueden llamarle al [[+502 5731 4486]], es su tía",
            "su mamá al [[(503) 7715 6602]]; su papá no tiene",
            "Tel. de la casa [[5719 4420]], cel [[55 3108 6672]]",
            "Su cel es el [[55 🌸 4471 🌸 0926]].",
        ],
        "keep": [
            "FICHA DE BÚSQUEDA 0219/2024, folio 123456789",
            "Expediente FGE/CUE/3012/2021 de la fiscalía",
            "Recompensa de $150,000 pesos, ruta 380",
            "Tenía 21 años, mide 1.58 m, pesa 60 kg, talla 32, y desapareció en 2023.",
            "Pasaporte G58642670 vigente",
            "escribe a ana3318427765@gmail.com",
            "Folio de la denuncia 7022392311 en la Fiscalía.",
        ],
    }}

    def find(self, text, nlp_artifacts):
        return [(start, end, 0.75, "phone-number") for start, end, _ in find_phones(text)]
