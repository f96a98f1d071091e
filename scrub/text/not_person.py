"""What looks like a person's name and is not: places and institutions named after people
("colonia Gabriel Tepepa", "Juárez y Morelos", "bulevar López Mateos"), businesses ("taller
El Chato"), brands on clothing ("gorra de John Deere"), collectives, and the words of a
tattoo's description. The people rules (person.py) drop the NER model's guesses that fall
here.
"""
from __future__ import annotations

import functools
import re

from scrub.case import fold
from scrub.text import lexicon
from scrub.text.names import NAME as _NAME
from scrub.text.names import NAME_WORD as _NAME_WORD
from scrub.text.names import accent_tolerant as _accent_tolerant

# lower-case words that join the words of an institution's name
_LINK = r"de|del|la|las|los|el|en|y|que|a|por|para|contra|sobre|con"
# Words that head the proper name of a place, an institution or a collective: a capitalised
# run after them ("colonia Gabriel Tepepa", "Colectivo Hilos de Luz Zapopan") is not a person.
_ZONE_HEAD = re.compile(
    r"(?i:\b(?:colonia|col\.|fraccionamiento|fracc\.|barrio|unidad|municipio|ciudad|estado|mercado|plaza|parque|"
    r"jard[ií]n|calle|avenida|av\.|privada|calzada|boulevard|bulevar|blvd\.|carretera|colectivo|colectiva|grupo|asociaci[oó]n|"
    r"fundaci[oó]n|fiscal[ií]a|comisi[oó]n|secretar[ií]a|procuradur[ií]a|instituto|centro|hospital|cl[ií]nica|"
    r"universidad|escuela|secundaria|preparatoria|primaria|kinder|kínder|iglesia|parroquia|templo|capilla|hotel|restaurante|"
    r"tienda|farmacia|estadio|central|terminal|aeropuerto|puente|r[ií]o|presa|cerro|sierra|valle|rancho|ejido|"
    r"alcald[ií]a|delegaci[oó]n|cant[oó]n|aldea|caser[ií]o|departamento|provincia|comunidad|localidad|poblado|pueblo|"
    r"congregaci[oó]n|ranchería|rancher[ií]a|hacienda|parish|cathedral|embarcadero|muelle|puerto|caseta|garita|estaci[oó]n|"
    r"central[ \t]+camionera|central[ \t]+de[ \t]+autobuses|terminal[ \t]+de[ \t]+autobuses|"
    r"tatuaje|virgen|santa|santo|san|collective|commission|office|street|avenue|church|school|hospital|"
    r"buscadoras|madres|rastreadoras|familias|brigada|red|movimiento|search|mothers|searchers|"
    r"de\s+los|de\s+las|del))[ \t]+"
    rf"(?:(?:{_LINK})[ \t]+)*{_NAME_WORD}(?:[ \t]+(?:(?:{_LINK})[ \t]+)*{_NAME_WORD}){{0,10}}"
)

_CORNER_WITH = re.compile(
    rf"(?P<a>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*)[ \t]+(?i:esquina[ \t]+con|esq\.?)[ \t]+(?P<b>{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|[IVX]+))*)"
)
_BETWEEN_PLACES = re.compile(
    rf"(?i:\bentre|\bbetween|\besquina[ \t]+de|\bcruce[ \t]+de|\bcorner[ \t]+of)[ \t]+(?:(?:las|los|la|calles?|avenidas?|the)[ \t]+)*"
    rf"(?P<a>{_NAME_WORD}(?:[ \t]+(?:de[ \t]+la[ \t]+|de[ \t]+)?{_NAME_WORD})*)[ \t]+(?:y|and|e|con)[ \t]+"
    rf"(?:(?:calle|avenida)[ \t]+)?(?P<b>{_NAME_WORD}(?:[ \t]+(?:de[ \t]+la[ \t]+|de[ \t]+)?{_NAME_WORD})*)"
)
# a capitalised word straight after "en", "hacia", "rumbo a", "in", "near"... is a place:
# families write "en Cuauhtémoc", never "en Martha"
_AFTER_LOCATIVE = re.compile(rf"(?i:\b(?:en|hacia|rumbo[ \t]+a|desde|cerca[ \t]+de|in|near|from|towards|soy[ \t]+de|es[ \t]+de|"
                             rf"somos[ \t]+de|vengo[ \t]+de|viene[ \t]+de|originari[oa][ \t]+de|natural[ \t]+de))[ \t]+(?P<place>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*)")
