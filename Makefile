# The two commands a newcomer needs: `make run` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
# Rasa 3.6 needs Python 3.10: take it from PATH, pyenv, or the system, whichever works.
PYTHON310 := $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && echo $$p && break; done)
TRAINING_DATA := domain.yml config.yml $(shell find data -name '*.yml' 2>/dev/null | sort)
CHROMIUM := /usr/bin/chromium
PY_SOURCES := actions bot tests bench
FAST_TESTS := tests/actions tests/bot tests/leads tests/limitations tests/inbox

.PHONY: help setup run test test-fast shell nlu-report stories user bench lint format validate train chromium axe clean

help:
	@echo "make run         set up what is missing and start the assistant, the widget and the inbox"
	@echo "make test        set up what is missing and run every test"
	@echo "make test-fast   the unit tests alone, in under a minute"
	@echo "make setup       virtualenv, dependencies, .env and a trained model, nothing started"
	@echo "make shell       chat with the assistant in the terminal"
	@echo "make user        create a staff login for the inbox (USERNAME=...)"
	@echo "make nlu-report  intent and entity F1 on the two held-out NLU test sets"
	@echo "make stories     the test stories, failing on any prediction error"
	@echo "make bench       the load benchmark against stock Rasa"
	@echo "make lint        the gate: ruff check, ruff format --check and mypy (CI runs it first)"
	@echo "make format      fix what ruff can and format the code"

$(BIN)/python:
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is needed (pyenv install 3.10)"; exit 1; }
	$(PYTHON310) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	@touch $@

.env: | $(VENV)/.installed
	$(BIN)/python -m bot.stack init-env

models/.trained: $(TRAINING_DATA) | $(VENV)/.installed
	$(BIN)/rasa train --fixed-model-name intake --out models
	@touch $@

train: models/.trained

# Browser tests drive Debian's Chromium (never a downloaded browser).
chromium:
	@test -x $(CHROMIUM) || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

# axe-core (the accessibility checker the browser tests inject), from npm with its lock file.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund
	@touch $@

axe: $(AXE)

setup: $(VENV)/.installed .env models/.trained

run: setup
	$(BIN)/python -m bot.stack

test: setup chromium $(AXE)
	$(BIN)/python -m pytest

# The unit tests alone (no Rasa server, no browser, no PostgreSQL/Redis): well under a minute.
test-fast: $(VENV)/.installed .env
	$(BIN)/python -m pytest -q $(FAST_TESTS) -m "not e2e and not browser and not services"

stories: setup
	$(BIN)/python -m bot.rasa_cli test core --stories tests/stories --model models/intake.tar.gz --fail-on-prediction-errors --out results/stories

nlu-report: setup
	$(BIN)/python -m bot.rasa_cli test nlu --nlu tests/nlu/heldout.yml --model models/intake.tar.gz --out results/nlu/heldout
	$(BIN)/python -m bot.rasa_cli test nlu --nlu tests/nlu/outside.yml --model models/intake.tar.gz --out results/nlu/outside
	$(BIN)/python -m tests.nlu.report results/nlu/heldout results/nlu/outside

# A terminal chat on its own ports (5006, 5057), so it runs next to `make run`.
shell: setup
	@umask 077; set -a; source .env; set +a; \
	$(BIN)/python -m bot.action_server --actions actions --port 5057 >/dev/null 2>&1 & pid=$$!; \
	trap "kill $$pid" EXIT; \
	ACTION_SERVER_URL=http://localhost:5057/webhook TRACKER_STORE_URL=sqlite:///var/rasa.db TRACKER_STORE_DIALECT=sqlite \
	LOCK_STORE_TYPE=in_memory REDIS_HOST=127.0.0.1 REDIS_PORT=6379 REDIS_DB=1 \
	$(BIN)/python -m bot.rasa_cli shell --port 5006 --model models/intake.tar.gz --endpoints endpoints.yml

user: setup
	@test -n "$(USERNAME)" || { echo "usage: make user USERNAME=alice   (asks for the password)"; exit 2; }
	$(BIN)/python -m bot.leads user add $(USERNAME)

bench: setup
	$(BIN)/python -m bench.run

# The gate: lint and format (ruff) must be clean; `.ci/run` runs it before the tests.
lint: $(VENV)/.installed
	$(BIN)/ruff check $(PY_SOURCES)
	$(BIN)/ruff format --check $(PY_SOURCES)
	$(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff check --fix $(PY_SOURCES)
	$(BIN)/ruff format $(PY_SOURCES)

validate: setup
	$(BIN)/python -m pytest tests/test_training_data.py -q

clean:
	rm -rf models results .rasa var/*.db
