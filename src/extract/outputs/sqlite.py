"""Parsed reports into a SQLite database: a tracker of every report read, searchable.

The standard library's ``sqlite3`` writes it (no dependency; its SQLite has FTS5), so that the
file opens as it is in Datasette, DB Browser for SQLite or ``sqlite3`` on the command line.

Tables (``PRAGMA foreign_keys = ON`` to have SQLite keep the links):

- ``reports``: one per input, keyed by ``(sha256, file)``: the file, its format, title, responder,
  report title and publication date;
- ``tables``, ``columns``: each report's tables (index from 0, heading, pages) and their columns;
- ``rows``: each table row: its index, ``number``, ``id`` (as printed), part, section, status
  (``status``, ``status_phrase``, ``status_field``), audiences (JSON), pages and lines;
- ``cells``: one per cell: its column ``key`` and ``label``, ``text``, ``inherited_from`` and
  ``refs`` (the items it refers to, JSON); ``cells_fts`` indexes the cells' text (FTS5);
- ``cell_references``: one per reference from a cell to an item, with the row it names where the
  table has it; ``commitments``: the dated phrases; ``diagnostics``: what the parse noticed;
- ``meta``: the database's schema version (``database_schema``) and the report schema's.

Views: ``row_texts`` (one row per table row with its report's fields, its recommendation's text and
every cell as a JSON object), ``cell_texts`` (one row per cell, with its report, table, row and
column label) and ``commitments_due`` (each commitment ``due`` where its range ended before
today, else ``upcoming``, with the sentence it comes from).

A report read again (the same ``sha256`` and ``file``) replaces its rows; each report is written
in one transaction, so a failure leaves the database as it was before that report.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from extract.analyze.commitments import sentence_of
from extract.errors import OutputError
from schema import SCHEMA_VERSION, Report

#: The database's own schema version: its tables and views as written here.
DATABASE_SCHEMA = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    report_id INTEGER PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL,
    page_count INTEGER NOT NULL, title TEXT, responder TEXT, report_title TEXT, published TEXT,
    warnings INTEGER NOT NULL, UNIQUE (sha256, file));
CREATE TABLE IF NOT EXISTS tables (
    table_id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, heading TEXT, pages TEXT NOT NULL, UNIQUE (report_id, idx));
CREATE TABLE IF NOT EXISTS columns (
    table_id INTEGER NOT NULL REFERENCES tables (table_id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    key TEXT NOT NULL, label TEXT NOT NULL, grp TEXT, PRIMARY KEY (table_id, idx));
CREATE TABLE IF NOT EXISTS rows (
    row_id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    table_id INTEGER NOT NULL REFERENCES tables (table_id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    number INTEGER, id TEXT, part INTEGER, section TEXT, status TEXT, status_phrase TEXT, status_field TEXT,
    audiences TEXT NOT NULL, pages TEXT NOT NULL, lines TEXT NOT NULL, UNIQUE (table_id, idx));
CREATE TABLE IF NOT EXISTS cells (
    cell_id INTEGER PRIMARY KEY, row_id INTEGER NOT NULL REFERENCES rows (row_id) ON DELETE CASCADE,
    key TEXT NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL, inherited_from TEXT, refs TEXT NOT NULL,
    UNIQUE (row_id, key));
CREATE TABLE IF NOT EXISTS cell_references (
    cell_id INTEGER NOT NULL REFERENCES cells (cell_id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    target TEXT NOT NULL, target_row_id INTEGER REFERENCES rows (row_id) ON DELETE SET NULL,
    PRIMARY KEY (cell_id, idx));
CREATE TABLE IF NOT EXISTS commitments (
    commitment_id INTEGER PRIMARY KEY, row_id INTEGER NOT NULL REFERENCES rows (row_id) ON DELETE CASCADE,
    field TEXT NOT NULL, phrase TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL,
    tense TEXT NOT NULL, inherited_from TEXT, sentence TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS diagnostics (
    report_id INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    code TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL, line INTEGER, page INTEGER,
    PRIMARY KEY (report_id, idx));
CREATE INDEX IF NOT EXISTS rows_by_report ON rows (report_id);
CREATE INDEX IF NOT EXISTS cells_by_row ON cells (row_id);
CREATE INDEX IF NOT EXISTS commitments_by_row ON commitments (row_id);
CREATE VIRTUAL TABLE IF NOT EXISTS cells_fts USING fts5 (text, content='cells', content_rowid='cell_id');
CREATE TRIGGER IF NOT EXISTS cells_fts_insert AFTER INSERT ON cells BEGIN
    INSERT INTO cells_fts (rowid, text) VALUES (new.cell_id, new.text); END;
CREATE TRIGGER IF NOT EXISTS cells_fts_delete AFTER DELETE ON cells BEGIN
    INSERT INTO cells_fts (cells_fts, rowid, text) VALUES ('delete', old.cell_id, old.text); END;
CREATE VIEW IF NOT EXISTS row_texts AS
    SELECT r.row_id, p.file, p.responder, p.report_title, p.published, t.idx AS table_index,
           t.heading AS table_heading, r.section, r.number, r.id, r.part, r.status, r.status_phrase,
           (SELECT c.text FROM cells c WHERE c.row_id = r.row_id AND c.key = 'recommendation') AS recommendation,
           (SELECT json_group_object(c.key, c.text) FROM cells c WHERE c.row_id = r.row_id) AS cells,
           r.audiences, r.pages
    FROM rows r JOIN tables t USING (table_id) JOIN reports p ON p.report_id = r.report_id;
CREATE VIEW IF NOT EXISTS cell_texts AS
    SELECT c.cell_id, r.row_id, p.file, p.responder, t.idx AS table_index, t.heading AS table_heading,
           r.section, r.id, r.part, c.key, c.label, c.text, c.inherited_from
    FROM cells c JOIN rows r USING (row_id) JOIN tables t USING (table_id) JOIN reports p ON p.report_id = r.report_id;
CREATE VIEW IF NOT EXISTS commitments_due AS
    SELECT m.commitment_id, p.file, p.responder, r.id, m.field, m.phrase, m.start_date, m.end_date, m.tense,
           CASE WHEN m.end_date < date('now', 'localtime') THEN 'due' ELSE 'upcoming' END AS due, m.sentence
    FROM commitments m JOIN rows r USING (row_id) JOIN reports p ON p.report_id = r.report_id;
"""


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _text(value: int | str | None) -> str | None:
    return None if value is None else str(value)


