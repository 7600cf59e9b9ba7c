"""An inbound SMS: ``STOP`` (and its Danish forms) stops every SMS at once, ``START`` undoes it, and a matched
reply is passed on to be answered."""
from __future__ import annotations

import json
import re
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session

from engagement.delivery.models import PENDING, SMS as OUT_SMS, OutboxMessage
from engagement.inbound import matching
from engagement.inbound.answering import converse, link_match
from engagement.inbound.models import PROCESSED, REPLY, SMS, START, STOP, InboundMessage, bounded_text
from engagement.inbound.outcome import Outcome, UnreadableMessage
from engagement.panel.models import Panelist

# Twilio's own opt-out and opt-in keywords, and the Danish forms people write.
STOP_WORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout", "revoke",
                        "stopp", "afmeld", "frameld", "afmelding", "framelding", "stop sms", "stopsms",
                        "afmeld sms", "frameld sms"})
START_WORDS = frozenset({"start", "unstop", "start sms"})


def _keyword(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (text or "").casefold()).split())


def process_sms(session: Session, row: InboundMessage, now: datetime) -> Outcome:
    try:
        form = json.loads(row.raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise UnreadableMessage("the stored webhook is not JSON") from None
    body = str(form.get("Body") or "")
    number = bounded_text(str(form.get("From") or "").strip(), 320) or None
    row.sender, row.text, row.kind = number, body, REPLY
    match = matching.match_sms(session, number, row.panel_id)
    link_match(row, match)
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

    return converse(session, row, match, SMS, read, now)


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


__all__ = ["START_WORDS", "STOP_WORDS", "process_sms"]
