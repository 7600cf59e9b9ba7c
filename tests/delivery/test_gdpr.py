"""The outbox in a panelist's GDPR export, and erasure blanking what we wrote them."""
from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from engagement.campaigns import service
from engagement.db import utcnow
from engagement.delivery.models import CANCELLED, SENT, OutboxMessage
from engagement.delivery.worker import DeliveryWorker
from engagement.panel.gdpr import erase_panelist, export_panelist
from tests.campaigns.builders import make_campaign
from tests.campaigns.conftest import ctx  # noqa: F401  (fixture)
from tests.factories import make_panel, make_panelist


def test_export_lists_the_messages_and_erasure_blanks_them_but_keeps_counts(app, ctx, session):
    panel = make_panel(session)
    person = make_panelist(session, panel, name="Karen Blixen Hansen")
    other = make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now, reminder_days=(3,))
    service.tick(session, now)
    DeliveryWorker(app, worker_id="w").run_once(now=now)
    service.tick(session, now + timedelta(days=3, minutes=1))   # reminders wait in the outbox
    session.expire_all()

    exported = export_panelist(session, person)["sections"]["messages_sent"]
    assert [(m["step"], m["status"]) for m in exported] == [("invitation", SENT), ("reminder-1", "pending")]
    assert exported[0]["to"] == person.email and exported[0]["text"].startswith("Hej Karen\n")
    assert exported[0]["subject"] and exported[0]["sent_at"]

    erase_panelist(session, person, now + timedelta(days=4))
    session.commit()
    session.expire_all()
    mine = session.exec(select(OutboxMessage).where(OutboxMessage.panelist_id == person.id)
                        .order_by(OutboxMessage.id)).all()
    assert [row.status for row in mine] == [SENT, CANCELLED]      # counts and times stay
    assert mine[0].sent_at is not None and mine[0].created_at is not None
    for row in mine:
        assert (row.to_address, row.subject, row.text, row.html, row.mime) == (None, "", "", None, None)
    theirs = session.exec(select(OutboxMessage).where(OutboxMessage.panelist_id == other.id)).all()
    assert all(row.mime and row.to_address == other.email for row in theirs)  # nobody else's rows
    assert export_panelist(session, session.get(type(person), person.id))["sections"]["messages_sent"][0]["to"] is None
    assert campaign.id
