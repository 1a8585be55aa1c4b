"""The command line: output, warnings, and one clear line for bad input."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from extract import LINE, parse
from extract.cli import main
from extract.outputs import EXTENSIONS, iter_parts
from extract.outputs import FORMATS as ALL_FORMATS
from helpers import HQIP, SAMPLES, table
from schema import Report

GOLDEN = HQIP.with_suffix(".json")

BAD_INPUTS = {
    "empty": (b"", 1, "the file is empty"),
    "not-text": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "not a text file: NUL byte at byte offset 8"),
    "no-header": (b"Title\n1\tRec\tAud\tDone\tNext\n", 2, "no table found"),
    "no-table": (b"Title\nJust prose.\n", 1, "no table found"),
}

#: Odd rows that were fatal before schema 2.0: now each is a warning, and the document is read.
ODD_ROWS = {
    "orphan": (table("|text|||").encode(), 6, "unnumbered-row"),
    "too-many-cells": (table("1|a|b|c|d|e").encode(), 6, "extra-cells"),
    "not-an-integer": (table("1|a|b|c|d", "1.5|a|b|c|d").encode(), 7, "odd-identifier"),
    "duplicate": (table("1|a|b|c|d", "1|a|b|c|d").encode(), 7, "duplicate-item"),
}


@pytest.mark.parametrize("case", sorted(ODD_ROWS))
def test_an_odd_row_is_a_warning_and_the_rest_is_written(case: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    data, line, code = ODD_ROWS[case]
    source = tmp_path / f"{case}.txt"
    source.write_bytes(data)
    assert main([str(source), "-o", str(tmp_path / "out.json")]) == 0
    assert f"{source}:{line}: warning: " in capsys.readouterr().err
    report = Report.model_validate_json((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert (code, line) in [(d.code, d.line) for d in report.diagnostics] and report.records


def test_prints_json_and_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(HQIP)]) == 0
    out, err = capsys.readouterr()
    assert out == GOLDEN.read_text(encoding="utf-8")
    assert err.splitlines() == [
        f"{HQIP}:23: warning: item 8: Next steps is empty [empty-cell]",
        f"{HQIP}:44: warning: item 15: Target audience, Action taken and Next steps are empty; "
        "taken from item 14 (vertically merged cells) [inherited-cells]",
    ]


def test_quiet_prints_no_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", str(HQIP)]) == 0
    assert capsys.readouterr().err == ""


def test_writes_the_output_file_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    assert main([str(HQIP), "-o", str(target)]) == 0
    assert target.read_bytes() == GOLDEN.read_bytes()
    assert capsys.readouterr().out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_two_runs_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["-q", str(HQIP), "-o", str(first)]) == main(["-q", str(HQIP), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_one_line_and_no_output(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, line, message = BAD_INPUTS[case]
    source = tmp_path / f"{case}.txt"
    source.write_bytes(data)
    target = tmp_path / "out.json"
    assert main([str(source), "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"{source}:{line}: {message}")
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_bad_input_leaves_an_existing_output_alone(tmp_path: Path) -> None:
    source, target = tmp_path / "in.txt", tmp_path / "out.json"
    source.write_bytes(b"")
    target.write_text("previous")
    assert main([str(source), "-o", str(target)]) == 1
    assert target.read_text() == "previous"


def test_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    assert main([str(missing)]) == 1
    assert capsys.readouterr().err == f"{missing}: cannot read the file: No such file or directory\n"


def test_unwritable_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no-such-folder" / "out.json"
    assert main([str(HQIP), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{target}: cannot write into ") and len(err.splitlines()) == 1
    assert not target.parent.exists()


def test_help_explains_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "usage: report-extract" in out and "-o FILE|OUTDIR|-, --output FILE|OUTDIR|-" in out and "FILE:LINE" in out


def test_python_dash_m_and_console_script_run(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    module = subprocess.run([sys.executable, "-m", "extract", "-q", str(HQIP)], capture_output=True, env=env, check=True)
    assert module.stdout == GOLDEN.read_bytes()
    script = Path(sys.executable).with_name("report-extract")
    assert script.exists(), "console script report-extract is not installed"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = subprocess.run([str(script), str(bad)], capture_output=True, text=True, env=env)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"{bad}:1: the file is empty\n")


def test_input_over_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--max-bytes", "1000", str(HQIP)]) == 1
    assert capsys.readouterr().err == (
        f"{HQIP}: the input is 18,749 bytes, over the limit of 1,000 (--max-bytes raises it)\n"
    )


def test_pdf_over_the_page_limit(capsys: pytest.CaptureFixture[str]) -> None:
    pdf = HQIP.with_name("hqip-engaging-clinicians-2014-ruled.pdf")
    assert main(["--max-pages", "3", str(pdf)]) == 1
    assert capsys.readouterr().err == f"{pdf}: the PDF has 6 pages, over the limit of 3 (--max-pages raises it)\n"


def test_pdf_over_the_time_limit(capsys: pytest.CaptureFixture[str]) -> None:
    pdf = HQIP.with_name("hqip-engaging-clinicians-2014-ruled.pdf")
    assert main(["--timeout", "0.000001", str(pdf)]) == 1
    assert capsys.readouterr().err == f"{pdf}: reading the input took over 1e-06 s (--timeout raises it)\n"


def test_entity_declaration_in_a_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "entity.txt"
    source.write_text(table('1|<!DOCTYPE x [<!ENTITY boom "big">]>&boom;|b|c|d'), encoding="utf-8")
    assert main([str(source)]) == 1
    assert capsys.readouterr().err == (
        f"{source}:6: an <!ENTITY declaration in a cell: entity declarations are not read (page 1)\n"
    )


# --- --format ----------------------------------------------------------------------------------

FORMATS = [name for name, fmt in ALL_FORMATS.items() if not fmt.database]  # written as bytes


def _expected(path: Path, fmt: str, target: Path | None) -> bytes:
    """The library's rendering of ``path`` in ``fmt``, as the command line makes it: with the source's bytes
    and a link to it from where the output is written (the review page shows the source itself)."""
    relative = os.path.relpath(path.resolve(), (target.parent if target else Path.cwd()).resolve())
    href = quote(Path(relative).as_posix())
    return b"".join(iter_parts(parse(path), fmt, source=path.read_bytes(), source_href=href))


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_on_standard_output(fmt: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["-q", "--format", fmt, str(HQIP)]) == 0
    assert capsysbinary.readouterr().out == _expected(HQIP, fmt, None)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_to_a_file_byte_for_byte(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / "out"
    assert main(["-q", "-f", fmt, str(HQIP), "-o", str(target)]) == 0
    assert target.read_bytes() == _expected(HQIP, fmt, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_csv_file_opens_as_utf8_with_crlf_records(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert main(["-q", "--format", "csv", str(HQIP), "-o", str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    with target.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    assert header[:3] == ["file", "sha256", "responder"] and header[5:9] == ["table", "table_heading", "number", "id"]
    assert len(rows) == len(parse(HQIP).records)


def test_jsonl_with_one_input_is_one_row_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "--format", "jsonl", str(HQIP), "-o", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [LINE.validate_json(line).row for line in lines] == parse(HQIP).records


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_folder_in_each_format(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    texts = sorted(SAMPLES.glob("*.txt"))
    assert main(["-q", "-j", "2", "--format", fmt, *map(str, texts), "-o", str(out)]) == 0
    extension = EXTENSIONS[fmt]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + extension for p in texts)
    for sample in texts:
        assert (out / (sample.stem + extension)).read_bytes() == _expected(sample, fmt, out / "x")


@pytest.mark.parametrize("fmt", [fmt for fmt in FORMATS if fmt != "json"])
def test_several_inputs_to_standard_output_only_as_json(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--format", fmt, str(HQIP), str(HQIP.with_name("trust-discharge-audit-2020.txt")), "-o", "-"])
    assert exited.value.code == 2
    assert f"--format {fmt} needs -o OUTDIR" in capsys.readouterr().err


def test_an_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--format", "xml", str(HQIP)])
    assert exited.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_a_bad_input_writes_no_file_in_any_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "in.txt", tmp_path / "out.html"
    source.write_bytes(b"")
    assert main(["--format", "html", str(source), "-o", str(target)]) == 1
    assert not target.exists() and capsys.readouterr().err == f"{source}:1: the file is empty\n"
