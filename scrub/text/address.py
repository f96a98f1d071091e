"""Addresses written as a chain of parts, the way Mexican and Central American families
give them.

"Manzana 38, Lote 17, calle Cerrada de Nogal, colonia Ejidos de San Cristóbal", "colonia
El Milagro, pasaje 3, casa #14, del parque central tres cuadras al norte", "U.H. Vicente
Guerrero, edificio 27, entrada C, depto. 402", "carrera 52 # 48-17, apto 302, barrio
Boston", "calle 61 número 512 por 48 y 50, Centro": no single pattern knows them all, but
each is made of the same few parts, one after another:

- a zone (colonia, barrio, fraccionamiento, U.H., cantón, aldea, ranchería...),
- a street (calle, avenida, carrera, andador, pasaje, carretera...) with or without its
  number ("número 512", "# 48-17", "por 48 y 50", "entre 20 y 25", "km 12"),
- a unit (manzana, lote, edificio, entrada, depto., apto., casa #14, interior...),
- a landmark ("a la par de la pulpería La Bendición", "a una cuadra de la cooperativa"),
- a direction from a landmark ("de la iglesia católica dos cuadras al sur", "del parque
  central tres cuadras al norte", "200 metros hacia el río", "media cuadra arriba"),
- "domicilio conocido", and the house's looks ("casa de block con portón celeste").

Two or more parts in a row are an address when one of them is a street with its number or
a unit (nobody publishes those but to say where someone lives), or, in a sentence about the
family's home ("vivimos en", "nuestra casa queda", "Dirección:"), when one of them places
the house (a landmark, a direction, "domicilio conocido", its looks). A zone alone, or a
street named where someone was last seen, is a place the card needs and stays.
"""
from __future__ import annotations

import functools
import re

from scrub.case import fold_keeping_length
from scrub.text import lexicon
from scrub.text.recognizer import ScrubRecognizer
from scrub.text.sentences import sentence_spans

# words of a name: up to five, not crossing a comma, a full stop or a word that starts
# another part or a new clause
_MONTH = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
_STOP = (r"(?:y|e|o|que|donde|ahi|alli|aqui|pero|porque|para|con|cuando|mi|su|el|la|los|las|del|de|en|a|"
         r"al|por|entre|numero|no|num|casa|calle|colonia|barrio|lote|manzana|edificio|depto|departamento|apto|entrada|"
         r"interior|pasaje|andador|km|kilometro|frente|junto|atras|enfrente|cerca|sobre|hacia|media|una|dos|tres|cuatro|"
         r"cinco|seis|[0-9]+)")
_WORD = r"[\w'’.-]*\w[\w'’-]*\.?"
_NAME = rf"(?:(?:de|del|de\s+la|de\s+los|la|el|los|las)\s+)?(?!{_STOP}\b){_WORD}(?:\s+(?:(?:de|del|de\s+la|de\s+los|y)\s+)?(?!{_STOP}\b){_WORD}){{0,5}}"
_NUMBER = (r"(?:#\s*|no\.?\s*|num\.?\s*|numero\s+|n[°º]\s*|el\s+numero\s+)?\d{1,5}(?:\s?-\s?\d{1,4})?(?:-?[a-z])?\b"
           r"(?:\s*#\s*\d{1,4}(?:\s?-\s?\d{1,4})?)?"  # Colombia: "carrera 52 # 48-17"
           r"(?:\s+(?:numero\s+|no\.\s*|#\s*)\d{1,5}[a-z]?)?"  # Yucatán: "calle 61 número 512"
           r"(?:\s+(?:por|entre|x)\s+\d{1,3}[a-z]?(?:\s+y\s+\d{1,3}[a-z]?)?)?")  # "por 48 y 50"

