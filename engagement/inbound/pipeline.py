"""One stored inbound message: read → find → decide → store → respond, in one transaction.

The webhook and the mail listener only store (``engagement.inbound.store``);
the inbound workers (``engagement.inbound.worker``) take stored rows with
``claim_next`` (``FOR UPDATE SKIP LOCKED`` on PostgreSQL) and read them with
``process_claimed``; ``process_message(session, inbound_id)`` does the same
for one known row (``mail process``, tests).  The reader is called through
``conversations.reply.read_mail`` / ``read_sms``, which bound its work.  Everything it
decides (answers, RSVP, email status, staff flag, the reply promised in the
outbox with ``dedupe_key = "reply:<inbound id>"``, the row's new state) is
committed together, so a crash before the commit leaves the row
``received`` and the next run does it all again; a crash after it leaves
nothing to do.  The row is locked while it is worked on (PostgreSQL), so
two processes never both process it.

Outcomes:

* machine mail: a bounce updates the panelist's email status (hard: stop at
  once; soft: stop at the third within 30 days); an auto-reply is recorded
  and never answered; our own message coming back is ignored;
* SMS ``STOP`` (and its Danish forms) stops every SMS at once, like Twilio's
  own opt-out (which also sends the confirmation); ``START`` undoes it;
* no match or a forged token: the staff inbox, never answers;
* a left or erased panelist: stored with the reason, never answered;
* otherwise ``conversations.dialogue.decide`` says what to store and what
  to answer; the answer is rendered in the panelist's language and goes
  through the outbox, at most ``INBOUND_REPLIES_PER_DAY`` a day per panelist
  (loop guard).  An email answer is the finished message at enqueue time
  (``outbox.email_values``) and looks automatic: ``Auto-Submitted:
  auto-replied``, ``In-Reply-To``/``References`` naming their message, and
  "Re: <their subject>" (the template's subject when theirs is empty).
* an RSVP goes through ``meetings.service.respond`` (seats and waitlist):
  too many guests asks again, a closed meeting gets the closed reply, and a
  seat, a waitlist place or a lottery entry is told by its meeting notice
  in place of the plain receipt.
* leaving by reply: ``panel.service.leave_panel`` (it commits, and it mails
  its own goodbye to the panelist's email address, which it then clears).
  Over SMS the leaving confirmation goes through the outbox, to the number
  snapshotted on the row before leaving cleared it (the worker sends
  ``outbox.TO_LEAVERS_STEPS`` to a panelist who has left).  Over email the
  goodbye from ``leave_panel`` is the confirmation, so no outbox row is
  made (it would double it); only a panelist without an email address on
  file gets the confirmation from the outbox, at the address they wrote
  from.  The row and the leaving are committed together.

Errors: ``TheirFault`` (the message itself cannot be handled) marks the row
``failed`` with its reason; anything else is our fault: logged with its
traceback, the row stays ``received`` and is tried again, up to
``MAX_ATTEMPTS``.  One INFO line per message: channel, id and outcome.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr

from flask import current_app
from sqlalchemy import func, or_, select, update
from sqlmodel import Session

from conversations.definitions import Meeting, Survey
from conversations.dialogue import (ASK_RSVP_AGAIN, SURVEY_CLOSED, Reply,
                                   decide)
from engagement import get_settings
from engagement.campaigns.models import Campaign, CampaignRecipient
from engagement.campaigns.service import mark_responded
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.mail import InvalidEmail
from engagement.delivery.models import EMAIL as OUT_EMAIL, PENDING, SMS as OUT_SMS, OutboxMessage
from engagement.inbound import conversation, matching
from engagement.inbound.conversation import build_state
from engagement.inbound.models import (AUTO_REPLY, BOUNCE_HARD, BOUNCE_SOFT, EMAIL, FAILED, IGNORED,
                                       MAX_ATTEMPTS, OWN, PROCESSED, RECEIVED, REPLY, SMS, START, STOP,
                                       InboundMessage, bound_row, bounded_text)
from engagement.panel.models import ACTIVE, ERASED, LEFT, Panel, Panelist
from engagement.surveys.models import StoredDefinition
from engagement.surveys.service import SurveyError, load_definition, record_answers, record_rsvp
from engagement.tokens import verification_keys

log = logging.getLogger(__name__)

RETRY_FIRST = timedelta(seconds=30)
SOFT_BOUNCE_LIMIT = 3
SOFT_BOUNCE_WINDOW = timedelta(days=30)
REPLY_STEP = "reply:"
# Twilio's own opt-out and opt-in keywords, and the Danish forms people write.
STOP_WORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout", "revoke",
                        "stopp", "afmeld", "frameld", "afmelding", "framelding", "stop sms", "stopsms",
                        "afmeld sms", "frameld sms"})
START_WORDS = frozenset({"start", "unstop", "start sms"})


class InboundError(Exception):
    """Base of the inbound pipeline's errors."""


