# report-extract: `make extract` regenerates the sample JSON (and the JSON Schema),
# `make schema` writes src/schema/report.schema.json from the models, `make test` runs the linters
# (`make lint`: ruff, and mypy strict on src/) and every test,
# `make bench` measures the text and Word routes (`make bench-pdf` the PDF one), `make pdfs` re-renders the PDF fixtures,
# `make word-pdfs` rewrites the Word fixtures (tests/fixtures/word/: .docx by python-docx, PDF by LibreOffice),
# `make review` renders the sample's review page and its picture (needs Chromium).
# Both create .venv and install the project into it (editable, with test extras) when missing.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

SAMPLES := $(wildcard samples/*.txt samples/*.pdf)

.PHONY: extract schema lint test corpus bench bench-pdf fuzz pdfs word-pdfs review clean

FIXTURE_STAMP := $(VENV)/.fixtures

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --editable '.[test]'
	touch $(STAMP)

# The JSON Schema of the output, generated from the models (src/schema/models.py, cells.py); committed,
# and tests/test_json_schema.py fails when it is stale.
schema: $(STAMP)
	$(PY) -m schema.generate

# Regenerates every committed artefact made from the code: the sample JSON and its schema.
extract: $(STAMP) schema
	@set -e; for input in $(SAMPLES); do \
		output="$${input%.*}.json"; \
		echo "extract $$input -> $$output"; \
		$(PY) -m extract "$$input" -o "$$output"; \
	done

# The linters first (ruff on everything, mypy strict on src/), then the tests.
lint: $(STAMP)
	$(PY) -m ruff check src tests benchmarks fuzz samples
	$(PY) -m mypy

test: lint
	$(PY) -m pytest

# The renderer (WeasyPrint) is needed only to make PDFs: re-rendering the fixtures, or the benchmark's long PDFs.
$(FIXTURE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check --editable '.[test,fixtures]'
	touch $(FIXTURE_STAMP)

pdfs: $(FIXTURE_STAMP)
	$(PY) samples/make_pdfs.py
	$(MAKE) extract

# The HQIP table typed as a Word user would (python-docx) and exported by LibreOffice, in four layouts:
# the .docx and .pdf files in tests/fixtures/word/. Needs soffice on the PATH (Debian: apt-get install
# libreoffice-writer fonts-crosextra-carlito fonts-opensymbol).
word-pdfs: $(FIXTURE_STAMP)
	$(PY) samples/make_word_pdfs.py

# The text route at 1k, 10k and 50k rows against floors, start-up, and 200 files with -j 1 and -j 2.
bench: $(STAMP)
	$(PY) benchmarks/bench_text.py
	$(PY) benchmarks/growth.py
	$(PY) benchmarks/bench_docx.py

# The PDF route against pdfplumber's own reading (renders long PDFs, so needs the fixtures extra).
bench-pdf: $(FIXTURE_STAMP)
	$(PY) benchmarks/bench_pdf.py

# Every document in CORPUS (real documents nobody here made; never committed) through the parser,
# a line each: tables, rows, rows with an id, warnings by code, seconds, or the refusal.
CORPUS ?= ../shared/real
corpus: $(STAMP)
	$(PY) benchmarks/corpus.py $(CORPUS)

# Mutated sample PDFs through the parser for FUZZ_SECONDS; not part of `make test`.
FUZZ_SECONDS ?= 120
fuzz: $(STAMP)
	$(PY) fuzz/fuzz_pdf.py --seconds $(FUZZ_SECONDS)

# The review page of the HQIP sample (build/review.html) and a picture of it taken with headless
# Chromium (Debian: apt-get install chromium), copied to docs/review.png for the README.
# The tests never need Chromium.
CHROMIUM ?= chromium
REVIEW_SAMPLE := samples/hqip-engaging-clinicians-2014-ruled.pdf
REVIEW_SIZE ?= 1400,2000

review: $(STAMP)
	@command -v $(CHROMIUM) >/dev/null || { echo "make review needs $(CHROMIUM) (Debian: apt-get install chromium)" >&2; exit 1; }
	mkdir -p build docs
	$(PY) -m extract -q --format html $(REVIEW_SAMPLE) -o build/review.html
	rm -f build/review.png
	@profile=$$(mktemp -d); \
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
		--user-data-dir="$$profile" --screenshot=build/review.png --window-size=$(REVIEW_SIZE) \
		"file://$(CURDIR)/build/review.html" 2>build/chromium.log; status=$$?; rm -rf "$$profile"; \
	if [ $$status -ne 0 ] || [ ! -s build/review.png ]; then cat build/chromium.log >&2; exit 1; fi
	cp build/review.png docs/review.png
	@echo "review: build/review.html, build/review.png (copied to docs/review.png)"

clean:
	rm -rf $(VENV) build .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
