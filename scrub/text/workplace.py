"""Workplaces and schools of living relatives.

"Su papá trabaja de velador en Abarrotes El Güero", "mi tía atiende la fonda "Doña Lety" en
el mercado de San Juan Xalpa", "van al kínder Rosaura Zapata, el que está junto al
deportivo": an extortionist can wait outside. Two ways in:

- a work or study verb ("trabaja", "estudia", "works at") introducing a *named* place
  (an unnamed one, "trabaja en una tienda", locates nobody);
- a kind of business or school from the lexicon (``business_kinds``, ``school_kinds``)
  with a definite article, named ("la vulcanizadora El Trébol", "fonda Doña Mary") or placed
  ("la recicladora de la avenida de los gigantes", "la cocina del hospital civil"). A
  business named or placed is reported as it stands; a school or a hospital is a public
  place too, so it needs a relative or a routine verb in its sentence ("fue a dejar a los
  niños a la primaria Leona Vicario").

The finding runs on through the clauses that place it further (", el que está frente a la
gasolinera", "sobre la salida a Salamanca"). Sentences about the disappearance are left
alone: where someone was last seen is what a card must say.
"""
from __future__ import annotations

import functools
import re

from scrub.case import fold, fold_keeping_length
from scrub.text import lexicon
from scrub.text.recognizer import ScrubRecognizer
from scrub.text.sentences import sentence_spans

_STRONG = (
    r"trabaja|trabajo|trabajan|trabajando|labora|laboro|estudia|estudio|estudian|"
    r"works|working|work|studies|studying|attends|employed|"
    r"es\s+(?:enfermer[oa]|maestr[oa]|profesor[a]?|cajer[oa]|guardia|vigilante|velador[a]?|doctor[a]?|"
    r"m[ée]dic[oa]|secretari[oa]|empleado|empleada|obrer[oa]|chofer|mesero|mesera|cociner[oa]|intendente)|"
    r"is\s+a\s+(?:nurse|teacher|cashier|guard|driver|cook|waiter|waitress|doctor|clerk|worker)|drives\s+for|works\s+for|"
    r"maneja\s+para|chofer\s+de|"
    r"(?:is|are)\s+in\s+\w+\s+grade|goes\s+to\s+school|va\s+en\s+\w+\s+(?:de\s+)?(?:primaria|secundaria|prepa)"
)
_PREP = r"en|at|in|for|afuera\s+de|fuera\s+de|frente\s+a|enfrente\s+de|outside"
_ARTICLE = r"(?:la|el|los|las|the|una|un|a)[ \t]+"
# the article stays outside: "trabaja en la [lugar de trabajo]" still reads well aloud
_VALUE = rf"(?i:{_ARTICLE})?(?P<value>[^\n.;]{{2,90}})"
# "su trabajo en General Escobedo" is a noun, not "trabajo en" (I work at)
_NOT_A_NOUN = r"(?<!\bsu )(?<!\bmi )(?<!\bal )(?<!\bdel )(?<!\bel )(?<!\btu )"
_STRONG_TRIGGER = re.compile(
    rf"{_NOT_A_NOUN}(?i:\b(?:{_STRONG})\b(?:[ \t]+[\w,]+){{0,5}}?[ \t]*:?[ \t]+(?:{_PREP})[ \t]*:?[ \t]+){_VALUE}"
)
_END = re.compile(
    r"[.;\n]|,(?![ \t]+(?:en|in|on|at)[ \t])|[ \t](?:y|and|to|so|porque|para|pero|a\s+las|cuando|desde|hasta|since|until|because|but)[ \t]",
    re.IGNORECASE,
)
_NAMED = re.compile(r"(?:^|[ \t])(?:[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+|\d+)")