def _columns(db: sqlite3.Connection) -> dict[str, list[str]]:
    """Each table's and view's columns, by name (SQLite's own tables, as ANALYZE makes, and the
    full-text index's left out)."""
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                          "AND name NOT LIKE 'cells_fts%' AND name NOT LIKE 'sqlite_%' "
                                          "ORDER BY name")]
    return {name: [row[1] for row in db.execute(f"PRAGMA table_info('{name}')")] for name in names}


def _expected() -> dict[str, list[str]]:
    """The tables and views this writes, with their columns."""
    db = sqlite3.connect(":memory:")
    db.executescript(_SCHEMA)
    try:
        return _columns(db)
    finally:
        db.close()


def _open(path: Path) -> sqlite3.Connection:
    """The database at ``path``, made if missing, its schema checked before anything is written to it;
    an OutputError if it cannot be written."""
    try:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA foreign_keys = ON")
        found = _columns(connection)
        if found:
            version = connection.execute("SELECT value FROM meta WHERE key = 'database_schema'").fetchone() \
                if "meta" in found else None
            ours = _expected()
            problem = ("a SQLite database of something else (no 'meta' table)" if "meta" not in found else
                       "its 'meta' table names no database schema" if version is None else
                       f"its database schema is {version[0]}, this writes {DATABASE_SCHEMA}" if
                       version[0] != DATABASE_SCHEMA else
                       "its tables are not those of this database schema"
                       if any(found.get(name) != columns for name, columns in ours.items()) else None)
            if problem is not None:  # an analyst's own tables and views beside ours are fine
                connection.close()
                raise OutputError(f"not written: {problem}: write to a new file", file=str(path))
        connection.executescript("BEGIN;" + _SCHEMA + "INSERT OR REPLACE INTO meta (key, value) VALUES "
                                 f"('database_schema', '{DATABASE_SCHEMA}'), ('report_schema', '{SCHEMA_VERSION}');"
                                 "COMMIT;")
    except sqlite3.DatabaseError as exc:
        raise OutputError(_message(exc), file=str(path)) from None
    return connection


def _message(exc: sqlite3.DatabaseError) -> str:
    hint = " (another program is writing to it: close it, or write to another file)" if "locked" in str(exc) else ""
    return f"cannot write the database: {exc}{hint}"


