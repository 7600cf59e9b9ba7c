# Two commands for a fresh machine (see README): `make run` and `make test`.
# Both install what they need first; nothing is done by hand.

VENV   ?= .venv
PY     := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app wsgi
STAMP  := $(VENV)/.installed
# Lock files: every package pinned with its hashes, so every install is the same.
# production.txt = [project] dependencies; test.txt = those plus the `test` extra.
LOCK_PROD := requirements/production.txt
LOCK_TEST := requirements/test.txt
# `make lock` runs uv from a small tool venv of its own (pinned, outside the app's venv).
UV_VERSION := 0.13.9
UV_VENV    := build/lock-tools
UV         := $(UV_VENV)/bin/uv
UV_COMPILE := $(UV) pip compile pyproject.toml --quiet --generate-hashes --universal \
              --python-version 3.11 --custom-compile-command "make lock"

.PHONY: run test install catalogs lemmas extract-messages update-catalogs lock upgrade-lock

# The venv is installed from the test lock (hashes required), then the project itself
# without dependencies: anything pyproject.toml names but the lock lacks fails tests/test_lock.py.
$(STAMP): pyproject.toml $(LOCK_PROD) $(LOCK_TEST)
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r $(LOCK_TEST)
	$(VENV)/bin/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP) catalogs lemmas

# The reader's lemma table, built once per machine from spacy-lookups-data (conversations/lemmas.py):
# without it the first process that reads a reply builds it (about 3 s).
lemmas: $(STAMP)
	$(PY) -m conversations.lemmas build >/dev/null

# Compiled catalogs (.mo) are build output: made from locales/*/LC_MESSAGES/*.po.
catalogs: $(STAMP)
	$(VENV)/bin/pybabel compile -d locales -D messages --statistics 2>&1 | grep -v '^compiling' || true

# Run the service on SQLite under instance/ (creates the demo panel once), at http://$(HOST):$(PORT)
# (`make run HOST=0.0.0.0 PORT=8080`). Links in messages use PUBLIC_BASE_URL, by default this address.
HOST ?= 127.0.0.1
PORT ?= 5000
RUN_URL := http://$(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST)):$(PORT)

run: install
	$(FLASK) db upgrade
	PUBLIC_BASE_URL="$${PUBLIC_BASE_URL:-$(RUN_URL)}" $(FLASK) demo create
	PUBLIC_BASE_URL="$${PUBLIC_BASE_URL:-$(RUN_URL)}" $(FLASK) serve --host $(HOST) --port $(PORT)

# The whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set).
test: install
	$(VENV)/bin/pytest

# After adding or changing text: extract it and merge into both catalogs, then translate en.
extract-messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 --no-location --sort-output -o locales/messages.pot engagement conversations

update-catalogs: extract-messages
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales -D messages --ignore-obsolete

# After adding or changing a dependency in pyproject.toml: re-pin both lock files.
# Pins already in a lock file are kept (uv prefers them); only what is new is resolved.
lock: $(UV)
	$(UV_COMPILE) -o $(LOCK_PROD)
	$(UV_COMPILE) --extra test -o $(LOCK_TEST)

# The same, but every package moves to its newest allowed release.
upgrade-lock: $(UV)
	$(UV_COMPILE) --upgrade -o $(LOCK_PROD)
	$(UV_COMPILE) --upgrade --extra test -o $(LOCK_TEST)

$(UV):
	python3 -m venv $(UV_VENV)
	$(UV_VENV)/bin/pip install --quiet uv==$(UV_VERSION)
