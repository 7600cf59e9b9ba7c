"""Panelist-written text is shown escaped on every staff page, and exports run no formulas.

Names, free-text answers, inbound email subject and body and SMS bodies carry
``<script>`` and attribute-breaking payloads (tests/security/world.py).
"""
from __future__ import annotations

import csv
import io
from datetime import timedelta

from openpyxl import load_workbook

from engagement.db import utcnow
from engagement.meetings import service as meetings
from tests.factories import make_panelist
from tests.security.world import ATTRIBUTE, FORMULA, MARKER, SCRIPT, SURVEY_KEY, build_world
from tests.staff.support import log_in

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_hostile_text_is_escaped_on_every_staff_page_that_shows_it(app, session):
    world = build_world(app, session)
    client = app.test_client()
    log_in(client, world.staff["admin"])
    base = f"/staff/{world.panel.key}"
    pages = {
        "panelist list": f"{base}/panelister",
        "panelist search": f"{base}/panelister?q={MARKER}",
        "panelist page": f"{base}/panelister/{world.hostile.id}",
        "erase page": f"{base}/panelister/{world.hostile.id}/slet",
        "inbox": f"{base}/indbakke",
        "inbox, all": f"{base}/indbakke?vis=alle",
        "inbound email": f"{base}/indbakke/{world.inbound_email.id}",
        "inbound sms": f"{base}/indbakke/{world.inbound_sms.id}",
        "results": f"{base}/resultater/{SURVEY_KEY}",
        "free-text search": f"{base}/resultater/{SURVEY_KEY}?q=script",
        "search echoing the query": f"{base}/resultater/{SURVEY_KEY}?q={SCRIPT}{ATTRIBUTE}",
        "panelist history": f"{base}/resultater/panelet/{world.hostile.id}",
    }
    shown = []
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        html = response.get_data(as_text=True)
        assert SCRIPT not in html, name
        assert "<img src=x" not in html and "onerror=alert(2)>" not in html, name
        if ESCAPED_SCRIPT in html:
            shown.append(name)
    # The text is really on these pages (escaped), so "never raw" is not true by absence.
    assert {"panelist list", "panelist page", "inbox", "inbound email", "inbound sms", "results",
            "free-text search", "search echoing the query"} <= set(shown), shown


def _csv_rows(data: bytes):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))  # Danish Excel


def test_csv_and_xlsx_exports_neutralise_formulas(app, session):
    world = build_world(app, session)
    client = app.test_client()
    log_in(client, world.staff["viewer"])
    base = f"/staff/{world.panel.key}/resultater/{SURVEY_KEY}"

    rows = _csv_rows(client.get(f"{base}/svar.csv").get_data())
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA in cells and "'+1+2" in cells and "'-2+3" in cells and "'@SUM(A1)" in cells
    assert not [c for c in cells if c.startswith(FORMULA_START)]

    book = load_workbook(io.BytesIO(client.get(f"{base}/svar.xlsx").get_data()))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert "'" + FORMULA in texts
    assert not [t for t in texts if t.startswith("=")]


def test_meeting_attendee_csv_neutralises_formulas_in_names(app, session):
    world = build_world(app, session)
    person = make_panelist(session, world.panel, name=FORMULA, email="=cmd@example.dk", phone="+4520123457")
    with app.app_context():
        meetings.respond(session, world.meeting, person, "yes", source="staff", now=utcnow() - timedelta(days=1),
                         notify=False)
        session.commit()
    client = app.test_client()
    log_in(client, world.staff["viewer"])
    rows = _csv_rows(client.get(f"/staff/{world.panel.key}/moeder/havn-a/deltagere.csv").get_data())
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA in cells and "'=cmd@example.dk" in cells
    assert not [c for c in cells if c.startswith(("=", "@", "-"))]
