# cchc — every set-up step lives here; see README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install system-deps db run test lint bench clean

install: $(STAMP)  ## venv with cchc and its dependencies (idempotent)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

system-deps:  ## Debian packages the tests and benchmarks need (PostgreSQL)
	scripts/install-system-deps.sh

SAMPLES ?= ../shared/samples

db: install  ## create or upgrade the SQLite database with catalog, units and the sample reports
	$(BIN)/cchc init
	if [ -d "$(SAMPLES)" ]; then $(BIN)/cchc import $(SAMPLES)/*.txt --actor make-run; fi
	$(BIN)/cchc render --unit p24 --period 2023-Q3 --format docx  # → out/p24-2023-Q3.docx
	$(BIN)/cchc render --unit p24 --period 2023-Q3 --format xlsx  # → out/p24-2023-Q3.xlsx

run: db  ## the web app on http://127.0.0.1:8000 (first admin: see `cchc init` above)
	$(BIN)/cchc serve --host 127.0.0.1 --port 8000

test: install system-deps lint  ## the whole suite, with a real PostgreSQL on 127.0.0.1
	scripts/run-tests.sh

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

bench: install system-deps  ## benchmarks: print numbers and write bench/results/*.json
	scripts/run-bench.sh

clean:
	rm -rf $(VENV) cchc.db cchc.db-wal cchc.db-shm .pytest_cache
