"""Every diagnostic code report-extract gives, once, with what it means.

A diagnostic is a warning in the report's ``diagnostics`` (``schema.Diagnostic``):
something the parser noticed and dealt with, pointing at the source. Each stage
makes its diagnostics with ``warning(CODE, message, line=…, page=…)`` (or ``info``,
for a choice it made that needs no checking) and one of the codes below; README
lists them all, and a test checks that README documents every code here and that
the code uses no other.
"""

from __future__ import annotations

from schema import Diagnostic, Severity

#: Every code and what it means, in the order README lists them.
CODES: dict[str, str] = {}


def _code(code: str, meaning: str) -> str:
    CODES[code] = meaning
    return code


PADDED_ROW = _code("padded-row", "a row with fewer cells than the header, padded with empty cells")
EXTRA_CELLS = _code("extra-cells", "text in a row past the header's last column, quoted; the row kept without it")
EMPTY_ROW = _code("empty-row", "a row with no text in any cell, skipped")
EMPTY_CELL = _code("empty-cell", "a cell with no text that inherits nothing")
INHERITED_CELLS = _code("inherited-cells", "a row's response cells taken from the row above (vertically merged)")
IDENTIFIER_COLUMN = _code("identifier-column", "which column was taken as the identifier column, and why")
NO_IDENTIFIER_COLUMN = _code("no-identifier-column", "a table with no identifier column: its rows are read in "
                             "order, with no identifiers")
ODD_IDENTIFIER = _code("odd-identifier", "an identifier unlike the table's others, kept as printed")
DUPLICATE_ITEM = _code("duplicate-item", "an identifier that occurs twice in a table; both rows kept")
UNNUMBERED_ROW = _code("unnumbered-row", "a row with no identifier and no item above it to continue, kept as a row")
EMPTY_SECTION = _code("empty-section", "a row saying only 'None' (or 'Nil', 'N/A', '-'): a section with no rows")
TABLE_NOTE = _code("table-note", "text alone across a table where the identifier stands (its footnotes), "
                   "quoted whole; not a row")
COLUMN_NUMBERS = _code("column-numbers", "a row numbering the columns ('(1) (2) (3)') under the header, "
                       "taken as part of the header")
CONTINUED_HEADING = _code("continued-heading", "a line such as 'Table 1 (continued)' above a repeated header, "
                          "taken as page furniture: the table goes on")
NUMBER_GAP = _code("number-gap", "items missing between two identifiers")
NUMBER_ORDER = _code("number-order", "an identifier that steps against the table's order")
UNKNOWN_REFERENCE = _code("unknown-reference", "a cell refers to an item that is not in the table")
LOST_TEXT = _code("lost-text", "words in a cell's source that its markup hides from the output (a template, "
                  "a head element), quoted; or a web page nested deeper than an HTML parser builds")
UNMAPPED_GLYPHS = _code("unmapped-glyphs", "PDF text whose font has no mapping to characters, kept as (cid:N)")
UNPLACED_LINE = _code("unplaced-line", "a line that belongs to no row, such as a footer, quoted in the message")
NO_TITLE = _code("no-title", "no title line before the table")
TITLE_DATE = _code("title-date", "the publication date in the title could not be read")
NO_ROWS = _code("no-rows", "the table has a header but no rows")
NO_COMMITMENTS = _code("no-commitments", "date phrases not listed as commitments: no publication date to count from")
ENCODING_WINDOWS_1252 = _code("encoding-windows-1252", "the input is not UTF-8 and was read as Windows-1252")
ENCODING_REPAIRED = _code("encoding-repaired", "UTF-8 with stray Windows-1252 characters, repaired")


def warning(code: str, message: str, *, line: int | None = None, page: int | None = None) -> Diagnostic:
    """A warning with one of ``CODES``."""
    if code not in CODES:
        raise ValueError(f"unknown diagnostic code {code!r}")
    return Diagnostic(code=code, message=message, line=line, page=page)


def info(code: str, message: str, *, line: int | None = None, page: int | None = None) -> Diagnostic:
    """A note for the record with one of ``CODES``: a choice made, nothing to check."""
    if code not in CODES:
        raise ValueError(f"unknown diagnostic code {code!r}")
    return Diagnostic(code=code, severity=Severity.INFO, message=message, line=line, page=page)


__all__ = [
    "CODES",
    "COLUMN_NUMBERS",
    "CONTINUED_HEADING",
    "DUPLICATE_ITEM",
    "EMPTY_CELL",
    "EMPTY_ROW",
    "EMPTY_SECTION",
    "ENCODING_REPAIRED",
    "ENCODING_WINDOWS_1252",
    "EXTRA_CELLS",
    "IDENTIFIER_COLUMN",
    "INHERITED_CELLS",
    "LOST_TEXT",
    "NO_COMMITMENTS",
    "NO_IDENTIFIER_COLUMN",
    "NO_ROWS",
    "NO_TITLE",
    "NUMBER_GAP",
    "NUMBER_ORDER",
    "ODD_IDENTIFIER",
    "PADDED_ROW",
    "TABLE_NOTE",
    "TITLE_DATE",
    "UNKNOWN_REFERENCE",
    "UNMAPPED_GLYPHS",
    "UNNUMBERED_ROW",
    "UNPLACED_LINE",
    "info",
    "warning",
]
