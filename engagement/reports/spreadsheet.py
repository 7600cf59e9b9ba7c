"""Files staff open in a spreadsheet: CSV as Danish Excel reads it, and safe cells.

Danish Excel opens a CSV by double-click only when it is written its way:
semicolons between fields (the comma is the decimal sign), a decimal comma
in numbers, UTF-8 with a byte order mark (else æ ø å come out wrong), CRLF
line ends.  ``excel_csv`` writes exactly that, in any locale's number style
(English: comma-separated with a decimal point).  Cells that start with
``= + - @`` (or a tab or CR) get a leading apostrophe: text from citizens is
never a formula (CSV injection).  Numbers stay numbers.

``csv_response`` is the HTTP answer: one ``Content-Type`` with one charset,
a safe download name, no caching.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any, Iterable, Sequence
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal
from flask import Response

from engagement.web.security import attachment_disposition

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def spreadsheet_text(value: Any) -> Any:
    """Text a spreadsheet will not run: a string starting with = + - @ (or tab, CR) gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def delimiter_for(locale: str) -> str:
    """';' where the decimal sign is a comma (Danish), ',' where it is a point."""
    return ";" if format_decimal(1.5, locale=locale) == "1,5" else ","


def csv_cell(value: Any, locale: str) -> str:
    """A cell as the locale's spreadsheet reads it: numbers with its decimal sign, no grouping."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_decimal(value, format="0.######", locale=locale)
    if isinstance(value, datetime):
        return local_time(value)
    return str(spreadsheet_text(str(value)))


def local_time(moment: datetime | None) -> str:
    """'2027-01-14 19:00' in Copenhagen time: a form every Excel reads as a date and time."""
    if moment is None:
        return ""
    return moment.astimezone(COPENHAGEN).strftime("%Y-%m-%d %H:%M")


def excel_csv(header: Sequence[Any], rows: Iterable[Sequence[Any]], locale: str = "da") -> bytes:
    """The rows as CSV for the locale's Excel: BOM, CRLF, ';' and decimal comma in Danish."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter_for(locale), lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([csv_cell(cell, locale) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell, locale) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def csv_response(data: bytes, filename: str) -> Response:
    response = Response(data, content_type=CSV_CONTENT_TYPE)
    response.headers["Content-Disposition"] = attachment_disposition(filename)
    response.headers["Cache-Control"] = "no-store"
    return response