class TheirFault(InboundError):
    """The message itself cannot be handled; it is stored as failed with this reason."""


class UnreadableMessage(TheirFault):
    pass


class UnusableAnswer(TheirFault):
    """The reader's answer was refused by the survey's rules."""


@dataclass
class Outcome:
    status: str
    reason: str


@dataclass(frozen=True)
class Thread:
    """What an email answer needs of the citizen's message to thread under it."""
    message_id: str | None = None
    references: tuple[str, ...] = ()
    subject: str = ""


MAX_REFERENCES = 10


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------

def process_message(session: Session, inbound_id: int, now: datetime | None = None) -> str | None:
    """Process one stored message and commit. Returns its new status (None: nothing to do)."""
    now = now or utcnow()
    session.rollback()
    query = select(InboundMessage).where(InboundMessage.id == inbound_id, InboundMessage.status == RECEIVED)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    row = session.scalars(query.execution_options(populate_existing=True)).first()
    if row is None:
        session.rollback()
        return None
    return process_claimed(session, row, now)


def claim_next(session: Session, now: datetime | None = None) -> InboundMessage | None:
    """The oldest stored message waiting to be read, locked for this transaction (PostgreSQL:
    ``FOR UPDATE SKIP LOCKED``, so any number of workers each take their own); None when none waits.
    A message our own error put back waits until its ``retry_at``."""
    now = now or utcnow()
    session.rollback()
    query = (select(InboundMessage)
             .where(InboundMessage.status == RECEIVED,
                    or_(InboundMessage.retry_at.is_(None), InboundMessage.retry_at <= now))
             .order_by(InboundMessage.id).limit(1))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    row = session.scalars(query.execution_options(populate_existing=True)).first()
    if row is None:
        session.rollback()
    return row


def retry_delay(attempts: int) -> timedelta:
    """How long a message waits after our own error number ``attempts``: 30 s, 1, 2, 4 minutes."""
    return RETRY_FIRST * (2 ** max(0, attempts - 1))


def process_claimed(session: Session, row: InboundMessage, now: datetime) -> str:
    """Read, decide and store one message already locked by this transaction; commit. Its new status."""
    inbound_id, channel = row.id, row.channel
    try:
        outcome = _process(session, row, now)
        _finish(row, outcome, now)
        session.add(row)
        session.commit()
    except TheirFault as exc:
        session.rollback()
        outcome = Outcome(FAILED, str(exc)[:300] or type(exc).__name__)
        _mark(session, inbound_id, outcome, now)
    except Exception as exc:
        session.rollback()
        attempts = (session.scalar(select(InboundMessage.attempts).where(InboundMessage.id == inbound_id)) or 0) + 1
        log.exception("inbound %s: processing failed (attempt %s)", inbound_id, attempts)
        if attempts >= MAX_ATTEMPTS:
            outcome = Outcome(FAILED, f"gave up after {attempts} attempts: {type(exc).__name__}")
            _mark(session, inbound_id, outcome, now, attempts=attempts)
        else:
            session.execute(update(InboundMessage).where(InboundMessage.id == inbound_id)
                            .values(attempts=attempts, retry_at=now + retry_delay(attempts),
                                    reason=f"will retry: {type(exc).__name__}"[:300]))
            session.commit()
            outcome = Outcome(RECEIVED, "retry")
    log.info("inbound %s %s: %s (%s)", channel, inbound_id, outcome.status, outcome.reason)
    return outcome.status


