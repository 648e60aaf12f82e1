# The two commands in the README: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
PORT ?= 5000
FLASK = $(VENV)/bin/flask --app feedback

.PHONY: run test install lint format css clean bench messages

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
	scripts/test.sh

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Rebuild the committed stylesheet (needs Node and npm; runtime never does).
css:
	assets/build.sh

bench: install
	$(VENV)/bin/python bench/submit.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Extract every translatable string into feedback/translations/messages.pot.
messages: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o feedback/translations/messages.pot .
