"""Exports as Danish Excel and openpyxl read them: ';', decimal comma, BOM, CRLF, labels not codes."""
from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook

from engagement.db import utcnow
from engagement.meetings import service as meetings
from engagement.reports import exports
from tests.factories import make_panelist
from tests.meetings.support import make_meeting
from tests.staff.support import log_in, make_staff

CODES = {"female", "male", "midtby", "vest", "yes", "no", "bus", "cykel", "bil", "trafik", "transport", "cykler"}


class DanishExcel(csv.Dialect):
    """What Danish Excel writes and reads: semicolons, double quotes, CRLF."""

    delimiter = ";"
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL


def read_as_danish_excel(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark (else Excel shows Ã¦ for æ)"
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "CRLF line ends only"
    return list(csv.reader(io.StringIO(text, newline=""), dialect=DanishExcel))


def danish_number(cell: str) -> float:
    assert re.fullmatch(r"-?\d+(,\d+)?", cell), f"not a Danish decimal number: {cell!r}"
    return float(cell.replace(",", "."))


def test_results_csv_reads_back_as_danish_excel_with_labels(report):
    rows = read_as_danish_excel(exports.to_csv(report))
    header, body = rows[0], rows[1:]
    assert header[:8] == ["Svarperson", "Vægt", "Køn", "Alder", "Område", "Uddannelse", "Bolig", "Beskæftigelse"]
    assert header[8:] == ["1. Hvor tilfreds er du med busserne?", "2. Cykler du til arbejde?",
                          "3. Hvordan kommer du rundt?", "4. Har du en idé til trafikken?"]
    assert len(body) == 100 and all(len(row) == len(header) for row in body)
    weights = [danish_number(row[1]) for row in body]
    assert sum(weights) == pytest.approx(100, abs=1e-3) and len(set(weights)) > 1
    column = {name: [row[i] for row in body] for i, name in enumerate(header)}
    assert set(column["Køn"]) == {"Kvinde", "Mand"}
    assert set(column["Område"]) == {"Midtbyen", "Vest"}
    assert set(column["2. Cykler du til arbejde?"]) == {"Ja", "Nej"}
    assert set(column["3. Hvordan kommer du rundt?"]) == {"Bus; Cykel", "Bil"}
    assert {danish_number(v) for v in column["1. Hvor tilfreds er du med busserne?"]} == {2.0, 4.0}
    age = column["Alder"][0]
    assert age.endswith(" år") or age == "70 år og derover"
    cells = {cell for row in body for cell in row}
    assert not cells & CODES, cells & CODES


def test_the_codebook_keeps_the_codes_for_analysts(report):
    rows = read_as_danish_excel(exports.to_codebook_csv(report))
    assert rows[0] == ["Kolonne", "Kolonnens kode", "Værdi", "Værdiens kode"]
    assert ["Køn", "gender", "Kvinde", "female"] in rows
    assert ["Område", "area", "Midtbyen", "midtby"] in rows
    assert ["Bolig", "housing", "Privat lejebolig", "privat-leje"] in rows
    assert ["2. Cykler du til arbejde?", "cykler", "Ja", "yes"] in rows
    assert ["3. Hvordan kommer du rundt?", "transport", "Cykel", "cykel"] in rows
    assert any(row[:2] == ["Vægt", "weight"] for row in rows)


def test_xlsx_has_the_same_labels_and_real_numbers(report):
    book = load_workbook(io.BytesIO(exports.to_xlsx(report)))
    assert book.sheetnames == ["Svar", "Kodebog", "Spørgsmål", "Resultater", "Svarprocent"]
    answers = list(book["Svar"].iter_rows(values_only=True))
    header = answers[0]
    csv_rows = read_as_danish_excel(exports.to_csv(report))
    assert list(header) == csv_rows[0]
    first = dict(zip(header, answers[1]))
    assert isinstance(first["Vægt"], float) and isinstance(first["1. Hvor tilfreds er du med busserne?"], int)
    assert first["Køn"] in ("Kvinde", "Mand") and first["2. Cykler du til arbejde?"] in ("Ja", "Nej")
    codebook = list(book["Kodebog"].iter_rows(values_only=True))
    assert ("Køn", "gender", "Kvinde", "female") in codebook
    results = list(book["Resultater"].iter_rows(values_only=True))
    assert results[0] == ("Spørgsmål", "Svar", "Antal", "Andel", "Vægtet andel")
    shares = [row[3] for row in results[1:] if row[1] != "Gennemsnit"]
    assert all(isinstance(share, (int, float)) and 0 <= share <= 1 for share in shares)  # numbers, not text
    assert any(isinstance(share, float) and 0 < share < 1 for share in shares)
    assert {row[0] for row in results[1:]} <= set(header)  # the same question headings as the answers


def test_an_english_staff_member_gets_english_labels_and_english_excel(report):
    with force_locale("en"):
        data = exports.to_csv(report)
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=","))
    assert rows[0][:3] == ["Respondent", "Weight", "Gender"]
    assert {row[2] for row in rows[1:]} == {"Woman", "Man"}
    assert re.fullmatch(r"\d+\.\d+|\d+", rows[1][1])