def _finish(row: InboundMessage, outcome: Outcome, now: datetime) -> None:
    row.status = outcome.status
    row.reason = outcome.reason[:300]
    row.processed_at = now
    row.attempts = (row.attempts or 0) + 1


def _mark(session: Session, inbound_id: int, outcome: Outcome, now: datetime, attempts: int | None = None) -> None:
    values = bound_row({"status": outcome.status, "reason": outcome.reason, "processed_at": now,
                        "needs_staff": True})
    if attempts is not None:
        values["attempts"] = attempts
    session.execute(update(InboundMessage).where(InboundMessage.id == inbound_id).values(**values))
    session.commit()


def pending_ids(session: Session, limit: int = 500) -> list[int]:
    """Stored messages not yet processed (a crash, or our own error to retry), oldest first."""
    return list(session.scalars(select(InboundMessage.id).where(InboundMessage.status == RECEIVED)
                                .order_by(InboundMessage.id).limit(limit)).all())


def process_pending(session: Session, now: datetime | None = None) -> int:
    """Process every message still ``received`` now, ``retry_at`` or not (``mail process``, by
    hand); returns how many were tried.  The inbound workers do this continuously."""
    ids = pending_ids(session)
    session.rollback()
    for inbound_id in ids:
        process_message(session, inbound_id, now)
    return len(ids)


def default_panel_id(session: Session) -> int | None:
    """The panel whose mailbox and number these are: ``INBOUND_PANEL``, else the only panel."""
    key = get_settings().inbound_panel
    if key:
        return session.scalar(select(Panel.id).where(Panel.key == key))
    ids = session.scalars(select(Panel.id).limit(2)).all()
    return ids[0] if len(ids) == 1 else None


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

def _process(session: Session, row: InboundMessage, now: datetime) -> Outcome:
    if row.raw is None:
        raise UnreadableMessage("the stored message has no content (erased)")
    if row.channel == EMAIL:
        return _process_email(session, row, now)
    if row.channel == SMS:
        return _process_sms(session, row, now)
    raise UnreadableMessage(f"unknown channel {row.channel!r}")


def _is_own(session: Session, mail, settings) -> bool:
    ours = parseaddr(settings.mail_from)[1].lower()
    if mail.sender and matching.address_of(mail.sender) == ours:
        return True
    return bool(mail.message_id and outbox.find_by_message_id(session, mail.message_id) is not None)


def _process_email(session: Session, row: InboundMessage, now: datetime) -> Outcome:
    from conversations.mail import read_message

    settings = get_settings()
    mail = _queryable(read_message(row.raw))
    row.sender = (matching.address_of(mail.sender) or None) if mail.sender else None
    row.subject = (mail.subject or "")[:300]
    row.text = mail.text or ""
    row.problems = list(dict.fromkeys([*(row.problems or []), *mail.problems]))
    row.kind = REPLY

    if _is_own(session, mail, settings):
        row.kind = OWN
        return Outcome(IGNORED, "our own message came back")
    if mail.kind == "bounce":
        return _bounce(session, row, mail, now)
    match = matching.match_email(session, recipients=mail.recipients, in_reply_to=mail.in_reply_to,
                                 references=mail.references, sender=mail.sender, panel_id=row.panel_id,
                                 secret_key=verification_keys())
    _link(row, match)
    if mail.kind == "auto_reply":
        row.kind = AUTO_REPLY
        return Outcome(IGNORED, f"auto-reply ({mail.auto_reason or 'headers'}): never answered")
    if match.forged:
        row.needs_staff = True
        return Outcome(PROCESSED, "forged or foreign reply token: to staff")
    if not match.found:
        row.needs_staff = True
        return Outcome(PROCESSED, "no panelist found: to staff")

    def read(definition):
        from conversations.reply import read_mail

        reading = read_mail(mail, definition)
        if mail.calendar_reply:  # a calendar's Accept keeps the guests of a yes given before
            from engagement.meetings.calendar_answers import keep_guests

            reading = keep_guests(session, match.campaign and match.campaign.definition_id,
                                  match.panelist and match.panelist.id, reading)
        return reading

    # A calendar program's answer ("Accepteret: <title>") gets the receipt's own subject, not "Re: Accepteret: ...".
    subject = "" if mail.calendar_reply else (mail.subject or "")
    thread = Thread(message_id=mail.message_id, references=tuple(mail.references), subject=subject)
    return _converse(session, row, match, EMAIL, read, now, thread=thread)