_PARTS = {
    "zone": rf"\b(?:colonia|col\.|fraccionamiento|fracc?\.|barrio|unidad\s+habitacional|u\.\s?h\.|residencial|canton|aldea|"
            rf"caserio|rancheria|ejido|sector|reparto|urbanizacion|conjunto\s+habitacional|comunidad|poblado|lotificacion|"
            rf"asentamiento|villas?|rancho|hacienda|granja|finca|parcela|colonia\s+agricola|paraje|agencia|agencia\s+municipal|"
            rf"congregacion|sector|etapa)\s+{_NAME}(?:\s+\d+[a-z]?\.?\s+seccion)?"
            rf"|\b(?:primera|segunda|tercera|cuarta|quinta|sexta|septima|octava|novena|decima|\d{{1,2}}[a-z]?\.?)\s+seccion\b"
            # "calle 61 número 512 por 48 y 50, Centro": the colonia named by itself
            rf"|(?<=,\s)centro(?=\s*(?:[,.;]|$))",
    "street": rf"\b(?:calle|avenida|av\.|avda\.|carrera|cra\.?|diagonal|transversal|privada|priv\.|cerrada|andador|pasaje|"
              rf"callejon|calzada|boulevard|bulevar|blvd\.?|camino|carretera|prolongacion|prol\.|circuito|retorno|paseo|"
              rf"vereda|street|st\.|avenue|ave\.|road|rd\.)\s+(?:(?:a|al|hacia|para)\s+)?(?:(?:{_NAME})\s*,?\s*(?:{_NUMBER})?|{_NUMBER})"
              # "calle 5 de mayo": a street named after a date has no house number in it
              rf"(?!\s+de\s+{_MONTH})",
    "number": r"(?:\b(?:el\s+)?(?:numero|no\.|num\.)|#)\s*\d{1,5}[a-z]?(?:\s?-\s?\d{1,4})?\b",
    # a kilometre of a road: where a road goes, a brigade meets, or, in a sentence about the
    # home, where the house stands
    "road": r"\bkm\.?\s*\d{1,4}(?:[.+]\d{1,3})?\b",
    "unit": r"\b(?:edificio|edif\.|torre|bloque|modulo|entrada|escalera|seccion|sector|etapa|vereda|depto\.?|departamento|dpto\.?|apto\.?|"
            r"apartamento|apt\.?|unit|interior|int\.|casa|lote|lt\.?|manzana|mz[ao]?\.?|coto|cluster|vivienda|piso|nivel|"
            r"local)\s*#?\s*(?:\d{1,5}[a-z]?\b|[a-z]\b)",
    "direction": r"\b(?:(?:de|del|desde)\s+(?:la|el|los|las)?\s*[\w'’.]+(?:\s+[\w'’.]+){0,5}?\s+)?(?:\d{1,4}|una|dos|tres|cuatro|"
                 r"cinco|seis|media)\s+(?:cuadras?|metros|varas|casas|kilometros?|km)\s+(?:al|hacia|para|a)\s+(?:el\s+|la\s+)?"
                 r"[\w'’]+(?:\s*(?:,|y)\s*(?:media|una|dos|tres|\d{1,4})\s+(?:cuadras?\s+|varas\s+|metros\s+)?(?:para\s+|hacia\s+|al\s+)?(?:arriba|abajo|\w+))?"
                 r"|\b(?:(?:de|del|desde)\s+(?:la|el|los|las)?\s*[\w'’.]+(?:\s+[\w'’.]+){0,5}?\s+)?(?:\d{1,4}|una|dos|tres|cuatro|cinco|media)\s+"
                 r"(?:cuadras?|varas|metros|casas)\s+(?:para\s+)?(?:arriba|abajo)"
                 r"|\bmedia\s+cuadra\s+(?:arriba|abajo|al\s+\w+)",
    "known": r"\bdomicilio\s+conocido\b",
    "house": r"(?:\b(?:la\s+)?casa\s+(?:de\s+(?:block|adobe|lamina|madera|ladrillo|material|carton|bajareque|dos\s+pisos|un\s+piso|"
             r"tres\s+pisos)|color\s+\w+|esquinera|azul|verde|blanca|amarilla|rosa|roja|naranja|morada|gris|cafe|"
             r"que\s+tiene|con\s+(?:porton|zaguan|reja|barda|techo)|del\s+(?:porton|zaguan|barandal)|de\s+la\s+(?:reja|barda))"
             r"|\bcasa\s+de\s+la\s+esquina|\bla\s+de\s+la\s+(?:reja|barda|puerta|esquina)|\bla\s+del\s+(?:porton|zaguan|reja|barda|techo)"
             r"|\bla\s+(?:ultima|primera|segunda|tercera|cuarta|quinta)\s+casa\b|\bla\s+(?:ultima|primera|segunda)\s+(?:casa\s+)?(?:antes|despues)\s+de"
             r"|\b(?:porton|zaguan|reja|puerta)\s+(?:de\s+\w+\s+)?(?:color\s+)?(?:rojo|roja|negro|negra|verde|azul|blanco|blanca|cafe|gris|amarillo|amarilla)\b"
             r"|\bla\s+que\s+(?:esta|queda|tiene)\b"
             r"|\bthe\s+(?:(?:white|blue|green|yellow|red|gray|grey|pink|brown|beige|tan|two-story|one-story|small|big|old)\s+)+"
             r"(?:house|home|trailer|duplex)\b|\bthe\s+one\s+with\b|\bthe\s+house\s+(?:w|with)\b)"
             r"(?:\s+(?:que\s+tiene|(?!mi\b|su\b|y\b|que\b|pero\b|ahi\b|donde\b|nosotros\b|pregunten\b|so\b|if\b)[\w'’-]+)){0,8}",
}
_KINDS_WITH_NUMBER = ("street_number", "unit", "number")


