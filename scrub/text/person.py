"""People other than the missing person: relatives, partners, friends, witnesses.

Two sources: the spaCy NER model (PER entities) and the words families use to introduce
someone ("mi mamá, Martha...", "su hermano Osvaldo", "doña Chela", "my aunt Rosa"). The
case file's subject is then taken out, in all its forms, so the missing person's name is
never flagged. The relationship word itself stays visible: it is what keeps the script
readable ("mi mamá [nombre]").
"""
from __future__ import annotations

import re

from scrub.text.recognizer import ScrubRecognizer
from scrub.text.spans import Span, SpanIndex

from scrub.case import fold

_RELATION_ES = (
    r"mam[aá]|mami|madre|jefa|pap[aá]|papi|padre|jefe|hermano|hermana|hermanito|hermanita|carnal|carnala|"
    r"hijo|hija|hijos|hijas|esposo|esposa|marido|mujer|pareja|novio|novia|t[ií]o|t[ií]a|abuelo|abuela|abuelita|abuelito|"
    r"primo|prima|sobrino|sobrina|cuñado|cuñada|suegro|suegra|nuera|yerno|amigo|amiga|compañero|compañera|"
    r"vecino|vecina|padrino|madrina|compadre|comadre|testigo|patr[oó]n|patrona|nieto|nieta|padres|pap[aá]s|"
    r"papás|hermanos|hermanas|abuelos|t[ií]os|primos|amigos|amigas"
)
_RELATION_EN = (
    r"mom|mother|mum|dad|father|brother|sister|son|daughter|husband|wife|partner|boyfriend|girlfriend|"
    r"uncle|aunt|grandmother|grandfather|grandma|grandpa|cousin|nephew|niece|friend|neighbou?r|"
    r"coworker|co-worker|boss|roommate|witness|fianc[eé]e?|stepfather|stepmother|stepdad|stepmom|"
    r"brother-in-law|sister-in-law|mother-in-law|father-in-law|parents|grandparents|siblings|brothers|sisters|kids|children"
)
_UPPER = r"A-ZÁÉÍÓÚÑÜ"
_NAME_WORD = rf"[{_UPPER}][a-záéíóúñü'’]+"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:de[ \t]+la[ \t]+|de[ \t]+los[ \t]+|de[ \t]+|del[ \t]+)?{_NAME_WORD}){{0,3}}"

_RELATION_NAME = re.compile(
    rf"\b(?i:(?:mi|mis|su|sus|tu|tus|nuestr[ao]s?|la|el|una|un|my|his|her|their|our|your|the|a)[ \t]+"
    rf"(?:(?:querid[ao]|pequeñ[ao]|little|older|younger|oldest|youngest|big|baby|best|mejor|)\s*)?"
    rf"(?:{_RELATION_ES}|{_RELATION_EN})s?"
    rf"(?:\s+(?:mayor|menor|chic[ao]|grande))?"
    rf"(?:[ \t]*,[ \t]*|[ \t]+|[ \t]*:[ \t]*)(?:(?:la[ \t]+señora|el[ \t]+señor|doña|don|se[ \t]+llama|named|called)[ \t]+)?)"
    rf"(?P<name>{_NAME})(?:[ \t]+(?:y|and|e)[ \t]+(?P<second>{_NAME}))?"
)
# people introducing themselves or named as account holders: "Me llamo X", "a nombre de X"
_INTRO_NAME = re.compile(
    rf"(?i:\bme[ \t]+llamo|\bmi[ \t]+nombre[ \t]+es|\bmy[ \t]+name[ \t]+is|\bnombre[ \t]*:|\bname[ \t]*:|\btitular[ \t]*:|"
    rf"\ba[ \t]+nombre[ \t]+de(?:[ \t]+(?:mi|su|my|his|her)[ \t]+(?:{_RELATION_ES}|{_RELATION_EN}),?)?|\bin[ \t]+the[ \t]+name[ \t]+of|"
    rf"\bhabla|\bte[ \t]+habla|\bsoy|\bi[ \t]+am|\bi'm|\bthis[ \t]+is)[ \t]+(?P<name>{_NAME})"
)
_HONORIFIC_NAME = re.compile(
    rf"\b(?i:doña|don|señora|señor|sra\.|sr\.|srita\.|seño|mrs\.?|mr\.?|ms\.?|miss)\s+(?P<name>{_NAME})"
)
# a signature line: "— Crystal Meza, Los Angeles"
_SIGNATURE = re.compile(rf"(?m:^[ \t]*[—–-][ \t]*(?P<name>{_NAME})[ \t]*(?:,|$))")
# "Name Surname, su mamá" / "Name (my sister)": a name followed by a relationship word
_NAME_RELATION = re.compile(
    rf"(?P<name>{_NAME})\s*(?:,\s*|\(\s*)(?i:(?:mi|su|tu|my|his|her|their|our|the)\s+(?:{_RELATION_ES}|{_RELATION_EN}))\b"
)

