"""Many reports as one dataset: every row knows its report, one file holds every input's rows
(CSV, JSON Lines, commitments, workbook), and a DataFrame of them; each read back with the
library a user would use."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from extract import LINE, parse, to_csv, to_dataframe, to_jsonl, to_rows, to_xlsx
from extract.cli import main
from extract.outputs.tables import columns
from schema import Report

SAMPLES = Path(__file__).parent.parent / "samples"
TEXTS = sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return [parse(path) for path in TEXTS]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_row_carries_its_reports_fields_and_its_tables(reports: list[Report]) -> None:
    rows = to_rows(reports)
    assert len(rows) == sum(len(report.records) for report in reports)
    assert all(list(row) == columns(reports) for row in rows)
    expected = [(report.source.file, report.source.sha256, report.report.responder, report.report.title,
                 report.report.published.isoformat() if report.report.published else None, index, table.heading,
                 record.id, record.section)
                for report in reports for index, table in enumerate(report.tables) for record in table.rows]
    assert [(r["file"], r["sha256"], r["responder"], r["report_title"], r["published"], r["table"],
             r["table_heading"], r["id"], r["section"]) for r in rows] == expected
    # each report's own cell columns are all there; a row has "" under another report's
    for report in reports:
        for row, record in zip([r for r in rows if r["file"] == report.source.file], report.records, strict=True):
            assert all(row[key] == cell.text for key, cell in record.cells().items() if key in row)


def test_a_folder_into_one_csv_one_jsonl_and_one_workbook(tmp_path: Path, reports: list[Report]) -> None:
    for name in ("all.csv", "all.jsonl", "all.xlsx", "all.commitments.csv"):
        assert main(["-q", "-j", "2", *map(str, TEXTS), "-o", str(tmp_path / name)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.commitments.csv", "all.csv", "all.jsonl", "all.xlsx"]
    # CSV: every input's rows in the inputs' order, identifiers as printed
    rows = _csv(tmp_path / "all.csv")
    assert [(r["file"], r["id"]) for r in rows] == [(rep.source.file, rec.id or "") for rep in reports
                                                   for rec in rep.records]
    assert (tmp_path / "all.csv").read_bytes() == to_csv(reports).encode("utf-8")
    # JSON Lines: each line stands alone
    lines = [LINE.validate_json(line) for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(line.file, line.row) for line in lines] == [(rep.source.file, rec) for rep in reports
                                                         for rec in rep.records]
    # commitments with the report they come from
    commitments = _csv(tmp_path / "all.commitments.csv")
    assert [(c["file"], c["phrase"]) for c in commitments] == [(rep.source.file, c.phrase) for rep in reports
                                                               for c in rep.commitments]
    # the workbook: identifiers are text cells
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(tmp_path / "all.xlsx", read_only=True)
    assert book.sheetnames == ["rows", "commitments", "reports"]
    sheet = list(book["rows"].iter_rows(values_only=True))
    assert list(sheet[0]) == columns(reports)
    ids = [row[sheet[0].index("id")] for row in sheet[1:]]
    assert ids == [rec.id for rep in reports for rec in rep.records]
    assert all(isinstance(value, str) for value in ids if value is not None) and "1.1" in ids
    assert [row[0] for row in list(book["reports"].iter_rows(values_only=True))[1:]] == [p.name for p in TEXTS]


def test_a_workbook_is_the_same_bytes_each_time(reports: list[Report]) -> None:
    import zipfile

    data = to_xlsx(reports)
    assert data == to_xlsx(reports)
    with zipfile.ZipFile(io.BytesIO(data)) as book:  # nothing in it says when it was written
        assert {item.date_time for item in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = book.read("docProps/core.xml").decode()
    stamps = re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core)
    assert stamps == ["1980-01-01T00:00:00Z", "1980-01-01T00:00:00Z"]


def test_an_input_that_fails_is_left_out_of_the_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "note.txt"
    bad.write_text("Just a note, no table.\n")
    assert main(["-q", str(TEXTS[0]), str(bad), "-o", str(tmp_path / "all.csv")]) == 1
    assert "1 of 2 inputs failed" in capsys.readouterr().err
    assert {row["file"] for row in _csv(tmp_path / "all.csv")} == {TEXTS[0].name}


def test_nothing_read_writes_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "note.txt"
    bad.write_text("Just a note, no table.\n")
    assert main(["-q", str(bad), str(bad.with_name("other.txt")), "-o", str(tmp_path / "all.csv")]) == 1
    assert not (tmp_path / "all.csv").exists()
    assert "not written: no input could be read" in capsys.readouterr().err


def test_a_dataframe_of_many_reports_keeps_identifiers_as_text(reports: list[Report]) -> None:
    pandas = pytest.importorskip("pandas")
    frame = to_dataframe(reports)
    assert list(frame.columns) == columns(reports) and len(frame) == len(to_rows(reports))
    burnout = frame[frame["file"] == "nhs-workforce-burnout-2021.txt"]
    assert list(burnout["id"])[:3] == ["1.1", "1.2", "2.1"]  # not the floats 1.1, 1.2, 2.1
    hqip = frame[frame["file"] == "hqip-engaging-clinicians-2014.txt"]
    assert hqip["inherited_from"].iloc[14] == ["14"] and hqip["number"].iloc[14] == 15
    assert frame["number"].dtype == pandas.Int64Dtype()
    # the documented recipe reads the CSV back with the identifiers as written
    assert frame["part"].dtype == pandas.Int64Dtype()
    back = pandas.read_csv(io.StringIO(to_csv(reports)), dtype={"id": str, "references": str,
                                                                 "inherited_from": str}, keep_default_na=False)
    assert list(back["id"]) == [r["id"] or "" for r in to_rows(reports)]


def test_jsonl_of_many_reports_is_json_per_line(reports: list[Report]) -> None:
    text = to_jsonl(reports)
    assert [json.loads(line)["file"] for line in text.splitlines()] == [
        rep.source.file for rep in reports for _ in rep.records]


def test_control_characters_and_a_file_name_in_another_encoding_reach_every_one_file_format(tmp_path: Path) -> None:
    # a title with a control character (a workbook's XML cannot hold one) and a file whose name is no UTF-8
    odd = tmp_path / os.fsdecode(b"r\xe9ponse.txt")
    odd.write_text("Title \x01 of the responses (published 1 Jan 2015)\n\nNo.\tRecommendation\tResponse\n"
                   "1\tPublish.\tAgreed.\n", encoding="utf-8")
    for name in ("all.csv", "all.jsonl", "all.xlsx", "all.sqlite"):
        assert main(["-q", str(TEXTS[0]), str(odd), "-o", str(tmp_path / name)]) == 0, name
    rows = _csv(tmp_path / "all.csv")
    assert {row["file"] for row in rows} == {TEXTS[0].name, "r\ufffdponse.txt"}
    openpyxl = pytest.importorskip("openpyxl")
    reports = list(openpyxl.load_workbook(tmp_path / "all.xlsx", read_only=True)["reports"].iter_rows(values_only=True))
    assert reports[2][0] == "r\ufffdponse.txt" and reports[2][3] == "Title \ufffd of the responses (published 1 Jan 2015)"


def test_a_folder_holding_last_runs_outputs_reads_only_the_reports(tmp_path: Path, reports: list[Report],
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in TEXTS:
        (folder / path.name).write_bytes(path.read_bytes())
    target = folder / "all.csv"
    assert main(["-q", str(folder), "-o", str(target)]) == 0
    assert main(["-q", str(folder), str(folder / TEXTS[0].name), "-o", str(target)]) == 0  # again; a file twice
    assert (target.read_bytes(), len(_csv(target))) == (to_csv(reports).encode("utf-8"), len(to_rows(reports)))
    assert main(["-q", "--format", "html", str(folder / TEXTS[0].name), "-o", str(folder / "review.html")]) == 0
    # last run's CSV and review page are not reports: each is said, and left out
    assert main(["-q", str(folder), "-o", str(tmp_path / "tracker.csv")]) == 1
    err = capsys.readouterr().err
    assert "all.csv: report-extract's own CSV export, not a report: leave it out of the inputs" in err
    assert "review.html: report-extract's own review page, not a report" in err
    assert len(_csv(tmp_path / "tracker.csv")) == len(to_rows(reports))


def test_the_readers_know_the_exports_header() -> None:
    from extract.outputs.tables import REPORT_COLUMNS
    from extract.readers import own_export

    assert own_export(("\ufeff" + ",".join(REPORT_COLUMNS) + ",table\r\n").encode()) is not None