# a named building ("edificio Kaanbal", "Torre Azul"): its name is capitalised in the text
_NAMED_UNIT = re.compile(r"\b(?i:edificio|edif\.|torre|bloque|m[oó]dulo)\s+[A-ZÁÉÍÓÚÑ][\w'’]+")


@functools.lru_cache(maxsize=1)
def _part_patterns() -> list[tuple[str, re.Pattern]]:
    out = [(name, re.compile(rx)) for name, rx in _PARTS.items()]
    out.append(("landmark", re.compile(rf"(?<![\w])(?:{lexicon.alternation('locator')})(?![\w])"
                                       rf"(?:\s+(?!mi\b|su\b|y\b|que\b|pero\b|ahi\b|donde\b|nosotros\b)[^\s,.;]+){{1,8}}")))
    return out


_HOME = re.compile(
    r"\b(?:vivimos|vivo|vive|viven|vivia|vivian|viviamos|nuestra\s+casa|mi\s+casa|su\s+casa|la\s+casa|casa\s*:|"
    r"direccion|domicilio|queda|estamos|we\s+live|i\s+live|our\s+house|our\s+home|address|lives|live\s+at|"
    r"staying|stays|living)\b"
)
_GAP = re.compile(r"\s*(?:,|;|-|–)?\s*(?:(?:y|en|en\s+la|en\s+el|de|de\s+la|del|ahi|es|es\s+la|es\s+el|w|with)\s+)?")


