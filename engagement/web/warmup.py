"""Load at start-up what a page would otherwise load on its first visit.

A fresh web process loads some things the first time something needs them:
the Danish lemma table (``conversations.lemmas``: memory-mapped, but built
once per machine on first use), the reader of citizens' replies (the SMS
webhook), Babel's locale data and catalogs, and every template's compiled
code.  Before this (and before the results' frequent terms used that table
instead of a spaCy pipeline of their own) the first visitor of the results
page after a start waited about 4-5 s (``bench/first_load.py``).

``warm_up(app)`` loads them all; it needs no database and no request.  It
runs where the web process starts, when ``WARM_UP`` is true (the default):

* gunicorn (``gunicorn.conf.py``): in the master, after the app is loaded
  (``preload_app``) and before the workers fork, so every worker starts warm
  and shares the tables with the others (copy-on-write);
* ``flask --app wsgi serve``: before the server starts listening (a warming
  thread beside a running server would hold the interpreter while the first
  requests wait).

CLI commands, the scheduler, delivery workers and the tests never call it.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

from flask import Flask

log = logging.getLogger(__name__)


def _danish_terms() -> None:
    from conversations import lemmas
    from engagement.reports import terms

    lemmas.preload()  # builds the table once per machine if it is missing, then maps it (shared by the workers)
    terms.frequent_terms(["Flere cykelstier ved skolen", "Cykelstier og lys"], min_count=1)


def _reader() -> None:
    from conversations.definitions import parse_definition
    from conversations.reply import read_sms

    survey = parse_definition({"kind": "survey", "key": "opvarmning", "title": "Opvarmning", "questions": [
        {"number": 1, "key": "a", "type": "yes_no", "text": "Cykler du?"},
        {"number": 2, "key": "b", "type": "choice", "text": "Hvordan?",
         "options": [{"key": "bus", "label": "Bus"}, {"key": "bil", "label": "Bil"}]}]})
    read_sms("1 ja 2 med bussen", survey)


def _babel(app: Flask) -> None:
    from datetime import datetime, timezone

    from flask_babel import force_locale, gettext

    from engagement.web.formatting import format_number, format_share

    with app.test_request_context("/"):
        for language in ("da", "en"):
            with force_locale(language):
                gettext("Svarprocent")
                format_number(1234, language)
                format_share(0.5, 1, language)
                from babel.dates import format_datetime

                format_datetime(datetime.now(timezone.utc), "EEEE d. MMMM y HH:mm", locale=language)


def _templates(app: Flask) -> None:
    from engagement.messages.render import message_environment

    for name in app.jinja_env.list_templates(filter_func=lambda n: n.endswith(".html")):
        app.jinja_env.get_template(name)
    env = message_environment()
    for name in env.list_templates(filter_func=lambda n: n.endswith(".txt")):
        env.get_template(name)


def _exports() -> None:
    import fpdf  # noqa: F401
    import openpyxl  # noqa: F401


def warm_up(app: Flask) -> dict[str, float]:
    """Load everything a first page load would; returns seconds per part (logged too)."""
    parts: list[tuple[str, Callable[[], None]]] = [
        ("danish lemmas (results)", _danish_terms), ("reply reader", _reader),
        ("babel", lambda: _babel(app)), ("templates", lambda: _templates(app)), ("exports", _exports)]
    timings: dict[str, float] = {}
    with app.app_context():
        for name, load in parts:
            started = time.perf_counter()
            try:
                load()
            except Exception:  # a cold page is slower, not broken: log and go on
                log.exception("warm-up: %s failed", name)
            timings[name] = time.perf_counter() - started
    log.info("warmed up in %.1f s (%s)", sum(timings.values()),
             ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()))
    return timings
