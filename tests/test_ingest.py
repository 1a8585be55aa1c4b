"""Ingest: bytes to raw rows with line and page; encodings and line endings."""

from __future__ import annotations

import codecs

import pytest

from extract import parse_bytes
from extract.errors import EmptyInputError, NotTextError
from extract.readers.text_export import read as read_text_export
from helpers import HEADER_LINES, table, warnings

ROW = "1|Do the thing, and “quote” it.|Commissioners|Done café.|Next."


def test_rows_know_line_and_page() -> None:
    text = "\n".join(["", "Title", "", *HEADER_LINES, "1\ta\tb\tc\td", "", *HEADER_LINES, "\te\t\t\t"])
    document = read_text_export(text.encode(), "x.txt")
    rows = {row.line: row for row in document.rows}
    assert rows[2].page == 1 and not rows[2].is_tabular
    assert rows[6].page == 1 and rows[6].cells[1].text == "a" and rows[6].cells[1].line == 6
    assert rows[10].page == 2 and rows[10].cells[1].page == 2
    assert document.source.page_count == 2


def test_blank_lines_before_the_table_do_not_count_as_pages() -> None:
    text = "\n\n\nTitle\n\n\n" + "\n".join([*HEADER_LINES, "1\ta\tb\tc\td"])
    assert read_text_export(text.encode(), "x.txt").source.page_count == 1


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"), id="bom-crlf"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
    ],
)
def test_clean_encodings_read_the_same(encode) -> None:  # type: ignore[no-untyped-def]
    text = table(ROW)
    report = parse_bytes(encode(text), name="x.txt")
    assert report.recommendations[0].recommendation.text == "Do the thing, and “quote” it."
    assert report.recommendations[0].action_taken.text == "Done café."
    assert "encoding" not in " ".join(d.code for d in report.diagnostics)


def test_windows_1252_is_read_as_such_with_a_warning() -> None:
    report = parse_bytes(table(ROW).encode("cp1252"), name="x.txt")
    assert report.source.encoding == "windows-1252"
    assert report.recommendations[0].recommendation.text == "Do the thing, and “quote” it."
    assert report.recommendations[0].action_taken.text == "Done café."
    assert [d.code for d in warnings(report)] == ["encoding-windows-1252"]


def test_utf8_with_stray_windows_1252_smart_quotes_is_repaired() -> None:
    text = table(ROW)
    head, tail = text.split("“quote”")
    data = head.encode("utf-8") + "“quote”".encode("cp1252") + tail.encode("utf-8")
    report = parse_bytes(data, name="x.txt")
    assert report.source.encoding == "utf-8+windows-1252"
    assert report.recommendations[0].recommendation.text == "Do the thing, and “quote” it."
    assert report.recommendations[0].action_taken.text == "Done café."
    repaired = [d for d in report.diagnostics if d.code == "encoding-repaired"]
    assert repaired and repaired[0].line == 6


@pytest.mark.parametrize("data", [b"", b"\n\n  \r\n\t\n"])
def test_empty_file_is_an_error(data: bytes) -> None:
    with pytest.raises(EmptyInputError) as caught:
        parse_bytes(data, name="empty.txt")
    assert str(caught.value) == "empty.txt:1: the file is empty"


def test_binary_file_is_an_error_naming_the_line() -> None:
    with pytest.raises(NotTextError) as caught:
        parse_bytes(b"Title\nabc\x00\x01\x02", name="blob.bin")
    assert str(caught.value) == "blob.bin:2: not a text file: NUL byte at byte offset 9"


def test_a_windows_path_gives_a_bare_file_name() -> None:
    report = parse_bytes(table(ROW).encode(), name="C:\\reports\\x.txt")
    assert report.source.file == "x.txt"


def test_text_with_lone_surrogates_is_a_located_error() -> None:
    from extract import parse_text

    with pytest.raises(NotTextError) as caught:
        parse_text(table("1|a\ud800|b|c|d"), name="x.txt")
    assert str(caught.value).startswith("x.txt:6: bytes fit no encoding")


def test_error_lines_count_carriage_returns() -> None:
    with pytest.raises(NotTextError) as caught:
        parse_bytes(b"T\r\rNo.\tRecommendation\r1\x00\r", name="x.txt")
    assert str(caught.value).startswith("x.txt:4: not a text file: NUL byte")


def test_utf16_with_a_nul_character_is_not_text() -> None:
    with pytest.raises(NotTextError, match="NUL character"):
        parse_bytes(table("1|a\x00b|c|d|e").encode("utf-16"), name="x.txt")


def _input(route: str) -> bytes:
    if route == "pdf":
        from pdf_fixtures import single_cell_table
        from pdfwriter import build_pdf

        return build_pdf([single_cell_table("Text.", "Next.")])
    return table(ROW).encode()


@pytest.mark.parametrize("route", ["text", "pdf"])
@pytest.mark.parametrize(
    ("name", "file"),
    [("C:\\reports\\x.pdf", "x.pdf"), ("a/b\\c.txt", "c.txt"), ("x\\", "x"), ("reports/", "reports"), ("\\", "<input>")],
)
def test_every_reader_makes_source_file_by_one_rule(route: str, name: str, file: str) -> None:
    assert parse_bytes(_input(route), name=name).source.file == file


@pytest.mark.parametrize(("route", "name", "file"), [("pdf", "a\\b.pdf", "b.pdf"), ("text", "x\\", "x")])
def test_a_file_on_disk_with_a_backslash_in_its_name(tmp_path, route: str, name: str, file: str) -> None:  # type: ignore[no-untyped-def]
    from extract import parse

    path = tmp_path / name
    path.write_bytes(_input(route))
    assert parse(path).source.file == file


def test_page_numbers_do_not_depend_on_tabs_after_the_title() -> None:
    plain = table(ROW, title="Response to the report, July 2019")
    tabbed = plain.replace("Response to the report, July 2019", "Response to the report, July 2019\t\t\t")
    for text in (plain, tabbed):
        report = parse_bytes(text.encode(), name="x.txt")
        assert report.source.page_count == 1
        assert report.recommendations[0].pages == [1]


def test_a_text_export_that_mentions_pdf_near_its_top_is_text() -> None:
    text = table(ROW, title="Notes on the %PDF-1.7 files we received")
    report = parse_bytes(text.encode(), name="x.txt")
    assert (report.source.format, report.title) == ("text", "Notes on the %PDF-1.7 files we received")


@pytest.mark.parametrize("before", [b"", b"\n  \r\n", b"\xef\xbb\xbf"], ids=["none", "whitespace", "bom"])
def test_a_pdf_may_start_after_whitespace_or_a_byte_order_mark(before: bytes) -> None:
    assert parse_bytes(before + _input("pdf"), name="x.pdf").source.format == "pdf"
