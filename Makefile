# newsdesk: `make demo` and `make test` are all a fresh Debian machine with Python 3.11 needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
SHELL := /bin/bash

.PHONY: install system-deps demo test unit eval bench train-ner clean-venv

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[dev,languages,web]'
	@touch $(STAMP)

## install: the virtual environment with newsdesk and everything it needs
install: system-deps $(STAMP)

## system-deps: Debian packages: Chromium (browser tests), PostgreSQL (store tests); skipped when present
DEBS := chromium postgresql
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "note: missing Debian packages:$$missing (not root); their tests will be skipped"; fi; \
	fi

## demo: analyze the demo corpus shipped in the package and write the report to demo-out/
demo: install
	$(VENV)/bin/newsdesk demo --out demo-out

## test: the whole test suite, then the quality gates of eval/
test: install
	$(PY) -m pytest tests
	$(PY) eval/gate.py

unit: install
	$(PY) -m pytest tests

eval: install
	$(PY) eval/gate.py

## bench: speed and memory; results go to bench/RESULTS.md by hand, with machine and date
bench: install
	$(PY) bench/run.py

## train-ner: rebuild the shipped German NER model from GermEval 2014 train (about 25 minutes on one core)
train-ner: install
	$(PIP) install -q 'torch==2.13.0' 'faker==40.63.0'  # training (BSD-3) and the name lexicon (MIT): build time only
	$(PY) -m newsdesk.extract.ner.train --data ../shared/data/germeval2014 --out src/newsdesk/extract/ner/model --dev

clean-venv:
	rm -rf $(VENV)
