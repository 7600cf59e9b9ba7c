"""The survey conversation around the dialogue rules: what is remembered, what is open, resuming.

``conversations.dialogue.decide`` is pure; this module gives it what it needs
to know and remembers what it decided, on the campaign recipient
(``CampaignRecipient.conversation``, a small JSON value):

* ``skipped``: questions the citizen passed over ("spring 3 over", "-", "ved ikke");
* ``with_staff``: questions whose answer stayed unclear (``dialogue.MAX_UNCLEAR``
  unclear answers); the citizen was told a person will look at them, and the
  conversation went on with the next question;
* ``settled``: questions staff resolved without setting an answer (not asked again);
* ``unclear``: how many unclear answers each question has had.

A question is *open* when it is neither answered (``surveys.service.current_answers``)
nor skipped, with staff or settled.  Every open question is asked for: in the
email receipt, as the next SMS, and in reminders (``open_questions`` is what
the campaign's reminder step asks).

``resume(session, panelist_id, campaign_id, now)`` goes on after staff
corrected an answer or resolved an item in the staff inbox: over SMS it sends
the next open question (or the closing receipt when nothing is open), by
email a receipt of what staff recorded that asks for whatever is still open.
The staff inbox's "correct" and "mark done" handlers call it after their
commit-worthy change (it enqueues, the caller commits).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import make_msgid
from typing import Iterable, Sequence

from flask import current_app
from sqlalchemy import func, select
from sqlmodel import Session

from conversations import dialogue
from conversations.definitions import Meeting, Question, Survey
from conversations.dialogue import NEXT_QUESTION, RECEIPT, Decision, Reply, State
from engagement import get_settings
from engagement.campaigns.models import CANCELLED, CLOSED, SURVEY, Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.mail import InvalidEmail
from engagement.delivery.models import OutboxMessage
from engagement.inbound.models import SMS, InboundMessage
from engagement.panel.models import ACTIVE, Panel, Panelist
from engagement.surveys.models import Answer, StoredDefinition
from engagement.surveys.service import current_answers, load_definition

log = logging.getLogger(__name__)

REPLY_STEP = "reply:"


@dataclass(frozen=True)
class Progress:
    """What the recipient's ``conversation`` column holds."""

    skipped: frozenset = frozenset()
    with_staff: frozenset = frozenset()
    settled: frozenset = frozenset()
    unclear: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"skipped": sorted(self.skipped), "with_staff": sorted(self.with_staff),
                "settled": sorted(self.settled), "unclear": dict(sorted(self.unclear.items()))}


def progress_of(recipient: CampaignRecipient | None) -> Progress:
    data = (recipient.conversation if recipient is not None else None) or {}
    unclear = {str(k): int(v) for k, v in (data.get("unclear") or {}).items() if isinstance(v, int)}
    return Progress(skipped=frozenset(data.get("skipped") or ()), with_staff=frozenset(data.get("with_staff") or ()),
                    settled=frozenset(data.get("settled") or ()), unclear=unclear)


def _save(session: Session, recipient: CampaignRecipient, progress: Progress) -> None:
    recipient.conversation = progress.as_json()   # a new value, so the JSON column is seen as changed
    session.add(recipient)


def deadline_of(campaign: Campaign) -> datetime | None:
    """The campaign's deadline, or when it was closed or cancelled if that came first."""
    deadline = campaign.deadline_at
    if campaign.status in (CLOSED, CANCELLED):
        ended = campaign.closed_at or campaign.cancelled_at
        if ended is not None and (deadline is None or ended < deadline):
            deadline = ended
    return deadline


def _follow_ups(session: Session, panelist_id: int, campaign_id: int) -> int:
    steps = [REPLY_STEP + dialogue.ASK_AGAIN, REPLY_STEP + dialogue.ASK_RSVP_AGAIN]
    return session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.panelist_id == panelist_id, OutboxMessage.campaign_id == campaign_id,
        OutboxMessage.step.in_(steps))) or 0


