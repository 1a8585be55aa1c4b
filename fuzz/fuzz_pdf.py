"""`make fuzz`: mutate the committed sample PDFs' bytes and check that every result is a Report or our error.

    python fuzz/fuzz_pdf.py --seconds 120 --seed 1

Each round takes a sample PDF, applies a few random mutations (byte flips,
insertions, deletions, a truncation, a duplicated span) and parses it with a short
time limit. Anything but a schema.Report or an extract.ExtractError is a finding:
the input is written to build/fuzz/ and the run exits 1. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
import traceback
from pathlib import Path

from extract import ExtractError, Limits, parse_bytes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "samples").glob("*.pdf")) + [ROOT / "tests" / "fixtures" / "encrypted.pdf"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        kind = rng.choice(["flip", "insert", "delete", "truncate", "duplicate", "digit"])
        at = rng.randrange(len(out)) if out else 0
        if kind == "flip" and out:
            out[at] ^= 1 << rng.randrange(8)
        elif kind == "insert":
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif kind == "delete":
            del out[at:at + rng.randint(1, 64)]
        elif kind == "truncate" and rng.random() < 0.2:
            del out[at:]
        elif kind == "duplicate":
            out[at:at] = out[at:at + rng.randint(1, 256)]
        elif kind == "digit" and out:
            out[at] = ord(rng.choice("0123456789-."))
    return bytes(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)  # its repair warnings are expected here
    rng = random.Random(args.seed)
    seeds = [path.read_bytes() for path in SEEDS]
    limits = Limits(timeout=20.0)
    rounds = reports = errors = 0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        data = mutate(rng.choice(seeds), rng)
        rounds += 1
        try:
            parse_bytes(data, name="fuzz.pdf", limits=limits)
            reports += 1
        except ExtractError:
            errors += 1
        except Exception:  # a finding: keep the input
            out = ROOT / "build" / "fuzz"
            out.mkdir(parents=True, exist_ok=True)
            target = out / f"crash-{args.seed}-{rounds}.pdf"
            target.write_bytes(data)
            traceback.print_exc()
            print(f"finding after {rounds} rounds: input kept in {target.relative_to(ROOT)}", file=sys.stderr)
            return 1
    print(f"{rounds} mutated PDFs in {args.seconds:g} s: {reports} reports, {errors} located errors, no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
