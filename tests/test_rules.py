"""Every rule: values it must report and near misses it must leave alone."""
from __future__ import annotations

import re

import pytest

from scrub.case import Case

def _all_examples(analyzer):
    """(rule id, "flag" or "keep", text) for every example every recognizer carries."""
    seen = set()
    out = []
    for rec in analyzer.engine.registry.get_recognizers(language="es", all_fields=True):
        for rule, examples in getattr(rec, "examples", {}).items():
            for kind in ("flag", "keep"):
                for text in examples.get(kind, []):
                    if (rule, kind, text) not in seen:
                        seen.add((rule, kind, text))
                        out.append((rule, kind, text))
    return out


def _marked(text: str) -> tuple[str, list[str]]:
    """The example without its [[markers]], and the marked values."""
    return re.sub(r"\[\[(.*?)\]\]", r"\1", text), re.findall(r"\[\[(.*?)\]\]", text)


def _examples_for_collection():
    from scrub.text.engine import shared_analyzer

    return _all_examples(shared_analyzer())


EXAMPLES = _examples_for_collection()


@pytest.mark.parametrize("rule,kind,text", EXAMPLES, ids=[f"{r}:{k}:{t[:40]}" for r, k, t in EXAMPLES])
def test_rule_example(find, rule, kind, text):
    """Each rule's own true positives are reported by it, at the marked offsets, and its
    false positives are left alone by it (as gitleaks keeps them beside each rule)."""
    plain, values = _marked(text)
    found = find(plain)
    fired = _fired(plain, rule)
    if kind == "flag":
        # the value is reported whole (its extent may be the union with another rule's
        # finding of the same kind, which then names it), and this rule found it
        entity = _entity_of(rule)
        for value in values:
            assert value in [v for e, v, _r in found if e == entity], (rule, value, found)
            start = plain.index(value)
            assert any(s < start + len(value) and start < e for s, e in fired), (rule, value, fired)
    else:
        assert [v for _e, v, r in found if r == rule] == [], (rule, found)


def _fired(text: str, rule: str) -> list[tuple[int, int]]:
    """Where ``rule`` itself fired, in offsets of ``text``, before case policy and overlaps."""
    from scrub.text.engine import shared_analyzer
    from scrub.text.normalize import normalize
    from scrub.text.spoken import spell_out_numbers

    analyzer = shared_analyzer()
    norm = spell_out_numbers(normalize(text))
    results = analyzer.analyze_many([norm.text], "es")[0]
    return [norm.to_original(r.start, r.end) for r in results if (r.recognition_metadata or {}).get("rule") == rule]


def _entity_of(rule: str) -> str:
    from scrub.text.engine import shared_analyzer

    for rec in shared_analyzer().engine.registry.get_recognizers(language="es", all_fields=True):
        if rule in getattr(rec, "examples", {}):
            return rec.entity
    raise KeyError(rule)


def test_every_rule_carries_examples(analyzer):
    """No rule ships without a true and a false positive beside it."""
    rules = {r.id for r in analyzer.rules} | {"phone-number", "person-relative", "person-name", "person-namesake", "workplace", "address-parts"}
    have = {(r, k) for r, k, _ in _all_examples(analyzer)}
    without_flag = sorted(r for r in rules if (r, "flag") not in have)
    assert not without_flag, f"rules without a flag example: {without_flag}"
    without_keep = sorted(r for r in rules if (r, "keep") not in have)
    assert not without_keep, f"rules without a keep example: {without_keep}"


def test_subject_and_public_contacts_are_kept(find):
    case = Case(subject=["Ana Lucía Pérez Gómez", "Anita"], public_contacts=["33 3658 0101", "ayuda@colectivo.org"])
    text = (
        "Soy Ana Lucía Pérez Gómez, me dicen Anita. Mi mamá, Rosa Gómez, pide que llames al "
        "33-3658-0101, al 911 o al 089, o escribas a ayuda@colectivo.org. Su celular: 33 1842 7765."
    )
    found = find(text, case)
    values = {v for _, v, _ in found}
    assert "Rosa Gómez" in values
    assert "33 1842 7765" in values
    for kept in ("Ana Lucía Pérez Gómez", "Anita", "33-3658-0101", "911", "089", "ayuda@colectivo.org"):
        assert not any(kept in v or v in kept for v in values), (kept, found)