# inside a tattoo's description, words are what the tattoo shows
_TATTOO = re.compile(
    r"(?i:tatuaje|tatuajes|tatuado|tatuada|tattoo)[^.\n]{0,60}?"
    r"(?:(?:(?i:dice|que\s+dice|says|reads|with\s+the\s+name(?:\s+of)?|con\s+el\s+nombre(?:\s+de)?|el\s+nombre\s+de))[ \t]*"
    r"(?:[\"“'‘](?P<shown>[^\"”'’\n]{1,40})[\"”'’]|(?P<bare>(?:(?i:su|sus|his|her|mi)[ \t]+[a-záéíóúñ]+[ \t]+)?"
    r"(?:[A-ZÁÉÍÓÚÑ][a-záéíóúñü'’]+)(?:[ \t]+[A-ZÁÉÍÓÚÑ][a-záéíóúñü'’]+){0,3}))"
    r"|[\"“'‘](?P<quoted>[^\"”'’\n]{1,40})[\"”'’])"
)


def tattoo_spans(text: str) -> list[tuple[int, int]]:
    """The words a tattoo shows ("un tatuaje que dice Mamá Chelo", "tatuado el nombre de su
    hija Camila"): part of the description, not people."""
    out = []
    for m in _TATTOO.finditer(text):
        for group in ("shown", "bare", "quoted"):
            if m.start(group) >= 0:
                out.append(m.span(group))
    return out
# "gorra de John Deere", "playera de los Chivas": a brand or a team


@functools.lru_cache(maxsize=1)
def _clothing_brand() -> re.Pattern:
    return re.compile(
        rf"(?<![\w])(?:{_accent_tolerant(lexicon.alternation('clothing'))})(?:[ \t]+[a-záéíóúñ]+){{0,2}}?[ \t]+(?:de|del|de[ \t]+los|de[ \t]+las|de[ \t]+la)[ \t]+"
        rf"(?P<brand>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})",
        re.IGNORECASE,
    )


# what follows a collective's label is its name: "Colectivo que acompaña: Huellas Mayas que Buscan"
_COLLECTIVE_LABEL = re.compile(
    rf"(?i:\b(?:colectivo|colectiva|collective|organizaci[oó]n|grupo|red|asociaci[oó]n|acompaña(?:n)?|acompañamiento))"
    rf"[^:\n]{{0,30}}:[ \t*_]*(?P<name>{_NAME_WORD}(?:[ \t]+(?:(?:{_LINK})[ \t]+)*{_NAME_WORD}){{0,8}})"
)


def non_person_zones(text: str) -> list[tuple[int, int]]:
    zones = [m.span() for m in _ZONE_HEAD.finditer(text)]
    zones += [m.span(g) for m in _BETWEEN_PLACES.finditer(text) for g in ("a", "b")]
    zones += [m.span(g) for m in _CORNER_WITH.finditer(text) for g in ("a", "b")]
    zones += [m.span("place") for m in _AFTER_LOCATIVE.finditer(text)]
    zones += tattoo_spans(text)
    zones += [m.span("brand") for m in _clothing_brand().finditer(text)]
    zones += [m.span("name") for m in _COLLECTIVE_LABEL.finditer(text)]
    zones += [m.span("name") for m in business_name().finditer(text)]
    return zones


@functools.lru_cache(maxsize=1)
def business_name() -> re.Pattern:
    """A business named after a person is a business: "fonda "Doña Lety"", "tortillería La
    Güera", "taller El Chato"."""
    kinds = _accent_tolerant(lexicon.alternation("business_kinds"))
    return re.compile(
        rf"(?i:(?<![\w])(?:{kinds}))(?:[ \t]+de[ \t]+[a-záéíóúñ]+)?[ \t]+(?:de[ \t]+|del[ \t]+)?"
        rf"""(?P<name>["“'‘][^"”'’\n]{{2,40}}["”'’]|(?:(?:El|La|Los|Las|Don|Doña|don|doña)[ \t]+)?{_NAME})"""
    )


def sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t*_#>-•·\"'“(¡¿—–")
    before = re.sub(r"[^\w\s.,;:!?|]+$", "", before).rstrip(" \t")
    return not before or before[-1] in ".!?:\n|"


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return lexicon.word_set("places_mx") | lexicon.word_set("places_abroad") | lexicon.word_set("street_heroes")


@functools.lru_cache(maxsize=1)
def brands() -> frozenset[str]:
    return lexicon.word_set("brands") | lexicon.word_set("account") | lexicon.word_set("card")


# a name ending in one of these is a place or an organisation: "St. Anne's Parish", "Main
# Plaza", "Border Public Radio", "Tigo Money"
VENUE_END = re.compile(r"(?i:\b(?:parish|church|cathedral|chapel|plaza|park|street|st|avenue|ave|road|rd|blvd|boulevard|pl|ln|dr|ct|way|hwy|"
                        r"hall|center|centre|school|hospital|clinic|radio|station|money|bank|store|market|county|city|"
                        r"valley|bridge|mall|shelter)\.?$)")


def is_place(value: str) -> bool:
    folded = " ".join(re.findall(r"[\w.]+", fold(value)))
    return folded in _places()