# Capitalised words that NER or the patterns above take for names but are not people.
_NOT_NAMES = {
    fold(w)
    for w in """
    hola soy si no por favor gracias dios ayuda ayudanos ayúdame busco buscamos se busca ficha
    fiscalia fiscalía comision comisión colectivo colectiva madres buscadoras búsqueda busqueda
    estado municipio colonia calle avenida mexico méxico jalisco guadalajara semefo
    amber alerta protocolo imss issste cdmx ciudad whatsapp facebook instagram tiktok twitter
    telegram gmail hotmail correo tel cel celular teléfono telefono the and for she he we they
    snapchat snap youtube kwai twitch threads venmo zelle paypal cashapp outlook yahoo
    missing help please call last seen name age lunes martes miércoles jueves viernes sábado
    domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre
    diciembre january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday señas particulares
    vestía vestia tiene mide edad estatura complexión tez cabello ojos informes info
    me te se nos les lo la ella él ellos ellas yo tú usted ustedes her his our their many born
    i you it we us them this that name nombre
    ags bc bcs camp chis chih coah col cdmx dgo edomex gto gro hgo jal mich mor nay nl oax pue
    qro roo slp sin son tab tamps tlax ver yuc zac
    """.split()
}


# A relationship word alone ("Mamá" tattooed on a forearm, "Papá" at the start of a line) is
# a word, not a name: the person it points to is named next to it, or not at all.
_NOT_NAMES |= {fold(w) for w in """
    mamá mama mami madre jefa papá papa papi padre jefe hermano hermana hermanito hermanita
    hijo hija hijos hijas esposo esposa marido pareja novio novia tío tía abuelo abuela abuelita
    abuelito primo prima sobrino sobrina cuñado cuñada suegro suegra nieto nieta padrino madrina
    compadre comadre mom mother mum dad father brother sister son daughter husband wife
    uncle aunt grandma grandpa grandmother grandfather cousin nephew niece
""".split()}

# Months and days double as given names (Abril, Julio, Mayo): a model guess made of them
# alone is a date, but after "mi hermano" it is a name.
_CALENDAR = {fold(w) for w in """
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    january february march april may june july august september october november december
    lunes martes miércoles jueves viernes sábado domingo
    monday tuesday wednesday thursday friday saturday sunday
""".split()}


def clean_name(text: str, start: int, end: int, introduced: bool = False) -> tuple[int, int] | None:
    """Trim a candidate name to its capitalised words; None when nothing name-like is left.
    ``introduced``: the name follows a relationship word, so calendar words count as names."""
    stop = _NOT_NAMES - _CALENDAR if introduced else _NOT_NAMES
    span = text[start:end]
    words = list(re.finditer(r"[\w'’]+", span))
    while words and (not words[0].group()[0].isupper() or fold(words[0].group()) in stop):
        words.pop(0)
    while words and (not words[-1].group()[0].isupper() or fold(words[-1].group()) in stop):
        words.pop()
    if not words:
        return None
    if any(fold(w.group()) in stop for w in words):
        return None
    s, e = start + words[0].start(), start + words[-1].end()
    value = text[s:e]
    if value.isupper() and len(words) == 1:
        return None  # a heading word, not a name
    if "\n" in value:
        return None
    return s, e


