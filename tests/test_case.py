from __future__ import annotations

import pytest

from scrub.case import Case, CaseFileError, CaseFinder, find_case_file, load_case


def write(path, text=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_sidecar_wins_over_folder_case(tmp_path):
    script = write(tmp_path / "x.txt", "hola")
    write(tmp_path / "case.toml", 'subject = ["A"]')
    sidecar = write(tmp_path / "x.case.toml", 'subject = ["B"]')
    assert find_case_file(script) == sidecar.resolve()


def test_folder_then_nearest_parent(tmp_path):
    parent_case = write(tmp_path / "case.toml", 'subject = ["A"]')
    deep = write(tmp_path / "a" / "b" / "guion.srt", "1")
    assert find_case_file(deep) == parent_case.resolve()
    near = write(tmp_path / "a" / "case.toml", 'subject = ["B"]')
    assert find_case_file(deep) == near.resolve()


def test_batch_lookup_agrees_with_single_lookup(tmp_path):
    write(tmp_path / "case.toml", 'subject = ["A"]')
    files = [
        write(tmp_path / "x.txt", "hola"),
        write(tmp_path / "y.txt", "hola"),
        write(tmp_path / "a" / "b" / "guion.srt", "1"),
        write(tmp_path / "a" / "b" / "foto.jpg", ""),
        write(tmp_path / "c" / "d.txt", "hola"),
    ]
    write(tmp_path / "x.case.toml", 'subject = ["B"]')
    write(tmp_path / "a" / "case.toml", 'subject = ["C"]')
    write(tmp_path / "a" / "b" / "foto.case.toml", 'subject = ["D"]')
    (tmp_path / "c" / "case.toml").mkdir(parents=True)  # a folder named case.toml is no case file
    finder = CaseFinder()
    for f in files:
        assert finder.find(f) == find_case_file(f), f
    assert finder.find(files[0]).name == "x.case.toml"
    assert finder.find(files[3]).name == "foto.case.toml"
    assert finder.find(files[2]) == (tmp_path / "a" / "case.toml").resolve()
    assert finder.find(files[4]) == (tmp_path / "case.toml").resolve()


def test_batch_lookup_sees_case_files_written_between_runs(tmp_path):
    script = write(tmp_path / "x.txt", "hola")
    write(tmp_path / "case.toml", 'subject = ["A"]')
    assert CaseFinder().find(script) == (tmp_path / "case.toml").resolve()
    sidecar = write(tmp_path / "x.case.toml", 'subject = ["B"]')
    assert CaseFinder().find(script) == sidecar.resolve()


def test_no_case_file_in_the_tree(tmp_path):
    found = find_case_file(write(tmp_path / "solo" / "x.txt", "hola"))
    # the temporary folder's own parents are outside the test's control
    assert found is None or tmp_path.resolve() not in found.parents


def test_load_case_fields(tmp_path):
    case = load_case(
        write(
            tmp_path / "case.toml",
            'subject = ["Ana Lucía Pérez Gómez", "Ana Lucía"]\npublic_contacts = ["33 3658 0101", "911"]\n'
            'withheld = ["lunar"]\nlanguage = "es"\n',
        )
    )
    assert case.subject == ["Ana Lucía Pérez Gómez", "Ana Lucía"]
    assert case.language == "es" and case.withheld == ["lunar"]


@pytest.mark.parametrize("text", ['subject = "x', 'subject = [1, 2]', 'language = "fr"'])
def test_bad_case_file_is_an_error(tmp_path, text):
    with pytest.raises(CaseFileError):
        load_case(write(tmp_path / "case.toml", text))


def test_names_match_without_accents_or_case():
    case = Case(subject=["Ana Lucía Pérez Gómez"])
    assert case.is_subject_name("ANA LUCIA")
    assert case.is_subject_name("perez gomez")
    assert not case.is_subject_name("Rosa Pérez")


def test_contacts_match_by_digits():
    case = Case(public_contacts=["33 3658 0101"])
    assert case.is_public_contact("33-3658-0101")
    assert case.is_public_contact("+52 33 3658 0101")
    assert case.is_public_contact("(33) 3658.0101")
    assert not case.is_public_contact("33 3658 0102")
    assert Case().is_public_contact("911")
    assert not Case().is_public_contact("ana911@gmail.com")  # digits inside an address are not a number
    assert Case(public_contacts=["33 1234 5678"]).is_public_contact("wa.me/5213312345678")
