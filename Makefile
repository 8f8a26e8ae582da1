# Two commands for a new machine: `make run` (app on SQLite with demo data) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Where `make run` listens: this machine only. `make run ADDRESS=0.0.0.0` serves the network (see README).
# Plain `=`, not `?=`: an ADDRESS variable in the shell's environment must not open the app to the network.
ADDRESS = 127.0.0.1
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: install run test test-pg fuzz clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python -m tracking init --demo
	$(BIN)/streamlit run serve.py --server.address $(ADDRESS) --server.headless true --browser.gatherUsageStats false --client.toolbarMode viewer

test: install
	$(BIN)/python -m pytest

# The same suite with the PostgreSQL tests switched on (a server must answer at 127.0.0.1:5432).
test-pg: install
	TRACKING_TEST_PG_URL=$(PG_URL) $(BIN)/python -m pytest

# The import property (tests/integration/test_import_fuzz.py) with 2,000 generated files per database
# instead of the default run's 200 (SQLite) / 40 (PostgreSQL), and fresh random cases each time.
fuzz: install
	TRACKING_FUZZ_EXAMPLES=2000 TRACKING_TEST_PG_URL=$(PG_URL) $(BIN)/python -m pytest -n 2 tests/integration/test_import_fuzz.py

clean:
	rm -rf $(VENV) data/tracking.sqlite3*