# lower-case words that join the words of an institution's name
_LINK = r"de|del|la|las|los|el|en|y|que|a|por|para|contra|sobre|con"
# Words that head the proper name of a place, an institution or a collective: a capitalised
# run after them ("colonia Gabriel Tepepa", "Colectivo Hilos de Luz Zapopan") is not a person.
_ZONE_HEAD = re.compile(
    r"(?i:\b(?:colonia|col\.|fraccionamiento|fracc\.|barrio|unidad|municipio|ciudad|estado|mercado|plaza|parque|"
    r"jard[ií]n|calle|avenida|av\.|privada|calzada|boulevard|blvd\.|carretera|colectivo|colectiva|grupo|asociaci[oó]n|"
    r"fundaci[oó]n|fiscal[ií]a|comisi[oó]n|secretar[ií]a|procuradur[ií]a|instituto|centro|hospital|cl[ií]nica|"
    r"universidad|escuela|secundaria|preparatoria|primaria|iglesia|parroquia|templo|capilla|hotel|restaurante|"
    r"tienda|farmacia|estadio|central|terminal|aeropuerto|puente|r[ií]o|presa|cerro|sierra|valle|rancho|ejido|"
    r"tatuaje|virgen|santa|santo|san|collective|commission|office|street|avenue|church|school|hospital|"
    r"buscadoras|madres|rastreadoras|familias|brigada|red|movimiento|search|mothers|searchers|"
    r"de\s+los|de\s+las|del))[ \t]+"
    rf"(?:(?:{_LINK})[ \t]+)*{_NAME_WORD}(?:[ \t]+(?:(?:{_LINK})[ \t]+)*{_NAME_WORD}){{0,10}}"
)

_BRANDS = {fold(w) for w in """
    chevrolet chevy nissan ford toyota honda volkswagen vw dodge ram jeep kia hyundai mazda
    suzuki italika yamaha jordan nike adidas puma vans converse reebok tigres chivas america
    américa pumas xolos rayados atlas cruz azul santos samsung iphone motorola huawei xiaomi
""".split()}


_BETWEEN_PLACES = re.compile(rf"(?i:\bentre|\bbetween)[ \t]+(?P<a>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*)[ \t]+(?:y|and)[ \t]+(?P<b>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*)")
# a capitalised word straight after "en", "hacia", "rumbo a", "in", "near"... is a place:
# families write "en Cuauhtémoc", never "en Martha"
_AFTER_LOCATIVE = re.compile(rf"(?i:\b(?:en|hacia|rumbo[ \t]+a|desde|cerca[ \t]+de|in|near|from|towards))[ \t]+(?P<place>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*)")


def non_person_zones(text: str) -> list[tuple[int, int]]:
    zones = [m.span() for m in _ZONE_HEAD.finditer(text)]
    zones += [m.span(g) for m in _BETWEEN_PLACES.finditer(text) for g in ("a", "b")]
    zones += [m.span("place") for m in _AFTER_LOCATIVE.finditer(text)]
    return zones


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t*_#>-•·\"'“(¡¿")
    before = re.sub(r"[^\w\s.,;:!?|]+$", "", before).rstrip(" \t")
    return not before or before[-1] in ".!?:\n|"


