"""A family's home described by what is around it instead of by its street number.

"Vengan a la casa, es la de dos pisos color durazno con portón café, a media cuadra de la
tortillería La Güera, en la calle Mina": no number, yet anyone can walk there. The street
address rules need a house number, so this description is found here: in a sentence that
speaks of the family's home (la casa, nuestra casa, vivimos, our house, we live), the
clauses after it that place the house (a media cuadra de, frente a, junto a, en la calle,
across from, next to...) are reported as an address, together with the house's looks.

A sentence about the disappearance itself ("la vieron por última vez frente a su casa",
"desapareció a una cuadra de su casa") is left alone: where someone was last seen is what
a search card must say, and the municipality and colonia stay in any case (they are not
locators here).
"""
from __future__ import annotations

import re

from scrub.case import fold_keeping_length
from scrub.text.recognizer import ScrubRecognizer

_SENTENCE = re.compile(r"[^.!?\n]+")

# the home of the family (matched in folded text: lower case, no accents)
_HOME = re.compile(
    r"\b(?:(?:la|nuestra|mi|su|tu|esta|our|my|his|her|their|the)\s+(?P<noun>casa|house|home|domicilio|hogar)"
    r"|vivimos|vivo|vive|viven|we\s+live|i\s+live|she\s+lives|he\s+lives|they\s+live)\b"
    # public buildings named "casa": the house of culture, a pawnshop, a shelter
    r"(?!\s+(?:de\s+(?:la\s+cultura|cambio|empeno|salud|gobierno|la\s+mujer|los\s+abuelos|todos|todas)|del\s+(?:migrante|estudiante|pueblo)"
    r"|hogar|of\s+(?:culture|representatives)))"
)
# words that place a house among its neighbours or on its street
_LOCATOR = re.compile(
    r"\b(?:a\s+(?:media|una|dos|tres|cuatro|unas?\s+\w+)\s+cuadras?\s+de(?:l)?"
    r"|frente\s+a(?:l)?|enfrente\s+de(?:l)?|junto\s+a(?:l)?|al\s+lado\s+de(?:l)?|a\s+un\s+lado\s+de(?:l)?"
    r"|enseguida\s+de(?:l)?|atras\s+de(?:l)?|detras\s+de(?:l)?|a\s+espaldas\s+de(?:l)?|pegad[ao]\s+a(?:l)?"
    r"|en\s+la\s+esquina\s+de|esquina\s+con|(?:en|sobre|por)\s+la\s+(?:calle|avenida|av\.|privada|cerrada)"
    r"|across\s+(?:the\s+street\s+)?from|next\s+(?:door\s+)?to|behind\s+the|on\s+the\s+corner\s+of"
    r"|(?:a|one|two|half\s+a)\s+blocks?\s+(?:from|away\s+from)|on\s+\w+\s+(?:street|st|avenue|ave|road|rd)\b)"
)
# locators that name the street themselves
_STREET_WORD = re.compile(r"\b(?:calle|avenida|av\.|privada|cerrada|street|st|avenue|ave|road|rd)\b")
# the house's looks, reported with its locators
_LOOKS = re.compile(r"\b(?:es\s+la\s+de|es\s+una\s+de|de\s+(?:dos|tres|\d)\s+pisos|con\s+porton|porton|fachada|barda|the\s+\w+\s+one\s+with)")
# the sentence is about the disappearance: its places stay
_DISAPPEARANCE = re.compile(
    r"desaparec|ultima\s+vez|fue\s+vist|la\s+vieron|lo\s+vieron|los\s+vieron|las\s+vieron|se\s+(?:lo|la|los|las)\s+llevaron"
    r"|levantaron|se\s+perdio|no\s+regres|last\s+seen|disappeared|went\s+missing|was\s+taken|were\s+taken|vanished"
)
# where a locator's clause ends: a comma (unless the next clause places the house too),
# or a word that starts something else
_CLAUSE_END = re.compile(
    r",|;|:|\s(?:y|o|pero|porque|para|cuando|rumbo|hacia|desde|hasta|ahi|alli|aqui|donde|nosotros|and|or|but|because|when|to\s+ask)(?:\s|$)"
)
# what a locator must point at for the sentence to place a house: a place, a business or a
# street ("frente al mercado", "junto a la farmacia del Ahorro", "next to the Circle K"),
# not a feeling or a person ("vivimos con el alma rota, al lado de otras madres")
_PLACE = re.compile(
    r"\b(?:tienda|tiendita|tortilleria|farmacia|templo|iglesia|capilla|parroquia|mercado|tianguis|escuela|primaria|"
    r"secundaria|prepa|preparatoria|kinder|jardin|parque|plaza|cancha|unidad deportiva|gasolinera|oxxo|seven|"
    r"panaderia|carniceria|abarrotes|taller|clinica|hospital|centro de salud|glorieta|puente|vias|canal|rio|arroyo|"
    r"cerro|carretera|calle|avenida|esquina|casa|papeleria|ferreteria|lavanderia|estetica|cocina|fonda|loncheria|"
    r"restaurante|bar|cantina|modulo|caseta|parada|terminal|central|estacion|deposito|bodega|fabrica|maquila|"
    r"store|school|church|park|gas station|market|shop|restaurant|bridge|highway|street|avenue|road|corner|"
    r"circle k|walmart|mcdonald|supermarket|station|clinic|hospital|molino|pozo|tanque|bordo|barranca|galera|panteon|"
    r"cementerio|vias|via|presa|ojo de agua|noria|bomba|antena|torre|kiosco|loma|cruz|mezquite|arbol|huizache|tienda)\b"
)
_FIGURE = re.compile(r"\b(?:dios|jesus|cristo|la virgen|el senor)\b")
_CAPITALISED = re.compile(r"\b[A-ZÁÉÍÓÚÑ][\wáéíóúñ'’-]+")


