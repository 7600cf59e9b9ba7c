"""Results of one survey: pure aggregation of answers, invitations and weights.

Plain values in (``Respondent``, ``Invitee``, a ``Survey`` definition and a
weight per respondent), plain values out; no database.  Every share comes
twice: unweighted and weighted (weights from ``weighting``), side by side.

* ``response_rates``: invited, responded and the rate, overall and per value
  of each background feature (the strata).
* ``question_result``: the distribution of one question's answers (a scale's
  points, yes/no, each option of a choice, a number's values, a text's count),
  with means for scales and numbers.  A multiple choice gives the share of
  those who answered that chose each option (the shares add up to more than
  100 %).
* ``crosstab``: the same distribution within each value of a feature.
* ``search_texts``: free-text answers containing every word of a query.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
from flask_babel import gettext as _

from conversations.definitions import Question, Survey

UNKNOWN = "unknown"
MAX_NUMBER_CATEGORIES = 12


@dataclass(frozen=True)
class Respondent:
    """One person who answered: a pseudonymous key, background strata, current answers."""

    key: str
    strata: Mapping[str, str | None] = field(default_factory=dict)
    answers: Mapping[str, Any] = field(default_factory=dict)

    def value(self, feature: str) -> str:
        raw = self.strata.get(feature)
        return UNKNOWN if raw is None or raw == "" else str(raw)


@dataclass(frozen=True)
class Invitee:
    strata: Mapping[str, str | None]
    responded: bool

    def value(self, feature: str) -> str:
        raw = self.strata.get(feature)
        return UNKNOWN if raw is None or raw == "" else str(raw)


@dataclass(frozen=True)
class Rate:
    value: str
    invited: int
    responded: int

    @property
    def rate(self) -> float | None:
        return self.responded / self.invited if self.invited else None


@dataclass(frozen=True)
class ResponseRates:
    overall: Rate
    by_feature: dict[str, list[Rate]]


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    count: int
    share: float
    weighted_share: float


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answered: int
    categories: list[Category]
    mean: float | None = None
    weighted_mean: float | None = None
    median: float | None = None

    @property
    def is_text(self) -> bool:
        return self.question.type == "text"


@dataclass(frozen=True)
class CrossRow:
    value: str
    answered: int
    categories: list[Category]
    mean: float | None = None
    weighted_mean: float | None = None


@dataclass(frozen=True)
class CrossTab:
    question: Question
    feature: str
    category_keys: list[str]
    category_labels: list[str]
    rows: list[CrossRow]


def response_rates(invitees: Sequence[Invitee], features: Sequence[str],
                   order: Mapping[str, Sequence[str]] | None = None) -> ResponseRates:
    """Overall and per value of each feature; values in ``order`` first (the population's), then the rest."""
    overall = Rate("all", len(invitees), sum(1 for i in invitees if i.responded))
    by_feature: dict[str, list[Rate]] = {}
    for feature in features:
        invited: dict[str, int] = {}
        responded: dict[str, int] = {}
        for person in invitees:
            value = person.value(feature)
            invited[value] = invited.get(value, 0) + 1
            responded[value] = responded.get(value, 0) + int(person.responded)
        known = [v for v in (order or {}).get(feature, ()) if v in invited]
        values = known + sorted(v for v in invited if v not in known)
        by_feature[feature] = [Rate(v, invited[v], responded[v]) for v in values]
    return ResponseRates(overall, by_feature)


def category_labels(question: Question) -> dict[str, str]:
    """The fixed categories of a question (key -> label); numbers and texts have none."""
    if question.type == "scale":
        out = {}
        for point in range(question.min, question.max + 1):
            label = question.labels.get(point)
            out[str(point)] = f"{point} ({label})" if label else str(point)
        return out
    if question.type == "yes_no":
        return {"yes": _("Ja"), "no": _("Nej")}
    if question.type == "choice":
        return {option.key: option.label for option in question.options}
    return {}


def _keys_of(question: Question, value: Any) -> list[str]:
    if value is None:
        return []
    if question.type == "choice" and question.multiple:
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
    return [str(value)]


def _numeric(question: Question) -> bool:
    return question.type in ("scale", "number")


def _categories(question: Question, answers: Sequence[Any], weights: np.ndarray,
                labels: dict[str, str] | None = None) -> list[Category]:
    labels = dict(category_labels(question) if labels is None else labels)
    n = len(answers)
    total_w = float(weights.sum()) if n else 0.0
    counts: dict[str, int] = {key: 0 for key in labels}
    wsums: dict[str, float] = {key: 0.0 for key in labels}
    for value, weight in zip(answers, weights):
        for key in _keys_of(question, value):
            counts[key] = counts.get(key, 0) + 1
            wsums[key] = wsums.get(key, 0.0) + float(weight)
            labels.setdefault(key, key)
    return [Category(key, labels[key], counts[key], counts[key] / n if n else 0.0,
                     wsums[key] / total_w if total_w else 0.0) for key in labels]


def number_labels(values: Sequence[Any]) -> dict[str, str]:
    """Categories for a number question: each value when there are few, else none (means say it)."""
    distinct = sorted({v for v in values if isinstance(v, (int, float))})
    if len(distinct) > MAX_NUMBER_CATEGORIES:
        return {}
    return {str(v): str(v) for v in distinct}


def _means(question: Question, answers: Sequence[Any], weights: np.ndarray):
    if not _numeric(question):
        return None, None, None
    pairs = [(float(v), float(w)) for v, w in zip(answers, weights) if isinstance(v, (int, float))]
    if not pairs:
        return None, None, None
    values = [v for v, _w in pairs]
    wsum = sum(w for _v, w in pairs)
    weighted = sum(v * w for v, w in pairs) / wsum if wsum else None
    return statistics.fmean(values), weighted, statistics.median(values)


def _answered(question: Question, respondents: Sequence[Respondent],
              weights: np.ndarray) -> tuple[list[Any], np.ndarray, list[int]]:
    idx = [i for i, r in enumerate(respondents) if r.answers.get(question.key) is not None]
    return [respondents[i].answers[question.key] for i in idx], weights[idx] if idx else np.zeros(0), idx


def question_result(question: Question, respondents: Sequence[Respondent],
                    weights: Sequence[float] | np.ndarray | None = None) -> QuestionResult:
    w = np.ones(len(respondents)) if weights is None else np.asarray(weights, dtype=float)
    answers, aw, _idx = _answered(question, respondents, w)
    labels = number_labels(answers) if question.type == "number" else None
    categories = [] if question.type == "text" else _categories(question, answers, aw, labels)
    mean, weighted_mean, median = _means(question, answers, aw)
    return QuestionResult(question, len(answers), categories, mean, weighted_mean, median)


def survey_results(survey: Survey, respondents: Sequence[Respondent],
                   weights: Sequence[float] | np.ndarray | None = None) -> list[QuestionResult]:
    return [question_result(q, respondents, weights) for q in survey.questions]


def crosstab(question: Question, feature: str, respondents: Sequence[Respondent],
             weights: Sequence[float] | np.ndarray | None = None,
             order: Sequence[str] = ()) -> CrossTab:
    """The question's distribution within each value of ``feature`` (rows), shares within the row."""
    w = np.ones(len(respondents)) if weights is None else np.asarray(weights, dtype=float)
    answers, aw, idx = _answered(question, respondents, w)
    labels = number_labels(answers) if question.type == "number" else category_labels(question)
    groups: dict[str, list[int]] = {}
    for position, i in enumerate(idx):
        groups.setdefault(respondents[i].value(feature), []).append(position)
    values = [v for v in order if v in groups] + sorted(v for v in groups if v not in order)
    rows = []
    for value in values:
        positions = groups[value]
        sub_answers = [answers[p] for p in positions]
        sub_w = aw[positions]
        mean, weighted_mean, _median = _means(question, sub_answers, sub_w)
        rows.append(CrossRow(value, len(positions), _categories(question, sub_answers, sub_w, labels),
                             mean, weighted_mean))
    keys = list(labels)
    for row in rows:  # values outside the fixed categories (should not happen) get a column too
        for category in row.categories:
            if category.key not in keys:
                keys.append(category.key)
    label_list = [labels.get(k, k) for k in keys]
    return CrossTab(question, feature, keys, label_list, rows)


def text_answers(question: Question, respondents: Sequence[Respondent]) -> list[tuple[str, str]]:
    """(respondent key, text) of every free-text answer to the question."""
    return [(r.key, str(r.answers[question.key])) for r in respondents
            if question.type == "text" and r.answers.get(question.key)]


def search_texts(question: Question, respondents: Sequence[Respondent], query: str) -> list[tuple[str, str]]:
    """Free-text answers containing every word of ``query`` (case-insensitive); all when it is empty."""
    words = [word.casefold() for word in (query or "").split()]
    found = []
    for key, text in text_answers(question, respondents):
        folded = text.casefold()
        if all(word in folded for word in words):
            found.append((key, text))
    return found
