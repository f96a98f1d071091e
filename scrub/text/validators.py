"""Check-digit and plausibility tests that turn a pattern match into a finding.

A pattern alone cannot tell a CURP from eighteen random characters; the check digit can.
YAML rules name these functions in their ``validator`` field. Each takes the matched text
(already normalised) and returns True when the value is real enough to report.
"""
from __future__ import annotations

import re
from typing import Callable

import clabe as clabe_lib
from stdnum import luhn as luhn_lib
from stdnum.mx import curp as curp_lib
from stdnum.mx import rfc as rfc_lib


def _compact(value: str) -> str:
    return re.sub(r"[\s\-.·/]", "", value).upper()


def curp(value: str) -> bool:
    return curp_lib.is_valid(_compact(value))


def rfc(value: str) -> bool:
    number = _compact(value)
    # personas físicas (13) and morales (12) with homoclave; the check digit is verified
    # so that random 13-character codes are not reported
    try:
        rfc_lib.validate(number, validate_check_digits=True)
    except Exception:
        return False
    return len(number) in (12, 13)


def rfc_shape(value: str) -> bool:
    """An RFC named as such by its context: shape and date are enough."""
    number = _compact(value)
    try:
        rfc_lib.validate(number, validate_check_digits=False)
    except Exception:
        return False
    return len(number) in (12, 13)


def clabe(value: str) -> bool:
    number = re.sub(r"\D", "", value)
    return len(number) == 18 and clabe_lib.validate_clabe(number)


def card(value: str) -> bool:
    number = re.sub(r"\D", "", value)
    return 13 <= len(number) <= 19 and luhn_lib.is_valid(number) and len(set(number)) > 2


def nss(value: str) -> bool:
    """Número de Seguridad Social (IMSS): 11 digits, the last a Luhn check digit."""
    number = re.sub(r"\D", "", value)
    return len(number) == 11 and luhn_lib.is_valid(number)


def clave_elector(value: str) -> bool:
    v = _compact(value)
    if not re.fullmatch(r"[A-Z]{6}\d{8}[HMX]\d{3}", v):
        return False
    yy, mm, dd = int(v[6:8]), int(v[8:10]), int(v[10:12])
    del yy
    return 1 <= mm <= 12 and 1 <= dd <= 31 and int(v[12:14]) <= 32


_PLUS_ALPHABET = "23456789CFGHJMPQRVWX"


def plus_code(value: str) -> bool:
    code = value.strip().upper()
    if "+" not in code:
        return False
    head, tail = code.split("+", 1)
    if not head or any(c not in _PLUS_ALPHABET + "0" for c in head + tail):
        return False
    if len(head) == 8:
        return len(tail) in (0, 2, 3) and "0" not in tail
    return len(head) in (4, 6) and len(tail) in (2, 3) and "0" not in head
    

def lat_lng(value: str) -> bool:
    nums = re.findall(r"-?\d+(?:\.\d+)?", value)
    if len(nums) < 2:
        return False
    lat, lng = float(nums[0]), float(nums[1])
    return -90 <= lat <= 90 and -180 <= lng <= 180 and not (lat == 0 and lng == 0)


def has_letter_and_digit(value: str) -> bool:
    return bool(re.search(r"[A-Za-z]", value)) and bool(re.search(r"\d", value))


def us_ssn(value: str) -> bool:
    """An SSN the Social Security Administration could have issued (no 000, 666 or 9xx
    area, no 00 group, no 0000 serial, not a number known from advertising)."""
    from stdnum.us import ssn

    return ssn.is_valid(re.sub(r"\D", "", value))


def us_itin(value: str) -> bool:
    from stdnum.us import itin

    return itin.is_valid(re.sub(r"\D", "", value))


# Central American identity numbers: python-stdnum has none of these (it has their tax
# numbers), so their published structure is checked here.
_GT_MUNICIPALITIES = (17, 8, 16, 16, 13, 14, 19, 8, 24, 21, 9, 30, 32, 21, 8, 17, 14, 5, 11, 11, 7, 17)


def gt_cui(value: str) -> bool:
    """Guatemala's CUI (the DPI number): 8 digits, a check digit (weights 2..9, mod 11), then
    the department (01-22) and municipality of registration."""
    n = re.sub(r"\D", "", value)
    if len(n) != 13:
        return False
    dept, muni = int(n[9:11]), int(n[11:13])
    if not (1 <= dept <= 22 and 1 <= muni <= _GT_MUNICIPALITIES[dept - 1]):
        return False
    return sum(int(d) * w for d, w in zip(n[:8], range(2, 10))) % 11 == int(n[8])


