"""Exports of a report: CSV and XLSX (one row per respondent), and a PDF report for the council.

* CSV for Danish Excel (``spreadsheet.excel_csv``: ``;``, decimal comma,
  UTF-8 with a byte order mark, CRLF): one row per respondent under a
  pseudonym (``service.pseudonym``), their weight, their background and
  each question's answer, all as staff and citizens read them: the headers
  are "Køn" and "1. Hvor tilfreds er du med busserne?", the values
  "Kvinde", "Privat lejebolig", "Ja", the option's label; scales and numbers
  stay numbers.  The codes behind the labels (``gender``, ``female``,
  ``yes``, option keys) are in the codebook (``codebook_rows``), a file of
  its own for analysts (``to_codebook_csv``).
* XLSX (openpyxl): the same rows with real numbers, the codebook, a sheet of
  questions, a sheet of results (weighted and unweighted shares) and one of
  response rates.
* PDF (fpdf2, pure Python): title, method, response and representativeness,
  results with charts, free-text themes.  Charts are drawn with the PDF's own
  primitives (``charts.draw_on_pdf``).  DejaVu Sans is embedded when the
  system has it (all of Unicode); otherwise the built-in Helvetica is used
  and text is reduced to Latin-1 (Danish letters are in it).

Labels are in the staff member's language (the page's locale); questions
staff translated come in English on an English page.
"""
from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from flask_babel import gettext as _

from conversations.definitions import Question, translated
from engagement.reports import charts
from engagement.reports.results import text_answers
from engagement.reports.service import PROFILE_COLUMNS, Report
from engagement.reports.spreadsheet import excel_csv, spreadsheet_text
from engagement.web.formatting import current_locale, format_share


FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
ASCII_FOR = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
             "\u2026": "...", "\u00a0": " ", "\u2022": "-"}
MULTIPLE_SEPARATOR = "; "


def _language(locale: str | None) -> str:
    return (locale or current_locale()).split("_")[0]


def _questions(report: Report, locale: str | None = None) -> tuple[Question, ...]:
    """The survey's questions in the reader's language (Danish where a text has no translation)."""
    return translated(report.survey, _language(locale)).questions


def question_heading(question: Question) -> str:
    return f"{question.number}. {question.text}"


def answer_label(question: Question, value: Any) -> Any:
    """An answer as people read it: 'Ja', the option's label, a number as a number, text as text."""
    if value is None:
        return None
    if question.type == "yes_no":
        return {"yes": _("Ja"), "no": _("Nej")}.get(value, value)
    if question.type == "choice":
        labels = {option.key: option.label for option in question.options}
        values = value if isinstance(value, (list, tuple)) else [value]
        return spreadsheet_text(MULTIPLE_SEPARATOR.join(labels.get(str(v), str(v)) for v in values))
    if question.type in ("scale", "number") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return spreadsheet_text(str(value))


