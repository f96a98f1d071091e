"""The pipeline step: parallel batches, ignore files, configuration, baselines."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import imagefixtures as fx
from scrub import api, run
from scrub.cli import app
from scrub.config import find_config

runner = CliRunner()
LEAKY = "Mi mamá, Rosa Gómez, contesta al 33 1842 7765 o en rosa.gomez@gmail.com.\n"
HOTLINE = "Llama al colectivo: 33 3658 0101.\n"


def invoke(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def posts(tmp_path):
    (tmp_path / "case.toml").write_text('subject = ["Ana Lucía"]\n', encoding="utf-8")
    for i in range(6):
        (tmp_path / f"guion_{i}.txt").write_text(LEAKY if i % 2 else HOTLINE, encoding="utf-8")
    (tmp_path / "fotos").mkdir()
    (tmp_path / "fotos" / "casa.jpg").write_bytes(fx.kitchen_sink_jpeg())
    return tmp_path


def test_two_workers_give_the_same_report_as_one(posts, monkeypatch):
    monkeypatch.setattr(run, "MIN_FILES_PER_WORKER", 2)  # so this small batch really is split
    one = api.check([str(posts)], ocr=False, jobs=1).to_dict()
    two = api.check([str(posts)], ocr=False, jobs=2).to_dict()
    assert one == two
    assert [Path(f["path"]).name for f in two["files"]] == ["casa.jpg", *[f"guion_{i}.txt" for i in range(6)]]


def _without_output_folder(report: dict, folder: Path) -> dict:
    text = json.dumps(report, ensure_ascii=False).replace(str(folder), "OUT")
    return json.loads(text)


def test_clean_in_small_groups_and_two_workers_matches_one_pass(posts, tmp_path_factory, monkeypatch):
    """Files are read a group at a time and may be spread over workers: neither may change
    what is found or written."""
    one_out, two_out = tmp_path_factory.mktemp("one"), tmp_path_factory.mktemp("two")
    one = api.clean([str(posts)], out_dir=one_out, ocr=False, jobs=1).to_dict()
    monkeypatch.setattr(run, "GROUP_SIZE", 2)  # groups end between the scripts of one NER batch
    monkeypatch.setattr(run, "MIN_FILES_PER_WORKER", 2)
    two = api.clean([str(posts)], out_dir=two_out, ocr=False, jobs=2).to_dict()
    assert _without_output_folder(one, one_out) == _without_output_folder(two, two_out)
    written = sorted(p.relative_to(one_out) for p in one_out.rglob("*") if p.is_file())
    assert len(written) == 7
    for rel in written:
        assert (one_out / rel).read_bytes() == (two_out / rel).read_bytes(), rel


def test_a_big_folder_is_not_read_into_memory_whole(tmp_path):
    """A folder of large photos is read a group at a time: memory grows with the group, not
    with the folder (a family's phone can hold thousands of photos)."""
    import subprocess
    import sys

    photo = fx.jpeg_bytes(fx.picture()) + b"\x00" * (2 << 20)  # 2 MB: padding after the end marker
    for i in range(6):
        (tmp_path / "few").mkdir(exist_ok=True)
        (tmp_path / "few" / f"f{i}.jpg").write_bytes(photo)
    for i in range(120):
        (tmp_path / "many").mkdir(exist_ok=True)
        (tmp_path / "many" / f"f{i}.jpg").write_bytes(photo)
    code = (
        "import resource, sys; from scrub.api import check;"
        "r = check([sys.argv[1]], ocr=False, jobs=1); assert len(r.files) == int(sys.argv[2]);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
    )

    def peak_mb(folder: str, count: int) -> int:
        out = subprocess.run([sys.executable, "-c", code, str(tmp_path / folder), str(count)], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return int(out.stdout.strip())

    grown = peak_mb("many", 120) - peak_mb("few", 6)
    assert grown < 150, f"{grown} MB more for 240 MB of photos"  # whole, it would be 240 MB and more


def test_scrubignore_and_exclude(posts):
    (posts / ".scrubignore").write_text("fotos/\n", encoding="utf-8")
    names = {Path(f.path).name for f in api.check([str(posts)], ocr=False).files}
    assert "casa.jpg" not in names and "guion_0.txt" in names
    names = {Path(f.path).name for f in api.check([str(posts)], ocr=False, exclude=["guion_[0-2].txt"]).files}
    assert names == {"guion_3.txt", "guion_4.txt", "guion_5.txt"}


def test_config_from_scrub_toml_and_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.scrub]\nlanguage = "en"\njobs = 1\nallow = ["33 3658 0101"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    config = find_config(tmp_path / "sub")
    assert config.language == "en" and config.allow == ["33 3658 0101"] and config.source.name == "pyproject.toml"
    (tmp_path / "sub" / "scrub.toml").write_text('fail_on = "warn"\nexclude = ["*.md"]\n', encoding="utf-8")
    config = find_config(tmp_path / "sub")
    assert config.fail_on == "warn" and config.exclude == ["*.md"] and config.language is None


def test_config_allow_list_and_fail_on_reach_the_check(tmp_path):
    (tmp_path / "scrub.toml").write_text('allow = ["33 3658 0101"]\nfail_on = "warn"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(HOTLINE, encoding="utf-8")
    assert invoke("check", str(tmp_path / "a.txt")).exit_code == 0  # the allowed number is kept
    (tmp_path / "b.txt").write_text("Su hermano Osvaldo lo busca.\n", encoding="utf-8")
    assert invoke("check", str(tmp_path / "b.txt")).exit_code == 1  # fail_on = warn from the file


def test_bad_config_is_a_clear_error(tmp_path):
    (tmp_path / "scrub.toml").write_text('jobs = "many"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(HOTLINE, encoding="utf-8")
    result = invoke("check", str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "jobs" in result.output


def test_baseline_round_trip_never_stores_the_value(posts, tmp_path_factory):
    baseline = tmp_path_factory.mktemp("b") / "baseline.json"
    first = invoke("check", "--no-ocr", str(posts / "guion_1.txt"))
    assert first.exit_code == 1
    made = invoke("baseline", "create", "--no-ocr", "--reason", "número de la familia autorizado", "-o", str(baseline),
                  str(posts / "guion_1.txt"))
    assert made.exit_code == 0
    text = baseline.read_text(encoding="utf-8")
    for secret in ("33 1842 7765", "3318427765", "1842", "rosa.gomez@gmail.com", "Rosa Gómez"):
        assert secret not in text
    assert json.loads(text)["entries"][0]["reason"] == "número de la familia autorizado"
    # the same values elsewhere are accepted too; a new one is still reported
    (posts / "nuevo.txt").write_text(LEAKY.replace("7765", "7766"), encoding="utf-8")
    result = invoke("check", "--no-ocr", "--format", "json", "--baseline", str(baseline), str(posts))
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["guion_3.txt"]["findings"] == []
    assert [x["entity"] for x in files["nuevo.txt"]["findings"]] == ["PHONE"]


def test_check_and_clean_work_as_filters(posts, monkeypatch):
    monkeypatch.chdir(posts)
    result = runner.invoke(app, ["check", "-", "--format", "json"], input=LEAKY)
    assert result.exit_code == 1
    result = runner.invoke(app, ["clean", "-", "--lang", "es"], input=LEAKY)
    assert result.exit_code == 0 and "[teléfono]" in result.stdout and "[correo]" in result.stdout


def test_python_api_returns_the_report_objects(posts):
    report = api.check([str(posts / "guion_1.txt")])
    assert isinstance(report, api.Report) and report.exit_code() == 1
    assert {f.entity for f in report.files[0].findings} >= {"PHONE", "EMAIL", "PERSON"}


def test_progress_is_reported_as_groups_are_done(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "GROUP_SIZE", 2)
    for i in range(5):
        (tmp_path / f"g{i}.txt").write_text(HOTLINE, encoding="utf-8")
    for command in (api.check, lambda paths, **kw: api.clean(paths, out_dir=tmp_path / "out", **kw)):
        ticks: list[int] = []
        command([str(tmp_path)], ocr=False, jobs=1, progress=ticks.append)
        assert ticks == [2, 2, 1]


def test_a_single_path_is_one_file_not_the_characters_of_its_name(tmp_path, monkeypatch):
    """scrub.check("guion.txt") once read each character as a path: "." walked the folder."""
    (tmp_path / "guion.txt").write_text("Llama al 33 1842 7765.\n", encoding="utf-8")
    (tmp_path / "otro.txt").write_text(HOTLINE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for one in ("guion.txt", tmp_path / "guion.txt"):
        report = api.check(one, ocr=False)
        assert [Path(f.path).name for f in report.files] == ["guion.txt"] and report.exit_code() == 1
    out = tmp_path / "limpio"
    assert [Path(f.path).name for f in api.clean("guion.txt", out_dir=out, ocr=False).files] == ["guion.txt"]
    assert (out / "guion.txt").read_text(encoding="utf-8") == "Llama al [teléfono].\n"


def test_audit_accepts_findings_one_by_one_each_with_its_reason(tmp_path):
    """`scrub audit` asks about each finding; an accepted one is left out of later checks at
    its place only (the same phone in another file is still reported), with its own reason,
    and the baseline never holds the value."""
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "case.toml").write_text('subject = ["Ana Lucía Pérez Gómez"]\n', encoding="utf-8")
    (posts / "a.txt").write_text("Se busca a Ana Lucía Pérez Gómez.\nLlama a Rosa al 33 1842 7765.\n", encoding="utf-8")
    baseline = tmp_path / "revisado.json"
    first = invoke("check", "--no-ocr", "--format", "json", str(posts))
    found = [x for f in json.loads(first.stdout)["files"] for x in f["findings"]]
    assert found
    # accept the first finding with a reason, leave the others
    answers = "s\nlo publicó la familia\n" + "n\n" * (len(found) - 1)
    result = runner.invoke(app, ["audit", "--no-ocr", "--lang", "es", "-b", str(baseline), str(posts)], input=answers)
    assert result.exit_code == (1 if len(found) > 1 else 0), result.output
    assert "[1/" in result.output and "1842" not in result.output
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert [e["reason"] for e in data["entries"]] == ["lo publicó la familia"]
    assert data["entries"][0]["fingerprint"] == found[0]["fingerprint"]
    assert "1842" not in baseline.read_text(encoding="utf-8")
    again = json.loads(invoke("check", "--no-ocr", "--format", "json", "--baseline", str(baseline), str(posts)).stdout)
    assert [x["fingerprint"] for f in again["files"] for x in f["findings"]] == [x["fingerprint"] for x in found[1:]]
    # the accepted value in another file is a finding there: the entry is for its place only
    (posts / "b.txt").write_text((posts / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    other = json.loads(invoke("check", "--no-ocr", "--format", "json", "--baseline", str(baseline), str(posts)).stdout)
    b = next(f for f in other["files"] if f["path"].endswith("b.txt"))
    assert len(b["findings"]) == len(found)
    # quitting stops at once and writes what was accepted so far
    quit_run = runner.invoke(app, ["audit", "--no-ocr", "--lang", "es", "-b", str(baseline), str(posts)], input="t\n")
    assert quit_run.exit_code == 1 and "0 aceptado" in quit_run.output
