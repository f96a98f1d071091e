"""Phones of every country the families write from, however they are grouped or glued."""
from __future__ import annotations

import pytest

PHONES = [
    # glued to their label: the most common way Mexican posts write them
    ("Cel.33 1842 7765 todo el día", "33 1842 7765"),
    ("Tel.3318427765", "3318427765"),
    ("tel33 1842 7765", "33 1842 7765"),
    ("WhatsApp3318427765 gracias", "3318427765"),
    ("No.33 1842 7765", "33 1842 7765"),
    ("#3318427765", "3318427765"),
    # Central America, the Caribbean, South America, Spain: with their country code
    ("Pueden llamarle al +502 5731 4486, es su tía", "+502 5731 4486"),
    ("su mamá al (503) 7715 6602; su papá no tiene", "(503) 7715 6602"),
    ("doña Gloria: +504 9876 2231", "+504 9876 2231"),
    ("Mi celular es el +505 8812 4477.", "+505 8812 4477"),
    ("El mío, con WhatsApp: +34 612 48 33 90.", "+34 612 48 33 90"),
    ("mi cel +57 300 123 4567", "+57 300 123 4567"),
    ("en Holguín: +53 5 312 4567", "+53 5 312 4567"),
    # local numbers next to a phone word
    ("Tel. de la casa 5719 4420, cel 55 3108 6672", "5719 4420"),
    ("Su esposa, Keyla: whats 3312-0457", "3312-0457"),
    ("teléfono 0414 552 3310.", "0414 552 3310"),
    ("su celular (11) 98765-4321 en São Paulo", "(11) 98765-4321"),
    # broken up by emoji or bullets
    ("Su cel es el 55 🌸 4471 🌸 0926.", "55 🌸 4471 🌸 0926"),
    ("o al de mi amá 📞 664•117•52•09", "664•117•52•09"),
]


@pytest.mark.parametrize("text,value", PHONES)
def test_phone(find, text, value):
    assert ("PHONE", value) in [(e, v) for e, v, _r in find(text)], find(text)


NOT_PHONES = [
    # digits glued to the letters of an ID, or inside an e-mail or a link, are not a phone
    "Pasaporte G58642670 vigente",
    "escribe a ana3318427765@gmail.com",
    "la nota: https://ejemplo.mx/nota/3318427765",
    # eight digits with no phone word: still reported, but as a number scrub cannot name
    "Su tía Rosa Tum (mamá de Elmer) · 3318 2290",
    # years and dates are not phones
    "Desapareció el 15/03/2024; la buscamos desde 2019, 2020 y 2021.",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_not_a_phone(find, text):
    assert "PHONE" not in [e for e, _v, _r in find(text)], find(text)