def _queryable(mail):
    """The envelope values the matching, our own-mail check and a threaded answer use, safe to store and query
    (a NUL or a lone surrogate in a Message-ID or an address makes PostgreSQL refuse the query)."""
    from dataclasses import replace

    def clean(value):
        return bounded_text(value, 2000) if isinstance(value, str) else value

    bounce = mail.bounce
    if bounce is not None and isinstance(bounce.recipient, str):
        bounce = replace(bounce, recipient=clean(bounce.recipient))
    return replace(mail, sender=clean(mail.sender), subject=clean(mail.subject), message_id=clean(mail.message_id),
                   in_reply_to=clean(mail.in_reply_to), recipients=tuple(clean(r) for r in mail.recipients),
                   references=tuple(clean(r) for r in mail.references), bounce=bounce)


def _keyword(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (text or "").casefold()).split())


def _process_sms(session: Session, row: InboundMessage, now: datetime) -> Outcome:
    try:
        form = json.loads(row.raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise UnreadableMessage("the stored webhook is not JSON") from None
    body = str(form.get("Body") or "")
    number = bounded_text(str(form.get("From") or "").strip(), 320) or None
    row.sender, row.text, row.kind = number, body, REPLY
    match = matching.match_sms(session, number, row.panel_id)
    _link(row, match)
    word = _keyword(body)
    if word in STOP_WORDS:
        row.kind = STOP
        stopped = _stop_sms(session, number, now) if number else 0
        return Outcome(PROCESSED, f"sms opt-out: {stopped} pending sms cancelled")
    if word in START_WORDS:
        row.kind = START
        if number:
            session.execute(update(Panelist).where(Panelist.phone == number, Panelist.sms_status == "opted_out")
                            .values(sms_status="ok"))
        return Outcome(PROCESSED, "sms opt-in again")
    if not match.found:
        row.needs_staff = True
        return Outcome(PROCESSED, "no panelist found: to staff")

    def read(definition):
        from conversations.reply import read_sms

        awaiting = match.recipient.sms_question if match.recipient is not None else None
        return read_sms(body, definition, awaiting=awaiting)

    return _converse(session, row, match, SMS, read, now)


def _link(row: InboundMessage, match: matching.Match) -> None:
    if match.panelist is not None and not match.forged:
        row.panelist_id = match.panelist.id
        row.panel_id = match.panelist.panel_id
    if match.campaign is not None and not match.forged:
        row.campaign_id = match.campaign.id
    row.matched_by = match.by if not match.forged else "forged"


# ---------------------------------------------------------------------------
# Machine mail and opt-out
# ---------------------------------------------------------------------------

def _bounce(session: Session, row: InboundMessage, mail, now: datetime) -> Outcome:
    bounce = mail.bounce
    row.kind = BOUNCE_HARD if bounce is None or bounce.is_hard else BOUNCE_SOFT
    panelist = matching.match_bounce(session, bounce.recipient if bounce else None, row.panel_id)
    if panelist is None:
        match = matching.match_email(session, recipients=mail.recipients, in_reply_to=mail.in_reply_to,
                                     references=mail.references, sender=None, panel_id=row.panel_id,
                                     secret_key=verification_keys())
        panelist = match.panelist if match.found else None
    if panelist is None:
        return Outcome(IGNORED, f"{row.kind}: no panelist found")
    row.panelist_id, row.panel_id = panelist.id, panelist.panel_id
    status = bounce.status if bounce and bounce.status else "?"
    if row.kind == BOUNCE_HARD:
        _stop_email(session, panelist)
        return Outcome(PROCESSED, f"hard bounce {status}: email stopped")
    since = now - SOFT_BOUNCE_WINDOW
    earlier = session.scalar(select(func.count()).select_from(InboundMessage).where(
        InboundMessage.panelist_id == panelist.id, InboundMessage.kind == BOUNCE_SOFT,
        InboundMessage.id != row.id, InboundMessage.received_at >= since)) or 0
    if earlier + 1 >= SOFT_BOUNCE_LIMIT:
        _stop_email(session, panelist)
        return Outcome(PROCESSED, f"soft bounce {status}, {earlier + 1} in 30 days: email stopped")
    return Outcome(PROCESSED, f"soft bounce {status} ({earlier + 1} in 30 days)")


def _stop_email(session: Session, panelist: Panelist) -> None:
    panelist.email_status = "bounced"
    session.add(panelist)
    session.execute(update(OutboxMessage).where(OutboxMessage.panelist_id == panelist.id,
                                                OutboxMessage.channel == OUT_EMAIL, OutboxMessage.status == PENDING)
                    .values(status="cancelled", last_error="email bounced")
                    .execution_options(synchronize_session=False))


def _stop_sms(session: Session, number: str, now: datetime) -> int:
    ids = [p.id for p in matching.panelists_by_phone(session, number)]
    if not ids:
        return 0
    session.execute(update(Panelist).where(Panelist.id.in_(ids)).values(sms_status="opted_out"))
    result = session.execute(update(OutboxMessage).where(OutboxMessage.panelist_id.in_(ids),
                                                         OutboxMessage.channel == OUT_SMS,
                                                         OutboxMessage.status == PENDING)
                             .values(status="cancelled", last_error="sms opt-out")
                             .execution_options(synchronize_session=False))
    return result.rowcount or 0


# ---------------------------------------------------------------------------
# The dialogue
# ---------------------------------------------------------------------------

def _definition(session: Session, campaign: Campaign | None) -> Survey | Meeting | None:
    if campaign is None or campaign.definition_id is None:
        return None
    stored = session.get(StoredDefinition, campaign.definition_id)
    return load_definition(stored) if stored is not None else None


def _replies_count(session: Session, panelist_id: int, *, steps=None, campaign_id: int | None = None,
                   since: datetime | None = None) -> int:
    query = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.panelist_id == panelist_id)
    if steps is not None:
        query = query.where(OutboxMessage.step.in_(list(steps)))
    else:
        query = query.where(OutboxMessage.step.like(REPLY_STEP + "%"))
    if campaign_id is not None:
        query = query.where(OutboxMessage.campaign_id == campaign_id)
    if since is not None:
        query = query.where(OutboxMessage.created_at >= since)
    return session.scalar(query) or 0