def test_the_csv_download_has_one_charset(client, session, panel, built):
    log_in(client, make_staff(session, panel, role="viewer"))
    for path in ("svar.csv", "kodebog.csv"):
        response = client.get(f"/staff/{panel.key}/resultater/trafik/{path}")
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.headers["Content-Disposition"].startswith("attachment")
        read_as_danish_excel(response.get_data())


def test_meeting_attendees_csv_reads_back_with_labels(app, session, panel):
    _panel, meeting = make_meeting(session, panel, key="havn", title="Havnemøde")
    anna = make_panelist(session, panel, name="Anna Holm", phone="+4520123456")
    bo = make_panelist(session, panel, name="Bo Dam")
    with app.app_context():
        meetings.respond(session, meeting, anna, "yes", source="email", now=utcnow() - timedelta(hours=2),
                         notify=False)
        meetings.respond(session, meeting, bo, "maybe", source="sms", now=utcnow() - timedelta(hours=1),
                         notify=False)
        session.commit()
    client = app.test_client()
    log_in(client, make_staff(session, panel, role="viewer"))
    response = client.get(f"/staff/{panel.key}/moeder/havn/deltagere.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_as_danish_excel(response.get_data())
    assert rows[0] == ["Plads", "Nr. på venteliste", "Navn", "E-mail", "Mobil", "Gæster", "Svar", "Svaret via",
                       "Svaret"]
    by_name = {row[2]: row for row in rows[1:]}
    assert by_name["Anna Holm"][:2] == ["Har plads", ""]
    assert by_name["Anna Holm"][4] == "20 12 34 56"
    assert by_name["Anna Holm"][6:8] == ["Kommer", "Mail"]
    assert by_name["Bo Dam"][6:8] == ["Måske", "SMS"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", by_name["Bo Dam"][8])


def test_a_group_nobody_answered_from_is_named_by_its_label(client, session):
    from tests.factories import make_panel
    from tests.reports.builders import add_targets, build_survey

    panel = make_panel(session)
    add_targets(session, panel, {"gender": {"female": 0.5, "male": 0.5},
                                 "area": {"midtby": 0.5, "vest": 0.3, "nord": 0.2}})
    build_survey(session, panel, cells={("female", "midtby"): 3, ("male", "vest"): 3}, non_respondents=0)
    log_in(client, make_staff(session, panel, role="viewer"))
    html = client.get(f"/staff/{panel.key}/resultater/trafik").get_data(as_text=True)
    assert "Ingen svar fra gruppen Nord (område)." in html
    assert "nord" not in re.sub(r'id="[^"]*"|href="[^"]*"', "", html)  # the code is nowhere on the page
