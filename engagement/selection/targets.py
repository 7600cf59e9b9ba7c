"""Population targets: the shares of the municipality's adults per profile feature.

A CSV with the columns ``feature,value,label_da,share`` (one line per value;
each feature's shares sum to 1; comma or semicolon separated, a decimal comma
or point) is read into ``Margin`` values, checked, and
saved as ``PopulationTarget`` rows of a panel.  The default margins ship with
the code (``data/population-margins.csv``: a fictional municipality with
shares close to Danish national ones) and are the targets of a new panel and
of the demo panel.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import delete
from sqlmodel import Session

from engagement.panel.features import FEATURES, feature_label, known_values
from engagement.selection.models import PopulationTarget
from engagement.web.formatting import format_decimal_places

DEFAULT_MARGINS_PATH = Path(__file__).resolve().parent / "data" / "population-margins.csv"
REQUIRED_COLUMNS = ("feature", "value", "share")
SHARE_TOLERANCE = 0.005


class TargetsError(Exception):
    """Population targets cannot be used; the message says why."""


class MissingColumns(TargetsError):
    pass


class BadShare(TargetsError):
    pass


class SharesDoNotSumToOne(TargetsError):
    pass


class DuplicateValue(TargetsError):
    pass


class UnknownValue(TargetsError):
    """A feature or value the profile does not have (``engagement.panel.features``): no panelist could match it."""


@dataclass(frozen=True)
class Margin:
    feature: str
    value: str
    label: str
    share: float


def read_margins(text: str) -> list[Margin]:
    """Margins from CSV text (``feature,value,label_da,share``); raises ``TargetsError``."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","  # Danish Excel saves with ;
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = {name.strip() for name in reader.fieldnames or ()}
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise MissingColumns(_("kolonnerne %(columns)s mangler", columns=", ".join(missing)))
    margins: list[Margin] = []
    seen: set[tuple[str, str]] = set()
    for row in reader:
        row = {key.strip(): (value or "").strip() for key, value in row.items() if key}
        if not any(row.values()):
            continue
        feature, value = row["feature"], row["value"]
        try:
            share = float(row["share"].replace(",", "."))
        except ValueError:
            raise BadShare(_("linje %(line)s: andelen %(share)s er ikke et tal", line=reader.line_num,
                             share=row["share"])) from None
        if not (0.0 <= share <= 1.0) or not feature or not value:
            raise BadShare(_("linje %(line)s: skriv egenskab og værdi og en andel mellem 0 og 1",
                             line=reader.line_num))
        if feature not in FEATURES:
            raise UnknownValue(_("linje %(line)s: egenskaben %(feature)s findes ikke (brug %(known)s)",
                                 line=reader.line_num, feature=feature, known=", ".join(FEATURES)))
        allowed = known_values(feature)
        if allowed is not None and value not in allowed:
            raise UnknownValue(_("linje %(line)s: %(feature)s har ikke værdien %(value)s (brug %(known)s)",
                                 line=reader.line_num, feature=feature_label(feature), value=value,
                                 known=", ".join(allowed)))
        if (feature, value) in seen:
            raise DuplicateValue(_("linje %(line)s: %(feature)s = %(value)s står der to gange",
                                   line=reader.line_num, feature=feature, value=value))
        seen.add((feature, value))
        margins.append(Margin(feature, value, row.get("label_da") or row.get("label") or value, share))
    for feature, shares in margins_by_feature(margins).items():
        total = sum(shares.values())
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise SharesDoNotSumToOne(_("andelene for %(feature)s giver %(total)s tilsammen, ikke 1",
                                        feature=feature_label(feature), total=format_decimal_places(total, 3)))
    return margins


def load_margins(path: Path = DEFAULT_MARGINS_PATH) -> list[Margin]:
    return read_margins(path.read_text(encoding="utf-8"))


def default_margins() -> list[Margin]:
    """The margins shipped with the code (the demo municipality)."""
    return load_margins(DEFAULT_MARGINS_PATH)


def margins_by_feature(margins: list[Margin]) -> dict[str, dict[str, float]]:
    """``{"gender": {"female": 0.505, ...}, ...}`` in file order."""
    result: dict[str, dict[str, float]] = {}
    for margin in margins:
        result.setdefault(margin.feature, {})[margin.value] = margin.share
    return result


def labels_of(margins: list[Margin], feature: str) -> dict[str, str]:
    return {m.value: m.label for m in margins if m.feature == feature}


def replace_population_targets(session: Session, panel_id: int, margins: list[Margin]) -> list[PopulationTarget]:
    """Make ``margins`` the panel's targets (old ones removed); the caller commits."""
    session.execute(delete(PopulationTarget).where(PopulationTarget.panel_id == panel_id))
    targets = [PopulationTarget(panel_id=panel_id, feature=m.feature, value=m.value, label=m.label, share=m.share)
               for m in margins]
    session.add_all(targets)
    return targets