def _converse(session: Session, row: InboundMessage, match: matching.Match, channel: str, read, now: datetime,
              thread: Thread | None = None) -> Outcome:
    panelist = match.panelist
    if panelist.status == ERASED:
        return Outcome(IGNORED, "panelist erased: never answered")
    if panelist.status == LEFT:
        return Outcome(IGNORED, "panelist has left: never answered")
    if panelist.status != ACTIVE:
        row.needs_staff = True
        return Outcome(PROCESSED, f"panelist is {panelist.status}: to staff")
    campaign = match.campaign
    definition = _definition(session, campaign)
    if definition is None:
        row.needs_staff = True
        return Outcome(PROCESSED, "no survey or meeting to answer: to staff")
    from engagement.monitoring.metrics import observe_parse; reading = observe_parse(channel, read, definition)  # noqa: E702
    row.intent = reading.intent[:16]
    if reading.intent == "auto_reply":
        row.kind = AUTO_REPLY
        return Outcome(IGNORED, "auto-reply (text): never answered")
    state = build_state(session, channel, panelist, campaign, match.recipient, definition, now)
    decision = decide(definition, reading, state)
    source = channel
    reply = decision.reply
    reason = decision.why or "no decision"
    recorded_rsvp = False
    notice = None
    try:
        if decision.record_answers:
            record_answers(session, campaign.panel_id, campaign.definition_id, panelist.id,
                           dict(decision.record_answers), source=source, inbound_message_id=row.id, now=now)
        if decision.record_rsvp is not None and isinstance(definition, Meeting):
            reply, reason, notice, recorded_rsvp = _meeting_rsvp(session, row, panelist, campaign, definition,
                                                                 decision.record_rsvp, reply, reason, source, now)
        elif decision.record_rsvp is not None:
            record_rsvp(session, campaign.panel_id, campaign.definition_id, panelist.id,
                        decision.record_rsvp.attending, decision.record_rsvp.guests, source=source,
                        inbound_message_id=row.id, now=now)
            recorded_rsvp = True
    except SurveyError as exc:
        raise UnusableAnswer(f"answer refused: {exc}") from None
    if decision.record_answers or recorded_rsvp:
        mark_responded(session, campaign.id, panelist.id, now)
    if decision.to_staff:
        row.needs_staff = True
    if decision.unsubscribe:
        if reply is not None:
            # leave_panel mails its own goodbye to an email address on file: no second one.
            address = panelist.phone if channel == SMS else (None if panelist.email else row.sender)
            if address:
                _respond(session, row, panelist, campaign, match.recipient, definition, reply, channel,
                         thread=thread, to_address=address)
        return _leave(session, row, panelist, reason, now)
    if reply is not None and reply.template == SURVEY_CLOSED and _replies_count(
            session, panelist.id, steps=(REPLY_STEP + SURVEY_CLOSED,), campaign_id=campaign.id):
        reply = None
        reason += "; told before"
    if reply is not None:
        limit = get_settings().inbound_replies_per_day
        if _replies_count(session, panelist.id, since=now - timedelta(days=1)) >= limit:
            reason += "; loop guard: no reply"
        else:
            _respond(session, row, panelist, campaign, match.recipient, definition, reply, channel, thread=thread,
                     notice=notice)
    conversation.remember(session, match.recipient, decision, reply, channel)
    return Outcome(PROCESSED, reason)


