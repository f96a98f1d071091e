"""No case file is not "nobody is the subject": the missing person and the collective's
number are read from how cards introduce them, kept, and the report says so."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from scrub.text.infer import infer_public_contacts, infer_subject

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text,subject", [
    ("Hola, soy Ana Lucía Pérez Gómez. Desaparecí en Zapopan.", "Ana Lucía Pérez Gómez"),
    ("Buenas noches. Soy la mamá de Yesenia Abarca Nava, mi Yese.", "Yesenia Abarca Nava"),
    ("SE BUSCA\n\nMauricio Esteban Lara Fuentes, de 31 años, desapareció el 14 de enero.", "Mauricio Esteban Lara Fuentes"),
    ("Ayúdanos a encontrar a Brenda Ortiz Salcedo, tiene 19 años.", "Brenda Ortiz Salcedo"),
    ("Have you seen Kevin Alexis Ramos? He is 22.", "Kevin Alexis Ramos"),
    ("# HELP US FIND HER\n\n**Diana Marisol Vega Robles**, 19, was last seen in Tijuana.", "Diana Marisol Vega Robles"),
    ("FICHA DE BÚSQUEDA\nJORGE ALBERTO SALGADO NAVA\nEdad: 34 años", "Jorge Alberto Salgado Nava"),
])
def test_the_missing_person_is_read_from_the_card(text, subject):
    forms, why = infer_subject(text)
    assert forms and forms[0] == subject and why


def test_a_relative_introducing_themself_is_not_the_subject():
    forms, _ = infer_subject("Me llamo Graciela Cuautle y soy la mamá. Busco a mi hijo Axel Tlapale Cuautle.")
    assert forms[0] == "Axel Tlapale Cuautle"


def test_nicknames_the_text_gives_are_forms_of_the_subject():
    forms, _ = infer_subject("Me llamo Ana Lucía Pérez Gómez y en mi casa me dicen Anita.")
    assert "Anita" in forms and "Ana Lucía" in forms


def test_a_number_a_collective_introduces_is_public_and_a_personal_one_is_not():
    text = ("Comunícate con el colectivo al 81 2050 7700. "
            "Llama al colectivo o a mi celular 33 1842 7765.")
    phones = [(text.index("81 2050"), text.index("81 2050") + 12), (text.index("33 1842"), text.index("33 1842") + 12)]
    assert infer_public_contacts(text, phones) == ["81 2050 7700"]


def test_an_institution_named_by_its_acronym_only_in_capitals():
    """"DIF" introduces the DIF's number; the same letters in another case are no acronym
    (a mutated script's "DIf" kept its planted phone as public: found by fuzzing)."""
    for text, public in (("Informes del DIF al 33 1842 7765", True), ("eDIf{W Informes al 33 1842 7765", False),
                         ("Mi dif es el 33 1842 7765", False)):
        at = text.index("33 1842")
        assert infer_public_contacts(text, [(at, at + 12)]) == (["33 1842 7765"] if public else []), text


def test_without_a_case_file_the_samples_keep_the_subject_and_the_hotline(tmp_path, scrub_cmd):
    for name in ("ana/guion.txt", "limpio/ficha.txt", "diana/post.md"):
        shutil.copy(ROOT / "samples" / name, tmp_path / name.replace("/", "-"))
    run = subprocess.run([*scrub_cmd, "clean", "--format", "json", "--out", str(tmp_path / "out"), str(tmp_path)],
                         capture_output=True, text=True, cwd=tmp_path)
    report = {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(run.stdout)["files"]}
    guion = (tmp_path / "out" / "ana-guion.txt").read_text(encoding="utf-8")
    assert "Me llamo Ana Lucía Pérez Gómez" in guion and "Anita" in guion
    assert "33 1842 7765" not in guion  # the mother's phone is still removed
    ficha = (tmp_path / "out" / "limpio-ficha.txt").read_text(encoding="utf-8")
    assert "Mauricio Esteban Lara Fuentes" in ficha and "81 2050 7700" in ficha
    post = (tmp_path / "out" / "diana-post.md").read_text(encoding="utf-8")
    assert "Diana Marisol Vega Robles" in post and "664 200 3040" in post
    assert report["ana-guion.txt"]["assumed"]["subject"][0] == "Ana Lucía Pérez Gómez"
    assert report["limpio-ficha.txt"]["assumed"]["public_contacts"] == ["81 2050 7700"]


def test_the_terminal_report_says_what_was_assumed(tmp_path, scrub_cmd):
    shutil.copy(ROOT / "samples" / "limpio" / "ficha.txt", tmp_path / "ficha.txt")
    run = subprocess.run([*scrub_cmd, "check", "--lang", "es", str(tmp_path / "ficha.txt")], capture_output=True, text=True)
    assert "Supuse que la persona que se busca es Mauricio Esteban Lara Fuentes" in run.stdout
    assert "81 2050 7700" in run.stdout and "case.toml" in run.stdout


def test_a_card_that_names_no_one_says_so(tmp_path, scrub_cmd):
    (tmp_path / "aviso.txt").write_text("Mañana hay brigada de búsqueda en el cerro. Lleven agua.\n", encoding="utf-8")
    run = subprocess.run([*scrub_cmd, "check", "--format", "json", str(tmp_path / "aviso.txt")], capture_output=True, text=True)
    [report] = json.loads(run.stdout)["files"]
    assert "no-subject" in report["notes"]


@pytest.mark.parametrize("digits,free", [("8001124590", True), ("018008364020", True), ("18885550100", True),
                                         ("8885550100", True), ("8332047718", False), ("8441772038", False),
                                         ("18332047718", True), ("3312345678", False)])
def test_toll_free_lines_are_institutions(digits, free):
    from scrub.text.infer import is_toll_free

    assert is_toll_free(digits) is free
