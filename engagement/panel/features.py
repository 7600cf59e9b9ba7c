"""The profile features and their values: one source of truth for every place people read them.

Signup and the profile page ask for them; settings (population targets),
samples and lotteries, the campaign wizard and review, results and exports
show them.  Each reads the feature's label and each value's label from here,
so "Privat lejebolig" is "Privat lejebolig" everywhere and no page shows a
code such as ``privat-leje``.

* ``FEATURES``: feature key -> ``Feature`` (its label and its values, code ->
  label, in the order people see them).  The codes are what the database
  stores and what the population table (``selection/data/population-margins.csv``)
  uses; its ``label_da`` column is only a reading aid for the file.
* ``area`` is the panel's own: its values and labels are the panel's areas
  (``Panel.area_labels``, set on the settings page).
* ``value_labels(panel, extra)``: every feature's value labels for one
  panel; ``extra`` (e.g. a population table's labels) only fills in values
  this module does not know (a feature a municipality added itself).
* A missing value ("vil ikke oplyse") is shown as ``NOT_GIVEN``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from flask_babel import gettext as _, lazy_gettext as _l

UNKNOWN = "unknown"   # the value a missing answer takes in selections and results


@dataclass(frozen=True)
class Feature:
    key: str
    label: object                                   # a lazy string: str() it in the reader's language
    values: Mapping[str, object] = field(default_factory=dict)
    asked_at_signup: bool = True


GENDERS = {"female": _l("Kvinde"), "male": _l("Mand"), "other": _l("Andet")}
AGE_BANDS = {"18-29": _l("18-29 år"), "30-39": _l("30-39 år"), "40-49": _l("40-49 år"),
             "50-59": _l("50-59 år"), "60-69": _l("60-69 år"), "70+": _l("70 år og derover")}
EDUCATIONS = {
    "grundskole": _l("Grundskole"),
    "gymnasial": _l("Gymnasial uddannelse"),
    "erhvervsfaglig": _l("Erhvervsfaglig uddannelse"),
    "kvu": _l("Kort videregående uddannelse"),
    "mvu": _l("Mellemlang videregående uddannelse"),
    "lvu": _l("Lang videregående uddannelse"),
}
HOUSINGS = {
    "ejer": _l("Ejerbolig"),
    "privat-leje": _l("Privat lejebolig"),
    "almen": _l("Almen bolig"),
    "andel": _l("Andelsbolig"),
    "andet": _l("Anden bolig"),
}
EMPLOYMENTS = {
    "ansat": _l("I arbejde"),
    "selvstaendig": _l("Selvstændig"),
    "studerende": _l("Under uddannelse"),
    "ledig": _l("Ledig"),
    "pensionist": _l("Pensionist eller efterlønner"),
    "andet": _l("Andet"),
}

FEATURES: dict[str, Feature] = {
    "gender": Feature("gender", _l("Køn"), GENDERS),
    "age": Feature("age", _l("Alder"), AGE_BANDS),
    "area": Feature("area", _l("Område"), {}),
    "education": Feature("education", _l("Uddannelse"), EDUCATIONS),
    "housing": Feature("housing", _l("Bolig"), HOUSINGS),
    "employment": Feature("employment", _l("Beskæftigelse"), EMPLOYMENTS),
}
FEATURE_KEYS = tuple(FEATURES)
#: the features a person chooses from a list (the rest: age from the birth year, area from the postcode)
CHOICE_FIELDS = {key: FEATURES[key].values for key in ("gender", "education", "housing", "employment")}


def feature_label(feature: str) -> str:
    """'Bolig' for ``housing``; a feature we do not know keeps its own name."""
    known = FEATURES.get(feature)
    return str(known.label) if known else feature


def value_labels(panel=None, extra: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """Every feature's value labels (code -> label) in the current language, for one panel."""
    labels = {key: {code: str(label) for code, label in feature.values.items()}
              for key, feature in FEATURES.items()}
    if panel is not None:
        labels["area"].update({code: str(label) for code, label in (panel.area_labels or {}).items()})
    for feature, values in (extra or {}).items():
        for code, label in values.items():
            labels.setdefault(feature, {}).setdefault(code, label or code)
    return labels


def value_label(labels: Mapping[str, Mapping[str, str]], feature: str, value: str | None) -> str:
    """The label of one value; 'Ikke oplyst' for a missing one."""
    if value in (None, "", UNKNOWN):
        return _("Ikke oplyst")
    return labels.get(feature, {}).get(value, value)


def known_values(feature: str) -> tuple[str, ...] | None:
    """The codes a feature may take (None: any, as for the panel's own areas or a feature of its own)."""
    known = FEATURES.get(feature)
    return tuple(known.values) if known and known.values else None
