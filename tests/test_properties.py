"""Properties over the real entry point: any input gives a Report or our own located error, quickly."""

from __future__ import annotations

import re
import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract import parse_bytes, parse_text
from extract.errors import ExtractError
from helpers import HEADER_LINES
from schema import Report

PIECES = [*"ab Z1.,;:()&<>/\"'-•\u00a0\r\x0c", "<p>", "</p>", "<ul>", "<li>", "</li>", "</ul>", "<i>", "</i>",
          "&amp;", "&nbsp;", "&#0;", "  ", "item 3", "See response to item 1", "<!--", "-->"]
CELL_TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
ROW = st.tuples(st.sampled_from(["", "1", "2", "3", "R1", "1.1", "x"]), *([CELL_TEXT] * 4)).map("\t".join)
LINE = st.one_of(ROW, st.sampled_from(["", *HEADER_LINES, "Title", "\t\t\t\t", "1\t2\t3\t4\t5\t6"]))
DOCUMENT = st.lists(LINE, max_size=12).map(lambda lines: "\n".join(["Title", *HEADER_LINES, *lines]))


def _check(call) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    try:
        report = call()
    except ExtractError as error:
        assert error.file and str(error).startswith(error.file)
        assert "\n" not in str(error)
    else:
        assert isinstance(report, Report)
        out = report.to_json()
        assert Report.model_validate_json(out).to_json() == out
    assert time.perf_counter() - start < 5  # a guard against pathological cases, not a timing test


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT)
@example("Title\n" + "\n".join(HEADER_LINES) + "\n1\ta\x0cb <b>x</b>\tb\tc\td")
def test_any_table_text_gives_a_report_or_our_error(text: str) -> None:
    _check(lambda: parse_text(text, name="prop.txt"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_report_or_our_error(text: str) -> None:
    _check(lambda: parse_text(text, name="prop.txt"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
@example(b"%PDF-1.4\n")
def test_any_bytes_give_a_report_or_our_error(data: bytes) -> None:
    _check(lambda: parse_bytes(data, name="prop.bin"))


@settings(max_examples=100, deadline=None)
@given(DOCUMENT)
def test_two_runs_give_byte_identical_output(text: str) -> None:
    try:
        first = parse_text(text, name="prop.txt").to_json()
    except ExtractError:
        return
    assert parse_text(text, name="prop.txt").to_json() == first


# --- re-pagination properties on the real report ------------------------------------

from helpers import HQIP  # noqa: E402
from repaginate import Export  # noqa: E402
from test_repaginate import essence  # noqa: E402

_HQIP_TEXT = HQIP.read_text(encoding="utf-8")
_HQIP_ESSENCE = essence(parse_text(_HQIP_TEXT, name=HQIP.name))
_EXPORT = Export.read(_HQIP_TEXT)


@settings(max_examples=40, deadline=None)
@given(st.sets(st.integers(min_value=1, max_value=len(_EXPORT.rows) - 1)), st.booleans())
def test_page_breaks_at_any_row_boundary_change_nothing(breaks: set[int], headers: bool) -> None:
    export = Export.read(_HQIP_TEXT)
    chosen = sorted(breaks | set(export.continuation_indices()))
    assert essence(parse_text(export.render(chosen, headers=headers), name="x.txt")) == _HQIP_ESSENCE


def _mid_sentence_splits() -> list[tuple[int, int, str]]:
    """(item, column, text) at every word of a one-line row's cell that begins in lower case."""
    splits = []
    for index, row in enumerate(_EXPORT.rows):
        cells = row.split("\t")
        following = _EXPORT.rows[index + 1] if index + 1 < len(_EXPORT.rows) else "x"
        if not cells[0] or not following.split("\t")[0]:
            continue  # a continuation, or a row the report already splits
        for column in range(1, 5):
            cell = cells[column]
            for match in re.finditer(r"(?<= )[a-z]\S*", cell):
                before = cell[: match.start()]
                if before.rfind("<") > before.rfind(">"):
                    continue  # inside a tag
                splits.append((int(cells[0]), column, " " + " ".join(cell[match.start():].split(" ")[:3])))
    return splits


_SPLITS = _mid_sentence_splits()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_SPLITS))
def test_splitting_a_cell_mid_sentence_at_any_word_changes_nothing(split: tuple[int, int, str]) -> None:
    export = Export.read(_HQIP_TEXT)
    item, column, at = split
    export.split(item, column, at)
    assert essence(parse_text(export.render(), name="x.txt")) == _HQIP_ESSENCE


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["Fish", "&", "chips", "R&D", "and", "<i>x</i>", "  ", "."]), min_size=1, max_size=10))
def test_ampersand_written_as_entity_or_not_gives_the_same_output(words: list[str]) -> None:
    cell = " ".join(words)
    plain = "\n".join(["Title", *HEADER_LINES, f"1\t{cell}\tb\tc\td"])
    escaped = plain.replace("&", "&amp;")
    try:
        first = parse_text(plain, name="x.txt").model_dump(exclude={"source"})
    except ExtractError:
        return
    assert parse_text(escaped, name="x.txt").model_dump(exclude={"source"}) == first
