"""Withheld facts are found when a script says them in other words, and sentences on a
neighbouring topic are left alone. The paraphrases are this file's own, not the corpus's."""
from __future__ import annotations

import pytest

from scrub.case import Case

PARAPHRASES = [
    # (the fact in case.toml, a script saying it otherwise, the words that must be covered)
    ("Marisol estaba embarazada", "Les cuento que mi niña ya esperaba bebé para mayo.", "ya esperaba bebé para mayo"),
    ("Marisol estaba embarazada", "She was expecting her first baby.", "She was expecting her first baby"),
    ("Joel tiene epilepsia", "Si no toma su pastilla le dan convulsiones.", "le dan convulsiones"),
    ("Joel tiene epilepsia", "He has seizures when he skips his medicine.", "He has seizures"),
    ("Toño es diabético", "Toño se inyecta insulina dos veces al día.", "se inyecta insulina dos veces al día"),
    ("el hermano de Joel está en la cárcel", "Su carnal anda en el Cereso desde hace un año.", "Su carnal anda en el Cereso"),
    ("el hermano de Joel está en la cárcel", "Su hermanito está preso en Puente Grande.", "Su hermanito está preso en Puente Grande"),
    ("la familia pagó un rescate", "Ya les dimos lo que pidieron y no la soltaron.", "Ya les dimos lo que pidieron y no la soltaron"),
    ("Yadira tiene una cicatriz de cesárea", "Tiene la cicatricita de cuando la operaron para que naciera su bebé.", None),
    ("la familia recibió una foto como prueba de vida", "Nos mandaron una foto de él con el periódico de ese día.", None),
    ("el papá de Joel es policía", "Mi esposo anda de patrulla en la municipal.", "Mi esposo anda de patrulla en la municipal"),
    ("Danny is HIV positive", "He takes antiretrovirals every morning.", "He takes antiretrovirals every morning"),
]


@pytest.mark.parametrize("fact,text,covered", PARAPHRASES)
def test_a_fact_said_in_other_words_is_found(find, fact, text, covered):
    case = Case(subject=["Joel", "Marisol", "Toño", "Yadira", "Danny"], withheld=[fact])
    found = [(v, r) for e, v, r in find(text, case) if e == "WITHHELD"]
    assert found and found[0][1] == "withheld-fact", found
    if covered:
        assert covered in found[0][0], found


DECOYS = [
    # neighbouring topics: the same words, another fact
    ("Marisol estaba embarazada", "Su hermana acaba de tener un bebé y también la busca."),
    ("Toño es diabético", "Mi esposa tiene la presión alta y aun así sale a buscar."),
    ("el hermano de Joel está en la cárcel", "Lo hemos buscado en hospitales, en el Semefo y hasta en los penales."),
    ("la familia pagó un rescate", "Se ofrece una recompensa de 50 mil pesos a quien dé informes."),
    ("Yadira tiene una cicatriz de cesárea", "Tiene una cicatriz en la ceja izquierda."),
    ("la familia recibió una foto como prueba de vida", "La gente nos manda fotos de muchachas que se parecen a ella."),
    ("el papá de Joel es policía", "La Policía Municipal no quiso tomarnos el reporte."),
    ("Danny is HIV positive", "He has asthma and always carries his inhaler."),
]


@pytest.mark.parametrize("fact,text", DECOYS)
def test_a_sentence_on_a_neighbouring_topic_is_left_alone(find, fact, text):
    case = Case(subject=["Joel", "Marisol", "Toño", "Yadira", "Danny"], withheld=[fact])
    assert [v for e, v, _r in find(text, case) if e == "WITHHELD"] == []


def test_a_weaker_resemblance_is_shown_for_review_with_the_fact(analyzer):
    from scrub.api import check_text
    from scrub.findings import Severity
    from scrub.text.withheld import find_withheld

    fact = "Irving tiene un tatuaje con el nombre de su hija en la espalda y otro de una virgen morena en el pecho"
    text = "En la espalda lleva el nombre de su niña."
    [match] = find_withheld(text, [fact], Case(subject=["Irving"]))
    assert match.review and match.fact == fact
    [finding] = [f for f in check_text(text, case=Case(subject=["Irving"], withheld=[fact])) if f.entity == "WITHHELD"]
    assert (finding.rule, finding.severity) == ("withheld-fact-review", Severity.WARN)
