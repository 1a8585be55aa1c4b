"""What changed between two editions: `report-extract diff OLD NEW` and `extract.compare`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import parse, parse_text
from extract.cli import main
from extract.compare import compare, word_diff

SAMPLES = Path(__file__).parent.parent / "samples"
REAL = Path(__file__).parent.parent.parent / "shared" / "real"
HEAD = "Status report (published 1 July {year})\n\nNo.\tRecommendation\tStatus\tProgress\n"
OLD = HEAD.format(year=2022) + (
    "1\tFix the signals on the northern line.\tBeing implemented\tHalf the signals are replaced.\n"
    "2\tTrain every crew in the new rules.\tAccepted\tTraining starts in the autumn.\n"
    "3\tPublish the audit of level crossings.\tUnder consideration\tNo decision yet.\n"
    "4\tReview the speed limits on bridges.\tAccepted\tThe review is under way.\n")
NEW = HEAD.format(year=2023) + (
    "1\tFix the signals on the northern line.\tImplemented\tAll the signals are replaced.\n"
    "2\tTrain every crew in the new rules.\tAccepted\tTraining starts in the autumn.\n"
    "5\tReview the speed limits on all bridges.\tAccepted\tThe review is under way.\n"  # 4, renumbered
    "6\tInspect the tunnels every year.\tUnder consideration\tA plan is being drawn up.\n")


def _write(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_rows_are_matched_by_identifier_then_by_text_and_changes_are_word_by_word() -> None:
    comparison = compare(parse_text(OLD, name="2022.txt"), parse_text(NEW, name="2023.txt"))
    rows = [(r.change, r.old_id, r.new_id, r.matched_by, r.old_status, r.new_status) for r in comparison.rows]
    assert rows == [("changed", "1", "1", "id", "in_progress", "implemented"),
                    ("changed", "4", "5", "text", "accepted", "accepted"),
                    ("added", None, "6", None, None, "under_consideration"),
                    ("removed", "3", None, None, "under_consideration", None)]
    assert comparison.unchanged == 1 and comparison.changed
    first = {cell.key: cell for cell in comparison.rows[0].cells}
    assert [(run.op, run.text) for run in first["progress"].words] == [
        ("delete", "Half"), ("insert", "All"), ("equal", "the signals are replaced.")]
    assert (first["status_2"].old, first["status_2"].new) == ("Being implemented", "Implemented")


def test_the_same_edition_twice_has_no_change() -> None:
    report = parse(SAMPLES / "hqip-engaging-clinicians-2014.txt")
    comparison = compare(report, report)
    assert not comparison.changed and comparison.unchanged == len(report.records)


def test_word_diff_keeps_every_word_of_both() -> None:
    runs = word_diff("We will publish in 2015.", "We have published in early 2015.")
    assert " ".join(r.text for r in runs if r.op != "insert") == "We will publish in 2015."
    assert " ".join(r.text for r in runs if r.op != "delete") == "We have published in early 2015."


def test_the_command_exits_as_diff_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _write(tmp_path, "2022.txt", OLD), _write(tmp_path, "2023.txt", NEW)
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["--- 2022.txt  Status report (published 1 July 2022)",
                       "+++ 2023.txt  Status report (published 1 July 2023)",
                       "2 changed, 1 added, 1 removed, 1 unchanged"]
    assert "~ 1: status in_progress → implemented" in out and "    Progress: [-Half-] {+All+} the signals are replaced." in out
    assert "+ 6: Inspect the tunnels every year." in out and "- 3: Publish the audit of level crossings." in out
    assert main(["diff", str(old), str(old)]) == 0
    assert "0 changed, 0 added, 0 removed, 4 unchanged" in capsys.readouterr().out


def test_json_for_a_program_and_a_reports_json_as_an_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _write(tmp_path, "2022.txt", OLD), _write(tmp_path, "2023.txt", NEW)
    assert main(["-q", str(old), "-o", str(tmp_path / "2022.json")]) == 0  # the old edition as extracted then
    assert main(["diff", "--format", "json", str(tmp_path / "2022.json"), str(new)]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["summary"] == {"changed": 2, "added": 1, "removed": 1, "unchanged": 1}
    assert result["old"]["file"] == "2022.txt" and result["new"]["file"] == "2023.txt"
    first = result["rows"][0]
    assert (first["change"], first["new_id"], first["old_status"], first["new_status"]) == (
        "changed", "1", "in_progress", "implemented")
    assert {"key": "status_2", "label": "Status", "change": "changed", "old": "Being implemented",
            "new": "Implemented", "words": [{"op": "delete", "text": "Being implemented"},
                                            {"op": "insert", "text": "Implemented"}]} in first["cells"]


def test_an_edition_that_cannot_be_read_is_trouble(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path, "2022.txt", OLD)
    assert main(["diff", str(old), str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.txt" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as exited:
        main(["diff", str(old)])
    assert exited.value.code == 2


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real (real documents) is not here")
def test_a_word_file_and_its_pdf_are_one_edition_row_for_row() -> None:
    docx = parse(REAL / "taic-sr-report-to-minister-2023.docx")
    pdf = parse(REAL / "taic-sr-report-to-minister-2023.lo.pdf")
    comparison = compare(docx, pdf)
    assert comparison.count("added") == comparison.count("removed") == 0
    assert all(row.old_id == row.new_id for row in comparison.rows)


def test_readmes_example_is_what_the_command_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ report-extract diff status-2022.txt status-2023.txt\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "status-2022.txt", OLD)
    _write(tmp_path, "status-2023.txt", NEW)
    assert main(["diff", "status-2022.txt", "status-2023.txt"]) == 1
    assert capsys.readouterr().out == block


def test_an_edition_from_standard_input_or_as_json_with_a_byte_order_mark(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    old = _write(tmp_path, "2022.txt", OLD)
    assert main(["-q", str(old), "-o", str(tmp_path / "2022.json")]) == 0
    marked = tmp_path / "2022-bom.json"
    marked.write_bytes(b"\xef\xbb\xbf" + (tmp_path / "2022.json").read_bytes())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NEW.encode())))
    assert main(["diff", str(marked), "-"]) == 1
    assert capsys.readouterr().out.splitlines()[1:3] == [
        "+++ <stdin>  Status report (published 1 July 2023)", "2 changed, 1 added, 1 removed, 1 unchanged"]


def test_rows_moved_unchanged_are_matched_by_their_text_before_their_identifiers() -> None:
    rows = ["1\tFix the signals.\tAccepted", "2\tTrain the crews.\tAccepted", "3\tAudit the crossings.\tAccepted"]
    old = parse_text(HEAD.format(year=2022).replace("\tProgress", "") + "\n".join(rows) + "\n", name="a.txt")
    renumbered = [rows[1].replace("2\t", "1\t", 1), rows[2].replace("3\t", "2\t", 1)]  # item 1 removed
    new = parse_text(HEAD.format(year=2023).replace("\tProgress", "") + "\n".join(renumbered) + "\n", name="b.txt")
    comparison = compare(old, new)
    assert [(r.change, r.old_id, r.new_id) for r in comparison.rows] == [
        ("changed", "2", "1"), ("changed", "3", "2"), ("removed", "1", None)]
    assert all(not r.cells for r in comparison.rows)  # renumbered, no cell changed


def test_standard_input_is_only_one_edition(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["diff", "-", "-"])
    assert exited.value.code == 2 and "can be only one of OLD and NEW" in capsys.readouterr().err


def test_a_bug_while_comparing_is_one_line_and_trouble(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.cli.diff as command

    def broken(old: object, new: object) -> None:
        raise RuntimeError("a bug\nover two lines")

    monkeypatch.setattr(command, "compare", broken)
    old = _write(tmp_path, "2022.txt", OLD)
    assert main(["diff", str(old), str(old)]) == 2
    assert capsys.readouterr().err == "internal error, please report it: RuntimeError: a bug over two lines\n"