def build_state(session: Session, channel: str, panelist: Panelist, campaign: Campaign,
                recipient: CampaignRecipient | None, definition: Survey | Meeting, now: datetime) -> State:
    """What the dialogue needs to know, derived from what is stored."""
    is_survey = isinstance(definition, Survey)
    answered = current_answers(session, campaign.definition_id, panelist.id) if is_survey else {}
    progress = progress_of(recipient)
    return State(channel=channel, now=now, deadline=deadline_of(campaign), has_left=panelist.status != ACTIVE,
                 follow_ups_sent=_follow_ups(session, panelist.id, campaign.id), answered=answered,
                 awaiting=recipient.sms_question if (recipient is not None and channel == SMS and is_survey) else None,
                 one_question_at_a_time=channel == SMS and is_survey,
                 skipped=progress.skipped, with_staff=progress.with_staff, settled=progress.settled,
                 unclear_counts=progress.unclear)


def remember(session: Session, recipient: CampaignRecipient | None, decision: Decision,
             reply: Reply | None, channel: str) -> None:
    """Keep what the decision says about the conversation: skipped, unclear, with staff, the SMS question."""
    if recipient is None:
        return
    progress = progress_of(recipient)
    if decision.skip or decision.unclear or decision.pass_on:
        unclear = dict(progress.unclear)
        for key in decision.unclear:
            unclear[key] = unclear.get(key, 0) + 1
        _save(session, recipient, Progress(skipped=progress.skipped | set(decision.skip),
                                           with_staff=progress.with_staff | set(decision.pass_on),
                                           settled=progress.settled, unclear=unclear))
    if channel != SMS or reply is None:
        return
    if reply.template == NEXT_QUESTION and reply.next_question is not None:
        recipient.sms_question = reply.next_question.key
    elif reply.template == dialogue.ASK_AGAIN and reply.ask_about:
        recipient.sms_question = reply.ask_about[0].key
    elif reply.template == RECEIPT:
        recipient.sms_question = None      # nothing is awaited any more
    session.add(recipient)


def open_questions(session: Session, campaign: Campaign, survey: Survey, panelist_id: int,
                   recipient: CampaignRecipient | None) -> list[Question]:
    """The questions still to ask this panelist (see the module docstring), the one awaited by SMS first."""
    done = current_answers(session, campaign.definition_id, panelist_id) if campaign.definition_id else {}
    progress = progress_of(recipient)
    still = dialogue.open_questions(survey, done, progress.skipped, progress.with_staff | progress.settled)
    awaited = next((q for q in still if recipient is not None and q.key == recipient.sms_question), None)
    if awaited is not None:
        still.remove(awaited)
        still.insert(0, awaited)
    return still


def panelists_with_open_questions(session: Session, campaign: Campaign, survey: Survey,
                                  panelist_ids: Sequence[int]) -> list[int]:
    """Of these panelists, those who still have an open question (reminders go only to them)."""
    if not panelist_ids or campaign.definition_id is None:
        return list(panelist_ids)
    answered: dict[int, set] = {}
    for start in range(0, len(panelist_ids), 900):
        chunk = list(panelist_ids[start:start + 900])
        for pid, key in session.execute(select(Answer.panelist_id, Answer.question_key).where(
                Answer.definition_id == campaign.definition_id, Answer.replaced_at.is_(None),
                Answer.panelist_id.in_(chunk))).all():
            answered.setdefault(pid, set()).add(key)
    progress = {r.panelist_id: progress_of(r) for r in session.scalars(select(CampaignRecipient).where(
        CampaignRecipient.campaign_id == campaign.id, CampaignRecipient.conversation.is_not(None))).all()}
    out = []
    for pid in panelist_ids:
        p = progress.get(pid, Progress())
        if dialogue.open_questions(survey, answered.get(pid, ()), p.skipped, p.with_staff | p.settled):
            out.append(pid)
    return out


# ---------------------------------------------------------------------------
# Resuming after staff
# ---------------------------------------------------------------------------

