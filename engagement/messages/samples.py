"""Sample data for previews: every message a citizen can receive, rendered with a made-up panelist.

``preview_messages(definitions)`` yields a ``RenderedMessage`` for every
template, channel and language: for each survey its invitation, reminder and
the dialogue replies (receipt, ask again, next question, closed); for each
meeting its invitation, reminder and RSVP replies; the information mailing,
the results summary, leaving, passed-to-staff; and the panel's own emails
(``engagement/panel/templates/panel/email/*.txt``: confirm, welcome, profile
link, goodbye ...), rendered by name with sample context.

The sample panelist is "Mette"; links point at ``settings.public_base_url``
with a sample token, so nothing here touches the database.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from flask import current_app

from conversations.definitions import Meeting, Question, Survey
from engagement import get_settings
from engagement.i18n import LANGUAGES, in_language
from engagement.messages.render import (CHANNELS, RenderedMessage, _fold, _tidy, message_environment,
                                        render_message)

SAMPLE_NAME = "Mette"
SAMPLE_TOKEN = "eyJwIjoxMjMsInYiOjF9.ZmFrZQ.c2FtcGxl"
PANEL_EMAIL_FOLDER = Path(__file__).resolve().parent.parent / "panel" / "templates" / "panel" / "email"


@dataclass(frozen=True)
class SamplePanel:
    key: str = "demo"
    name: str = "Borgerpanelet i Eksempel Kommune"
    sender_name: str = "Borgerpanelet"
    membership_years: int = 3


@dataclass(frozen=True)
class SamplePanelist:
    id: int = 123
    name: str = SAMPLE_NAME
    email: str = "mette@example.dk"
    phone: str = "+4520123456"
    language: str = "da"
    token_version: int = 1


def sample_url(path: str) -> str:
    return f"{get_settings().public_base_url.rstrip('/')}/{path.lstrip('/')}"


def sample_links(panel: SamplePanel = SamplePanel()) -> dict[str, Any]:
    base = f"p/{panel.key}"
    return {
        "leave_url": sample_url(f"{base}/udmeld/{SAMPLE_TOKEN}"),
        "profile_url": sample_url(f"{base}/profil/{SAMPLE_TOKEN}"),
        "confirm_url": sample_url(f"{base}/bekraeft/{SAMPLE_TOKEN}"),
        "change_url": sample_url(f"{base}/ny-email/{SAMPLE_TOKEN}"),
        "signup_url": sample_url(f"{base}/tilmeld"),
        "link_page_url": sample_url(f"{base}/link"),
        "answer_url": sample_url(f"{base}/svar/{SAMPLE_TOKEN}"),
        "results_url": sample_url(f"{base}/resultater/trafik"),
        "rsvp_links": {choice: sample_url(f"{base}/moede/{SAMPLE_TOKEN}/{choice}")
                       for choice in ("yes", "no", "maybe")},
    }


def sample_value(question: Question) -> Any:
    """An answer a panelist might give (for receipts)."""
    if question.type == "scale":
        return max(question.min, question.max - 1)
    if question.type == "yes_no":
        return "yes"
    if question.type == "choice":
        keys = [o.key for o in question.options]
        return keys[:2] if question.multiple else keys[min(1, len(keys) - 1)]
    if question.type == "number":
        low = question.min if question.min is not None else 0
        return min(low + 2, question.max if question.max is not None else low + 2)
    return "Flere cykelstier og bedre lys ved skolen, så børnene kan cykle sikkert hjem om vinteren."


def sample_deadline(now: datetime | None = None) -> datetime:
    return (now or datetime(2027, 1, 8, 12, 0, tzinfo=timezone.utc)) + timedelta(days=14)


def survey_messages(survey: Survey, channel: str, language: str, common: dict) -> Iterator[RenderedMessage]:
    questions = survey.questions
    recorded = [(q, sample_value(q)) for q in questions]
    deadline = sample_deadline()
    yield render_message("survey_invitation", channel=channel, language=language, survey=survey,
                         deadline=deadline, **common)
    yield render_message("survey_reminder", channel=channel, language=language, survey=survey,
                         questions=questions[1:] or questions, deadline=deadline, **common)
    yield render_message("receipt", channel=channel, language=language, survey=survey,
                         recorded=recorded if channel == "email" else recorded[-1:], complete=True, **common)
    unclear = [q for q in questions if q.type in ("scale", "choice")][:1] or [questions[0]]
    yield render_message("ask_again", channel=channel, language=language, survey=survey,
                         recorded=[r for r in recorded if r[0] not in unclear][: 3 if channel == "email" else 1],
                         ask_about=unclear, **common)
    if len(questions) > 1:
        yield render_message("next_question", channel=channel, language=language, survey=survey,
                             recorded=recorded[:1], next_question=questions[1], **common)
    yield render_message("survey_closed", channel=channel, language=language, survey=survey, **common)


def meeting_messages(meeting: Meeting, channel: str, language: str, common: dict) -> Iterator[RenderedMessage]:
    yield render_message("meeting_invitation", channel=channel, language=language, meeting=meeting,
                         deadline=meeting.starts_at - timedelta(days=7), **common)
    if channel == "email":  # with limited seats: first come, then a lottery at the meeting's own deadline
        from engagement.meetings.seating import Seating

        for mode in ("first_come", "lottery"):
            seating = Seating(capacity=40, mode=mode, deadline=meeting.starts_at - timedelta(days=5))
            yield render_message("meeting_invitation", channel=channel, language=language, meeting=meeting,
                                 deadline=meeting.starts_at - timedelta(days=7), seating=seating, **common)
    for attending in (None, "yes", "maybe"):
        yield render_message("meeting_reminder", channel=channel, language=language, meeting=meeting,
                             attending=attending, guests=min(1, meeting.max_guests) if attending else 0, **common)
    for attending in ("yes", "no", "maybe"):
        yield render_message("rsvp_receipt", channel=channel, language=language, meeting=meeting,
                             attending=attending, guests=min(1, meeting.max_guests) if attending == "yes" else 0,
                             **common)
    for reason in ("unclear", "guests"):
        yield render_message("ask_rsvp_again", channel=channel, language=language, meeting=meeting,
                             reason=reason, **common)
    from engagement.meetings.notices import meeting_notice_samples  # seats, waitlist, changes, cancellation

    yield from meeting_notice_samples(meeting, channel, language, common)


def general_messages(channel: str, language: str, common: dict) -> Iterator[RenderedMessage]:
    yield render_message(
        "information", channel=channel, language=language,
        subject="Nyt fra borgerpanelet",
        body=("Tak for alle jeres svar om trafik. Over 1.200 af jer svarede.\n"
              "Byrådet ser på svarene i marts. Vi skriver igen, når vi ved mere."), **common)
    yield render_message(
        "results_summary", channel=channel, language=language, title="Trafik i byen",
        figures=[{"label": "Svar i alt", "count": 1234},
                 {"label": "Tilfreds med busserne", "percent": 0.62},
                 {"label": "Cykler til arbejde", "percent": 0.41}],
        note="Byrådet ser på svarene i marts. Tak for hjælpen!", **common)
    yield from feedback_messages(channel, language, common)
    yield render_message("passed_to_staff", channel=channel, language=language, **common)
    yield render_message("leaving_confirmation", channel=channel, language=language, **common)


def feedback_messages(channel: str, language: str, common: dict) -> Iterator[RenderedMessage]:
    """The survey summary and the "I sagde – vi gjorde" follow-up (``engagement.reports.feedback``)."""
    from engagement.reports.feedback import format_day, render_feedback

    figures = [{"question": "Hvor tilfreds er du med busserne?", "answer": "4", "percent": 0.62},
               {"question": "Cykler du til arbejde?", "answer": "Ja", "percent": 0.41}]
    values = dict(title="Trafik i byen", respondents=1234, rate=0.62, figures=figures, surveys_answered=3,
                  answered_on=format_day(datetime(2027, 1, 14, 12, 0, tzinfo=timezone.utc), language))
    yield render_feedback("summary", channel=channel, language=language,
                          note="Byrådet ser på svarene i marts. Vi skriver igen, når vi ved mere.",
                          **values, **common)
    yield render_feedback("followup", channel=channel, language=language,
                          note="Vi har sat flere busser ind på linje 5. De kører fra 1. marts.",
                          **values, **common)


def panel_email_names() -> list[str]:
    """The citizens' emails written by the panel feature (confirm, welcome, ...), if they exist."""
    if not PANEL_EMAIL_FOLDER.is_dir():
        return []
    return sorted(p.stem for p in PANEL_EMAIL_FOLDER.glob("*.txt") if not p.name.startswith("_"))


