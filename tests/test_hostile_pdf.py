"""Hostile PDFs: the time limit holds around the whole parse, whatever the input, and a page's
streams may inflate only so far."""

from __future__ import annotations

import threading
import time
import zlib

import pytest

from extract import Limits, parse_bytes
from extract.errors import LimitError
from pdf_fixtures import single_cell_table
from pdfwriter import build_pdf


def _raw_pdf(*objects: bytes) -> bytes:
    """A PDF of ``objects`` (numbered from 1; 1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


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