def sv_dui(value: str) -> bool:
    """El Salvador's DUI: 8 digits and a check digit (weights 9..2, mod 10)."""
    n = re.sub(r"\D", "", value)
    if len(n) != 9 or len(set(n)) < 3:
        return False
    return (10 - sum(int(d) * w for d, w in zip(n[:8], range(9, 1, -1))) % 10) % 10 == int(n[8])


def hn_dni(value: str) -> bool:
    """Honduras's DNI: department (01-18), municipality, year of birth, 5-digit serial."""
    n = re.sub(r"\D", "", value)
    if len(n) != 13:
        return False
    dept, muni, year = int(n[:2]), int(n[2:4]), int(n[4:8])
    return 1 <= dept <= 18 and 1 <= muni <= 28 and 1900 <= year <= 2030


def ni_cedula(value: str) -> bool:
    """Nicaragua's cédula: municipality, date of birth (DDMMYY), serial and a check letter
    (the 13 digits mod 23)."""
    v = re.sub(r"[\s\-.]", "", value).upper()
    if not re.fullmatch(r"\d{13}[A-Z]", v):
        return False
    day, month = int(v[3:5]), int(v[5:7])
    return 1 <= day <= 31 and 1 <= month <= 12 and "ABCDEFGHJKLMNPQRSTUVWXY"[int(v[:13]) % 23] == v[13]


def cu_ni(value: str) -> bool:
    from stdnum.cu import ni

    return ni.is_valid(re.sub(r"\D", "", value))


def bitcoin(value: str) -> bool:
    from stdnum import bitcoin as btc

    return btc.is_valid(value.strip())


def card_length(value: str) -> bool:
    """A card named as such: its length is enough (a mistyped digit breaks Luhn, not the
    danger)."""
    number = re.sub(r"\D", "", value)
    return 13 <= len(number) <= 19 and len(set(number)) > 2


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "curp": curp,
    "rfc": rfc,
    "rfc_shape": rfc_shape,
    "clabe": clabe,
    "card": card,
    "nss": nss,
    "clave_elector": clave_elector,
    "plus_code": plus_code,
    "lat_lng": lat_lng,
    "has_letter_and_digit": has_letter_and_digit,
    "us_ssn": us_ssn,
    "us_itin": us_itin,
    "gt_cui": gt_cui,
    "sv_dui": sv_dui,
    "hn_dni": hn_dni,
    "ni_cedula": ni_cedula,
    "cu_ni": cu_ni,
    "bitcoin": bitcoin,
    "card_length": card_length,
}


def _tld_extractor():
    # tldextract would download the public suffix list on first use; scrub never goes
    # online, so it is told to use only the snapshot that ships inside the package.
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


_TLD = None


def email_domain(value: str) -> bool:
    global _TLD
    if _TLD is None:
        _TLD = _tld_extractor()
    domain = re.sub(r"\s", "", value.rsplit("@", 1)[-1]).lower()
    return bool(_TLD(domain).suffix) and bool(_TLD(domain).domain)


_STREET_NUMBER_BLOCKERS = re.compile(
    r"\b(?:años|anos|años de edad|metros|m|cm|kg|kilos|km|minutos|horas|días|dias|de la mañana|de la tarde|de la noche|"
    r"am|pm|a\.m\.|p\.m\.|hrs)\b",
    re.IGNORECASE,
)
# "Calle Quinta como a las 2": an hour, not a house number
_TIME_BEFORE = re.compile(r"\b(?:a\s+las|a\s+la|las|como\s+a\s+las|at|around)\s*$", re.IGNORECASE)
# "calle 28 esquina con calle 33": two streets named by numbers, a corner, no house
_CORNER = re.compile(r"\b(?:esquina\s+con|esq\.?|y|con)\s+(?:la\s+)?(?:calle|avenida|av\.)\s+\d", re.IGNORECASE)


def street_address(value: str) -> bool:
    """A street word followed by a number is an address unless the number is a measure or
    an hour."""
    number = re.search(r"\d{1,5}", value)
    if not number:
        return False
    tail = value[number.end():number.end() + 12]
    if _TIME_BEFORE.search(value[:number.start()]) or _CORNER.search(value):
        return False
    return not _STREET_NUMBER_BLOCKERS.match(tail.strip())


VALIDATORS.update({"email_domain": email_domain, "street_address": street_address})
