"""Every rule: values it must report and near misses it must leave alone."""
from __future__ import annotations

import pytest

from scrub.case import Case

POSITIVES = [
    # phones: any grouping, prefixes, legacy forms, US
    ("PHONE", "Háblale a mi mamá al 33 7294 3648 por favor.", "33 7294 3648"),
    ("PHONE", "Informes: 351-947-8663.", "351-947-8663"),
    ("PHONE", "Tel. (33) 1234-5678 todo el día", "(33) 1234-5678"),
    ("PHONE", "marca al +52 1 33 1234 5678 ya", "+52 1 33 1234 5678"),
    ("PHONE", "o al +5213312345678 ya", "+5213312345678"),
    ("PHONE", "o al 044 33 1234 5678 ya", "044 33 1234 5678"),
    ("PHONE", "o al 045 (662) 123 4567 ya", "045 (662) 123 4567"),
    ("PHONE", "o al 0052 81 2345 6789 ya", "0052 81 2345 6789"),
    ("PHONE", "o al 662.123.4567 ya", "662.123.4567"),
    ("PHONE", "llámame al 662·123·4567 ya", "662·123·4567"),
    ("PHONE", "Call me at (602) 555-0143 anytime.", "(602) 555-0143"),
    ("PHONE", "Call me at +1 602 555 0143 anytime.", "+1 602 555 0143"),
    ("EMAIL", "escríbeme a rosa.gomez72@gmail.com para informes", "rosa.gomez72@gmail.com"),
    ("EMAIL", "correo: rosario.espinoza72 arroba gmail punto com gracias", "rosario.espinoza72 arroba gmail punto com"),
    ("EMAIL", "write to maria dot lopez at gmail dot com today", "maria dot lopez at gmail dot com"),
    ("SOCIAL", "Síguenos en @busquemos_a_ana para noticias", "@busquemos_a_ana"),
    ("SOCIAL", "Perfil: facebook.com/rosa.gomez.98 ahí", "facebook.com/rosa.gomez.98"),
    ("SOCIAL", "Mándame mensaje https://wa.me/5213312345678 ya", "https://wa.me/5213312345678"),
    ("SOCIAL", "O por api.whatsapp.com/send?phone=523312345678 ya", "api.whatsapp.com/send?phone=523312345678"),
    ("SOCIAL", "Telegram: t.me/rosagomez", "t.me/rosagomez"),
    ("SOCIAL", "Instagram: rosa.gomez.busca para noticias", "rosa.gomez.busca"),
    ("SOCIAL", "mi insta es rosa_gomez72 por si acaso", "rosa_gomez72"),
    ("FINANCIAL", "Transferencias a la cuenta BBVA 012 180 00123456789 1, gracias", "012 180 00123456789 1"),
    ("SOCIAL", "video en https://www.tiktok.com/@rosagomez", "https://www.tiktok.com/@rosagomez"),
    ("ID", "Su CURP es PEGA990312MJCRMN06.", "PEGA990312MJCRMN06"),
    ("ID", "curp: pega 990312 mjcrmn 06 (en minúsculas)", "pega 990312 mjcrmn 06"),
    ("ID", "RFC PEGA990312Q76 del papá", "PEGA990312Q76"),
    ("ID", "Clave de elector: LDORSL71021814M444", "LDORSL71021814M444"),
    ("ID", "CIC: 845016954 de la credencial", "845016954"),
    ("ID", "NSS (IMSS): 31998712348", "31998712348"),
    ("ID", "Pasaporte G12345678 vigente", "G12345678"),
    ("ID", "RFC: PEGA990312Q77 (con un dígito mal copiado)", "PEGA990312Q77"),
    ("ID", "Licencia de conducir: JAL0123456 vigente", "JAL0123456"),
    ("FINANCIAL", "CLABE 072320001234567893 a nombre de", "072320001234567893"),
    ("FINANCIAL", "CLABE 0723 2000 1234 5678 93 a nombre de", "0723 2000 1234 5678 93"),
    ("FINANCIAL", "Tarjeta 4512 3456 7890 1234 Banorte", "4512 3456 7890 1234"),
    ("FINANCIAL", "Número de cuenta 0198765432 en BBVA", "0198765432"),
    ("FINANCIAL", "Apoya en https://gofund.me/7c2e91ab gracias", "https://gofund.me/7c2e91ab"),
    ("FINANCIAL", "Donations: venmo @teresa-vega-22 or cashapp", "@teresa-vega-22"),
    ("FINANCIAL", "Donations by Cash App: $TeresaV22, thank you", "$TeresaV22"),
    ("ID", "Her SSN is 521-43-7789, do not share", "521-43-7789"),
    ("ID", "social security number: 521437789", "521437789"),
    ("GPS", "La casa está en 20.6736, -103.3440 cerca", "20.6736, -103.3440"),
    ("GPS", "Coordenadas 20°40'25\"N 103°20'38\"W del terreno", "20°40'25\"N 103°20'38\"W"),
    ("GPS", "mapa: https://www.google.com/maps/@20.6736,-103.344,17z ahí", "https://www.google.com/maps/@20.6736,-103.344,17z"),
    ("GPS", "Plus code 75QG+J2 Guadalajara", "75QG+J2"),
    ("GPS", "Plus code 75QGMJ2X+J2 ahí", "75QGMJ2X+J2"),
    ("POSTAL_CODE", "colonia Centro, C.P. 45598, Tlaquepaque", "45598"),
    ("POSTAL_CODE", "código postal 44700", "44700"),
    ("ADDRESS", "vivimos en calle Fray Juan de Zumárraga 318, ya saben", "calle Fray Juan de Zumárraga 318"),
    ("ADDRESS", "en Av. Las Torres 1450, interior 3, colonia Tepeyac, C.P.", "Av. Las Torres 1450, interior 3, colonia Tepeyac"),
    ("ADDRESS", "Privada de los Fresnos #27-B, fraccionamiento Arboledas", "Privada de los Fresnos #27-B, fraccionamiento Arboledas"),
    ("ADDRESS", "en la manzana 12 lote 4 de la unidad", "manzana 12 lote 4"),
    ("ADDRESS", "Lote 7, Manzana 3, colonia El Zapote", "Lote 7, Manzana 3"),
    ("ADDRESS", "Mail donations to P.O. Box 1234, Phoenix, AZ 85001.", "P.O. Box 1234"),
    ("ADDRESS", "vivimos en Calle 5 de Mayo 123, colonia Centro", "Calle 5 de Mayo 123, colonia Centro"),
    ("ADDRESS", "en Av. 16 de Septiembre 1450 nos encuentras", "Av. 16 de Septiembre 1450"),
    ("ADDRESS", "Envíen cartas al Apartado Postal 45, Zapopan.", "Apartado Postal 45"),
    ("ADDRESS", "vive en el Fraccionamiento Las Palmas, coto 5, casa 23.", "coto 5, casa 23"),
    ("ADDRESS", "Unidad Habitacional Infonavit, edificio 4, depto 12", "edificio 4, depto 12"),
    ("ADDRESS", "la casa está entre calles Hidalgo y Morelos Sur", "entre calles Hidalgo y Morelos Sur"),
    ("ADDRESS", "We live at 2417 W Palm St, San Ysidro", "2417 W Palm St"),
    ("PLATE", "Ford Lobo gris, placas EXB-412-B, del 2012", "EXB-412-B"),
    ("PLATE", "with Illinois plates FB 48213 on it", "FB 48213"),
    ("DOB", "Fecha de nacimiento: 09/01/2004", "09/01/2004"),
    # written in capitals, as on a poster: the rules' quick pre-tests must not skip them
    ("FINANCIAL", "APOYA EN HTTPS://GOFUND.ME/7C2E91AB GRACIAS", "HTTPS://GOFUND.ME/7C2E91AB"),
    ("FINANCIAL", "NÚMERO DE CUENTA 0198765432 EN BBVA", "0198765432"),
    ("DOB", "FECHA DE NACIMIENTO: 09/01/2004", "09/01/2004"),
    ("POSTAL_CODE", "COLONIA CENTRO, C.P. 45598, TLAQUEPAQUE", "45598"),
    ("SOCIAL", "MÁNDAME MENSAJE HTTPS://WA.ME/5213312345678 YA", "HTTPS://WA.ME/5213312345678"),
    ("DOB", "Nació el 12 de julio de 1994 en Chihuahua", "12 de julio de 1994"),
    ("DOB", "Born March 4, 1999 in Tucson", "March 4, 1999"),
    ("DOB", "F. nac.: 12/VII/1994", "12/VII/1994"),
    ("DOB", "DOB: 1994-07-12", "1994-07-12"),
    ("DOB", "She was born on the 4th of March 1999 in Tucson", "4th of March 1999"),
    ("DOB", "Nací el 27 de octubre de 1999 y tenía 24 años", "27 de octubre de 1999"),
    ("DOB", "nacida el 3.IV.1990 en Colima", "3.IV.1990"),
    ("PERSON", "Mi mamá, Martha Salcedo Ruelas, no ha dejado de buscarme.", "Martha Salcedo Ruelas"),
    ("PERSON", "Su hermano Osvaldo lo busca todos los días.", "Osvaldo"),
    ("PERSON", "escríbanle a doña Rosario Espinoza por favor", "Rosario Espinoza"),
    ("PERSON", "My aunt Teresa Villa keeps the flyers.", "Teresa Villa"),
    ("PERSON", "Me llamo Graciela Cuautle Xochipa y soy la mamá", "Graciela Cuautle Xochipa"),
]


