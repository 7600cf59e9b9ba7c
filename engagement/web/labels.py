"""Codes as words on staff pages: a stored answer, its question and where it came from.

Jinja globals for every page (``init_app``):

    {{ question_label(survey, answer.question_key) }}   -> '1. Hvor tilfreds er du med busserne?'
    {{ answer_label(survey, answer.question_key, answer.value) }}   -> 'Bus og Cykel', 'Ja', '4 (Meget tilfreds)'
    {{ source_label(answer.source) }}   -> 'Mail', 'SMS', 'Link', 'Medarbejder'

Profile features and their values have their own module (``engagement.panel.features``).
"""
from __future__ import annotations

from typing import Any

from flask import Flask

from conversations.definitions import Survey


def question_label(survey: Survey | None, key: str) -> str:
    question = survey.question(key) if isinstance(survey, Survey) else None
    return f"{question.number}. {question.text}" if question is not None else key


def answer_label(survey: Survey | None, key: str, value: Any) -> str:
    from engagement.reports.results import category_labels

    if value is None:
        return "–"
    question = survey.question(key) if isinstance(survey, Survey) else None
    labels = category_labels(question) if question is not None else {}
    values = value if isinstance(value, (list, tuple)) else [value]
    words = [labels.get(str(v), str(v)) for v in values]
    if not words:
        return "–"
    if len(words) == 1:
        return words[0]
    # A list as the page's language writes one, like the citizens' receipts: 'Plast og glas',
    # 'Papir og pap, plast og glas' (the first letter kept as the label has it).
    from engagement.messages.render import natural_list
    from engagement.web.formatting import current_locale

    joined = natural_list(words, str(current_locale()))
    return words[0][:1] + joined[1:]


def source_label(code: str | None) -> str:
    from engagement.panel.history import SOURCE_LABELS

    return str(SOURCE_LABELS.get(code or "", code or "–"))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(question_label=question_label, answer_label=answer_label,
                                 source_label=source_label)
