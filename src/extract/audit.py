"""The audit: every word of every table cell in the source is in the output, as often.

Source words are read from the body rows the table stage found (header rows,
group rows and the title aside), one cell fragment at a time; output words from
every cell of every record, a cell repeated from a merged cell (``inherited_from``)
counted once, where it stands in the source. Words are runs of letters and
digits, compared case-sensitively.

The audit is independent of the parser it checks: the source's words are counted
by ``fragments.source_words``, which strips markup by simple rules of its own
(scripts, styles and comments are not text; tags are dropped; entities decoded)
and never runs the HTML parser, so text the parse loses fails the audit.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

from extract.fragments import source_words, words
from extract.limits import Limits, time_limit
from extract.pipeline import ProfileLike, read_file, read_tables
from extract.profile import Profile
from schema import Report


@dataclass(frozen=True, slots=True)
class Audit:
    """How the words of the source's table cells compare with the words of the output's cells."""

    source_words: int
    missing: dict[str, int]
    """Words the output has fewer times than the source, and how many fewer."""
    extra: dict[str, int]
    """Words the output has more times than the source, and how many more."""

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra

    def summary(self) -> str:
        if self.ok:
            return f"audit: all {self.source_words} words of the table's cells are in the output, as often"
        parts = [f"{word!r} {count} fewer" for word, count in sorted(self.missing.items())[:10]]
        parts += [f"{word!r} {count} more" for word, count in sorted(self.extra.items())[:10]]
        return f"audit: the output differs from the table's cells: {', '.join(parts)}"


def audit(
    source: str | os.PathLike[str] | bytes, report: Report, *, profile: ProfileLike = None,
    limits: Limits | None = None,
) -> Audit:
    """Compare the words of ``source``'s table cells with the words of ``report``'s cells.

    Pass the ``profile`` and ``limits`` the report was parsed with.
    """
    limits = limits or Limits()
    data = source if isinstance(source, bytes) else read_file(source, limits)  # bounded, as the parse reads
    with time_limit(limits.timeout, report.source.file):
        _, found_tables = read_tables(data, report.source.file, Profile.resolve(profile), limits)
    expected: Counter[str] = Counter()
    for table in found_tables.tables:
        for row in table.rows:
            for raw in row.row.cells:
                expected.update(source_words(raw.text))
    found: Counter[str] = Counter()
    for record in report.records:
        if record.id is not None and (record.part or 1) == 1:  # a sub-row repeats its item's identifier
            found.update(words(record.id))
        for cell in record.cells().values():
            if cell.inherited_from is None:
                found.update(words(cell.text))
    return Audit(sum(expected.values()), dict(expected - found), dict(found - expected))
