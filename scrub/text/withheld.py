"""Statements of facts the family asked never to publish (``withheld`` in case.toml).

Families keep some facts back on purpose: that they already paid, that they got a "proof of
life", who the relative in the police is. A caller who knows them is dangerous; a caller who
does not is exposed as a fraud. A script says such a fact in its own words ("ya le dimos
150 mil pesos a un señor" for "la familia ya pagó dinero a alguien"), so a fact is matched
by its content words, compared by their first letters and grouped into a small bilingual
set of concepts (paying, money, calls, proof of life, police...), within one sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scrub.case import Case, fold

_STOP = {fold(w) for w in """
    el la los las un una unos unas de del que y e o u en por con para su sus mi mis se lo le les
    al es fue son ha han he hemos habia había hasta ya muy mas más pero como cuando donde porque
    nos me te tu yo ella el él ellos ellas esto eso esta este esa ese sin sobre entre tambien
    también aun aún otro otra
    the a an of to in on and or is was were be been has have had that this with his her their
    its it he she they them him we us our for from at by as so already just
""".split()}

# Words that mean the same thing in the stories families tell, Spanish and English.
_CONCEPTS: dict[str, str] = {
    "MONEY": "dinero pesos mil dolares dólares lana feria rescate money dollars cash ransom",
    "PAY": "pagar pago pagó pagamos pagaron pagué dimos dieron depositamos depositaron deposito depósito "
           "transferimos entregamos paid pay payment deposited handed",
    "CALL": "llamada llamadas llamó llamaron llaman llamando hablado hablaron hablan marcaron "
            "telefonearon called calls calling phoned rang",
    "ASK": "pidiendo pidieron piden pedir pidió exigen exigiendo exigieron asked asking demanding demanded demand",
    "EXTORT": "extorsión extorsion extorsiones extorsionadores extorsionaron extortion extorted extortionists",
    "PROOF": "prueba pruebas foto fotos fotografía video periódico proof photo photos picture video newspaper",
    "RECEIVE": "recibió recibimos recibieron recibido mandaron enviaron llegó received sent got",
    "FAMILY": "familia papá mamá padre madre esposo esposa hermano hermana hijo hija family father mother "
              "dad mom husband wife brother sister son daughter",
    "POLICE": "policía policia agente patrulla patrullero police officer cop",
    "WORK": "trabaja trabajaba labora works worked employed",
    "ROMANCE": "relación relacion saliendo novio novia amante pareja casado casada relationship affair "
               "dating married boyfriend girlfriend lover",
    "MAN": "señor hombre tipo man guy",
    "REHAB": "rehabilitación rehabilitacion anexo rehab rehabilitation",
    "DEPORT": "deportado deportada deportaron deportación deported deportation",
    "SELL": "vendió vender vendimos vendieron sold sell selling",
    "SAY": "dijo diciendo dicen decía dijeron said saying claimed told",
    "HAVE": "tenerlo tenerla tenía tienen tenian tenían have holding",
}
# Concepts too common to decide a match on their own.
_WEAK = {"FAMILY", "MAN", "SAY", "HAVE", "RECEIVE"}


def _stem(word: str) -> str:
    return fold(word)[:5]


_CONCEPT_OF: dict[str, str] = {}
for _concept, _words in _CONCEPTS.items():
    for _w in _words.split():
        _CONCEPT_OF.setdefault(_stem(_w), _concept)


def _item(word: str) -> str | None:
    folded = fold(word)
    if folded in _STOP or len(folded) < 3:
        return None
    stem = _stem(folded)
    return _CONCEPT_OF.get(stem, stem)


@dataclass
class WithheldMatch:
    start: int
    end: int
    fact: str


_SENTENCE = re.compile(r"[^.!?;\n]+")
_CLAUSE_BREAK = re.compile(r"[,:—–()\"“”]")


def find_withheld(text: str, facts: list[str], case: Case | None = None) -> list[WithheldMatch]:
    names = case.subject_tokens() if case else set()
    out: list[WithheldMatch] = []
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
    for fact in facts:
        items = {i for w in re.findall(r"\w+", fact) if fold(w) not in names and (i := _item(w))}
        if len(items) < 2:
            continue
        best: tuple[float, int, int] | None = None
        for s0, s1 in sentences:
            hits: dict[str, tuple[int, int]] = {}
            for m in re.finditer(r"\w+", text[s0:s1]):
                item = _item(m.group())
                if item in items:
                    hits.setdefault(item, (s0 + m.start(), s0 + m.end()))
                    hits[item] = (min(hits[item][0], s0 + m.start()), max(hits[item][1], s0 + m.end()))
            strong = [i for i in hits if i not in _WEAK]
            ratio = len(hits) / len(items)
            if len(hits) >= 2 and ratio >= 0.5 and strong:
                first = min(v[0] for v in hits.values())
                last = max(v[1] for v in hits.values())
                # widen to the clause the statement sits in: the whole statement is
                # withheld, not just its key words
                breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, s0, first)]
                first = max(breaks) if breaks else s0
                nxt = _CLAUSE_BREAK.search(text, last, s1)
                last = nxt.start() if nxt else s1
                while first < last and not text[first].isalnum():
                    first += 1
                while last > first and not text[last - 1].isalnum():
                    last -= 1
                if best is None or ratio > best[0]:
                    best = (ratio, first, last)
        if best:
            out.append(WithheldMatch(best[1], best[2], fact))
    return out
