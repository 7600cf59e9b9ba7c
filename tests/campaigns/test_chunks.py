"""A step for many people: enqueued in chunks, a commit each, resumable after a crash; rendered once."""
from __future__ import annotations

from sqlmodel import select

from engagement.campaigns import content as texts
from engagement.campaigns import enqueue, service
from engagement.campaigns.models import CampaignRecipient
from engagement.db import utcnow
from engagement.delivery.models import OutboxMessage
from engagement.panel.models import Panel
from engagement.surveys.service import load_definition
from engagement.surveys.models import StoredDefinition
from tests.campaigns.builders import make_campaign
from tests.factories import make_panel, make_panelist


class Crash(Exception):
    pass


def _invitations(session, campaign_id):
    session.expire_all()
    return session.exec(select(OutboxMessage).where(OutboxMessage.campaign_id == campaign_id,
                                                    OutboxMessage.step == "invitation")).all()


def test_a_start_is_committed_chunk_by_chunk_and_a_crash_is_continued(ctx, session, monkeypatch):
    panel = make_panel(session)
    panelists = [make_panelist(session, panel) for _ in range(7)]
    now = utcnow()
    campaign = make_campaign(session, panel, now=now, channel_mode="email")
    monkeypatch.setattr(enqueue, "CHUNK", 3)
    real = enqueue._enqueue_step
    calls = []

    def crashes_on_the_second_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise Crash()
        return real(*args, **kwargs)

    monkeypatch.setattr(enqueue, "_enqueue_step", crashes_on_the_second_chunk)
    report = service.tick(session, now)
    assert report.failed == [campaign.id]
    # The first chunk was committed; the campaign has not moved on.
    assert len(_invitations(session, campaign.id)) == 3
    session.refresh(campaign)
    assert campaign.status == "scheduled"

    monkeypatch.setattr(enqueue, "_enqueue_step", real)
    report = service.tick(session, now)
    assert report.started == [campaign.id] and report.enqueued == 4
    rows = _invitations(session, campaign.id)
    assert sorted(r.panelist_id for r in rows) == sorted(p.id for p in panelists)  # each once
    recipients = session.exec(select(CampaignRecipient).where(CampaignRecipient.campaign_id == campaign.id)).all()
    assert len(recipients) == 7
    session.refresh(campaign)
    assert campaign.status == "sending"
    assert service.tick(session, now).enqueued == 0


def test_a_cancel_between_chunks_stops_the_rest(ctx, session, monkeypatch):
    panel = make_panel(session)
    for _ in range(5):
        make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now, channel_mode="email")
    monkeypatch.setattr(enqueue, "CHUNK", 2)
    real = enqueue._enqueue_step
    engine = ctx.extensions["borgerpanel.engine"]

    def cancels_after_the_first(session_, campaign_, *args, **kwargs):
        done = real(session_, campaign_, *args, **kwargs)
        from sqlmodel import Session

        session_.commit()
        with Session(engine) as other:
            service.cancel_campaign(other, service.get_campaign(other, campaign_.id))
            other.commit()
        return done

    monkeypatch.setattr(enqueue, "_enqueue_step", cancels_after_the_first)
    service.tick(session, now)
    session.refresh(campaign)
    assert campaign.status == "cancelled"
    rows = _invitations(session, campaign.id)
    assert len(rows) == 2 and {r.status for r in rows} == {"cancelled"}


def test_texts_rendered_once_are_the_texts_rendered_per_person(ctx, session):
    panel = make_panel(session)
    people = [make_panelist(session, panel, name="Mette Hansen", language="da"),
              make_panelist(session, panel, name="Anne-Kathrine Østergård", language="da"),
              make_panelist(session, panel, name=None, language="da"),
              make_panelist(session, panel, name="John Smith", language="en"),
              make_panelist(session, panel, name="", language="en")]
    campaign = make_campaign(session, panel, channel_mode="email")
    definition = load_definition(session.get(StoredDefinition, campaign.definition_id))
    panel = session.get(Panel, panel.id)
    once = texts.EmailTexts(campaign, definition, panel)
    for step in (0, 1):
        for person in people * 2:
            leave = f"https://panel.example.dk/p/{panel.key}/frameld/token-{person.id}"  # a real leave link's form
            expected = texts.email_content(campaign, definition, panel, step=step, name=person.name,
                                           language=person.language, leave_url=leave)
            assert f"https://panel.example.dk/p/{panel.key}/privatliv" in expected.text  # the notice beside it
            assert once.content(step=step, name=person.name, language=person.language, leave_url=leave) == expected
    assert all(value is not None for value in once._cache.values())  # every kind came from the cache
