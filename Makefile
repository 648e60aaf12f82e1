# The two commands in the README: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
PORT ?= 5000
FLASK = $(VENV)/bin/flask --app feedback
PIP = $(VENV)/bin/pip --quiet --disable-pip-version-check

.PHONY: run test install lock lint format css clean bench messages

run: install
	scripts/ensure-system-libs.sh
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	$(FLASK) reports due
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install
	scripts/ensure-system-libs.sh
	scripts/ensure-test-tools.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	scripts/security.sh
	scripts/test.sh

install: $(VENV)/.installed

# The versions in constraints.txt, the same that production installs. setuptools
# says "Editable installation" on every editable install: a notice, not a problem.
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	PYTHONWARNINGS='ignore:Editable installation' $(PIP) install -c constraints.txt -e '.[dev]'
	touch $@

# Pin what .venv has for the project and its dev extras. For newer versions:
# $(VENV)/bin/pip install --upgrade -e '.[dev]', make lock, make test.
lock:
	$(VENV)/bin/python scripts/lock.py constraints.txt

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Rebuild the committed stylesheet (needs Node and npm; runtime never does).
css:
	assets/build.sh

# Issue 12's figures (~15 min): every benchmark, then the table in README.md's
# Benchmarks section. Quicker: make bench BENCH_ARGS="--seconds 5 --skip reports,fuzz".
bench: install
	$(VENV)/bin/python bench/table.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Extract every translatable string into feedback/translations/messages.pot.
messages: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o feedback/translations/messages.pot .
