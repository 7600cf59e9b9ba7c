"""What a campaign's messages say: the invitation, the reminders, the SMS questions.

Rendered in the recipient's language (``in_language``), when the step is
enqueued; the text is then stored on the outbox row, so what goes out is
what was decided.  SMS text is made GSM 7-bit where it can be (``to_gsm7``)
and its segments are counted; ``sms_preview`` renders the longest SMS a
campaign would send, so an over-long one is refused when the campaign is
created (``engagement.campaigns.service``), not when it is sent.

Over email a survey sends all its questions in one message; over SMS it
asks one question per message, and the next goes when an answer has been
read (the inbound feature enqueues it with ``sms_question_message``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask_babel import gettext as _

from conversations.definitions import Meeting, Question, Survey
from engagement.campaigns.models import INFORMATION, MEETING, Campaign
from engagement.i18n import in_language
from engagement.messages.gsm import is_gsm7, segment_count, to_gsm7
from engagement.panel.models import Panel

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@dataclass(frozen=True)
class Content:
    subject: str
    text: str
    html: str | None = None
    segments: int | None = None      # SMS only
    encoding: str | None = None      # SMS only: gsm7 | ucs2
    sms_question: str | None = None  # SMS survey: the key of the question asked


def _when(moment: datetime | None, language: str, with_time: bool = False) -> str:
    if moment is None:
        return ""
    pattern = "d. MMMM 'kl.' HH.mm" if with_time else "d. MMMM"
    if language == "en":
        pattern = "d MMMM 'at' HH:mm" if with_time else "d MMMM"
    return format_datetime(moment, pattern, tzinfo=COPENHAGEN, locale=language)


def _how_to_answer(question: Question) -> str:
    if question.type == "scale":
        low, high = str(question.min), str(question.max)
        if question.labels.get(question.min) and question.labels.get(question.max):
            low = f"{low} ({question.labels[question.min]})"
            high = f"{high} ({question.labels[question.max]})"
        return _("Svar med et tal fra %(low)s til %(high)s.", low=low, high=high)
    if question.type == "yes_no":
        return _("Svar ja eller nej.")
    if question.type == "choice":
        # Options are lettered A, B, C ... so a number is never taken for an option.
        options = ", ".join(f"{chr(ord('A') + i)}) {option.label}" for i, option in enumerate(question.options))
        if question.multiple:
            return _("Vælg et eller flere: %(options)s.", options=options)
        return _("Vælg et: %(options)s.", options=options)
    if question.type == "number":
        return _("Svar med et tal.")
    return _("Skriv dit svar.")


def _greeting(name: str | None) -> str:
    return _("Hej %(name)s", name=name) if name else _("Hej")


def _footer(profile_url: str | None, leave_url: str | None) -> list[str]:
    lines = ["", "--"]
    if profile_url:
        lines.append(_("Se og ret dine oplysninger: %(url)s", url=profile_url))
    if leave_url:
        lines.append(_("Vil du ikke være med mere? Meld dig ud her: %(url)s", url=leave_url))
    return lines


def email_content(campaign: Campaign, definition: Survey | Meeting | None, panel: Panel, *,
                  step: int, name: str | None, language: str, profile_url: str | None = None,
                  leave_url: str | None = None) -> Content:
    """The email for a step (0 = invitation, n = reminder n), in the recipient's language."""
    with in_language(language):
        lines = [_greeting(name) + ",", ""]
        deadline = _when(campaign.deadline_at, language)
        if campaign.kind == INFORMATION:
            subject = campaign.subject
            lines += [campaign.body.strip()]
        elif campaign.kind == MEETING and isinstance(definition, Meeting):
            subject = (_("Påmindelse: %(title)s", title=definition.title) if step
                       else _("Invitation: %(title)s", title=definition.title))
            if step:
                lines += [_("Vi har ikke hørt fra dig endnu."), ""]
            lines += [_("Vi holder et møde, og du er inviteret."), "",
                      _("Hvad: %(title)s", title=definition.title),
                      _("Hvornår: %(when)s", when=_when(definition.starts_at, language, with_time=True)),
                      _("Hvor: %(where)s", where=definition.location), ""]
            if definition.max_guests:
                lines.append(_("Svar ja eller nej på denne mail. Du må tage %(n)s med.",
                               n=definition.max_guests))
            else:
                lines.append(_("Svar ja eller nej på denne mail."))
            if deadline:
                lines.append(_("Svar senest %(date)s.", date=deadline))
        elif isinstance(definition, Survey):
            subject = (_("Påmindelse: %(title)s", title=definition.title) if step
                       else _("Vi vil gerne høre din mening: %(title)s", title=definition.title))
            if step:
                lines += [_("Vi har ikke fået dit svar endnu. Det tager kun et par minutter."), ""]
            lines += [_("Svar ved at skrive tilbage på denne mail. Skriv nummeret og dit svar, fx \"1: 4\"."), ""]
            for question in definition.questions:
                lines += [f"{question.number}. {question.text}", "   " + _how_to_answer(question), ""]
            if deadline:
                lines.append(_("Svar senest %(date)s.", date=deadline))
        else:
            raise ValueError("a survey or meeting campaign needs its definition")
        lines += ["", _("Venlig hilsen"), panel.sender_name]
        lines += _footer(profile_url, leave_url)
        text = "\n".join(lines).strip() + "\n"
        return Content(subject=subject, text=text, html=_html(text, language))


