# Two commands for a new machine: `make run` (app on SQLite with demo data) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Where `make run` listens: this machine only. `make run ADDRESS=0.0.0.0` serves the network (see README).
# Plain `=`, not `?=`: an ADDRESS variable in the shell's environment must not open the app to the network.
ADDRESS = 127.0.0.1
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: install run cli test test-pg fuzz clean

# Where `make run` listens: `make run PORT=8600` when 8501 is taken.
PORT ?= 8501

$(BIN)/python:
	@echo ">> Tạo môi trường Python riêng của dự án ($(VENV))..."
	$(PY) -m venv $(VENV)

# The first install downloads ~300 MB and takes a few minutes: say so, and let pip show its progress.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	@echo ">> Cài các thư viện vào $(VENV) (lần đầu mất vài phút; tiến độ của pip hiện bên dưới)..."
	$(BIN)/pip install --progress-bar on --upgrade pip
	$(BIN)/pip install --progress-bar on -r requirements.txt
	@echo ">> Ghi dự án vào $(VENV), để '$(BIN)/python -m tracking' chạy được từ mọi thư mục..."
	$(BIN)/python -c "import pathlib, site; pathlib.Path(site.getsitepackages()[0], 'theo-doi-ke-hoach.pth').write_text('$(CURDIR)\n')"
	touch $@
	@echo ">> Đã cài xong."

install: $(VENV)/.installed

run: install
	@echo ">> Nâng cấp cơ sở dữ liệu, nạp kế hoạch, đơn vị và dữ liệu minh họa..."
	$(BIN)/python -m tracking init --demo
	@echo ">> Mở ứng dụng tại http://$(ADDRESS):$(PORT) (Ctrl+C để dừng)..."
	$(BIN)/streamlit run serve.py --server.address $(ADDRESS) --server.port $(PORT) --server.headless true --browser.gatherUsageStats false --client.toolbarMode viewer

# The command line with the project's Python: `make cli ARGS="status --as-of 2011-06-30"` (or ./tracking-cli status …).
cli: install
	$(BIN)/python -m tracking $(ARGS)

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
