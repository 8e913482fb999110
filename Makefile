# The menu. `make run` starts everything locally; `make test` installs and runs every test.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export TZ := UTC

.PHONY: run test unit integration e2e lint typecheck typecheck-strict package bench demo clean pr

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# Debian's chromium and chromedriver for the page tests, and a Devanagari font so that
# screenshots show Hindi (installed once, by the suite).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BROWSER := /usr/bin/chromedriver /usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf
$(BROWSER):
	@command -v apt-get >/dev/null || { echo "apt-get not found: install chromium, chromium-driver, fonts-lohit-deva"; exit 1; }
	$(SUDO) apt-get install -y -q chromium chromium-driver fonts-lohit-deva >/dev/null \
	  || { $(SUDO) apt-get update -q >/dev/null && $(SUDO) apt-get install -y -q chromium chromium-driver fonts-lohit-deva >/dev/null; }

run: $(STAMP)
	$(BIN)/python -m devstack.run

# The whole suite (unit, integration, e2e), on two workers (see pyproject.toml).
test: $(STAMP) $(BROWSER)
	$(BIN)/python -m pytest

# Pure Python, no AWS (the Connect adapter is checked against botocore's service model):
# about a second, in one process.
unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit -n 0

# moto in-process and moto's server, chalice.test.Client, the real ASL in moto.
integration: $(STAMP)
	$(BIN)/python -m pytest tests/integration

# The local stack over HTTP and the pages in headless Chromium.
e2e: $(STAMP) $(BROWSER)
	$(BIN)/python -m pytest tests/e2e

# Lint and formatting; both run, either failing fails the target.
lint: $(STAMP)
	status=0; $(BIN)/ruff check . || status=1; $(BIN)/ruff format --check . || status=1; exit $$status

typecheck: $(STAMP)
	$(BIN)/mypy chalicelib devstack infra tests bench

# The domain and the use cases under --strict; the modules they import are read, not reported.
typecheck-strict: $(STAMP)
	$(BIN)/mypy --strict --follow-imports=silent chalicelib/domain chalicelib/services

package: $(STAMP)
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-ap-south-1} $(BIN)/python -m infra.build --stage prod --out out

# With `make run` going: a month of complaints filed and worked through the API.
demo: $(STAMP)
	$(BIN)/python -m devstack.month $(DEMO_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench

pr: lint typecheck typecheck-strict test

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