def _points_at_a_place(text: str, folded: str, start: int, end: int) -> bool:
    target = folded[start:end]
    if _FIGURE.search(target):
        return False
    return bool(_PLACE.search(target) or _CAPITALISED.search(text, start, end))


_VERB = re.compile(r"(?:esta|queda|se\s+encuentra|is|stands)\s+")
_GAP = re.compile(r"[\s,]*")
MAX_GAP = 160  # characters from the home word to its first locator


def find_home_descriptions(text: str) -> list[tuple[int, int]]:
    folded = fold_keeping_length(text)  # offsets in it are offsets in the text
    if not _LOCATOR.search(folded):
        return []
    out: list[tuple[int, int]] = []
    for sentence in _SENTENCE.finditer(folded):
        s0, s1 = sentence.span()
        if _DISAPPEARANCE.search(folded, s0, s1):
            continue
        home = _HOME.search(folded, s0, s1)
        while home and home.group("noun") and text[home.start("noun")].isupper():
            home = _HOME.search(folded, home.end(), s1)  # "Casa Jalisco", "la Casa del Migrante": a name
        if not home:
            continue
        first = _LOCATOR.search(folded, home.end(), min(s1, home.end() + MAX_GAP))
        while first and not (_STREET_WORD.search(first.group())
                             or _points_at_a_place(text, folded, first.end(), _clause_end(folded, first.end(), s1))):
            first = _LOCATOR.search(folded, first.end(), min(s1, home.end() + MAX_GAP))
        if not first:
            continue
        # the description starts right after the home word, or at the house's looks
        start = home.end()
        while start < s1 and folded[start] in " ,:\t":
            start += 1
        verb = _VERB.match(folded, start)  # "mi casa está en...": the place, not the verb
        if verb:
            start = verb.end()
        looks = _LOOKS.search(folded, start, first.start())
        if looks is None and first.start() - start > 40:
            start = first.start()
        # "en la calle Mina": the street, not the preposition before it
        street_first = re.match(r"(?:en|sobre|por)\s+la\s+(?=calle|avenida|av\.|privada|cerrada)", folded[start:])
        if street_first:
            start += street_first.end()
        # then runs clause by clause while each clause places the house
        end = _clause_end(folded, first.end(), s1)
        while True:
            nxt = _GAP.match(folded, end).end()
            following = _LOCATOR.match(folded, nxt) or _LOOKS.match(folded, nxt)
            if not following:
                break
            end = _clause_end(folded, following.end(), s1)
        while end > start and text[end - 1] in " ,;:\t":
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _clause_end(folded: str, pos: int, limit: int) -> int:
    m = _CLAUSE_END.search(folded, pos, limit)
    return m.start() if m else limit


class HomeRecognizer(ScrubRecognizer):
    entity, label = "ADDRESS", "home-landmarks"

    def find(self, text, nlp_artifacts):
        return [(s, e, 0.7, "home-landmarks") for s, e in find_home_descriptions(text)]
