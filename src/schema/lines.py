"""One line of ``--format jsonl``: a table row with the fields of its report and table.

A body of reports read as one dataset is many lines, each standing alone: which file, which
report, which table, then the row's full JSON (as in a table's ``rows[]``).
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from schema.models import Row, _Model


class RowLine(_Model):
    """A table row and where it comes from: its report's fields and its table's index and heading."""

    file: str = Field(description="The source file's name, without its folder (``source.file``).")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the source file (``source.sha256``).")
    responder: str | None = Field(description="Who responded, from the title (``report.responder``).")
    report_title: str | None = Field(description="The report responded to (``report.title``).")
    published: dt.date | None = Field(description="Its publication date (``report.published``).")
    table: int = Field(ge=0, description="The table the row is in: its index in ``tables``, from 0.")
    table_heading: str | None = Field(description="The line of text above the table, if any.")
    row: Row
