"""Results from the database, snapshots of strata, and the exports opened with their own libraries."""
from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from sqlmodel import select

from engagement.panel import gdpr
from engagement.panel.models import LEFT
from engagement.reports import exports, service
from engagement.reports.models import RespondentProfile
from tests.conftest import TEST_SECRET

CHART_TITLES = ["Hvor tilfreds er du med busserne?", "Cykler du til arbejde?", "Hvordan kommer du rundt?",
                "Svarpersoner og befolkning: Køn", "Svarpersoner og befolkning: Område"]


def test_response_rates_weights_and_distributions(report):
    assert report.rates.overall.invited == 120 and report.rates.overall.responded == 100
    by_area = {r.value: r for r in report.rates.by_feature["area"]}
    assert by_area["vest"].invited == 80 and by_area["vest"].responded == 60
    assert by_area["midtby"].rate == 1.0
    assert report.weighting.features == ("gender", "area")
    transport = {c.key: c for c in report.results[2].categories}
    # Midtby (bus and bike) is 40 % of respondents, 60 % of the population.
    assert transport["bus"].share == pytest.approx(0.4)
    assert transport["bus"].weighted_share == pytest.approx(0.6, abs=1e-6)
    assert transport["bil"].weighted_share == pytest.approx(0.4, abs=1e-6)
    assert report.results[0].mean == pytest.approx(3.0)
    crosstab = report.crosstab("cykler", "gender")
    rows = {row.value: {c.key: c.share for c in row.categories} for row in crosstab.rows}
    assert rows["female"]["yes"] == 1.0 and rows["male"]["no"] == 1.0
    assert [t.lemma for t in report.terms["ideer"]][:2] == ["cykelsti", "skole"]


def test_strata_are_frozen_and_survive_leaving_and_go_on_erasure(ctx, session, panel, built, report):
    frozen = session.exec(select(RespondentProfile)).all()
    assert len(frozen) == 120
    someone = built.respondents[0]
    someone.status, someone.gender, someone.area = LEFT, None, None
    session.add(someone)
    session.commit()
    again = service.build_report(session, panel, "trafik", secret_key=TEST_SECRET, with_terms=False)
    assert again.representation["gender"][0].respondents == report.representation["gender"][0].respondents
    assert list(again.weights) == pytest.approx(list(report.weights))
    other = built.respondents[1]
    gdpr.erase_panelist(session, other)
    session.commit()
    assert session.exec(select(RespondentProfile).where(RespondentProfile.panelist_id == other.id)).first() is None
    after = service.build_report(session, panel, "trafik", secret_key=TEST_SECRET, with_terms=False)
    assert after.respondents == 99 and after.data.anonymous_answers > 0


def test_csv_has_one_row_per_respondent_under_a_pseudonym(report, built):
    text = exports.to_csv(report).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == 100
    assert len({row["Svarperson"] for row in rows}) == 100
    assert all(row["Svarperson"].startswith("R") for row in rows)
    emails = {p.email for p in built.respondents}
    assert not any(email in text for email in emails)
    assert sum(float(row["Vægt"].replace(",", ".")) for row in rows) == pytest.approx(100, abs=1e-3)
    first = next(row for row in rows if row["Område"] == "Midtbyen")  # the panel's label for midtby
    assert first["3. Hvordan kommer du rundt?"] == "Bus; Cykel"


def test_xlsx_opens_with_openpyxl(report):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(exports.to_xlsx(report)))
    assert book.sheetnames == ["Svar", "Kodebog", "Spørgsmål", "Resultater", "Svarprocent"]
    answers = list(book["Svar"].iter_rows(values_only=True))
    assert answers[0][:3] == ("Svarperson", "Vægt", "Køn") and len(answers) == 101
    results = [row for row in book["Resultater"].iter_rows(values_only=True)
               if row[0] == "3. Hvordan kommer du rundt?"]
    assert {row[1]: row[4] for row in results}["Bus"] == pytest.approx(0.6, abs=1e-6)
    rates = list(book["Svarprocent"].iter_rows(values_only=True))
    assert rates[1][2:4] == (120, 100)


def test_pdf_has_the_sections_and_the_charts_in_text_and_in_pixels(report):
    pypdf = pytest.importorskip("pypdf")
    pdfium = pytest.importorskip("pypdfium2")
    data = exports.to_pdf(report)
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    for heading in ("Trafik i byen", "Metode", "Svar og repræsentativitet", "Resultater", "Fritekst: temaer",
                    "cykelsti"):
        assert heading in text
    for title in CHART_TITLES:
        assert title in text

    # Render every page to a PNG and find each chart: its title on the page, and below it
    # the bars' own blue in the pixels.
    document = pdfium.PdfDocument(data)
    found = set()
    try:
        for page in document:
            image = page.render(scale=2).to_pil().convert("RGB")
            png = io.BytesIO()
            image.save(png, format="PNG")
            assert png.getvalue().startswith(b"\x89PNG")
            textpage = page.get_textpage()
            height = page.get_height()
            for title in CHART_TITLES:
                searcher = textpage.search(title)
                hit = searcher.get_next()
                if hit is None:
                    continue
                left, bottom, right, top = textpage.get_charbox(hit[0])
                y = int((height - bottom) * 2)  # PDF points from the bottom -> pixels from the top
                band = image.crop((0, y, image.width, min(image.height, y + 120)))
                pixels = np.asarray(band, dtype=int)
                blue = int(np.sum(np.all(np.abs(pixels - (11, 92, 173)) < 20, axis=-1)))
                assert blue > 200, title
                found.add(title)
    finally:
        document.close()
    assert found == set(CHART_TITLES)