def _meeting_rsvp(session: Session, row: InboundMessage, panelist: Panelist, campaign: Campaign, meeting: Meeting,
                  rsvp, reply, reason: str, source: str, now: datetime):
    """An RSVP by reply goes through the meeting's seats (``meetings.service.respond``).

    (reply, reason, notice, recorded): too many guests asks again, a closed meeting gets the closed reply
    (nothing recorded); a seat, the waitlist or the lottery is told by its notice
    (``(template, context)``) in place of the plain receipt.
    """
    from engagement.meetings import service as meetings

    stored = session.get(StoredDefinition, campaign.definition_id)
    try:
        outcome = meetings.respond(session, stored, panelist, rsvp.attending, rsvp.guests, source=source,
                                   inbound_message_id=row.id, now=now, notify=False)
    except meetings.TooManyGuests:
        return (Reply(ASK_RSVP_AGAIN, meeting=meeting, reason="guests", follow_up=True),
                "more guests than the meeting allows: asking again", None, False)
    except meetings.MeetingClosed:
        return Reply(SURVEY_CLOSED), "RSVP after the meeting closed: not recorded", None, False
    reason = f"{reason}; {outcome.state}"
    if outcome.notice is None or reply is None:
        return reply, reason, None, True
    context = {"guests": outcome.seat.guests, "position": outcome.position, "draw_at": outcome.draw_at,
               "lottery": False}
    return reply, reason, (outcome.notice, context), True


def _leave(session: Session, row: InboundMessage, panelist: Panelist, reason: str, now: datetime) -> Outcome:
    """Leaving by reply: the panel's own leaving (it commits, then sends the goodbye mail)."""
    from engagement.panel.service import leave_panel

    panel = session.get(Panel, panelist.panel_id)
    row.status, row.reason, row.processed_at = PROCESSED, reason[:300], now
    session.add(row)
    leave_panel(session, panel, panelist, settings=get_settings(), now=now)
    return Outcome(PROCESSED, reason)


