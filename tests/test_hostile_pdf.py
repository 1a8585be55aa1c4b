"""Hostile PDFs: the time limit holds around the whole parse, whatever the input, and a page's
streams may inflate only so far."""

from __future__ import annotations

import threading
import time
import zlib

import pytest

from extract import Limits, parse_bytes
from extract.errors import ExtractError, LimitError
from pdf_fixtures import single_cell_table
from pdfwriter import build_pdf, write_objects


def _raw_pdf(*objects: bytes) -> bytes:
    """A PDF of ``objects`` (numbered from 1; 1 is the catalog)."""
    return write_objects(list(objects))


def _page_pdf(content: bytes, *, flate: bool = True) -> bytes:
    stream = zlib.compress(content, 9) if flate else content
    filters = b"/Filter /FlateDecode " if flate else b""
    return _raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< " + filters + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    )


def _parse_within(data: bytes, limits: Limits, seconds: float) -> LimitError:
    started = time.monotonic()
    with pytest.raises(LimitError) as caught:
        parse_bytes(data, name="hostile.pdf", limits=limits)
    assert time.monotonic() - started < seconds
    return caught.value


def test_an_object_that_refers_to_itself_is_stopped_by_the_time_limit() -> None:
    data = _raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 4 0 R /Contents 4 0 R >>",
        b"4 0 R",
    )
    error = _parse_within(data, Limits(timeout=1), 10)
    assert str(error) == "hostile.pdf: reading the input took over 1 s (--timeout raises it)"


def test_a_page_of_endless_operators_is_stopped_by_the_time_limit() -> None:
    data = _page_pdf(b"1 0 0 1 0 0 cm\n" * 2_000_000)
    assert len(data) < 200_000
    _parse_within(data, Limits(timeout=1), 10)


def test_a_stream_that_inflates_past_the_page_allowance_is_refused() -> None:
    data = _page_pdf(b"BT /F1 8 Tf 10 10 Td (x) Tj ET\n" + b" " * (8 * 1024 * 1024))
    error = _parse_within(data, Limits(max_page_inflate=1024 * 1024), 10)
    assert str(error) == ("hostile.pdf: the page's compressed streams inflate to over 1,048,576 bytes "
                          "(a decompression bomb?) (page 1)")


def test_streams_within_the_allowance_read_as_before() -> None:
    report = parse_bytes(build_pdf([single_cell_table("Agreed.", "Next.")]), name="ok.pdf",
                         limits=Limits(max_page_inflate=64 * 1024))
    assert report.recommendations[0].recommendation.text == "Agreed."


def test_the_time_limit_is_lifted_after_the_parse() -> None:
    parse_bytes(build_pdf([single_cell_table("Agreed.", "Next.")]), name="ok.pdf", limits=Limits(timeout=0.5))
    time.sleep(0.7)  # a timer left running would raise here


def test_in_another_thread_the_parse_still_runs() -> None:
    found: list[str] = []
    worker = threading.Thread(target=lambda: found.append(
        parse_bytes(build_pdf([single_cell_table("Agreed.", "Next.")]), name="t.pdf").recommendations[0].id))
    worker.start()
    worker.join(timeout=30)
    assert found == ["1"]


def test_a_limit_over_at_once_leaves_no_timer_behind() -> None:
    with pytest.raises(LimitError):
        parse_bytes(build_pdf([single_cell_table("Agreed.", "Next.")]), name="ok.pdf", limits=Limits(timeout=1e-6))
    time.sleep(0.5)  # a timer left armed would raise here


def _lzw_bomb(size: int) -> bytes:
    """An LZW stream of ``size`` spaces (codes 9 bits wide: each code one byte more than the last)."""
    codes, length, code = [256], 1, 258
    while length * (length + 1) // 2 < size and code < 511:
        codes.append(32 if length == 1 else code - 1)
        length += 1
        code += 1
    codes.append(257)
    bits = "".join(format(c, "09b") for c in codes)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))


def test_an_lzw_stream_that_inflates_past_the_allowance_is_refused() -> None:
    stream = _lzw_bomb(100_000)
    data = _raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Filter /LZWDecode /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    )
    error = _parse_within(data, Limits(max_page_inflate=10_000), 10)
    assert "inflate to over 10,000 bytes" in str(error)


def test_the_whole_pdf_has_an_allowance_too() -> None:
    content = zlib.compress(b"BT /F1 8 Tf 10 10 Td (x) Tj ET\n" + b" " * 1000)
    pages = 3
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(f"{4 + 2 * n} 0 R".encode() for n in range(pages))
               + b"] /Count " + str(pages).encode() + b" >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for n in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * n} 0 R >>".encode())
        objects.append(b"<< /Filter /FlateDecode /Length " + str(len(content)).encode() + b" >>\nstream\n" + content
                       + b"\nendstream")
    error = _parse_within(_raw_pdf(*objects), Limits(max_page_inflate=64 * 1024, max_inflate=2_000), 10)
    assert "the PDF's compressed streams inflate to over 2,000 bytes" in str(error)


def test_a_page_tree_over_the_page_limit_is_refused_before_its_pages_are_loaded() -> None:
    kids = b" ".join(b"3 0 R" for _ in range(50_000))
    data = _raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count 50000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    )
    error = _parse_within(data, Limits(max_pages=10), 5)
    assert str(error) == "hostile.pdf: the PDF has 50000 pages, over the limit of 10 (--max-pages raises it)"


def test_parses_in_two_threads_keep_their_own_allowances() -> None:
    data = _page_pdf(b"BT /F1 8 Tf 10 10 Td (x) Tj ET\n" + b" " * 5000)
    results: dict[str, list[str]] = {"tight": [], "default": []}

    def run(kind: str) -> None:
        limits = Limits(max_page_inflate=300) if kind == "tight" else Limits()
        for _ in range(5):
            try:
                parse_bytes(data, name=f"{kind}.pdf", limits=limits)
            except ExtractError as error:
                results[kind].append(str(error))

    threads = [threading.Thread(target=run, args=(kind,)) for kind in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results["default"] == ["default.pdf: no table found in the PDF (1 pages looked at)"] * 5
    assert all(line.startswith("tight.pdf: the page's compressed streams inflate") for line in results["tight"])
