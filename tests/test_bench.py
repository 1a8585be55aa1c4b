"""The benchmark script runs (on the committed samples, once each): it must not rot between `make bench` runs."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT, SAMPLES


def test_bench_script_runs_on_small_files() -> None:
    small = SAMPLES / "hqip-engaging-clinicians-2014-unruled.pdf"
    large = SAMPLES / "hqip-engaging-clinicians-2014-ruled.pdf"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_pdf.py"), "--runs", "1", "--files", str(small), str(large)],
        capture_output=True, text=True, check=True,
    )
    lines = result.stdout.splitlines()
    assert any(line.split()[:1] == ["5"] for line in lines)  # the 5-page unruled sample's row
    assert any(line.split()[:1] == ["6"] for line in lines)  # the 6-page ruled sample's row
    assert "6 pages / 5 pages = 1.2x the pages" in result.stdout


def test_text_bench_script_runs_on_a_small_size(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_text.py"), "--rows", "30", "60", "--runs", "1",
         "--copies", "3", "--start-up-rounds", "2", "--build", str(tmp_path)],
        capture_output=True, text=True, check=True,
    )
    assert "start-up: python -m extract on the sample took" in result.stdout
    assert "3 copies of the sample: -j 2 took" in result.stdout
    built = (tmp_path / "rows-60.txt").read_text(encoding="utf-8")
    from extract import parse_text

    report = parse_text(built, name="rows-60.txt")
    assert [r.number for r in report.records] == list(range(1, 61))
    assert sum(len(r.pages) > 1 for r in report.records) == 9  # the sample's 3 split rows, three times


def test_growth_script_runs_on_small_sizes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "growth.py"), "--scale", "0.005", "--runs", "1", "--shapes", "1",
         "--build", str(tmp_path)],
        capture_output=True, text=True, check=True,
    )
    assert result.stdout.count("x\n") == 1
    assert "short rows" in result.stdout and "the input" in result.stdout


def test_docx_bench_script_runs_on_a_small_size(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_docx.py"), "--copies", "1", "2", "--runs", "1",
         "--build", str(tmp_path)],
        capture_output=True, text=True, check=True,
    )
    assert "40 rows / 20 rows = 2x the rows" in result.stdout