def _respond(session: Session, row: InboundMessage, panelist: Panelist, campaign: Campaign,
             recipient: CampaignRecipient | None, definition, reply, channel: str, *,
             thread: Thread | None = None, to_address: str | None = None,
             notice: tuple[str, dict] | None = None) -> None:
    """Render the reply in the panelist's language and promise it in the outbox (once per message).

    ``notice`` (a meeting notice and its context: seat, waitlist, lottery) replaces the reply's
    own template, so the receipt tells the truth about the seat.

    ``to_address`` snapshots where it goes (the leaving confirmation: the panelist's address is
    cleared when they leave); otherwise the panelist's current address.
    """
    from engagement.messages.render import greeting_name, render_reply
    from engagement.panel import links

    settings = get_settings()
    panel = session.get(Panel, panelist.panel_id)
    language = panelist.language if panelist.language in ("da", "en") else "da"
    leaving = panelist.status != ACTIVE or to_address is not None
    context = {"name": greeting_name(panelist.name), "sender": panel.sender_name}
    leave = None
    if channel == EMAIL and not leaving:
        leave = links.leave_url(panelist, panel)
        context["leave_url"] = leave
    if notice is not None:
        from engagement.meetings.notices import render_notice

        template = notice[0]
        rendered = render_notice(template, channel=channel, language=language, meeting=definition,
                                 **{**notice[1], **context})
    else:
        template = reply.template
        rendered = render_reply(reply, channel=channel, language=language, definition=definition, **context)
    values: dict[str, object] = {
        "panel_id": panelist.panel_id, "campaign_id": campaign.id, "panelist_id": panelist.id,
        "step": (REPLY_STEP + template)[:64], "channel": channel, "dedupe_key": f"reply:{row.id}",
        "subject": rendered.subject or "", "text": rendered.text,
    }
    if channel == EMAIL:
        token = None
        if recipient is not None and not leaving:
            token = outbox.make_reply_token(recipient.reply_key, current_app.config["SECRET_KEY"])
        subject = reply_subject(thread.subject if thread else "", rendered.subject or "")
        headers = thread_headers(thread)
        built = None
        for attempt in (headers, {}):  # a citizen's malformed Message-ID: answer without threading
            try:
                built = outbox.email_values(settings, panelist=panelist, panel=panel, subject=subject,
                                            text=rendered.text, leave_url=leave, reply_token=token,
                                            message_id=make_msgid(domain=settings.reply_domain), to=to_address,
                                            auto_submitted="auto-replied", **attempt)
                break
            except InvalidEmail:
                continue
        if built is None:
            log.warning("inbound %s: no answer can be built for this address", row.id)
            return
        values.update(built)
    else:
        values["to_address"] = to_address or panelist.phone
        values["sms_segments"] = rendered.segments
        values["sms_encoding"] = "gsm7" if rendered.is_gsm7 else "ucs2"
    outbox.enqueue_one(session, **values)


def reply_subject(theirs: str, template: str) -> str:
    """"Re: <their subject>" (as it is if it already starts with Re:/Sv:/Aw:), else the template's."""
    theirs = " ".join((theirs or "").split())
    if not theirs:
        return template
    if theirs.lower().startswith(("re:", "sv:", "aw:", "vs:")):
        return theirs[:300]
    return f"Re: {theirs}"[:300]


def thread_headers(thread: Thread | None) -> dict:
    """``in_reply_to`` and ``references`` (theirs, then their Message-ID; at most ``MAX_REFERENCES``)."""
    if thread is None or not thread.message_id:
        return {}
    def angle(value: str) -> str:
        value = value.strip()
        return value if value.startswith("<") else f"<{value}>"
    theirs = angle(thread.message_id)
    earlier = [angle(value) for value in thread.references if value and angle(value) != theirs]
    return {"in_reply_to": theirs, "references": tuple([*earlier[-(MAX_REFERENCES - 1):], theirs])}


__all__ = ["InboundError", "TheirFault", "Thread", "reply_subject", "thread_headers", "UnreadableMessage", "UnusableAnswer", "build_state",
           "claim_next", "default_panel_id", "pending_ids", "process_claimed", "process_message", "process_pending",
           "retry_delay"]
