"""Numbers, shares and dates as the reader writes them: Babel with the page's locale.

Danish: ``1.234``, ``50,5 %``, ``1,48``; English: ``1,234``, ``50.5%``,
``1.48``.  The functions take an explicit ``locale`` (exports, messages) or
use the current one (``flask_babel.get_locale``: the page's language).
``init_app`` makes them Jinja filters on every page:

    {{ count|number }}   {{ share|percent }}   {{ share|percent(0) }}   {{ deff|decimal(2) }}

Dates and times: Flask-Babel's own ``datetimeformat`` / ``dateformat``
filters (locale and Europe/Copenhagen from the app's config).
"""
from __future__ import annotations

from babel import Locale
from babel.numbers import format_decimal
from flask import Flask, has_app_context


def current_locale() -> str:
    """The page's locale (or the one ``force_locale`` set); Danish outside the app."""
    if has_app_context():
        from flask_babel import get_locale

        locale = get_locale()
        if locale is not None:
            return str(locale)
    return "da"


def format_number(value, locale: str | None = None) -> str:
    """A whole number with the locale's grouping ('1.234'); '–' for nothing."""
    if value is None:
        return "–"
    return format_decimal(round(value), format="#,##0", locale=locale or current_locale())


def format_decimal_places(value, digits: int = 1, locale: str | None = None) -> str:
    """At most ``digits`` decimals, trailing zeros dropped ('1,48', '0,5', '2')."""
    if value is None:
        return "–"
    pattern = "#,##0." + "#" * digits if digits > 0 else "#,##0"
    return format_decimal(round(float(value), digits), format=pattern, locale=locale or current_locale())


def format_share(value, digits: int = 1, locale: str | None = None) -> str:
    """A share (0.505) as a percentage in the locale's way: '50,5 %' (da), '50.5%' (en); '–' for nothing."""
    if value is None:
        return "–"
    locale = locale or current_locale()
    number = format_decimal_places(float(value) * 100, digits, locale)
    pattern = Locale.parse(locale).percent_formats[None].pattern  # '#,##0 %' (da, with a no-break space), '#,##0%'
    return pattern.replace("#,##0", number, 1).replace("'", "").replace("\u00a0", " ")


def init_app(app: Flask) -> None:
    app.jinja_env.filters["number"] = lambda value: format_number(value)
    app.jinja_env.filters["decimal"] = lambda value, digits=1: format_decimal_places(value, digits)
    app.jinja_env.filters["percent"] = lambda value, digits=1: format_share(value, digits)
