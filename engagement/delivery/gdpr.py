"""GDPR for the outbox: what we sent a panelist is part of their export; erasure blanks it.

Outbox rows hold rendered text with names, addresses and links.  The export
section ``messages_sent`` lists each message (step, channel, status, times,
address, subject and text).  The erasure step blanks ``to_address``,
``subject``, ``text``, ``html`` and ``mime`` of every row of the panelist and
stops the ones still waiting; status, channel, step and the timestamps stay,
so campaign counts still add up.

Registered at import; ``engagement.delivery.status_views`` (which the app
always imports) imports this module.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlmodel import Session

from engagement.delivery import outbox
from engagement.delivery.models import OutboxMessage
from engagement.panel import gdpr
from engagement.panel.models import Panelist

SECTION = "messages_sent"


def export_messages(session: Session, panelist: Panelist) -> list[dict]:
    rows = session.scalars(select(OutboxMessage).where(OutboxMessage.panelist_id == panelist.id)
                           .order_by(OutboxMessage.created_at, OutboxMessage.id)).all()
    return [{"campaign_id": row.campaign_id, "step": row.step, "channel": row.channel, "status": row.status,
             "to": row.to_address, "subject": row.subject, "text": row.text, "created_at": row.created_at,
             "sent_at": row.sent_at, "delivery_status": row.delivery_status} for row in rows]


def erase_messages(session: Session, panelist: Panelist, now: datetime) -> None:
    outbox.cancel_pending(session, panelist_id=panelist.id, reason="panelist erased")
    session.execute(update(OutboxMessage).where(OutboxMessage.panelist_id == panelist.id)
                    .values(to_address=None, subject="", text="", html=None, mime=None)
                    .execution_options(synchronize_session=False))


gdpr.register_export_section(SECTION, export_messages)
gdpr.register_erasure_step(erase_messages)
