"""Numbers fail closed: a long number no rule identifies is still reported, unless scrub
can say why it is harmless. Offsets are checked against the original text."""
from __future__ import annotations

import pytest

from scrub.case import Case

# (text, the number that must be reported, exactly as written)
UNEXPLAINED = [
    # numbers that no rule knows: still reported, whatever the grouping
    ("Cualquier cosa al 3318 2290 con mi comadre.", "3318 2290"),
    ("mi número es 55 🌸 4471 🌸 0926 gracias", "55 🌸 4471 🌸 0926"),
    ("le dicen que cobre con la clave 8815 2231 009", "8815 2231 009"),
    ("su identificación 2575 96674 1307 está en la fiscalía", "2575 96674 1307"),
    ("el número de su credencial es 1.036.652.418 por si acaso", "1.036.652.418"),
    # a unit or a currency glued to the last group of a longer number does not make it a
    # measure or a price (found by fuzzing: "7765mes" read as "7765 m")
    ("Informes al 33 1842 7765mes", "33 1842 7765"),
    ("su clave 4417 2290 3318m para entrar", "4417 2290 3318"),
    # in words
    ("apunten: nueve cinco tres, cincuenta y tres, dos veintiuno, dieciocho", "nueve cinco tres, cincuenta y tres, dos veintiuno, dieciocho"),
]

# look-alikes: numbers that are harmless and must stay
EXPLAINED = [
    "Desapareció el 15/03/2024 a las 18:30 en Zapopan.",
    "Lo vimos en 2019, 2020 y 2021 en la feria.",
    "Se ofrece una recompensa de $1,500,000.00 a quien dé informes.",
    "Hay más de 128 000 personas desaparecidas en México.",
    "Carpeta de investigación FGE/XAL/0872/2024 en la Fiscalía.",
    "FICHA DE BÚSQUEDA 0219/2024",
    "Folio CNB 2024-05-0518 de la Comisión Nacional de Búsqueda.",
    "Expediente de la Red: RMBC-2024-0317.",
    "Case reference BJC-2024-0521 at the consulate.",
    "La nota está en https://www.ejemplo.com.mx/noticias/2024/03/15/123456789 para quien quiera leerla.",
    "Mide 1.70 m y pesa 65 kg; tiene 23 años.",
    "Caminó 1500 m y pagó 1 500 pesos del pasaje.",
    "Nació en 1997 y desapareció en 2023-2024.",
]


@pytest.mark.parametrize("text,value", UNEXPLAINED)
def test_a_number_no_rule_knows_is_still_reported(find, text, value):
    found = find(text)
    assert any(v == value for _e, v, _r in found), found


@pytest.mark.parametrize("text", EXPLAINED)
def test_harmless_numbers_are_not_reported(find, text):
    found = [f for f in find(text) if f[0] == "NUMBER"]
    assert found == [], found


def test_an_unidentified_number_blocks_and_says_what_it_is(analyzer):
    from scrub.api import check_text
    from scrub.findings import Severity

    text = "Cualquier cosa al 3318 2290."
    [finding] = check_text(text, lang="es")
    assert (finding.rule, finding.entity, finding.severity) == ("number-unidentified", "NUMBER", Severity.BLOCK)
    assert text[finding.start:finding.end] == "3318 2290"


def test_a_listed_public_number_is_kept_whatever_its_shape(find):
    case = Case(subject=["Ana"], public_contacts=["3318 2290"])
    assert find("Informes al 3318-2290.", case=case) == []


def test_a_folio_is_a_reference_unless_the_sentence_speaks_of_money(find):
    assert [e for e, *_ in find("Folio de la denuncia 7022392311 en la Fiscalía.")] == []
    remittance = find("Le mandé por Elektra, el folio es 7022392311, que lo cobre.")
    assert [v for _e, v, _r in remittance] == ["7022392311"]


def test_a_year_inside_a_phone_does_not_hide_the_phone(find):
    assert [v for _e, v, _r in find("llamen al 55 2024 1987 por favor")] == ["55 2024 1987"]


def test_a_number_cut_by_a_subtitle_cue_is_one_number(tmp_path):
    import scrub

    srt = "1\n00:00:01,000 --> 00:00:03,000\nmi número es 33 18\n\n2\n00:00:03,000 --> 00:00:05,000\n42 77 65 gracias\n"
    (tmp_path / "video.srt").write_text(srt, encoding="utf-8")
    [report] = scrub.check([str(tmp_path / "video.srt")]).files
    pieces = [srt[f.start:f.end] for f in report.findings]
    assert pieces == ["33 18", "42 77 65"], pieces  # each piece in its own cue, timings untouched


SPOKEN = [
    # a date of birth said in words: the day before its month, the year with "mil"
    ("DOB", "Nació el veintiuno de junio de mil novecientos noventa y siete en Tonalá.",
     "veintiuno de junio de mil novecientos noventa y siete"),
    ("DOB", "nació el doce de diciembre de dos mil tres tiene veinte años", "doce de diciembre de dos mil tres"),
    ("DOB", "She was born on March third, nineteen ninety-nine.", "March third, nineteen ninety-nine"),
    ("DOB", "Nació el primero de mayo de dos mil dos.", "primero de mayo de dos mil dos"),
    # digits said twice
    ("PHONE", "Call my aunt at three two three, double two five, oh eight one four please",
     "three two three, double two five, oh eight one four"),
]


@pytest.mark.parametrize("entity,text,value", SPOKEN)
def test_numbers_said_in_words(find, entity, text, value):
    found = find(text)
    assert (entity, value) in [(e, v) for e, v, _r in found], found


@pytest.mark.parametrize("text", ["mil gracias a todos los que comparten", "juntamos cinco mil pesos para la lona",
                                  "el cinco de mayo marchamos", "tenía quince años"])
def test_words_that_are_not_a_number_to_hide(find, text):
    assert find(text) == []
