"""Charts: horizontal bar charts as SVG for the results page, and the same drawn into the PDF.

A ``BarChart`` is a plain value (title, bars, series names); ``to_svg``
writes it as accessible SVG (``role="img"``, a ``<title>``; the table next
to it on the page says the same in numbers), and ``draw_on_pdf`` draws it
with the PDF library's own primitives (rectangles and text), so the PDF
has real text that can be searched and read aloud.  Two series: the first
(weighted, or the respondents) dark blue; the second (unweighted, or the
population) grey.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from engagement.web.formatting import format_decimal_places, format_share
from flask_babel import gettext as _
from markupsafe import Markup, escape

FIRST_COLOUR = (11, 92, 173)     # #0b5cad
SECOND_COLOUR = (154, 165, 177)  # #9aa5b1


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#%02x%02x%02x" % rgb


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    second: float | None = None


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: Sequence[Bar]
    first_name: str
    second_name: str | None = None
    maximum: float = 1.0      # the value a full bar stands for (1.0 = 100 %)
    percent: bool = True


def format_value(value: float, percent: bool = True, locale: str | None = None) -> str:
    """A share as '50,5 %' or a number as '1,48', in ``locale`` (default: the page's)."""
    if percent:
        return format_share(value, 1, locale)
    return format_decimal_places(value, 2, locale)


def _scale(chart: BarChart) -> float:
    top = max([chart.maximum] + [b.value for b in chart.bars] + [b.second or 0 for b in chart.bars])
    return top or 1.0


def to_svg(chart: BarChart, ident: str, locale: str | None = None) -> Markup:
    """The chart as inline SVG; ``ident`` makes the title's id unique on the page."""
    two = chart.second_name is not None
    bar, gap, label_w, plot_w = 14, 10, 200, 300
    per_row = (2 * bar if two else bar) + gap
    height = len(chart.bars) * per_row + 30
    scale = _scale(chart)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {label_w + plot_w + 70} {height}" width="100%" '
             f'aria-labelledby="chart-{escape(ident)}-title">',
             f'<title id="chart-{escape(ident)}-title">{escape(chart.title)}. '
             f'{escape(_("Tallene står i tabellen."))}</title>',
             f'<rect x="{label_w}" y="2" width="12" height="10" fill="{_hex(FIRST_COLOUR)}"></rect>',
             f'<text x="{label_w + 16}" y="11" font-size="11">{escape(chart.first_name)}</text>']
    if two:
        parts += [f'<rect x="{label_w + 110}" y="2" width="12" height="10" fill="{_hex(SECOND_COLOUR)}"></rect>',
                  f'<text x="{label_w + 126}" y="11" font-size="11">{escape(chart.second_name)}</text>']
    for i, item in enumerate(chart.bars):
        y = 24 + i * per_row
        label = item.label if len(item.label) <= 32 else item.label[:31] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + bar - 2}" font-size="12" text-anchor="end">'
                     f'{escape(label)}</text>')
        series = [(item.value, FIRST_COLOUR, 0)]
        if two and item.second is not None:
            series.append((item.second, SECOND_COLOUR, bar))
        for value, colour, offset in series:
            width = round(max(0.0, value) / scale * plot_w, 1)
            parts.append(f'<rect x="{label_w}" y="{y + offset}" width="{width}" height="{bar - 1}" '
                         f'fill="{_hex(colour)}"></rect>')
            parts.append(f'<text x="{label_w + width + 4}" y="{y + offset + bar - 3}" font-size="11">'
                         f'{escape(format_value(value, chart.percent, locale))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def pdf_height(chart: BarChart) -> float:
    """About how much room (mm) ``draw_on_pdf`` needs: to start a new page in time."""
    per_row = (8.0 if chart.second_name is not None else 4.0) + 2.5
    return 20 + len(chart.bars) * per_row


def draw_on_pdf(pdf, chart: BarChart, *, x: float, y: float, width: float,
                text: Callable[[str], str] = str, locale: str = "da") -> float:
    """Draw the chart with fpdf2 primitives at (x, y) in mm; returns the height used.

    ``text`` makes a string safe for the PDF's font (see ``exports``).
    """
    two = chart.second_name is not None
    bar, gap, title_h, legend_h = 4.0, 2.5, 7.0, 6.0
    label_w = min(60.0, width * 0.38)
    plot_w = width - label_w - 18
    scale = _scale(chart)
    pdf.set_font(size=11, style="B")
    pdf.set_xy(x, y)
    pdf.multi_cell(width, 5, text(chart.title), new_x="LMARGIN", new_y="NEXT")
    top = max(pdf.get_y(), y + title_h - 2) + 1
    pdf.set_font(size=8, style="")
    pdf.set_fill_color(*FIRST_COLOUR)
    pdf.rect(x + label_w, top, 3, 3, style="F")
    pdf.set_xy(x + label_w + 4, top - 0.5)
    pdf.cell(40, 4, text(chart.first_name))
    if two:
        pdf.set_fill_color(*SECOND_COLOUR)
        pdf.rect(x + label_w + 45, top, 3, 3, style="F")
        pdf.set_xy(x + label_w + 49, top - 0.5)
        pdf.cell(40, 4, text(chart.second_name or ""))
    row_top = top + legend_h
    per_row = (2 * bar if two else bar) + gap
    for i, item in enumerate(chart.bars):
        ry = row_top + i * per_row
        label = item.label if len(item.label) <= 40 else item.label[:39] + "..."
        pdf.set_xy(x, ry)
        pdf.cell(label_w - 2, bar, text(label), align="R")
        series = [(item.value, FIRST_COLOUR, 0.0)]
        if two and item.second is not None:
            series.append((item.second, SECOND_COLOUR, bar))
        for value, colour, offset in series:
            w = max(0.0, value) / scale * plot_w
            pdf.set_fill_color(*colour)
            if w > 0:
                pdf.rect(x + label_w, ry + offset, w, bar - 0.6, style="F")
            pdf.set_xy(x + label_w + w + 1, ry + offset)
            pdf.cell(16, bar - 0.6, text(format_value(value, chart.percent, locale)))
    return (row_top - y) + len(chart.bars) * per_row + 3


# ---------------------------------------------------------------------------
# The charts of a report
# ---------------------------------------------------------------------------

def question_chart(result, title: str | None = None) -> BarChart | None:
    """A question's answers: weighted beside unweighted (None for a text question or no categories)."""
    if result.is_text or not result.categories:
        return None
    return BarChart(title=title or f"{result.question.number}. {result.question.text}",
                    bars=[Bar(c.label, c.weighted_share, c.share) for c in result.categories],
                    first_name=_("Vægtet"), second_name=_("Uvægtet"))


def representation_chart(title: str, rows, value_label: Callable[[str], str]) -> BarChart:
    """Respondents (unweighted) beside the population, for one feature."""
    return BarChart(title=title,
                    bars=[Bar(value_label(r.value), r.share, r.population_share) for r in rows],
                    first_name=_("Svarpersoner"), second_name=_("Befolkningen"))


def response_rate_chart(title: str, rates, value_label: Callable[[str], str]) -> BarChart:
    return BarChart(title=title, bars=[Bar(value_label(r.value), r.rate or 0.0) for r in rates],
                    first_name=_("Svarprocent"))