def _html(text: str, language: str) -> str:
    from markupsafe import escape

    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"></head>'
            f"<body>\n{body}\n</body></html>\n")


def sms_content(campaign: Campaign, definition: Survey | Meeting | None, panel: Panel, *,
                step: int, language: str, question: Question | None = None) -> Content:
    """The SMS for a step; a survey's SMS asks one question (the first open one)."""
    with in_language(language):
        parts = [f"{panel.sender_name}:"]
        deadline = _when(campaign.deadline_at, language)
        asked = None
        if campaign.kind == INFORMATION:
            parts.append(campaign.body.strip())
        elif isinstance(definition, Meeting):
            if step:
                parts.append(_("Påmindelse."))
            parts.append(_("Du er inviteret til %(title)s %(when)s, %(where)s.", title=definition.title,
                           when=_when(definition.starts_at, language, with_time=True),
                           where=definition.location))
            parts.append(_("Svar ja eller nej."))
            if deadline:
                parts.append(_("Svar senest %(date)s.", date=deadline))
        elif isinstance(definition, Survey):
            question = question or definition.questions[0]
            asked = question.key
            if step:
                parts.append(_("Påmindelse."))
            parts.append(_("%(title)s.", title=definition.title.rstrip(".")))
            parts.append(_question_sms_part(question, len(definition.questions)))
            if deadline:
                parts.append(_("Svar senest %(date)s.", date=deadline))
        else:
            raise ValueError("a survey or meeting campaign needs its definition")
        parts.append(_("Svar STOP for at melde dig ud."))
        return _sms(" ".join(parts), asked)


def _question_sms_part(question: Question, total: int) -> str:
    return (_("Spørgsmål %(n)s af %(total)s: %(text)s", n=question.number, total=total,
              text=question.text) + " " + _how_to_answer(question))


def sms_question_message(definition: Survey, question: Question, panel: Panel, *, language: str) -> Content:
    """The next question of an SMS survey, after an answer to the one before."""
    with in_language(language):
        return _sms(f"{panel.sender_name}: " + _question_sms_part(question, len(definition.questions)),
                    question.key)


def _sms(text: str, asked: str | None) -> Content:
    text = to_gsm7(text)
    encoding = "gsm7" if is_gsm7(text) else "ucs2"
    return Content(subject="", text=text, segments=segment_count(text), encoding=encoding,
                   sms_question=asked)


def sms_previews(campaign: Campaign, definition: Survey | Meeting | None, panel: Panel) -> list[tuple[str, Content]]:
    """Every SMS the campaign can send (each step, each question, in each language), for the budget check."""
    previews: list[tuple[str, Content]] = []
    for language in ("da", "en"):
        for step in range(len(campaign.reminder_days) + 1):
            if isinstance(definition, Survey):
                for question in definition.questions:
                    previews.append((f"step {step}, question {question.key}, {language}",
                                     sms_content(campaign, definition, panel, step=step,
                                                 language=language, question=question)))
            else:
                previews.append((f"step {step}, {language}",
                                 sms_content(campaign, definition, panel, step=step, language=language)))
        if isinstance(definition, Survey):
            for question in definition.questions[1:]:
                previews.append((f"question {question.key}, {language}",
                                 sms_question_message(definition, question, panel, language=language)))
    return previews

