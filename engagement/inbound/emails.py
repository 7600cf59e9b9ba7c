"""An inbound email: read, our own mail and auto-replies set aside, bounces counted against the panelist's email
status, and a matched reply (or a calendar program's answer) passed on to be answered."""
from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parseaddr

from sqlalchemy import func, select, update
from sqlmodel import Session

from engagement import get_settings
from engagement.delivery import outbox
from engagement.delivery.models import EMAIL as OUT_EMAIL, PENDING, OutboxMessage
from engagement.inbound import matching
from engagement.inbound.answering import converse, link_match
from engagement.inbound.models import (AUTO_REPLY, BOUNCE_HARD, BOUNCE_SOFT, EMAIL, IGNORED, OWN, PROCESSED, REPLY,
                                       InboundMessage, bounded_text)
from engagement.inbound.outcome import Outcome
from engagement.inbound.replies import Thread
from engagement.panel.models import Panelist
from engagement.tokens import verification_keys

SOFT_BOUNCE_LIMIT = 3
SOFT_BOUNCE_WINDOW = timedelta(days=30)


def _is_own(session: Session, mail, settings) -> bool:
    ours = parseaddr(settings.mail_from)[1].lower()
    if mail.sender and matching.address_of(mail.sender) == ours:
        return True
    return bool(mail.message_id and outbox.find_by_message_id(session, mail.message_id) is not None)


def process_email(session: Session, row: InboundMessage, now: datetime) -> Outcome:
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
    link_match(row, match)
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
    return converse(session, row, match, EMAIL, read, now, thread=thread)


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


__all__ = ["SOFT_BOUNCE_LIMIT", "SOFT_BOUNCE_WINDOW", "process_email"]
