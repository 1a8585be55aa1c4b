"""Parsed reports as a pandas DataFrame: one row per table row, its report's fields included.

pandas is optional (``pip install 'report-extract[pandas]'``): only this module needs it.
"""

from __future__ import annotations

from typing import Any

from extract.outputs.tables import Reports, columns, reports_of, to_rows


def to_dataframe(reports: Reports) -> Any:
    """A ``pandas.DataFrame`` of the rows of one report or several, with the columns of ``to_rows``:
    identifiers as strings (``id``, and each item of the ``references`` and ``inherited_from``
    lists: "1.10" stays "1.10"), ``number`` and ``part`` as pandas' nullable integer, list columns
    as lists."""
    try:
        import pandas
    except ImportError:
        raise ImportError("extract.to_dataframe needs pandas: pip install 'report-extract[pandas]'",
                          name="pandas") from None
    every = reports_of(reports)
    rows = to_rows(every)
    for row in rows:
        for key in ("references", "inherited_from"):
            row[key] = [str(value) for value in row[key]]  # type: ignore[union-attr]
    frame = pandas.DataFrame(rows, columns=columns(every))
    for column in ("number", "part"):
        frame[column] = frame[column].astype("Int64")
    frame["id"] = pandas.Series([row["id"] for row in rows], dtype=object)  # None stays None, not NaN
    return frame
