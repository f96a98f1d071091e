"""Named workplaces and schools of living relatives.

"Su papá trabaja de velador en Abarrotes El Güero": an extortionist can wait outside. A
workplace is reported when a work or study verb ("trabaja", "estudia", "works at") or a
daily-routine verb followed by a kind of workplace ("sale de la Secundaria Técnica 112",
"vende jugos afuera de la Clínica 14") introduces a *named* place: an unnamed one ("trabaja
en una tienda") locates nobody.
"""
from __future__ import annotations

import re

from scrub.text.recognizer import ScrubRecognizer

_STRONG = (
    r"trabaja|trabajo|trabajan|trabajando|labora|laboro|estudia|estudio|estudian|"
    r"works|working|work|studies|studying|attends|employed|"
    r"es\s+(?:enfermer[oa]|maestr[oa]|profesor[a]?|cajer[oa]|guardia|vigilante|velador[a]?|doctor[a]?|"
    r"m[ée]dic[oa]|secretari[oa]|empleado|empleada|obrer[oa]|chofer|mesero|mesera|cociner[oa]|intendente)|"
    r"is\s+a\s+(?:nurse|teacher|cashier|guard|driver|cook|waiter|waitress|doctor|clerk|worker)"
)
_WEAK = r"estoy|está|esta|sale|salgo|vende|vendo|atiende|atiendo|goes|drops|picks"
_PLACE_KIND = (
    r"farmacia|abarrotes|tortiller[ií]a|maquiladora|maquila|planta|f[áa]brica|cl[ií]nica|hospital|"
    r"secundaria|primaria|preparatoria|prepa|escuela|colegio|universidad|bodega|tienda|taller|oficina|"
    r"empresa|restaurante|hotel|mercado|tianguis|central|plant|factory|store|shop|school|college|"
    r"university|clinic|warehouse|restaurant|office|market|plaza"
)
_PREP = r"en|at|in|for|afuera\s+de|fuera\s+de|frente\s+a|enfrente\s+de|outside"
_WEAK_PREP = rf"{_PREP}|de"  # "sale de la Secundaria Técnica 112"

_ARTICLE = r"(?:la|el|los|las|the|una|un|a)[ \t]+"
# the article stays outside: "trabaja en la [lugar de trabajo]" still reads well aloud
_VALUE = rf"(?i:{_ARTICLE})?(?P<value>[^\n.;]{{2,90}})"
# "su trabajo en General Escobedo" is a noun, not "trabajo en" (I work at)
_NOT_A_NOUN = r"(?<!\bsu )(?<!\bmi )(?<!\bal )(?<!\bdel )(?<!\bel )(?<!\btu )"
_STRONG_TRIGGER = re.compile(
    rf"{_NOT_A_NOUN}(?i:\b(?:{_STRONG})\b(?:[ \t]+[\w,]+){{0,5}}?[ \t]*:?[ \t]+(?:{_PREP})[ \t]*:?[ \t]+){_VALUE}"
)
_WEAK_TRIGGER = re.compile(
    rf"(?i:\b(?:{_WEAK})\b(?:[ \t]+[\w,]+){{0,5}}?[ \t]+(?:{_WEAK_PREP})[ \t]+)"
    rf"(?=(?i:{_ARTICLE})?(?i:{_PLACE_KIND})\b){_VALUE}"
)
_END = re.compile(
    r"[.;\n]|,(?![ \t]+(?:en|in|on|at)[ \t])|[ \t](?:y|and|to|so|porque|para|pero|a\s+las|cuando|desde|hasta|since|until|because|but)[ \t]",
    re.IGNORECASE,
)
_NAMED = re.compile(r"(?:^|[ \t])(?:[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+|\d+)")


# every trigger starts with one of these (in the lower-cased text): a text without any is
# skipped at once, since the triggers themselves (case-insensitive, behind lookbehinds) are
# tried at every position
_TRIGGER_HINT = re.compile(r"trabaj|labor|estudi|work|studi|attend|employ|es\s|is\s|estoy|est[aá]|sal[eg]|vend|atiend|goes|drops|picks")


def find_workplaces(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not _TRIGGER_HINT.search(text.lower()):
        return out
    matches = [*_STRONG_TRIGGER.finditer(text), *_WEAK_TRIGGER.finditer(text)]
    for m in matches:
        start = m.start("value")
        rest = text[start:m.end("value")]
        end_match = _END.search(rest)
        value = rest[: end_match.start()] if end_match else rest
        value = value.rstrip(" \t,")
        if not _NAMED.search(value):
            continue  # "trabaja en una tienda": no name, nothing to find
        span = (start, start + len(value))
        if span not in out:
            out.append(span)
    return out


class WorkplaceRecognizer(ScrubRecognizer):
    entity, label = "WORKPLACE", "workplace"

    def find(self, text, nlp_artifacts):
        return [(s, e, 0.7, "workplace") for s, e in find_workplaces(text)]