def test_subject_matches_without_accents_and_case(find):
    case = Case(subject=["José Ángel Huerta Villaseñor"])
    found = find("JOSE ANGEL HUERTA VILLASENOR salió a comprar tortillas. Su papá, Rogelio Huerta, lo busca.", case)
    assert [v for e, v, _ in found if e == "PERSON"] == ["Rogelio Huerta"]


def test_relative_sharing_the_subjects_first_name_is_flagged(find):
    case = Case(subject=["Jesús Alberto Salinas Peña", "Chuy"])
    found = find("Se busca a Jesús Alberto Salinas Peña. Sus hijos Alberto y Emmanuel atienden el puesto.", case)
    persons = [v for e, v, _ in found if e == "PERSON"]
    assert "Alberto" in persons and "Emmanuel" in persons
    assert "Jesús Alberto Salinas Peña" not in persons


def test_withheld_fact_is_found_with_other_wording(find):
    case = Case(subject=["Ana"], withheld=["lunar en forma de media luna en la nuca"])
    found = find("Tiene en la nuca un lunar con forma de media luna.", case)
    assert "WITHHELD" in [e for e, _, _ in found]
    assert "WITHHELD" not in [e for e, _, _ in find("Tiene un tatuaje en el brazo.", case)]


@pytest.mark.parametrize(
    "text,value",
    [
        ("Mi hermana ahora trabaja en la Farmacia Guadalajara de avenida Niños Héroes. Si me viste", "Farmacia Guadalajara de avenida Niños Héroes"),
        ("Su papá sigue trabajando de velador en Abarrotes El Güero y sale a buscar.", "Abarrotes El Güero"),
        ("SU PAPÁ TRABAJA EN Abarrotes El Güero.", "Abarrotes El Güero"),
        ("Mi hija sale de la Secundaria Técnica 112 a las siete.", "Secundaria Técnica 112"),
        ("Our sister works nights at the Conservas del Pacífico plant, so she", "Conservas del Pacífico plant"),
        ("Mi mamá vende jugos afuera de la Clínica 14 del IMSS\n", "Clínica 14 del IMSS"),
    ],
)
def test_named_workplaces_of_relatives(find, text, value):
    assert ("WORKPLACE", value) in [(e, v) for e, v, _ in find(text)]


@pytest.mark.parametrize(
    "text,value,lang",
    [
        ("Si saben algo vengan a la casa, es la de dos pisos color verde con portón negro, a media cuadra de "
         "la tortillería La Esperanza, en la calle Allende, o llámenme.",
         "es la de dos pisos color verde con portón negro, a media cuadra de la tortillería La Esperanza, en la calle Allende",
         "es"),
        ("Nuestra casa está frente al templo de San Martín, junto a la papelería Lupita.",
         "frente al templo de San Martín, junto a la papelería Lupita", "es"),
        ("Vivimos a dos cuadras del mercado Corona y ahí estamos siempre.", "a dos cuadras del mercado Corona", "es"),
        ("Come to our house, the yellow one across from the Circle K on Palm Street, anytime.",
         "the yellow one across from the Circle K on Palm Street", "en"),
    ],
)
def test_a_home_described_by_landmarks_is_an_address(find, text, value, lang):
    """No house number, yet anyone can walk there."""
    assert ("ADDRESS", value) in [(e, v) for e, v, _ in find(text, lang=lang)]


@pytest.mark.parametrize(
    "text",
    [
        # where the person was last seen is what the card must say
        "La vieron por última vez frente a su casa, en la colonia Centro de Zapopan.",
        "Desapareció a una cuadra de su casa, frente a la primaria Benito Juárez.",
        "He was last seen near his home, across from the Circle K on Palm Street.",
        # the home, but nothing that places it
        "Salió de su casa en la colonia Las Fuentes, Tlaquepaque, el 3 de mayo.",
        "Nuestra casa siempre está abierta para quien traiga noticias.",
        # landmarks, but not of a home
        "El colectivo se reúne frente a la catedral todos los sábados.",
        # the words of a home and of a place, used as families use them about grief
        "Vivimos con el alma rota, al lado de otras madres que buscan.",
        "Su familia vive con la esperanza de encontrarlo, junto a todo el colectivo.",
        "Nuestra casa está vacía sin ti, frente a tu lugar en la mesa.",
        "Vive en nuestros corazones, junto a Dios.",
        "La casa de todos es el colectivo, frente al palacio municipal nos reunimos.",
        "La marcha sale de la casa de la cultura, frente a la plaza de armas.",
        "Nos recibieron en la Casa del Peregrino, junto al templo.",
    ],
)
def test_places_that_are_not_the_familys_home_stay(find, text):
    assert "home-landmarks" not in [r for _, _, r in find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Mi hermano trabaja en una tienda del centro.",  # not named
        "Salió rumbo a su trabajo en General Escobedo.",  # a noun and a municipality
        "Estoy en la colonia Centro todos los días.",  # no workplace kind after a weak verb
    ],
)
def test_unnamed_or_non_workplaces_are_not_reported(find, text):
    assert "WORKPLACE" not in [e for e, _, _ in find(text)]