# a relative's daily routine, before a kind of place
_ROUTINE = re.compile(
    r"\b(?:trabaj\w*|labor\w*|atiend\w*|atiende|abre|abriendo|abrir|vend\w*|estudi\w*|va|van|voy|vamos|sale|salen|"
    r"salgo|deja|dejar|dejo|lleva|llevar|recoge|recoger|maneja|cuida|tiene|tienen|es\s+duen[oa]|esta|estoy|estan|"
    r"anda|ando|andan|encuentra|encuentran|encontrar|encontrarlo|encontrarla|pregunt\w*|busquen|buscar|conocen|"
    r"maestr[oa]|profesor[a]?|enfermer[oa]|doctor[a]?|director[a]?|intendente|conserje|cociner[oa]|velador[a]?|"
    r"cajer[oa]|mesero|mesera|dueñ[oa]|duen[oa]|maneja|work\w*|attend\w*|goes|go|runs|owns|studies|grade|find|ask|plays|"
    r"she's|he's|drives)\b"
)
# an article before the kind: "la", "el", "al", "del"; "una tienda" is no place in particular
_DEFINITE = re.compile(r"(?:^|\s)(?:la|el|los|las|al|del|the|en|at)\s+$")
_INDEFINITE = re.compile(r"(?:^|\s)(?:una|un|unos|unas|a|an|some|cualquier)\s+$")
# a name after the kind: quoted, capitalised, or a number ("secundaria 27")
_NAME_AFTER = re.compile(r"""[ \t]*(?:(?:de|del|de\s+la|de\s+los)[ \t]+[a-záéíóúñ]+[ \t]+)?(?:["“'‘][^"”'’\n]{2,40}["”'’]|(?:[A-ZÁÉÍÓÚÑ][\wáéíóúñ'’-]*|\d{1,4}\b)(?:[ \t]+(?:de[ \t]+|del[ \t]+|la[ \t]+|los[ \t]+)?[A-ZÁÉÍÓÚÑ][\wáéíóúñ'’-]*|[ \t]+\d{1,4}\b)*)""")
# in a voice note written in lower case a business's name has no capitals: "el taller el
# chato", "la fonda doña mary"
_LOWER_NAME_AFTER = re.compile(r"[ \t]+(?:el|la|los|las|don|doña|dona)[ \t]+[a-záéíóúñ]{3,}"
                               r"(?:[ \t]+(?!(?:del|de|todo|todos|todas|en|y|que|ahi|donde|con|por|para|los|las)\b)[a-záéíóúñ]{3,})?")
_CLAUSE_END = re.compile(r",|;|:|\s(?:y|o|pero|porque|para|cuando|donde|ahi|and|or|but|because|when|where|so|turno|todo|todos|todas|"
                         r"cada|every|from|desde)\s|\s(?:de|from)\s+(?:\d|lunes|monday)|\s(?:los\s+|el\s+)?(?:lunes|martes|miercoles|jueves|"
                         r"viernes|sabado|domingo|mondays|tuesdays|weekends?)\b|\s(?:de\s+)?\d{1,2}\s+a\s+\d")


@functools.lru_cache(maxsize=1)
def _kinds() -> tuple[re.Pattern, frozenset[str]]:
    business = set(lexicon.words("business_kinds"))
    school = set(lexicon.words("school_kinds"))
    alternation = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(business | school, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?P<kind>{alternation})(?![\w])"), frozenset(school - business)


@functools.lru_cache(maxsize=1)
def _relatives() -> re.Pattern:
    return re.compile(
        rf"(?<![\w])(?:mi|mis|su|sus|nuestr[ao]s?|my|his|her|their|our)\s+(?:\w+\s+)?"
        rf"(?:{lexicon.alternation('relation_es')}|{lexicon.alternation('relation_en')})(?![\w])|(?<![\w])(?:yo|i)(?![\w])"
    )


def _locator() -> re.Pattern:
    return lexicon.pattern("locator")


_ON_STREET = re.compile(r"[ \t]+(?:on|in)[ \t]+(?:the[ \t]+)?(?:[A-Z0-9][\w'’]*[ \t]*){1,3}(?:Blvd\.?|St\.?|Street|Ave\.?|Avenue|Rd\.?|Road|Dr\.?|Drive|Paseo)?")


def _extend(text: str, folded: str, end: int, limit: int) -> int:
    """Past the clauses that place the workplace further: ", el que está frente a la
    gasolinera", " sobre la salida a Salamanca", " en el mercado de San Juan Xalpa",
    " on Central Ave"."""
    locator = _locator()
    on = _ON_STREET.match(text, end, limit)
    if on:
        end = on.end()
        while end > 0 and text[end - 1] in " \t":
            end -= 1
    while True:
        m = re.match(r"(?:,?[ \t]+(?:el|la)[ \t]+que[ \t]+(?:esta|queda)[ \t]+|,?[ \t]+)", folded[end:limit])
        if not m:
            return end
        start = end + m.end()
        place = locator.match(folded, start)
        if not place:
            return end
        stop = _CLAUSE_END.search(folded, place.end(), limit)
        new_end = stop.start() if stop else limit
        while new_end > end and text[new_end - 1] in " \t,":
            new_end -= 1
        if new_end <= end:
            return end
        end = new_end