def respondent_rows(report: Report, locale: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """The header (labels) and one row per respondent (labels; numbers as numbers)."""
    questions = _questions(report, locale)
    header = [_("Svarperson"), _("Vægt"), *[report.feature_label(c) for c in PROFILE_COLUMNS],
              *[question_heading(q) for q in questions]]
    weights = report.weights
    rows = []
    for i, r in enumerate(report.data.respondents):
        weight = round(float(weights[i]), 6) if weights is not None else 1.0
        strata = [report.value_label(c, r.strata.get(c)) if r.strata.get(c) else None for c in PROFILE_COLUMNS]
        rows.append([r.key, weight, *[spreadsheet_text(v) for v in strata],
                     *[answer_label(q, r.answers.get(q.key)) for q in questions]])
    return header, rows


def column_keys(report: Report) -> list[str]:
    """The codes of the columns, in the order of ``respondent_rows``'s header."""
    return ["respondent", "weight", *PROFILE_COLUMNS, *[q.key for q in report.survey.questions]]


def codebook_rows(report: Report, locale: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """Every column's label and code, and every value's label and code: the key for analysts."""
    header = [_("Kolonne"), _("Kolonnens kode"), _("Værdi"), _("Værdiens kode")]
    rows: list[list[Any]] = []
    labels, _rows = respondent_rows(report, locale)
    keys = column_keys(report)
    rows.append([labels[0], keys[0], _("Et pseudonym: det samme i alle udtræk af dette spørgeskema"), ""])
    rows.append([labels[1], keys[1], _("Vægt fra raking til befolkningstallene (1 = uvægtet)"), ""])
    for offset, feature in enumerate(PROFILE_COLUMNS, start=2):
        values = report.labels_now().get(feature, {})
        for code, label in values.items():
            rows.append([labels[offset], feature, label, code])
        rows.append([labels[offset], feature, _("(tom) Ikke oplyst"), ""])
    first_question = 2 + len(PROFILE_COLUMNS)
    for offset, question in enumerate(_questions(report, locale), start=first_question):
        if question.type == "yes_no":
            rows += [[labels[offset], question.key, _("Ja"), "yes"], [labels[offset], question.key, _("Nej"), "no"]]
        elif question.type == "choice":
            for option in question.options:
                rows.append([labels[offset], question.key, option.label, option.key])
            if question.multiple:
                rows.append([labels[offset], question.key,
                             _("Flere svar står i samme celle, adskilt af semikolon"), ""])
        elif question.type == "scale":
            scale = _("Et tal fra %(min)s til %(max)s", min=question.min, max=question.max)
            ends = ", ".join(f"{point} = {label}" for point, label in sorted(question.labels.items()))
            rows.append([labels[offset], question.key, f"{scale} ({ends})" if ends else scale, ""])
        elif question.type == "number":
            rows.append([labels[offset], question.key, _("Et tal"), ""])
        else:
            rows.append([labels[offset], question.key, _("Fri tekst"), ""])
    return header, [[spreadsheet_text(cell) for cell in row] for row in rows]


def to_csv(report: Report, locale: str | None = None) -> bytes:
    locale = locale or current_locale()
    header, rows = respondent_rows(report, locale)
    return excel_csv(header, rows, locale)


def to_codebook_csv(report: Report, locale: str | None = None) -> bytes:
    locale = locale or current_locale()
    header, rows = codebook_rows(report, locale)
    return excel_csv(header, rows, locale)


def _sheet(book, title: str, header: list, rows: list, *, widths: dict[str, int] | None = None):
    from openpyxl.styles import Font

    sheet = book.create_sheet(title) if book.worksheets[0].title != "Sheet" else book.worksheets[0]
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, width in (widths or {}).items():
        sheet.column_dimensions[column].width = width
    return sheet


def to_xlsx(report: Report, locale: str | None = None) -> bytes:
    from openpyxl import Workbook

    locale = locale or current_locale()
    book = Workbook()
    header, rows = respondent_rows(report, locale)
    answers = _sheet(book, _("Svar"), header, rows)
    for cell in answers["B"][1:]:
        cell.number_format = "0.0000"

    book_header, book_rows = codebook_rows(report, locale)
    _sheet(book, _("Kodebog"), book_header, book_rows, widths={"A": 40, "B": 24, "C": 40, "D": 20})

    questions = _questions(report, locale)
    types = {"scale": _("Skala"), "yes_no": _("Ja/nej"), "choice": _("Valg"), "number": _("Tal"),
             "text": _("Fri tekst")}
    _sheet(book, _("Spørgsmål"), [_("Nr."), _("Spørgsmål"), _("Type"), _("Kode")],
           [[q.number, spreadsheet_text(q.text), types.get(q.type, q.type), q.key] for q in questions],
           widths={"B": 60})

    by_key = {q.key: q for q in questions}
    result_rows = []
    for result in report.results:
        heading = question_heading(by_key.get(result.question.key, result.question))
        labels = {option.key: option.label for option in by_key[result.question.key].options} \
            if result.question.key in by_key else {}
        for c in result.categories:
            result_rows.append([heading, spreadsheet_text(labels.get(c.key, c.label)), c.count, round(c.share, 6),
                                round(c.weighted_share, 6)])
        if result.mean is not None:
            result_rows.append([heading, _("Gennemsnit"), result.answered, round(result.mean, 6),
                                round(result.weighted_mean, 6) if result.weighted_mean is not None else None])
    results = _sheet(book, _("Resultater"), [_("Spørgsmål"), _("Svar"), _("Antal"), _("Andel"), _("Vægtet andel")],
                     result_rows, widths={"A": 50, "B": 30})
    for row in results.iter_rows(min_row=2):
        if row[1].value != _("Gennemsnit"):
            row[3].number_format = row[4].number_format = "0.0%"

    overall = report.rates.overall
    rate_rows = [[_("I alt"), "", overall.invited, overall.responded, overall.rate]]
    for feature, rows_ in report.rates.by_feature.items():
        for rate in rows_:
            rate_rows.append([report.feature_label(feature), report.value_label(feature, rate.value), rate.invited,
                              rate.responded, rate.rate])
    rates = _sheet(book, _("Svarprocent"), [_("Baggrund"), _("Gruppe"), _("Inviteret"), _("Svaret"),
                                            _("Svarprocent")], rate_rows, widths={"B": 30})
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
                          locale=current_locale())


def _percent(value: float | None) -> str:
    return "-" if value is None else format_share(value, 1)


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
        when = format_date(start, format="long", locale=current_locale())
        if ends:
            when += " - " + format_date(max(ends), format="long", locale=current_locale())
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
                                            panel=report.panel.display_name,
                                            date=format_date(report.generated_at, format="long",
                                                             locale=current_locale()))),
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


__all__ = ["codebook_rows", "respondent_rows", "to_codebook_csv", "to_csv", "to_pdf", "to_xlsx"]