@pytest.mark.parametrize("entity,text,value", POSITIVES, ids=[f"{e}:{v}" for e, _, v in POSITIVES])
def test_reports(find, entity, text, value):
    found = find(text)
    assert (entity, value) in [(e, v) for e, v, _ in found], found


NEGATIVES = [
    # CURP / CLABE / card with a wrong check digit
    ("ID", "Su CURP es PEGA990312MJCRMN07."),
    ("FINANCIAL", "CLABE 072320001234567894 a nombre de"),
    ("FINANCIAL", "Tarjeta 4512 3456 7890 1235 Banorte"),
    # NSS without Luhn, CIC without context
    ("ID", "NSS (IMSS): 31998712349"),
    ("ID", "Folio 845016954 del expediente"),
    # nine digits with no SSN context, or a dashed number the SSA never issues
    ("ID", "Case number 521437789 at the sheriff's office"),
    ("ID", "Reference 900-12-3456 on the flyer"),
    # a network's name followed by ordinary words or a person's name is not a handle
    ("SOCIAL", "Síguenos en TikTok para más noticias."),
    # a building or a tower alone locates no one
    ("ADDRESS", "La marcha llegó a la Torre 2 del hospital civil."),
    # "apartado" of a document, not a post office box
    ("ADDRESS", "Lee el apartado 3 del protocolo de búsqueda."),
    # a payment app named, with no account after it
    ("FINANCIAL", "Aceptamos donativos por PayPal, Venmo o Cash App en la página del colectivo."),
    # a street named after a date is a street, not a street and a house number: where the
    # person was last seen stays
    ("ADDRESS", "Desapareció cerca del cruce de Avenida Hidalgo y Calle 5 de Mayo."),
    ("ADDRESS", "Lo vieron por última vez entre las calles Hidalgo y Allende, en Tonalá."),
    # a relationship word alone is part of a description, not a person
    ("PERSON", 'He has a tattoo that says "Mamá" on his forearm.'),
    ("PERSON", "Tiene un tatuaje que dice Papá en el brazo."),
    ("SOCIAL", "Búscanos en Facebook como Busquemos a Ana."),
    # a 9-digit or 11-digit number is not a phone; a folio is not one either
    ("PHONE", "FICHA DE BÚSQUEDA 0219/2024, folio 123456789"),
    ("PHONE", "Expediente FGE/CUE/3012/2021 de la fiscalía"),
    ("PHONE", "Recompensa de $150,000 pesos, ruta 380"),
    # measures after a street word are not an address; a colonia alone is a place
    ("ADDRESS", "desapareció en la colonia El Cerrito, Tlaquepaque"),
    ("ADDRESS", "caminaba por la calle a las 10 de la noche"),
    # a date with no birth context is the date of disappearance: kept
    ("DOB", "Desapareció el 14 de marzo de 2023 en Zapopan."),
    ("DOB", "Tenía 21 años, mide 1.58 m, pesa 60 kg, talla 32, y desapareció en 2023."),
    ("DOB", "Missing since March 4, 2024. He is 5'9\", 160 lbs, size 10 shoes."),
    ("PHONE", "Tenía 21 años, mide 1.58 m, pesa 60 kg, talla 32, y desapareció en 2023."),
    # 5 digits without context are not a postal code
    ("POSTAL_CODE", "Ofrecemos 50000 pesos de recompensa"),
    # a plate-like code without the word "placas"
    ("PLATE", "Lleva la playera EXB-412 del equipo"),
    # an e-mail with an unknown top-level domain, and a handle that is an e-mail
    ("EMAIL", "escribe a nadie@algo.invalidtld"),
    ("SOCIAL", "escríbeme a rosa.gomez72@gmail.com"),
    ("GPS", "Mide 1.58 metros, pesa 60.5 kilos"),
    ("PERSON", "Traía una sudadera gris. También llevaba tenis."),
    ("PERSON", "Desapareció en la colonia Gabriel Tepepa, Cuautla."),
    ("PERSON", "Llama al colectivo Hilos de Luz Zapopan."),
]


@pytest.mark.parametrize("entity,text", NEGATIVES, ids=[f"{e}:{t[:30]}" for e, t in NEGATIVES])
def test_near_misses_are_not_reported(find, entity, text):
    found = find(text)
    assert entity not in [e for e, _, _ in found], found


def test_every_yaml_rule_has_a_positive_test(analyzer, find):
    """No rule ships untested: each YAML rule id fires on at least one positive above."""
    fired = set()
    for _entity, text, _value in POSITIVES:
        fired.update(rule for _, _, rule in find(text))
    missing = {r.id for r in analyzer.rules} - fired
    assert not missing, f"rules without a positive example: {sorted(missing)}"


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