def find_workplaces(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    folded = fold_keeping_length(text)
    out.extend(_by_verb(text, folded))
    out.extend(_by_kind(text, folded, out))
    out.extend(_english_named_kind(text, folded, out))
    return out


# English puts the name before the kind: "the Duluth Middle School band", "Pilsen Community
# Middle School", "the Burrito Express on El Paseo"
_EN_KIND = re.compile(
    r"(?:the[ \t]+)?(?P<name>(?:[A-Z][\w'’&-]+[ \t]+){1,4}(?:[a-z]+[ \t]+)?)(?P<kind>Middle[ \t]+School|High[ \t]+School|Elementary(?:[ \t]+School)?|"
    r"School|Academy|College|University|Hospital|Clinic|Store|Market|Restaurant|Diner|Cafe|Café|Bakery|Plant|Factory|"
    r"Warehouse|Express|Grill|Taqueria|Taquería|Salon|Garage|Body[ \t]+Shop|Car[ \t]+Wash|Laundromat|Kitchen|plant|factory|"
    r"warehouse|store|shop|restaurant|kitchen)\b"
    r"(?:[ \t]+(?:band|team|cafeteria|kitchen))?(?:[ \t]+on[ \t]+(?:[A-Z][\w'’]+[ \t]*){1,3}(?:Blvd|Blvd\.|St|Street|Ave|Avenue|Rd|Road|Paseo|Drive|Dr)?)?"
)


def _english_named_kind(text: str, folded: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _EN_KIND.finditer(text):
        start, end = m.start("name"), m.end()
        if any(fs < end and start < fe for fs, fe in found + out):
            continue
        s0 = max(folded.rfind(ch, 0, start) for ch in ".!?") + 1  # a subtitle's lines are one sentence
        if lexicon.pattern("disappearance").search(folded, max(s0, start - 120), end):
            continue
        before = folded[max(s0, start - 80):start]
        if not (_ROUTINE.search(before) and _relatives().search(folded, max(0, s0 - 1), end)) and not re.search(
                r"\b(?:works?|working|worked|attends?|studies|find\s+me|plays?|grade)\b", before):
            continue
        while end > start and text[end - 1] in " \t,.":
            end -= 1
        out.append((start, end))
    return out


def _in_disappearance(folded: str, pos: int) -> bool:
    s0 = max(folded.rfind(ch, 0, pos) for ch in ".!?\n") + 1
    m = re.search(r"[.!?\n]", folded[pos:])
    s1 = pos + m.start() if m else len(folded)
    return bool(lexicon.pattern("disappearance").search(folded, s0, s1))


def _by_verb(text: str, folded: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not re.search(r"trabaj|labor|estudi|work|studi|attend|employ|es\s|is\s", folded):
        return out
    places = lexicon.word_set("places_mx") | lexicon.word_set("places_abroad")
    for m in _STRONG_TRIGGER.finditer(text):
        start = m.start("value")
        between = fold(text[m.start():start])
        if re.search(r"\b(?:with|con)\b", between) or set(re.findall(r"\w+", between)) & lexicon.word_set("collective_words"):
            continue  # "working with Madres en Búsqueda DFW": working alongside a collective, not a job
        before = folded[max(0, start - 6):start]
        if _INDEFINITE.search(before) and not _NAMED.match(text, start):
            continue
        rest = text[start:m.end("value")]
        end_match = _END.search(rest)
        value = rest[: end_match.start()] if end_match else rest
        value = value.rstrip(" \t,")
        if not _NAMED.search(value):
            continue  # "trabaja en una tienda": no name, nothing to find
        if fold(value) in places:
            continue  # "está trabajando en Costa Rica": a country, not a workplace
        if _INDEFINITE.search(before) and re.match(r"[a-záéíóúñ]", value):
            continue  # "trabaja en una sucursal de Tenosique": no branch in particular
        end = _extend(text, folded, start + len(value), len(text))
        span = (start, end)
        if span not in out:
            out.append(span)
    return out


def _by_kind(text: str, folded: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kinds, schools = _kinds()
    out: list[tuple[int, int]] = []
    for s0, s1 in sentence_spans(folded):
        if not kinds.search(folded, s0, s1):
            continue
        relative = _relatives().search(folded, s0, s1)
        for m in kinds.finditer(folded, s0, s1):
            start = m.start()
            # a voice note is one sentence without full stops: the words about the
            # disappearance must be near the place to make it the place of the disappearance
            if lexicon.pattern("disappearance").search(folded, max(s0, start - 120), min(s1, m.end() + 80)):
                continue
            if any(fs <= start < fe for fs, fe in found + out):
                continue
            before = folded[max(s0, start - 12):start]
            if _INDEFINITE.search(before):
                continue
            if (re.search(rf"(?:{lexicon.alternation('locator')})\s+(?:la|el|los|las)?\s*$", folded[max(s0, start - 30):start])
                    and not _ROUTINE.search(folded, max(s0, start - 60), start)):
                continue  # "a la par de la tienda de don Chepe": a landmark that places a house
            definite = bool(_DEFINITE.search(before)) or start == s0
            kind_end = m.end()
            # "taller de hojalatería", "puesto de gorditas": what the business does
            trade = re.match(r"[ \t]+de[ \t]+(?!la\b|el\b|los\b|las\b)[a-z]+", folded[kind_end:s1])
            if trade and not re.match(r"[ \t]+de[ \t]+[A-ZÁÉÍÓÚÑ]", text[kind_end:]):
                kind_end += trade.end()
            name = _NAME_AFTER.match(text, kind_end, s1)
            named = bool(name and name.end() > kind_end and text[name.start():name.end()].strip())
            if not named and not re.search(r"[A-ZÁÉÍÓÚÑ]", text[s0:s1]):
                name = _LOWER_NAME_AFTER.match(folded, kind_end, s1)
                named = bool(name) and not lexicon.pattern("locator").match(folded, name.start() + 1)
            if named and set(re.findall(r"\w+", fold(name.group()))) & lexicon.word_set("collective_words"):
                continue  # "the Local Search Commission": an institution's name
            end = name.end() if named else kind_end
            placed_end = _extend(text, folded, end, s1)
            placed = placed_end > end
            if not placed and not named:
                # "la cocina del hospital civil", "la recicladora de la avenida de los gigantes"
                of = re.match(r"[ \t]+(?:de|del)[ \t]+(?:la[ \t]+|el[ \t]+)?(?:calle|avenida|av\.|colonia|mercado|hospital|"
                              r"central|plaza|carretera|salida|centro|pueblo|rancho|ejido|ruta|agencia|jardin|puerto|"
                              r"comunidad|terminal)\b[^,.;\n]*", folded[end:s1])
                if of:
                    stop = _CLAUSE_END.search(folded, end + of.end() - len(of.group()) + 1, end + of.end())
                    placed_end = stop.start() if stop else end + of.end()
                    placed = True
            if not (named or placed) or not definite:
                continue
            is_school = fold(m.group("kind")) in schools
            # the routine before the place, or right after it ("a la bodega de Coppel donde trabaja")
            routine = _ROUTINE.search(folded, max(s0, start - 60), start) or re.search(
                r"\b(?:donde|where)\s+(?:\w+\s+)?(?:trabaj\w*|labor\w*|estudi\w*|works?|studies)\b", folded[m.end():min(s1, m.end() + 60)])
            if is_school and not routine:
                continue  # a school named alone is a public place; a relative's routine there is not
            if not is_school and not named and not (relative or routine):
                continue
            end = placed_end
            while end > start and text[end - 1] in " \t,":
                end -= 1
            # "en la esquina de la secundaria 27": the spot by the place is the place
            spot = re.search(r"(?:la|el)\s+(?:esquina|puerta|entrada|salida|banqueta|reja)\s+(?:de|del)\s+(?:la\s+|el\s+)?$",
                             folded[max(s0, start - 30):start])
            if spot:
                start = max(s0, start - 30) + spot.start()
            out.append((start, end))
    return out


class WorkplaceRecognizer(ScrubRecognizer):
    entity, label = "WORKPLACE", "workplace"
    examples = {"workplace": {
        "flag": [
            "Mi hermana ahora trabaja en la [[Farmacia Guadalajara de avenida Niños Héroes]]. Si me viste",
            "Su papá sigue trabajando de velador en [[Abarrotes El Güero]] y sale a buscar.",
            "SU PAPÁ TRABAJA EN [[Abarrotes El Güero]].",
            "Mi hija sale de la [[Secundaria Técnica 112]] a las siete.",
            "Our sister works nights at the [[Conservas del Pacífico plant]], so she",
            "Mi mamá vende jugos afuera de la [[Clínica 14 del IMSS]]\n",
            "Mi tía atiende la [[fonda \"Doña Lety\" en el mercado de San Juan Xalpa]], ahí pueden ir.",
            "Pregunten en la [[vulcanizadora El Trébol]] por mi papá.",
            "mi amá trabaja en el [[Oxxo de la Díaz Ordaz, el que está frente a la gasolinera]], ahí",
            "Dejó dos niños chiquitos. Van al [[kínder Rosaura Zapata, el que está junto al deportivo]], y su mamá",
            "yo trabajo en la [[recicladora de la avenida de los gigantes]] de lunes a sábado",
            "Mi mamá, Rosario Pérez, trabaja en la [[cocina del hospital civil]].",
        ],
        "keep": [
            "Mi hermano trabaja en una tienda del centro.",
            "Salió rumbo a su trabajo en General Escobedo.",
            "Estoy en la colonia Centro todos los días.",
            "Su hermano Róger está trabajando en Costa Rica y también pregunta por ella.",
            "Si alguien trabaja en una sucursal de Tenosique y puede ver quién lo cobró, avísenos.",
            "La vieron por última vez afuera de la tortillería La Güera.",
            "La marcha salió del Hospital Civil rumbo a la Fiscalía.",
        ],
    }}

    def find(self, text, nlp_artifacts):
        return [(s, e, 0.7, "workplace") for s, e in find_workplaces(text)]
