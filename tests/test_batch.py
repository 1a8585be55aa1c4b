"""Many inputs at once: a folder or several files, -o OUTDIR or JSON Lines, worker processes, failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.cli import main
from helpers import HQIP, SAMPLES
from schema import Report

TEXT_SAMPLES = sorted(SAMPLES.glob("*.txt"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for sample in TEXT_SAMPLES:
        shutil.copy(sample, inputs / sample.name)
    (inputs / "notes.md").write_text("not a report")
    return inputs


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_to_an_output_folder(folder: Path, tmp_path: Path, jobs: str) -> None:
    out = tmp_path / "out"
    assert main(["-q", "-j", jobs, str(folder), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(p.with_suffix(".json").name for p in TEXT_SAMPLES)
    for sample in TEXT_SAMPLES:
        assert (out / sample.with_suffix(".json").name).read_text() == sample.with_suffix(".json").read_text()


def test_json_lines_on_standard_output(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "-j", "2", str(folder), "-o", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(TEXT_SAMPLES)
    for line, sample in zip(lines, TEXT_SAMPLES, strict=True):
        assert Report.model_validate_json(line).to_json() == sample.with_suffix(".json").read_text()


def test_a_failing_input_is_reported_at_the_end_and_the_others_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    assert main(["-q", str(bad), str(HQIP), "-o", str(out)]) == 1
    assert [p.name for p in out.iterdir()] == [HQIP.with_suffix(".json").name]
    assert capsys.readouterr().err.splitlines() == ["1 of 2 inputs failed:", f"{bad}:1: the file is empty"]


def test_several_inputs_need_an_output(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([str(HQIP), str(HQIP.with_name("trust-discharge-audit-2020.txt"))])
    assert exited.value.code == 2
    assert "several inputs or a folder need -o OUTDIR" in capsys.readouterr().err


def test_two_inputs_with_the_same_name_would_clash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "copy"
    other.mkdir()
    shutil.copy(HQIP, other / HQIP.name)
    with pytest.raises(SystemExit):
        main([str(HQIP), str(other / HQIP.name), "-o", str(tmp_path / "out")])
    assert f"two inputs would both write {HQIP.stem}.json" in capsys.readouterr().err


@pytest.mark.parametrize("sample", TEXT_SAMPLES, ids=lambda p: p.stem)
def test_a_text_parse_makes_no_reference_cycles(sample: Path) -> None:
    """What lets run_one pause the cyclic collector: reference counting alone frees a text parse."""
    import gc

    from extract import parse

    parse(sample)  # first use fills caches (regular expressions, lazily built models) for good
    gc.collect()
    gc.disable()
    try:
        parse(sample).to_json()
        assert gc.collect() == 0
    finally:
        gc.enable()


@pytest.mark.parametrize("fails", [False, True])
def test_run_one_pauses_the_cyclic_collector_and_restores_it(monkeypatch: pytest.MonkeyPatch, fails: bool) -> None:
    import gc

    from extract.cli import batch

    seen: list[bool] = []

    def parse_bytes(data: bytes, **kwargs: object) -> Report:
        seen.append(gc.isenabled())
        if fails:
            raise RuntimeError("boom")
        return real_parse(data, name=str(kwargs["name"]))

    real_parse = batch.parse_bytes
    monkeypatch.setattr(batch, "parse_bytes", parse_bytes)
    assert gc.isenabled()
    outcome = batch.run_one(batch.Job(str(HQIP)))
    assert seen == [False]
    assert gc.isenabled()
    assert (outcome.error is not None) == fails
    gc.disable()  # a caller that had it off keeps it off
    try:
        batch.run_one(batch.Job(str(HQIP)))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_library_pauses_the_cyclic_collector_during_a_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import extract.pipeline
    from extract import parse

    seen: list[bool] = []
    real = extract.pipeline.find_tables

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(extract.pipeline, "find_tables", spy)
    assert gc.isenabled()
    parse(HQIP)
    assert seen == [False] and gc.isenabled()


def test_a_folder_picks_up_word_files_web_pages_and_spreadsheet_text(tmp_path: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures"
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(fixtures / "word" / "hqip-word-ruled-landscape.docx", inputs / "word.docx")
    shutil.copy(fixtures / "html" / "hqip.html", inputs / "page.htm")
    (inputs / "sheet.csv").write_text("Responses (published 1 Jan 2015)\nNo.,Recommendation,Response\n"
                                      "1,Publish.,Agreed.\n2,Review.,Noted.\n", encoding="utf-8")
    assert main(["-q", str(inputs), "-o", str(out)]) == 0
    formats = {p.name: Report.model_validate_json(p.read_text(encoding="utf-8")).source.format
               for p in out.iterdir()}
    assert formats == {"word.json": "docx", "page.json": "html", "sheet.json": "delimited"}
