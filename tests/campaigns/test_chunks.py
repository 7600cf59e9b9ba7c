"""A step for many people: enqueued in chunks, a commit each, resumable after a crash; rendered once."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import pytest
from sqlmodel import Session, select

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


def _cancel(engine, campaign_id):
    from sqlmodel import Session

    with Session(engine) as other:
        service.cancel_campaign(other, service.get_campaign(other, campaign_id))
        other.commit()


def test_a_cancel_between_chunks_stops_the_rest(ctx, session, monkeypatch):
    panel = make_panel(session)
    for _ in range(5):
        make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now, channel_mode="email")
    monkeypatch.setattr(enqueue, "CHUNK", 2)
    real = enqueue.write_chunk
    engine = ctx.extensions["borgerpanel.engine"]

    def cancels_after_the_first(*args):
        written = real(*args)
        _cancel(engine, campaign.id)
        return written

    monkeypatch.setattr(enqueue, "write_chunk", cancels_after_the_first)
    service.tick(session, now)
    session.refresh(campaign)
    assert campaign.status == "cancelled"
    rows = _invitations(session, campaign.id)
    assert len(rows) == 2 and {r.status for r in rows} == {"cancelled"}


def test_a_cancel_after_a_chunk_was_rendered_keeps_it_from_being_written(ctx, session, monkeypatch):
    """The chunk's rows are written under the campaign's lock, after checking the campaign is still starting."""
    panel = make_panel(session)
    for _ in range(3):
        make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now, channel_mode="email")
    real = enqueue._enqueue_step
    engine = ctx.extensions["borgerpanel.engine"]

    def cancels_once_rendered(*args, **kwargs):
        rows = real(*args, **kwargs)
        assert len(rows) == 3
        args[0].commit()  # the recipients (the tick commits them before the rows are written)
        _cancel(engine, campaign.id)
        return rows

    monkeypatch.setattr(enqueue, "_enqueue_step", cancels_once_rendered)
    report = service.tick(session, now)
    assert report.enqueued == 0 and campaign.id not in report.started
    session.refresh(campaign)
    assert campaign.status == "cancelled"
    assert _invitations(session, campaign.id) == []


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


@pytest.mark.only_on("postgresql")
def test_the_chunk_writer_waits_for_a_cancel_but_not_for_the_next_chunks_recipients(ctx, session):
    """The rows of chunk n are written on a thread while chunk n + 1's recipients go in: the
    writer's lock on the campaign must not wait for them (their foreign key holds the campaign
    FOR KEY SHARE), but must wait for a cancel's lock and then write nothing."""
    panel = make_panel(session)
    first, second = make_panelist(session, panel), make_panelist(session, panel)
    campaign = make_campaign(session, panel, channel_mode="email")
    engine = ctx.extensions["borgerpanel.engine"]
    row = {"panel_id": panel.id, "campaign_id": campaign.id, "panelist_id": first.id, "step": "invitation",
           "channel": "email", "dedupe_key": "chunk-writer:1", "text": "Hej"}
    with ThreadPoolExecutor(max_workers=1) as pool, Session(engine) as other:
        # The next chunk's recipients, not yet committed.
        other.add(CampaignRecipient(campaign_id=campaign.id, panelist_id=second.id, channel="email",
                                    reply_key="abcdefghijklmnop", created_at=utcnow()))
        other.flush()
        assert pool.submit(enqueue.write_chunk, engine, campaign.id, "scheduled", [row]).result(timeout=10) == 1
        other.rollback()

        # A cancel holds the campaign's lock: the writer waits for it, then writes nothing.
        enqueue.lock_campaign(other, service.get_campaign(other, campaign.id))
        waiting = pool.submit(enqueue.write_chunk, engine, campaign.id, "scheduled", [dict(row, dedupe_key="k:2")])
        with pytest.raises(FutureTimeout):
            waiting.result(timeout=0.5)
        service.cancel_campaign(other, service.get_campaign(other, campaign.id))
        other.commit()
        assert waiting.result(timeout=10) is None
    assert [r.dedupe_key for r in _invitations(session, campaign.id)] == ["chunk-writer:1"]
