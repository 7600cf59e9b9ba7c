"""Feedback to panelists: the summary when a survey closes, and "I sagde – vi gjorde" later.

Staff write a short note ("what happens now", or what the municipality
did); each respondent gets, by their channel and in their language, a few
key figures formatted the Danish way with Babel ("1.234", "62 %",
"14. januar 2027"), their own participation, and the note.  An SMS gets a
short version with a link to a public page with the same figures and note.

* ``key_figures(report)``: the figures (pure, from a ``Report``).
* ``render_feedback(kind, channel=..., language=..., ...)``: one message,
  through the messages feature's renderer and layouts (greeting, sign-off,
  leave link; "Svar STOP" on SMS; GSM 7-bit).
* ``send_feedback(...)``: a ``Feedback`` row and one outbox row per
  respondent (dedupe key ``feedback:<id>:panelist:<id>``); the caller
  commits.  A survey gets one summary; follow-ups as many as staff write.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlmodel import Session

from engagement.audit import record_audit
from engagement.campaigns.models import Campaign, CampaignRecipient
from engagement.campaigns.rules import after_quiet_hours
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.messages.gsm import is_gsm7, segment_count
from engagement.messages.render import RenderedMessage, UnknownChannel, greeting_name, render_template_text
from engagement.panel.models import ACTIVE, Panel, Panelist
from engagement.reports.models import FEEDBACK_KINDS, FOLLOWUP, SUMMARY, Feedback
from engagement.surveys.models import Answer, StoredDefinition
from engagement.tokens import TokenError, make_token, read_token

log = logging.getLogger(__name__)

TEMPLATES = {SUMMARY: "feedback_summary", FOLLOWUP: "feedback_followup"}
MAX_NOTE = 1200
MAX_FIGURES = 3
TOKEN_PURPOSE = "feedback"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


class FeedbackError(Exception):
    """Base of the feedback errors; the message is for staff (Danish)."""


class EmptyNote(FeedbackError):
    pass


class AlreadySent(FeedbackError):
    pass


class NoRespondents(FeedbackError):
    pass


class UnknownKind(FeedbackError):
    pass


# ---------------------------------------------------------------------------
# What the message says
# ---------------------------------------------------------------------------

def key_figures(report, limit: int = MAX_FIGURES) -> list[dict]:
    """For the first closed questions: the answer most gave (weighted share)."""
    figures = []
    for result in report.results:
        if result.is_text or not result.categories or not result.answered:
            continue
        top = max(result.categories, key=lambda c: c.weighted_share)
        figures.append({"question": result.question.text, "answer": top.label,
                        "percent": round(top.weighted_share, 4)})
        if len(figures) == limit:
            break
    return figures


def format_day(moment: datetime | None, language: str) -> str:
    """'14. januar 2027' (Danish) or '14 January 2027', in Copenhagen time."""
    if moment is None:
        return ""
    pattern = "d. MMMM y" if language == "da" else "d MMMM y"
    return format_date(moment.astimezone(COPENHAGEN).date(), format=pattern, locale=language)


def render_feedback(kind: str, *, channel: str, language: str, **context: Any) -> RenderedMessage:
    """One feedback message. Context: title, respondents, rate, figures, note, answered_on,
    surveys_answered, results_url; name, sender and (email) leave_url as every message."""
    if kind not in TEMPLATES:
        raise UnknownKind(kind)
    if channel not in ("email", "sms"):
        raise UnknownChannel(channel)
    if channel == "email" and not context.get("leave_url"):
        raise FeedbackError("an email needs leave_url")
    context.setdefault("name", None)
    context.setdefault("sender", None)
    context.setdefault("figures", [])
    name = TEMPLATES[kind]
    subject, text = render_template_text(f"messages/{name}.{channel}.txt", channel, language, context)
    return RenderedMessage(template=name, channel=channel, language=language,
                           subject=subject if channel == "email" else None, text=text)


def public_token(feedback_id: int) -> str:
    return make_token(TOKEN_PURPOSE, {"f": feedback_id})


def read_public_token(token: str) -> int | None:
    try:
        data = read_token(TOKEN_PURPOSE, token)
    except TokenError:
        return None
    return data.get("f") if isinstance(data, dict) and isinstance(data.get("f"), int) else None


def public_url(panel: Panel, feedback_id: int) -> str:
    from engagement.panel.links import public_url as build

    return build("reports_public.feedback_page", panel_key=panel.key, token=public_token(feedback_id))


# ---------------------------------------------------------------------------
# Sending
# ---------------------------------------------------------------------------

def _channels(session: Session, definition_id: int) -> dict[int, str]:
    """The channel each panelist was invited on for this survey (the latest campaign's)."""
    rows = session.execute(select(CampaignRecipient.panelist_id, CampaignRecipient.channel)
                           .join(Campaign, Campaign.id == CampaignRecipient.campaign_id)
                           .where(Campaign.definition_id == definition_id).order_by(CampaignRecipient.id))
    return {pid: channel for pid, channel in rows}


def surveys_answered(session: Session, panelist_ids: list[int]) -> dict[int, int]:
    if not panelist_ids:
        return {}
    rows = session.execute(select(Answer.panelist_id, func.count(func.distinct(Answer.definition_id)))
                           .where(Answer.panelist_id.in_(panelist_ids)).group_by(Answer.panelist_id))
    return dict(rows.all())


def _channel_for(panelist: Panelist, invited_on: str | None) -> str | None:
    email_ok = bool(panelist.email) and panelist.email_status == "ok"
    sms_ok = bool(panelist.phone) and panelist.sms_status == "ok"
    wanted = invited_on or ("sms" if panelist.channel == "sms" else "email")
    if wanted == "sms" and sms_ok:
        return "sms"
    if wanted == "email" and email_ok:
        return "email"
    return "email" if email_ok else ("sms" if sms_ok else None)


def contact_rules(panel: Panel) -> dict:
    from engagement.campaigns.contact import contact_rules as rules_of

    return rules_of(panel)


def send_feedback(session: Session, panel: Panel, report, *, kind: str, note: str, staff_id: int | None,
                  now: datetime | None = None) -> Feedback:
    """Store the feedback and enqueue one message per respondent who can still be reached."""
    from engagement.panel import links

    now = now or utcnow()
    if kind not in FEEDBACK_KINDS:
        raise UnknownKind(kind)
    note = (note or "").strip()
    if not note:
        raise EmptyNote(_("Skriv en kort tekst til panelisterne."))
    if len(note) > MAX_NOTE:
        raise EmptyNote(_("Teksten er for lang (højst %(max)s tegn).", max=MAX_NOTE))
    stored: StoredDefinition = report.stored
    if kind == SUMMARY and session.scalars(select(Feedback.id).where(
            Feedback.definition_id == stored.id, Feedback.kind == SUMMARY)).first() is not None:
        raise AlreadySent(_("Opsummeringen er allerede sendt. Send en opfølgning i stedet."))
    ids = list(report.data.respondent_ids)
    if not ids:
        raise NoRespondents(_("Ingen har svaret endnu."))
    figures = key_figures(report)
    feedback = Feedback(panel_id=panel.id, definition_id=stored.id, kind=kind, note=note, figures=figures,
                        created_by=staff_id, created_at=now)
    session.add(feedback)
    session.flush()
    results_url = public_url(panel, feedback.id)
    invited_on = _channels(session, stored.id)
    answered = surveys_answered(session, ids)
    rate = report.rates.overall.rate
    quiet = contact_rules(panel)  # the panel's own SMS quiet hours, else the installation's
    rows = []
    for start in range(0, len(ids), 900):
        for p in session.scalars(select(Panelist).where(Panelist.id.in_(ids[start:start + 900]),
                                                        Panelist.status == ACTIVE)):
            channel = _channel_for(p, invited_on.get(p.id))
            if channel is None:
                continue
            language = p.language if p.language in ("da", "en") else "da"
            context = dict(title=stored.title, respondents=report.respondents, rate=rate, figures=figures,
                           note=note, answered_on=format_day(report.data.first_answer_at.get(p.id), language),
                           surveys_answered=answered.get(p.id, 1), results_url=results_url,
                           name=greeting_name(p.name), sender=panel.sender_name)
            if channel == "email":
                context["leave_url"] = links.leave_url(p, panel)
                context["privacy_url"] = links.privacy_url(panel)
            message = render_feedback(kind, channel=channel, language=language, **context)
            row = {"panel_id": panel.id, "panelist_id": p.id, "step": f"feedback-{kind}", "channel": channel,
                   "dedupe_key": f"feedback:{feedback.id}:panelist:{p.id}", "text": message.text,
                   "subject": message.subject or "", "created_at": now, "next_attempt_at": now}
            if channel == "sms":
                row.update(sms_segments=segment_count(message.text),
                           sms_encoding="gsm7" if is_gsm7(message.text) else "ucs2",
                           next_attempt_at=after_quiet_hours(now, quiet["quiet_start"], quiet["quiet_end"]))
            rows.append(row)
    feedback.recipients = outbox.enqueue(session, rows)
    session.add(feedback)
    record_audit(session, panel_id=panel.id, staff_id=staff_id, action=f"feedback.{kind}",
                 target_type="definition", target_id=stored.id, recipients=feedback.recipients)
    log.info("feedback %s (%s) for definition %s: %s messages enqueued", feedback.id, kind, stored.id,
             feedback.recipients)
    return feedback


def list_feedback(session: Session, definition_id: int) -> list[Feedback]:
    return list(session.scalars(select(Feedback).where(Feedback.definition_id == definition_id)
                                .order_by(Feedback.created_at, Feedback.id)))
