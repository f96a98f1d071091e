"""People other than the missing person: relatives, partners, friends, witnesses.

Two sources: the spaCy NER model (PER entities) and the words families use to introduce
someone ("mi mamá, Martha...", "su hermano Osvaldo", "doña Chela", "my aunt Rosa"). The
case file's subject is then taken out, in all its forms, so the missing person's name is
never flagged. The relationship word itself stays visible: it is what keeps the script
readable ("mi mamá [nombre]").
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from scrub.case import fold

_RELATION_ES = (
    r"mam[aá]|mami|madre|jefa|pap[aá]|papi|padre|jefe|hermano|hermana|hermanito|hermanita|carnal|carnala|"
    r"hijo|hija|hijos|hijas|esposo|esposa|marido|mujer|pareja|novio|novia|t[ií]o|t[ií]a|abuelo|abuela|abuelita|abuelito|"
    r"primo|prima|sobrino|sobrina|cuñado|cuñada|suegro|suegra|nuera|yerno|amigo|amiga|compañero|compañera|"
    r"vecino|vecina|padrino|madrina|compadre|comadre|testigo|patr[oó]n|patrona|nieto|nieta"
)
_RELATION_EN = (
    r"mom|mother|mum|dad|father|brother|sister|son|daughter|husband|wife|partner|boyfriend|girlfriend|"
    r"uncle|aunt|grandmother|grandfather|grandma|grandpa|cousin|nephew|niece|friend|neighbou?r|"
    r"coworker|co-worker|boss|roommate|witness|fianc[eé]e?|stepfather|stepmother|stepdad|stepmom|"
    r"brother-in-law|sister-in-law|mother-in-law|father-in-law"
)
_UPPER = r"A-ZÁÉÍÓÚÑÜ"
_NAME_WORD = rf"[{_UPPER}][a-záéíóúñü'’]+"
_NAME = rf"{_NAME_WORD}(?:\s+(?:de\s+la\s+|de\s+los\s+|de\s+|del\s+)?{_NAME_WORD}){{0,3}}"

_RELATION_NAME = re.compile(
    rf"\b(?i:(?:mi|mis|su|sus|tu|tus|nuestr[ao]s?|la|el|una|un|my|his|her|their|our|your|the|a)\s+"
    rf"(?:(?:querid[ao]|pequeñ[ao]|little|older|younger|oldest|youngest|big|baby|best|mejor|)\s*)?"
    rf"(?:{_RELATION_ES}|{_RELATION_EN})s?"
    rf"(?:\s+(?:mayor|menor|chic[ao]|grande))?"
    rf"(?:\s*,\s*|\s+|\s*:\s*)(?:(?:la\s+señora|el\s+señor|doña|don|se\s+llama|named|called)\s+)?)"
    rf"(?P<name>{_NAME})"
)
_HONORIFIC_NAME = re.compile(
    rf"\b(?i:doña|don|señora|señor|sra\.|sr\.|srita\.|seño|mrs\.?|mr\.?|ms\.?|miss)\s+(?P<name>{_NAME})"
)
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
    estado municipio colonia calle avenida mexico méxico jalisco guadalajara cruz roja semefo
    amber alerta protocolo imss issste cdmx ciudad whatsapp facebook instagram tiktok twitter
    telegram gmail hotmail correo tel cel celular teléfono telefono the and for she he we they
    missing help please call last seen name age lunes martes miércoles jueves viernes sábado
    domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre
    diciembre january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday señas particulares
    vestía vestia tiene mide edad estatura complexión tez cabello ojos informes info
    """.split()
}


def clean_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim a candidate name to its capitalised words; None when nothing name-like is left."""
    span = text[start:end]
    words = list(re.finditer(r"[\w'’]+", span))
    while words and (not words[0].group()[0].isupper() or fold(words[0].group()) in _NOT_NAMES):
        words.pop(0)
    while words and (not words[-1].group()[0].isupper() or fold(words[-1].group()) in _NOT_NAMES):
        words.pop()
    if not words:
        return None
    if any(fold(w.group()) in _NOT_NAMES for w in words):
        return None
    s, e = start + words[0].start(), start + words[-1].end()
    value = text[s:e]
    if value.isupper() and len(words) == 1:
        return None  # a heading word, not a name
    if "\n" in value:
        return None
    return s, e


class PersonRecognizer(EntityRecognizer):
    def __init__(self, language: str):
        super().__init__(supported_entities=["PERSON"], name="scrub:person", supported_language=language, context=[])

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        candidates: list[tuple[int, int, float, str]] = []
        for pattern, rule in ((_RELATION_NAME, "person-relative"), (_HONORIFIC_NAME, "person-relative"), (_NAME_RELATION, "person-relative")):
            for m in pattern.finditer(text):
                trimmed = clean_name(text, *m.span("name"))
                if trimmed:
                    candidates.append((*trimmed, 0.85, rule))
        if nlp_artifacts is not None:
            for ent in nlp_artifacts.entities:
                if ent.label_ not in ("PER", "PERSON"):
                    continue
                trimmed = clean_name(text, ent.start_char, ent.end_char)
                if trimmed:
                    candidates.append((*trimmed, 0.6, "person-name"))
        return [
            RecognizerResult(
                "PERSON",
                s,
                e,
                score,
                recognition_metadata={"rule": rule, RecognizerResult.RECOGNIZER_NAME_KEY: self.name},
            )
            for s, e, score, rule in candidates
        ]