def _write_report(db: sqlite3.Connection, report: Report) -> None:
    """One report, replacing the one read before from the same file with the same digest."""
    source, info = report.source, report.report
    db.execute("DELETE FROM reports WHERE sha256 = ? AND file = ?", (source.sha256, source.file))
    warnings = sum(1 for d in report.diagnostics if d.severity.value == "warning")
    report_id = db.execute(
        "INSERT INTO reports (file, sha256, format, page_count, title, responder, report_title, published, warnings)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (source.file, source.sha256, source.format, source.page_count, report.title, info.responder, info.title,
         info.published.isoformat() if info.published else None, warnings)).lastrowid
    row_ids: list[list[int]] = []
    references: list[tuple[int, int, str, int]] = []  # cell, index, target, table
    for index, table in enumerate(report.tables):
        table_id = db.execute("INSERT INTO tables (report_id, idx, heading, pages) VALUES (?, ?, ?, ?)",
                              (report_id, index, table.heading, _json(table.pages))).lastrowid
        assert table_id is not None
        labels = {column.key: column.label for column in table.columns}
        db.executemany("INSERT INTO columns (table_id, idx, key, label, grp) VALUES (?, ?, ?, ?, ?)",
                       [(table_id, n, c.key, c.label, c.group) for n, c in enumerate(table.columns)])
        ids: list[int] = []
        for place, row in enumerate(table.rows):
            row_id = db.execute(
                "INSERT INTO rows (report_id, table_id, idx, number, id, part, section, status, status_phrase,"
                " status_field, audiences, pages, lines) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (report_id, table_id, place, row.number, row.id, row.part, row.section,
                 *((row.status.value, row.status.phrase, row.status.field) if row.status else (None, None, None)),
                 _json(row.audiences), _json(row.pages), _json(row.lines))).lastrowid
            assert row_id is not None
            ids.append(row_id)
            for key, cell in row.cells().items():
                cell_id = db.execute(
                    "INSERT INTO cells (row_id, key, label, text, inherited_from, refs) VALUES (?, ?, ?, ?, ?, ?)",
                    (row_id, key, labels.get(key, key), cell.text, _text(cell.inherited_from),
                     _json([str(ref) for ref in cell.references]))).lastrowid
                assert cell_id is not None
                references.extend((cell_id, n, str(ref), index) for n, ref in enumerate(cell.references))
        row_ids.append(ids)
    # a reference names the first row of that id in its own table, else in the report's first table that has it
    by_id: dict[tuple[int | None, str], int] = {}
    for index, table in enumerate(report.tables):
        for place, row in enumerate(table.rows):
            if row.id is not None:
                by_id.setdefault((index, row.id), row_ids[index][place])
                by_id.setdefault((None, row.id), row_ids[index][place])
    db.executemany("INSERT INTO cell_references (cell_id, idx, target, target_row_id) VALUES (?, ?, ?, ?)",
                   [(cell, n, target, by_id.get((table, target), by_id.get((None, target))))
                    for cell, n, target, table in references])
    db.executemany(
        "INSERT INTO commitments (row_id, field, phrase, start_date, end_date, tense, inherited_from, sentence)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(row_ids[c.table][c.row], c.field, c.phrase, c.start.isoformat(), c.end.isoformat(), c.tense,
          _text(c.inherited_from), sentence_of(report.tables[c.table].rows[c.row].cells()[c.field].text, c.offset,
                                               c.offset + len(c.phrase))) for c in report.commitments])
    db.executemany(
        "INSERT INTO diagnostics (report_id, idx, code, severity, message, line, page) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(report_id, n, d.code, d.severity.value, d.message, d.line, d.page) for n, d in enumerate(report.diagnostics)])


def write_sqlite(path: str | Path, reports: Report | Iterable[Report]) -> None:
    """Write one report or several into the SQLite database at ``path`` (made if missing), each in a
    transaction of its own: a report read before from the same file with the same digest is
    replaced, never doubled. An ``OutputError`` (one line) where the database cannot be written."""
    target = Path(path)
    db = _open(target)
    try:
        for report in [reports] if isinstance(reports, Report) else reports:
            try:
                db.execute("BEGIN IMMEDIATE")
                _write_report(db, report)
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
    except sqlite3.DatabaseError as exc:
        raise OutputError(_message(exc), file=str(target)) from None
    finally:
        db.close()
