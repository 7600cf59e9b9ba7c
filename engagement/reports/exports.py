"""Exports of a report: CSV and XLSX (one row per respondent), and a PDF report for the council.

* CSV: UTF-8 with a byte order mark (Excel opens it right), comma separated;
  one row per respondent under a pseudonym (``service.pseudonym``), their
  weight, strata codes, and each question's answer by its key (codes: yes/no,
  option keys, several options joined by ";").
* XLSX (openpyxl): the same rows, a sheet of questions, a sheet of results
  (weighted and unweighted shares) and one of response rates.
* PDF (fpdf2, pure Python): title, method, response and representativeness,
  results with charts, free-text themes.  Charts are drawn with the PDF's own
  primitives (``charts.draw_on_pdf``).  DejaVu Sans is embedded when the
  system has it (all of Unicode); otherwise the built-in Helvetica is used
  and text is reduced to Latin-1 (Danish letters are in it).
"""
from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from flask_babel import gettext as _

from engagement.reports import charts
from engagement.reports.results import text_answers
from engagement.reports.service import PROFILE_COLUMNS, Report


FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
ASCII_FOR = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
             "\u2026": "...", "\u00a0": " ", "\u2022": "-"}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: Any) -> Any:
    """Text a spreadsheet will not run: a string starting with = + - @ (or tab, CR) gets a leading '.

    Free-text answers and names are written by citizens; ``=HYPERLINK(...)``
    in a CSV opened in Excel is a formula (CSV injection).  Numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(question, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return spreadsheet_text(";".join(str(v) for v in value))
    return spreadsheet_text(value)


def respondent_rows(report: Report) -> tuple[list[str], list[list[Any]]]:
    questions = report.survey.questions
    header = ["respondent", "weight", *PROFILE_COLUMNS, *[q.key for q in questions]]
    weights = report.weights
    rows = []
    for i, r in enumerate(report.data.respondents):
        weight = round(float(weights[i]), 6) if weights is not None else 1.0
        rows.append([r.key, weight, *[spreadsheet_text(r.strata.get(c) or "") for c in PROFILE_COLUMNS],
                     *[_cell(q, r.answers.get(q.key)) for q in questions]])
    return header, rows


def to_csv(report: Report) -> bytes:
    header, rows = respondent_rows(report)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Svar")
    header, rows = respondent_rows(report)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"

    questions = book.create_sheet(_("Spørgsmål"))
    questions.append([_("Nøgle"), _("Nr."), _("Type"), _("Spørgsmål")])
    for q in report.survey.questions:
        questions.append([q.key, q.number, q.type, q.text])

    results = book.create_sheet(_("Resultater"))
    results.append([_("Spørgsmål"), _("Svar"), _("Antal"), _("Andel"), _("Vægtet andel")])
    for result in report.results:
        for c in result.categories:
            results.append([result.question.key, c.label, c.count, round(c.share, 6), round(c.weighted_share, 6)])
        if result.mean is not None:
            results.append([result.question.key, _("Gennemsnit"), result.answered, round(result.mean, 6),
                            round(result.weighted_mean, 6) if result.weighted_mean is not None else None])
    for column in ("D", "E"):
        for cell in results[column][1:]:
            cell.number_format = "0.0%"

    rates = book.create_sheet(_("Svarprocent"))
    rates.append([_("Baggrund"), _("Gruppe"), _("Inviteret"), _("Svaret"), _("Svarprocent")])
    overall = report.rates.overall
    rates.append([_("I alt"), "", overall.invited, overall.responded, overall.rate])
    for feature, rows_ in report.rates.by_feature.items():
        for rate in rows_:
            rates.append([report.feature_label(feature), report.value_label(feature, rate.value), rate.invited,
                          rate.responded, rate.rate])
    for cell in rates["E"][1:]:
        cell.number_format = "0.0%"

    for each in book.worksheets:  # nothing written here is meant as a formula: keep text as text
        for row in each.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------

def _font_files() -> tuple[Path, Path] | None:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


def _latin1(text: str) -> str:
    text = "".join(ASCII_FOR.get(ch, ch) for ch in str(text))
    text = unicodedata.normalize("NFC", text)
    return text.encode("latin-1", "replace").decode("latin-1")


def _number(value: float, digits: int = 1) -> str:
    return format_decimal(round(value, digits), format="#,##0." + "#" * digits if digits else "#,##0",
                          locale="da")


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{_number(value * 100, 1)} %"


class _Pdf:
    """A thin helper around fpdf2: fonts, headings, paragraphs, charts, page breaks."""

    def __init__(self, title: str):
        from fpdf import FPDF

        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.set_margins(18, 18, 18)
        self.pdf.set_title(title)
        self.pdf.set_creator("Borgerpanel")
        fonts = _font_files()
        if fonts:
            self.pdf.add_font("DejaVu", "", str(fonts[0]))
            self.pdf.add_font("DejaVu", "B", str(fonts[1]))
            self.family, self.text = "DejaVu", str
        else:
            self.family, self.text = "Helvetica", _latin1
        self.pdf.set_font(self.family, size=10)
        self.pdf.add_page()

    @property
    def width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def heading(self, text: str, size: int = 14) -> None:
        if self.pdf.get_y() > self.pdf.h - 40:
            self.pdf.add_page()
        self.pdf.ln(3)
        self.pdf.set_font(self.family, "B", size)
        self.pdf.multi_cell(self.width, size * 0.5, self.text(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)
        self.pdf.set_font(self.family, "", 10)

    def paragraph(self, text: str) -> None:
        self.pdf.set_font(self.family, "", 10)
        self.pdf.multi_cell(self.width, 5, self.text(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1.5)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _method_text(report: Report) -> str:
    data, w = report.data, report.weighting
    invited = report.rates.overall.invited
    parts = []
    if data.campaigns:
        start = min(c.starts_at for c in data.campaigns)
        ends = [c.deadline_at for c in data.campaigns if c.deadline_at]
        when = format_date(start, format="d. MMMM y", locale="da")
        if ends:
            when += " - " + format_date(max(ends), format="d. MMMM y", locale="da")
        parts.append(_("Spørgeskemaet blev sendt til %(invited)s medlemmer af borgerpanelet (%(when)s).",
                       invited=_number(invited, 0), when=when))
    parts.append(_("%(n)s svarede.", n=_number(report.respondents, 0)))
    if w is not None and w.is_weighted:
        features = ", ".join(report.feature_label(f).lower() for f in w.features)
        parts.append(_("Svarene er vægtet, så svarpersonerne ligner kommunens voksne på %(features)s "
                       "(raking til befolkningstallene).", features=features))
        parts.append(_("Vægtene er holdt mellem %(low)s og %(high)s gange gennemsnittet.",
                       low=_number(w.lower, 1), high=_number(w.upper, 1)))
        parts.append(_("Effektiv stikprøve: %(neff)s. Designeffekt: %(deff)s. "
                       "Den statistiske usikkerhed er op til ±%(moe)s procentpoint.",
                       neff=_number(w.n_effective, 0), deff=_number(w.design_effect, 2),
                       moe=_number(w.margin_of_error * 100, 1)))
    elif w is not None:
        parts.append(_("Svarene er ikke vægtet (panelet har ingen befolkningstal)."))
    if data.anonymous_answers:
        parts.append(_("%(n)s svar fra slettede panelister indgår ikke.", n=data.anonymous_answers))
    return " ".join(parts)


def to_pdf(report: Report) -> bytes:
    doc = _Pdf(report.survey.title)
    pdf = doc.pdf
    pdf.set_font(doc.family, "B", 20)
    pdf.multi_cell(doc.width, 10, doc.text(report.survey.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(doc.family, "", 11)
    pdf.multi_cell(doc.width, 6, doc.text(_("Rapport til byrådet · %(panel)s · %(date)s",
                                            panel=report.panel.name,
                                            date=format_date(report.generated_at, format="d. MMMM y",
                                                             locale="da"))),
                   new_x="LMARGIN", new_y="NEXT")

    doc.heading(_("Metode"))
    doc.paragraph(_method_text(report))

    doc.heading(_("Svar og repræsentativitet"))
    overall = report.rates.overall
    doc.paragraph(_("Svarprocent: %(rate)s (%(responded)s af %(invited)s).", rate=_percent(overall.rate),
                    responded=_number(overall.responded, 0), invited=_number(overall.invited, 0)))
    for feature, rows in report.representation.items():
        if feature not in report.targets:
            continue
        _draw(doc, charts.representation_chart(
            _("Svarpersoner og befolkning: %(feature)s", feature=report.feature_label(feature)), rows,
            lambda v, f=feature: report.value_label(f, v)))

    doc.heading(_("Resultater"))
    for result in report.results:
        chart = charts.question_chart(result)
        if chart is not None:
            _draw(doc, chart)
            line = _("%(n)s svar.", n=_number(result.answered, 0))
            if result.mean is not None:
                line += " " + _("Gennemsnit: %(mean)s (vægtet %(weighted)s).", mean=_number(result.mean, 2),
                                weighted=_number(result.weighted_mean or 0, 2))
            doc.paragraph(line)

    texts = [r for r in report.results if r.is_text]
    if texts:
        doc.heading(_("Fritekst: temaer"))
        for result in texts:
            doc.heading(f"{result.question.number}. {result.question.text}", size=11)
            terms = report.terms.get(result.question.key, [])
            count = len(text_answers(result.question, report.data.respondents))
            if terms:
                doc.paragraph(_("%(n)s skrev noget. De ord, flest brugte:", n=_number(count, 0)))
                doc.paragraph(", ".join(f"{t.lemma} ({t.count})" for t in terms))
            else:
                doc.paragraph(_("%(n)s skrev noget. Ingen ord gik igen.", n=_number(count, 0)))
    return doc.output()


def _draw(doc: _Pdf, chart: charts.BarChart) -> None:
    pdf = doc.pdf
    if pdf.get_y() + charts.pdf_height(chart) > pdf.h - pdf.b_margin:
        pdf.add_page()
    top = pdf.get_y()
    used = charts.draw_on_pdf(pdf, chart, x=pdf.l_margin, y=top, width=doc.width, text=doc.text)
    pdf.set_xy(pdf.l_margin, top + used)


__all__ = ["respondent_rows", "to_csv", "to_pdf", "to_xlsx"]