@pytest.mark.parametrize(
    "fact,text,lang",
    [
        ("la familia ya pagó dinero a alguien que dijo tenerlo", "Ya le dimos 150 mil pesos a un señor que nos llamó diciendo que lo tenía.", "es"),
        ("el papá vendió su taxi para pagar lo que les pidieron", "Mi esposo hasta vendió su taxi para juntar lo que nos pidieron.", "es"),
        ("the family received a proof-of-life photo", "Last week they sent us a photo of him holding a newspaper.", "en"),
        ("Óscar had been deported twice", "He had already been deported twice before that.", "en"),
    ],
)
def test_withheld_facts_in_other_words(find, fact, text, lang):
    case = Case(subject=["Óscar Urías"], withheld=[fact])
    assert "WITHHELD" in [e for e, _, _ in find(text, case, lang)]


def test_unrelated_sentences_do_not_state_a_withheld_fact(find):
    case = Case(subject=["Ana"], withheld=["la familia ha recibido llamadas pidiendo dinero"])
    text = "No compartas datos de la familia en los comentarios. Ana tenía 16 años."
    assert "WITHHELD" not in [e for e, _, _ in find(text, case)]


def test_a_rule_hint_in_capitals_is_refused(tmp_path):
    """Hints are matched against lower-cased text: one written in capitals would silently
    skip its rule on every text."""
    from scrub.text.rules import RuleError, load_rules

    (tmp_path / "x.yaml").write_text(
        "- id: test-rule\n  entity: ID\n  hint: 'CURP'\n  patterns:\n    - regex: 'CURP \\d+'\n", encoding="utf-8"
    )
    with pytest.raises(RuleError, match="lower case"):
        load_rules(tmp_path)
    (tmp_path / "x.yaml").write_text(
        "- id: test-rule\n  entity: ID\n  hint: 'curp\\s\\d'\n  patterns:\n    - regex: 'CURP \\d+'\n", encoding="utf-8"
    )
    assert [r.id for r in load_rules(tmp_path)] == ["test-rule"]


@pytest.mark.parametrize("text,value", [
    ("Vivimos en calle Hacienda del Carmen 2150, colonia Oblatos. Escríbenos ya.", "calle Hacienda del Carmen 2150, colonia Oblatos"),
    ("La casa está entre calles Hidalgo y Morelos. Nadie sabe nada.", "entre calles Hidalgo y Morelos"),
])
def test_an_address_stops_at_the_end_of_its_sentence(find, text, value):
    assert ("ADDRESS", value) in [(e, v) for e, v, _ in find(text)]


def test_a_sentences_full_stop_is_not_part_of_the_detail(find):
    """Redacted, the sentence still ends: 'vivimos en [domicilio].'"""
    from scrub.api import check_text, redact

    text = "Vivimos en calle Hacienda del Carmen 2150, colonia Oblatos. Escríbenos a rosa.g@gmail.com."
    found = check_text(text, lang="es")
    assert not any(text[f.start:f.end].endswith(".") for f in found), [text[f.start:f.end] for f in found]
    assert redact(text, found, "es") == "Vivimos en [domicilio]. Escríbenos a [correo]."


def test_an_institutions_address_listed_as_public_is_kept(find):
    case = Case(subject=["Karla"], public_contacts=["Calzada Independencia Norte 778, C.P. 44270", "33 3837 6000"])
    text = ("Acude a la Fiscalía del Estado, en Calzada Independencia Norte 778, colonia La Perla, C.P. 44270, "
            "o llama al 33 3837 6000. Nosotros vivimos en calle Hidalgo 512, C.P. 44100.")
    found = [(e, v) for e, v, _ in find(text, case)]
    assert ("ADDRESS", "calle Hidalgo 512") in found and ("POSTAL_CODE", "44100") in found
    assert not any("Independencia" in v or v == "44270" or "3837" in v for _, v in found), found