def resume(session: Session, panelist_id: int, campaign_id: int, now: datetime | None = None, *,
           settled: Iterable[str] | None = None) -> str | None:
    """Go on with a survey conversation after staff corrected an answer or resolved an item.

    Call it from the staff inbox's "correct" and "mark done" handlers, after the correction
    (``surveys.service.correct_answer``) and before the commit.  It acts only when the
    conversation waits for staff (a question is with staff, or the last reply told the citizen
    a person will read their message and questions are still open) or staff set an answer
    since the last reply; otherwise it does nothing, so calling it on any resolved item is safe.

    Questions with staff that now have an answer leave the staff list; those still without one
    are ``settled`` by staff (``settled``: only these keys; default: all of them) and not asked
    again.  Then, over SMS, the next open question goes out (or the closing receipt when
    nothing is open); by email a receipt of what staff recorded that asks for what is open.
    The message is promised in the outbox once per state (calling twice sends once).

    Returns the template sent (``"next_question"`` or ``"receipt"``), or None.
    """
    now = now or utcnow()
    campaign = session.get(Campaign, campaign_id)
    panelist = session.get(Panelist, panelist_id)
    if campaign is None or panelist is None or campaign.kind != SURVEY or campaign.definition_id is None:
        return None
    recipient = session.scalars(select(CampaignRecipient).where(
        CampaignRecipient.campaign_id == campaign_id, CampaignRecipient.panelist_id == panelist_id)).first()
    stored = session.get(StoredDefinition, campaign.definition_id)
    survey = load_definition(stored) if stored is not None else None
    if recipient is None or not isinstance(survey, Survey) or panelist.status != ACTIVE:
        return None
    deadline = deadline_of(campaign)
    if deadline is not None and now > deadline:
        return None
    answered = current_answers(session, campaign.definition_id, panelist_id)
    progress = progress_of(recipient)
    corrected = _corrected_since_last_reply(session, campaign, panelist_id)
    if not progress.with_staff and not corrected and not _told_staff_read_it(session, campaign, panelist_id,
                                                                             survey, answered, progress):
        return None
    release = set(progress.with_staff) if settled is None else set(settled) & set(progress.with_staff)
    now_settled = {k for k in release if k not in answered}
    progress = Progress(skipped=progress.skipped, with_staff=progress.with_staff - release - set(answered),
                        settled=(progress.settled | now_settled) - set(answered), unclear=progress.unclear)
    _save(session, recipient, progress)
    shown = set(corrected) | (set(release) & set(answered))
    recorded = tuple((q, answered[q.key]) for q in survey.questions if q.key in shown)
    still = dialogue.open_questions(survey, answered, progress.skipped, progress.with_staff | progress.settled)
    channel = _channel(session, panelist, campaign, recipient)
    complete = not still and not progress.with_staff
    if channel == SMS and still:
        reply = Reply(NEXT_QUESTION, recorded=recorded, next_question=still[0])
        recipient.sms_question = still[0].key
        session.add(recipient)
    else:
        waiting = tuple(q for q in survey.questions if q.key in progress.with_staff)
        reply = Reply(RECEIPT, recorded=recorded, missing=tuple(still) if channel != SMS else (), complete=complete,
                      waiting=waiting)
    last_answer = session.scalar(select(func.max(Answer.id)).where(
        Answer.definition_id == campaign.definition_id, Answer.panelist_id == panelist_id)) or 0
    key = f"resume:{campaign.id}:{panelist.id}:{last_answer}:{','.join(sorted(progress.settled))}"[:200]
    sent = _send(session, panelist, campaign, recipient, survey, reply, channel, key)
    log.info("resume campaign %s panelist %s: %s", campaign.id, panelist.id,
             reply.template if sent else "already sent")
    return reply.template if sent else None


