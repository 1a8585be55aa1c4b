"""Reports into a SQLite database, read back with the standard library's sqlite3 as a user would."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from extract import parse, parse_text
from extract.cli import main
from extract.errors import OutputError
from extract.outputs import sqlite as database
from extract.outputs.sqlite import DATABASE_SCHEMA, write_sqlite
from schema import SCHEMA_VERSION, Report

SAMPLES = Path(__file__).parent.parent / "samples"
TEXTS = sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return [parse(path) for path in TEXTS]


def _db(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def test_a_folder_into_a_database_with_every_row_cell_and_link(tmp_path: Path, reports: list[Report]) -> None:
    target = tmp_path / "tracker.sqlite"
    assert main(["-q", "-j", "2", *map(str, TEXTS), "-o", str(target)]) == 0
    db = _db(target)
    assert db.execute("SELECT file FROM reports ORDER BY report_id").fetchall() == [(p.name,) for p in TEXTS]
    rows = db.execute("SELECT p.file, t.idx, r.idx, r.id, r.section FROM rows r JOIN tables t USING (table_id) "
                      "JOIN reports p ON p.report_id = r.report_id ORDER BY r.row_id").fetchall()
    assert rows == [(rep.source.file, ti, ri, row.id, row.section) for rep in reports
                    for ti, table in enumerate(rep.tables) for ri, row in enumerate(table.rows)]
    cells = db.execute("SELECT key, text, inherited_from, refs FROM cells ORDER BY cell_id").fetchall()
    assert [(key, text, inherited, json.loads(refs)) for key, text, inherited, refs in cells] == [
        (key, cell.text, None if cell.inherited_from is None else str(cell.inherited_from),
         [str(ref) for ref in cell.references]) for rep in reports for row in rep.records
        for key, cell in row.cells().items()]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert dict(db.execute("SELECT key, value FROM meta")) == {"database_schema": DATABASE_SCHEMA,
                                                               "report_schema": SCHEMA_VERSION}
    # the full-text index: README's worked example finds HQIP's item 10
    found = db.execute("SELECT r.id, p.file FROM cells_fts JOIN cells c ON c.cell_id = cells_fts.rowid "
                       "JOIN rows r USING (row_id) JOIN reports p ON p.report_id = r.report_id "
                       "WHERE cells_fts MATCH 'Keogh'").fetchall()
    assert found == [("10", "hqip-engaging-clinicians-2014.txt")]
    # a reference names the row it points to; each commitment its row
    hqip = reports[TEXTS.index(SAMPLES / "hqip-engaging-clinicians-2014.txt")]
    expected = [(row.id, str(ref)) for row in hqip.records for cell in row.cells().values() for ref in cell.references]
    assert db.execute("SELECT source.id, target.id FROM cell_references x JOIN cells c USING (cell_id) "
                      "JOIN rows source ON source.row_id = c.row_id JOIN rows target ON target.row_id = x.target_row_id"
                      " JOIN reports p ON p.report_id = source.report_id WHERE p.file = ? ORDER BY c.cell_id, x.idx",
                      (hqip.source.file,)).fetchall() == expected
    assert db.execute("SELECT count(*) FROM commitments").fetchone()[0] == sum(len(r.commitments) for r in reports)
    assert db.execute("SELECT r.id, r.status, r.status_phrase FROM rows r JOIN reports p USING (report_id) "
                      "WHERE p.file LIKE 'dh-%' ORDER BY r.row_id").fetchall() == [
        ("R1", "accepted", "Yes"), ("R2", "accepted", "Yes"), ("R3", "accepted_in_part", "In part"),
        ("R4", "accepted", "Yes"), ("R5", "under_consideration", "Under consideration")]


def test_the_views_give_an_analysts_tables(tmp_path: Path, reports: list[Report]) -> None:
    target = tmp_path / "tracker.sqlite"
    write_sqlite(target, reports)
    db = _db(target)
    flat = db.execute("SELECT file, id, recommendation, cells FROM row_texts ORDER BY row_id").fetchall()
    assert [(f, i, r, json.loads(c)) for f, i, r, c in flat] == [
        (rep.source.file, row.id, row.cells()["recommendation"].text if "recommendation" in row.cells() else None,
         {key: cell.text for key, cell in row.cells().items()}) for rep in reports for row in rep.records]
    assert db.execute("SELECT count(*) FROM cell_texts").fetchone()[0] == sum(
        len(row.cells()) for rep in reports for row in rep.records)
    today = dt.date.today().isoformat()
    for end, due in db.execute("SELECT end_date, due FROM commitments_due"):
        assert due == ("due" if end < today else "upcoming")


def test_reading_a_report_again_replaces_it_and_a_new_edition_is_added(tmp_path: Path, reports: list[Report]) -> None:
    target = tmp_path / "tracker.sqlite"
    write_sqlite(target, reports)
    write_sqlite(target, reports[:2])  # the same files, the same digests: replaced
    db = _db(target)
    counts = "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM rows), (SELECT count(*) FROM cells)"
    once = (len(reports), sum(len(r.records) for r in reports), sum(len(row.cells()) for r in reports
                                                                      for row in r.records))
    assert db.execute(counts).fetchone() == once
    # the index holds the cells once: the replaced ones' entries went with them
    assert db.execute("SELECT count(*) FROM cells_fts WHERE cells_fts MATCH 'Keogh'").fetchone() == (1,)
    edited = parse_text(TEXTS[0].read_text(encoding="utf-8") + "\n", name=TEXTS[0].name)
    write_sqlite(target, edited)  # the same file, edited: a report of its own
    assert db.execute("SELECT count(*) FROM reports WHERE file = ?", (TEXTS[0].name,)).fetchone() == (2,)


def test_a_report_that_fails_half_written_leaves_the_database_as_it_was(
        tmp_path: Path, reports: list[Report], monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "tracker.sqlite"
    write_sqlite(target, reports[0])
    before = _db(target).execute("SELECT count(*) FROM rows").fetchone()
    original = database._write_report

    def half(db: sqlite3.Connection, report: Report) -> None:
        original(db, report)
        raise sqlite3.OperationalError("disk I/O error")  # after every row of the report is in

    monkeypatch.setattr(database, "_write_report", half)
    with pytest.raises(OutputError, match="cannot write the database: disk I/O error"):
        write_sqlite(target, reports[1])
    assert _db(target).execute("SELECT count(*) FROM rows").fetchone() == before
    assert _db(target).execute("SELECT file FROM reports").fetchall() == [(reports[0].source.file,)]


@pytest.mark.parametrize(("content", "message"), [
    (b"not a database at all, but longer than a header would be" * 4, "cannot write the database"),
    ("other", "a SQLite database of something else"),
    ("older", "its database schema is 0"),
    ("same version, other tables", "its tables are not those of this database schema"),
])
def test_a_file_that_is_not_our_database_is_refused_and_left_alone(
        tmp_path: Path, content: bytes | str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "tracker.sqlite"
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        db = sqlite3.connect(target)
        if content == "other":
            db.execute("CREATE TABLE t (x)")
        else:  # a database of ours from another version, or one whose version says ours but tables differ
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute("INSERT INTO meta VALUES ('database_schema', ?)", ("0" if content == "older" else DATABASE_SCHEMA,))
            db.execute("CREATE TABLE rows (row_id INTEGER PRIMARY KEY, id TEXT)")
        db.commit()
        db.close()
    before = target.read_bytes()
    assert main(["-q", str(TEXTS[0]), "-o", str(target)]) == 1
    assert message in capsys.readouterr().err
    assert target.read_bytes() == before


def test_a_database_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["-q", "--format", "sqlite", str(TEXTS[0])])
    assert exited.value.code == 2
    assert "--format sqlite writes a database file: give -o FILE.sqlite" in capsys.readouterr().err


def test_a_database_that_cannot_be_written_is_the_outputs_failure_not_the_inputs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "afile").write_text("a file, not a folder")
    assert main(["-q", *map(str, TEXTS), "-o", str(tmp_path / "afile" / "tracker.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "cannot write the database: unable to open database file" in err and "inputs failed" not in err
    assert err.count("\n") == 1


def test_an_analysts_own_view_and_sqlites_statistics_do_not_make_the_database_foreign(
        tmp_path: Path, reports: list[Report]) -> None:
    target = tmp_path / "tracker.sqlite"
    write_sqlite(target, [])  # made, with its schema version stated before any report is in
    assert dict(_db(target).execute("SELECT key, value FROM meta"))["database_schema"] == DATABASE_SCHEMA
    db = _db(target)
    db.execute("ANALYZE")  # SQLite's own sqlite_stat1
    db.execute("CREATE VIEW accepted AS SELECT id FROM rows WHERE status = 'accepted'")
    db.commit()
    db.close()
    write_sqlite(target, reports)
    assert _db(target).execute("SELECT count(*) FROM accepted").fetchone()[0] == sum(
        1 for r in reports for row in r.records if row.status and row.status.value == "accepted")
