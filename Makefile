# report-extract: `make extract` regenerates the sample JSON, `make test` runs every test,
# `make bench` measures the PDF route, `make pdfs` re-renders the PDF fixtures.
# Both create .venv and install the project into it (editable, with test extras) when missing.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

SAMPLES := $(wildcard samples/*.txt samples/*.pdf)

.PHONY: extract test bench bench-text fuzz pdfs clean

FIXTURE_STAMP := $(VENV)/.fixtures

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --editable '.[test]'
	touch $(STAMP)

extract: $(STAMP)
	@set -e; for input in $(SAMPLES); do \
		output="$${input%.*}.json"; \
		echo "extract $$input -> $$output"; \
		$(PY) -m extract "$$input" -o "$$output"; \
	done

test: $(STAMP)
	$(PY) -m pytest

# The renderer (WeasyPrint) is needed only to make PDFs: re-rendering the fixtures, or the benchmark's long PDFs.
$(FIXTURE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check --editable '.[test,fixtures]'
	touch $(FIXTURE_STAMP)

pdfs: $(FIXTURE_STAMP)
	$(PY) samples/make_pdfs.py
	$(MAKE) extract

bench: $(FIXTURE_STAMP)
	$(PY) benchmarks/bench_pdf.py

bench-text: $(STAMP)
	$(PY) benchmarks/bench_text.py

# Mutated sample PDFs through the parser for FUZZ_SECONDS; not part of `make test`.
FUZZ_SECONDS ?= 120
fuzz: $(STAMP)
	$(PY) fuzz/fuzz_pdf.py --seconds $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) build .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