def render_panel_email(name: str, language: str, context: dict | None = None) -> RenderedMessage:
    """One of the panel feature's emails (``{% block subject %}`` + ``{% block body %}``) with sample data."""
    panel, links = SamplePanel(), sample_links()
    values = {"panel": panel, "panelist": SamplePanelist(language=language), **links, **(context or {})}
    template = current_app.jinja_env.get_template(f"panel/email/{name}.txt")
    with in_language(language):
        render = template.new_context(values)
        subject = _fold("".join(template.blocks["subject"](render))) if "subject" in template.blocks else None
        if "body" in template.blocks:
            body = "".join(template.blocks["body"](template.new_context(values)))
        else:
            body = template.render(values)
    return RenderedMessage(template=f"panel/{name}", channel="email", language=language,
                           subject=subject, text=_tidy(body, "email"))


def preview_messages(definitions: Iterable[Survey | Meeting],
                     languages: Iterable[str] = LANGUAGES) -> Iterator[RenderedMessage]:
    """Every message a citizen can receive, for these definitions, in every language and channel."""
    definitions = list(definitions)
    links = sample_links()
    message_environment()  # fail early outside an app context
    for language in languages:
        for channel in CHANNELS:
            common = {"name": SAMPLE_NAME, "leave_url": links["leave_url"], "sender": None}
            if channel == "email":
                common.update(answer_url=links["answer_url"], rsvp_links=links["rsvp_links"],
                              results_url=links["results_url"], signup_url=links["signup_url"])
            else:
                common.update(results_url=links["results_url"])
            for definition in definitions:
                if isinstance(definition, Survey):
                    yield from survey_messages(definition, channel, language, common)
                else:
                    yield from meeting_messages(definition, channel, language, common)
            yield from general_messages(channel, language, common)
        for name in panel_email_names():
            yield render_panel_email(name, language)
