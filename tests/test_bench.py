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
