# One command to run the app (make run), one to test it (make test).
# Everything is installed here: a .venv with a Python >= 3.12, the pinned
# requirements (make run: the runtime's only; make test: the tools and test
# packages too), and Bootstrap's built files from its npm package.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
BOOTSTRAP_VERSION := 5.3.9
VENDOR := quizzes/static/vendor/bootstrap
PYTEST_ARGS ?=

# The first Python >= 3.12 on this machine: PATH first, then pyenv's versions.
FIND_PYTHON = for p in python3.14 python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 /root/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then command -v $$p; exit 0; fi; \
	done; echo "No Python 3.12+ found: install one (e.g. pyenv install 3.12)" >&2; exit 1

.PHONY: run test lint imports bench loadtest scaleout install install-dev assets migrate demo clean

$(BIN)/.installed: requirements.txt
	@test -x $(PY) || { PYTHON=$$($(FIND_PYTHON)) && echo "Creating $(VENV) with $$PYTHON" && $$PYTHON -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(BIN)/.installed assets

install-dev: $(BIN)/.installed-dev assets

# Bootstrap 5 from its npm package (no CDN; see README "Front-end assets").
assets: $(VENDOR)/bootstrap.min.css

$(VENDOR)/bootstrap.min.css:
	@mkdir -p .cache/npm $(VENDOR)
	cd .cache/npm && npm pack --silent bootstrap@$(BOOTSTRAP_VERSION) >/dev/null
	tar -xzf .cache/npm/bootstrap-$(BOOTSTRAP_VERSION).tgz -C .cache/npm
	cp .cache/npm/package/dist/css/bootstrap.min.css .cache/npm/package/dist/css/bootstrap.min.css.map \
	   .cache/npm/package/dist/js/bootstrap.bundle.min.js .cache/npm/package/dist/js/bootstrap.bundle.min.js.map $(VENDOR)/

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The structure (pyproject.toml [tool.importlinter], docs/architecture.md).
imports: install-dev
	$(BIN)/lint-imports --no-cache

test: lint imports
	$(PY) manage.py makemigrations --check --dry-run >/dev/null || { echo "Models and migrations differ: run makemigrations"; exit 1; }
	$(BIN)/pytest $(PYTEST_ARGS)

bench: migrate
	$(PY) -m tests.benchmarks

loadtest: install-dev
	bash .ci/loadtest

# Two app servers behind HAProxy (installed from Debian if missing), PostgreSQL and Redis shared.
scaleout: install-dev
	bash .ci/scaleout

clean:
	rm -rf $(VENV) .cache $(VENDOR) staticfiles