def find_address_chains(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, has a number or unit) for every chain of two or more address parts."""
    folded = fold_keeping_length(text)
    if not re.search(r"calle|colonia|barrio|casa|cuadra|lote|manzana|edificio|depto|apto|pasaje|carrera|carretera|"
                     r"domicilio|canton|aldea|rancheria|avenida|andador|u\.\s?h|fracc|metros|numero|#|seccion|rancho|"
                     r"house|home|street|block|apt|unit|next to|behind|corner|across", folded):
        return []
    out: list[tuple[int, int, bool]] = []
    for s0, s1 in sentence_spans(_keep_abbreviations(folded)):
        parts: list[tuple[int, int, str]] = []
        for name, pattern in _part_patterns():
            for m in pattern.finditer(folded, s0, s1):
                kind = name
                if name == "street" and re.search(r"\d", m.group()):
                    kind = "street_number"
                parts.append((m.start(), _trim(text, m.start(), m.end()), kind))
        for m in _NAMED_UNIT.finditer(text, s0, s1):
            parts.append((m.start(), m.end(), "unit"))
        if not parts:
            continue
        parts.sort(key=lambda p: (p[0], -p[1]))
        # parts that overlap are one part with all their kinds ("en la calle X número 5" is
        # a landmark and a street with its number); parts joined by a comma make a chain
        chains: list[list[tuple[int, int, set[str]]]] = []
        for start, end, kind in parts:
            if chains and start < chains[-1][-1][1]:
                last = chains[-1][-1]
                chains[-1][-1] = (last[0], max(last[1], end), last[2] | {kind})
            elif chains and _GAP.fullmatch(folded, chains[-1][-1][1], start):
                chains[-1].append((start, end, {kind}))
            else:
                chains.append([(start, end, {kind})])
        # a sentence cut by a line break (a subtitle cue, a poster's line) goes on: the
        # words about the home may be in the line before
        before = s0
        while before > 0 and not re.search(r"[.!?]\s*$", folded[max(0, before - 3):before]) and s0 - before < 200:
            before = max(folded.rfind(ch, 0, before - 1) for ch in ".!?") + 1
        home = bool(_HOME.search(folded, max(0, before), s1))
        for chain in chains:
            # a voice note is one sentence without full stops: the words about the
            # disappearance must be near the chain to make it the place of the disappearance
            gone = bool(lexicon.pattern("disappearance").search(folded, max(s0, chain[0][0] - 120), min(s1, chain[-1][1] + 60)))
            kinds = set().union(*(k for _, _, k in chain))
            numbered = bool(kinds & set(_KINDS_WITH_NUMBER))
            placed = bool(kinds & {"landmark", "direction", "known", "house", "road"})
            if "street_number" in kinds and re.match(r"(?:carretera|camino)\b", folded[chain[0][0]:]) and not home:
                numbered = bool(kinds & {"unit", "number"})  # "carretera federal 23": a road's number
            # one part alone is a place, or is found by the street rules; but a street with its
            # number, a direction from a landmark, "domicilio conocido", or a part that is two
            # things at once (a landmark and the house's looks) in a sentence about the home is
            # an address
            strong_alone = len(chain) > 1 or len(kinds) > 1 or kinds & {"street_number", "direction", "known"}
            if not (len(chain) > 1 or (strong_alone and home and not gone)):
                continue
            if gone and not home:
                continue  # where someone was last seen ("el tramo de la carretera federal 23, km 37")
            if numbered or (placed and home and not gone):
                start = chain[0][0]
                # "en la calle Mina": the street, not the preposition before it
                lead = re.match(r"(?:en|sobre|por|de)\s+(?:la|el)\s+(?=calle|avenida|av\.|privada|cerrada|carretera|colonia|barrio)",
                                folded[start:])
                if lead:
                    start += lead.end()
                out.append((start, chain[-1][1], numbered))
    return out


def _keep_abbreviations(folded: str) -> str:
    """Full stops of abbreviations ("U.H.", "col.", "depto.", "No.") do not end a sentence:
    the same text with them blanked, for splitting only."""
    return re.sub(r"\b(?:u\.\s?h|col|fracc?|depto|dpto|apto|apt|no|num|av|avda|priv|prol|blvd|int|edif|mz[ao]?|lt|cra|st|ave|rd|km|sr|sra|dr|gral|sta|sto)\.",
                  lambda m: m.group().replace(".", " "), folded)


def _trim(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    # a word that only leads into what follows ("... en la entrada el")
    tail = re.search(r"\s+(?:el|la|los|las|de|del|en|y|a|al|the|and|of|w)$", text[start:end], re.IGNORECASE)
    if tail:
        end = start + tail.start()
    if end - start > 1 and text[end - 1] == "." and not re.search(r"\b\w{1,4}\.$", text[start:end]):
        end -= 1
    return end


class AddressChainRecognizer(ScrubRecognizer):
    entity, label = "ADDRESS", "address-parts"
    examples = {"address-parts": {
        "flag": [
            "La casa: [[Manzana 38, Lote 17, calle Cerrada de Nogal, colonia Ejidos de San Cristóbal]], C.P. 55024.",
            "Vivo en la [[colonia El Milagro, pasaje 3, casa #14, del parque central tres cuadras al norte]], Usulután.",
            "Vivimos en la [[U.H. Vicente Guerrero, edificio 27, entrada C, depto. 402]] (coordenadas",
            "La casa de mi mamá es [[carrera 52 # 48-17, apto 302, barrio Boston]].",
            "Nuestra casa está en la [[calle 61 número 512 por 48 y 50, Centro]], y ahí siempre hay alguien.",
            "Dirección: [[barrio El Centro, de la iglesia católica dos cuadras al sur, casa color verde con portón negro]], El Progreso, Yoro.",
            "Nuestra casa queda [[del antiguo cine Baca dos cuadras al lago, media cuadra arriba, casa esquinera de portón verde]].",
            "nosotros vivimos en el [[cantón Pasajoc, a la par de la tienda de don Chepe, la casa de adobe con techo de lámina]] mi sobrina",
            "vivimos en la [[calle volcán popocatépetl el número mil quinientos treinta]] ahí",
            "Casa: [[colonia Santa Lucía, pasaje 3, casa 27]], Ilopango.",
        ],
        "keep": [
            "Desapareció en la colonia Centro, a una cuadra del mercado, el 3 de marzo.",
            "La vieron por última vez en el barrio El Centro, frente a la iglesia.",
            "Vivimos con el alma rota desde que se fue, en la colonia Jardines.",
            "Es de la colonia Las Flores, en Zapopan.",
        ],
    }}

    def find(self, text, nlp_artifacts):
        # below the street and landmark rules: where they found part of the chain, their
        # finding keeps its rule and takes the chain's extent (see detect._resolve)
        return [(s, e, 0.84 if numbered else 0.68, "address-parts") for s, e, numbered in find_address_chains(text)]
