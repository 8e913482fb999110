# The menu. `make run` starts everything locally; `make test` installs and runs every test.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export TZ := UTC

.PHONY: run test unit integration e2e lint typecheck package bench demo clean pr

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# Debian's chromium and chromedriver for the page tests (installed once, by the suite).
/usr/bin/chromedriver:
	@command -v apt-get >/dev/null || { echo "apt-get not found: install chromium and chromedriver"; exit 1; }
	$(if $(shell [ "$$(id -u)" = 0 ] && echo root),,sudo) apt-get install -y -q chromium chromium-driver >/dev/null \
	  || { $(if $(shell [ "$$(id -u)" = 0 ] && echo root),,sudo) apt-get update -q >/dev/null && \
	       $(if $(shell [ "$$(id -u)" = 0 ] && echo root),,sudo) apt-get install -y -q chromium chromium-driver >/dev/null; }

run: $(STAMP)
	$(BIN)/python -m devstack.run

test: $(STAMP) /usr/bin/chromedriver
	$(BIN)/python -m pytest

unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy chalicelib devstack infra

package: $(STAMP)
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-ap-south-1} $(BIN)/python -m infra.build --stage prod --out out

bench: $(STAMP)
	$(BIN)/python -m bench

pr: lint typecheck test

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
