"""Languages: Danish first, English too.

Source strings are written in Danish (the panel's language, whose plain style
is measured with LIX); ``locales/en`` translates them and ``locales/da``
carries them unchanged so a missing string is visible in both catalogs.
Pages pick the language from ``?lang=``, then the session, then the default.
Messages to a citizen are rendered in the citizen's language with
``in_language`` (never the language of the request that triggered them).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import Babel, force_locale, get_locale

LANGUAGES = ("da", "en")


def select_locale() -> str:
    if has_request_context():
        wanted = request.args.get("lang")
        if wanted in LANGUAGES:
            session["lang"] = wanted
            return wanted
        if session.get("lang") in LANGUAGES:
            return session["lang"]
    return current_app.config.get("BABEL_DEFAULT_LOCALE", "da")


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale)
    # Layouts need the page language (<html lang>, the language switch).
    app.jinja_env.globals["get_locale"] = get_locale


@contextmanager
def in_language(language: str | None) -> Iterator[None]:
    """Render inside this block in the recipient's language."""
    with force_locale(language if language in LANGUAGES else "da"):
        yield