def looks_like_person(text: str, start: int, end: int, zones: list[tuple[int, int]]) -> bool:
    """Filters for the NER model's PER guesses, which in scripts include sentence-initial
    verbs ("Traía", "Mido"), collectives, colonias named after people and car brands."""
    value = text[start:end]
    words = re.findall(r"[\w'’]+", value)
    if any(zs < end and start < ze for zs, ze in zones):
        return False
    if start > 0 and text[start - 1] in "#@":
        return False
    if any(re.search(r"[a-záéíóúñ][A-ZÁÉÍÓÚÑ]", w) for w in words):  # HashtagWords
        return False
    if any(fold(w) in _BRANDS for w in words):
        return False
    if any(w[0].islower() and fold(w) not in {"de", "del", "la", "los", "las", "y"} for w in words):
        return False  # "Luz en el Bajío": a name, but of a collective
    if len(words) == 1 and _sentence_start(text, start):
        return False
    return True


def other_mentions(text: str, found: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
    """Once a relative is named ("Su pareja, Ramón Félix Ochoa"), later mentions of the
    same full name or first name ("Ramón") are the same person."""
    seen: set[str] = set()
    for s, e, _score, _rule in found:
        words = re.findall(r"[\w'’]+", text[s:e])
        if words:
            seen.add(" ".join(words))
            if len(words) > 1 and len(words[0]) > 2:
                seen.add(words[0])
    out = []
    taken = SpanIndex()
    for s, e, _, _ in found:
        taken.add(Span(s, e))
    for name in sorted(seen, key=len, reverse=True):
        pattern = r"(?<![\w'’])" + r"[ \t]+".join(map(re.escape, name.split())) + r"(?!\w)"
        for m in re.finditer(pattern, text):
            if taken.any_overlap(m.start(), m.end()):
                continue
            taken.add(Span(*m.span()))
            # judged like a model guess: a mention made only of the subject's words is
            # the subject ("Alberto" of "Jesús Alberto ..."), not the relative
            out.append((m.start(), m.end(), 0.7, "person-name"))
    return out


class PersonRecognizer(ScrubRecognizer):
    entity, label = "PERSON", "person"
    examples = {
        "person-relative": {
            "flag": [
                "Mi mamá, [[Martha Salcedo Ruelas]], no ha dejado de buscarme.",
                "Su hermano [[Osvaldo]] lo busca todos los días.",
                "escríbanle a doña [[Rosario Espinoza]] por favor",
                "My aunt [[Teresa Villa]] keeps the flyers.",
                "Me llamo [[Graciela Cuautle Xochipa]] y soy la mamá",
            ],
            "keep": [
                'He has a tattoo that says "Mamá" on his forearm.',
                "Tiene un tatuaje que dice Papá en el brazo.",
            ],
        },
        "person-name": {
            "flag": ["Ayer vino [[Rigoberto Saldaña]] a preguntar por ella."],
            "keep": [
                "Traía una sudadera gris. También llevaba tenis.",
                "Desapareció en la colonia Gabriel Tepepa, Cuautla.",
                "Llama al colectivo Hilos de Luz Zapopan.",
            ],
        },
    }

    def find(self, text, nlp_artifacts):
        candidates: list[tuple[int, int, float, str]] = []
        for pattern in (_RELATION_NAME, _HONORIFIC_NAME, _NAME_RELATION, _INTRO_NAME, _SIGNATURE):
            for m in pattern.finditer(text):
                for group in ("name", "second"):
                    if group in pattern.groupindex and m.start(group) >= 0:
                        trimmed = clean_name(text, *m.span(group), introduced=True)
                        if trimmed:
                            candidates.append((*trimmed, 0.85, "person-relative"))
        if nlp_artifacts is not None:
            zones = non_person_zones(text)
            for ent in nlp_artifacts.entities:
                if ent.label_ not in ("PER", "PERSON"):
                    continue
                trimmed = clean_name(text, ent.start_char, ent.end_char)
                if not trimmed or not looks_like_person(text, *trimmed, zones):
                    continue
                candidates.append((*trimmed, 0.6, "person-name"))
        candidates.extend(other_mentions(text, candidates))
        return candidates