def _corrected_since_last_reply(session: Session, campaign: Campaign, panelist_id: int) -> list[str]:
    """Question keys staff set an answer to after the last message the panelist got about this campaign."""
    last = session.scalar(select(func.max(OutboxMessage.created_at)).where(
        OutboxMessage.panelist_id == panelist_id, OutboxMessage.campaign_id == campaign.id,
        OutboxMessage.step.like(REPLY_STEP + "%")))
    query = select(Answer.question_key).where(Answer.definition_id == campaign.definition_id,
                                              Answer.panelist_id == panelist_id, Answer.source == "staff",
                                              Answer.replaced_at.is_(None))
    if last is not None:
        query = query.where(Answer.recorded_at > last)
    return list(dict.fromkeys(session.scalars(query).all()))


def _told_staff_read_it(session: Session, campaign: Campaign, panelist_id: int, survey: Survey, answered,
                        progress: Progress) -> bool:
    """The last reply said a person will read the message (``passed_to_staff``) and questions are still open."""
    last = session.scalars(select(OutboxMessage.step).where(
        OutboxMessage.panelist_id == panelist_id, OutboxMessage.campaign_id == campaign.id,
        OutboxMessage.step.like(REPLY_STEP + "%")).order_by(OutboxMessage.id.desc()).limit(1)).first()
    return last == REPLY_STEP + dialogue.PASSED_TO_STAFF and bool(
        dialogue.open_questions(survey, answered, progress.skipped, progress.with_staff | progress.settled))


def _channel(session: Session, panelist: Panelist, campaign: Campaign, recipient: CampaignRecipient) -> str:
    """Where the conversation happens: the channel the panelist last wrote on, else the invitation's."""
    last = session.scalars(select(InboundMessage.channel).where(
        InboundMessage.panelist_id == panelist.id, InboundMessage.campaign_id == campaign.id)
        .order_by(InboundMessage.id.desc()).limit(1)).first()
    channel = last or recipient.channel
    if channel == SMS and panelist.phone and panelist.sms_status == "ok":
        return SMS
    if panelist.email and panelist.email_status == "ok":
        return "email"
    return SMS if panelist.phone and panelist.sms_status == "ok" else "email"


def _send(session: Session, panelist: Panelist, campaign: Campaign, recipient: CampaignRecipient,
          survey: Survey, reply: Reply, channel: str, dedupe_key: str) -> bool:
    """Render the reply in the panelist's language and promise it in the outbox (False: promised before)."""
    from engagement.messages.render import greeting_name, render_reply
    from engagement.panel import links

    settings = get_settings()
    panel = session.get(Panel, panelist.panel_id)
    language = panelist.language if panelist.language in ("da", "en") else "da"
    context = {"name": greeting_name(panelist.name), "sender": panel.sender_name}
    if channel != SMS:
        context["leave_url"] = links.leave_url(panelist, panel)
    rendered = render_reply(reply, channel=channel, language=language, definition=survey, **context)
    values: dict[str, object] = {
        "panel_id": panelist.panel_id, "campaign_id": campaign.id, "panelist_id": panelist.id,
        "step": (REPLY_STEP + reply.template)[:64], "channel": channel, "dedupe_key": dedupe_key,
        "subject": rendered.subject or "", "text": rendered.text, "expires_at": campaign.deadline_at,
    }
    if channel == SMS:
        values.update(to_address=panelist.phone, sms_segments=rendered.segments,
                      sms_encoding="gsm7" if rendered.is_gsm7 else "ucs2")
    else:
        token = outbox.make_reply_token(recipient.reply_key, current_app.config["SECRET_KEY"])
        try:
            values.update(outbox.email_values(settings, panelist=panelist, panel=panel,
                                              subject=rendered.subject or "", text=rendered.text,
                                              leave_url=context["leave_url"], reply_token=token,
                                              message_id=make_msgid(domain=settings.reply_domain),
                                              auto_submitted="auto-generated"))
        except InvalidEmail:
            log.warning("resume campaign %s: no email can be built for panelist %s", campaign.id, panelist.id)
            return False
    return outbox.enqueue_one(session, **values) is not None


__all__ = ["Progress", "build_state", "deadline_of", "open_questions", "panelists_with_open_questions",
           "progress_of", "remember", "resume"]
