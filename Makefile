# Two commands for a fresh machine (see README): `make run` and `make test`.
# Both install what they need first; nothing is done by hand.

VENV   ?= .venv
PY     := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app wsgi
STAMP  := $(VENV)/.installed

.PHONY: run test install catalogs extract-messages update-catalogs

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) catalogs

# Compiled catalogs (.mo) are build output: made from locales/*/LC_MESSAGES/*.po.
catalogs: $(STAMP)
	$(VENV)/bin/pybabel compile -d locales -D messages --statistics 2>&1 | grep -v '^compiling' || true

# Run the service at http://127.0.0.1:5000 on SQLite under instance/ (creates the demo panel once).
run: install
	$(FLASK) db upgrade
	$(FLASK) demo create
	$(FLASK) serve --host 127.0.0.1 --port 5000

# The whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set).
test: install
	$(VENV)/bin/pytest

# After adding or changing text: extract it and merge into both catalogs, then translate en.
extract-messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 --no-location --sort-output -o locales/messages.pot engagement conversations

update-catalogs: extract-messages
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales -D messages --ignore-obsolete
