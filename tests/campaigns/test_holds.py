"""Holds explained: progress per channel with a reason for all not sent, quiet-hour changes, 'both'."""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from engagement.campaigns import holds, rules, service
from engagement.campaigns.models import Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.delivery.models import PENDING, OutboxMessage
from tests.campaigns.builders import make_campaign, make_definition
from tests.campaigns.test_service import deliver_all, rows
from tests.conftest import csrf_token_from
from tests.factories import make_panel, make_panelist
from tests.staff.support import log_in, make_staff

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def evening(days_ago: int = 0):
    """21:30 in Copenhagen (inside the default quiet hours 20:00-09:00), a past day so nothing is 'future'."""
    day = utcnow().astimezone(COPENHAGEN) - timedelta(days=days_ago)
    return day.replace(hour=21, minute=30, second=0, microsecond=0)


def test_progress_splits_by_channel_and_says_why_sms_wait(app, ctx, session):
    panel = make_panel(session)
    for i in range(3):
        make_panelist(session, panel, channel="email")
    for i in range(2):
        make_panelist(session, panel, channel="sms", phone=f"+452012345{i}")
    now = evening()
    campaign = make_campaign(session, panel, now=now)
    service.tick(session, now)
    deliver_all(app, session, now=now)  # the mails go; the SMS wait for the quiet hours to end
    report = holds.progress(session, session.get(Campaign, campaign.id), now=now)
    assert report["channels"]["email"] == {"sent": 3, "failed": 0, "waiting": 0, "label": "Mail"}
    assert report["channels"]["sms"]["waiting"] == 2 and report["channels"]["sms"]["sent"] == 0
    assert report["percent_sent"] == "60 %"
    assert report["holds"] == ["2 sms'er venter på stilletid til i morgen kl. 9.00"]


def test_fatigue_held_back_is_counted_and_explained(app, ctx, session):
    panel = make_panel(session)
    tired = [make_panelist(session, panel) for _ in range(2)]
    fresh = make_panelist(session, panel)
    no_address = make_panelist(session, panel, email_status="bounced")
    now = utcnow()
    first = make_campaign(session, panel, now=now - timedelta(days=6), reminder_days=(),
                          audience={"type": "filter", "filter": {}})
    service.tick(session, now - timedelta(days=6))
    for row in rows(session, first.id):
        if row.panelist_id == fresh.id:
            session.delete(row)
    session.commit()
    second = make_campaign(session, panel, now=now, definition=make_definition(session, panel, key="trafik2"))
    service.tick(session, now)
    session.expire_all()
    campaign = session.get(Campaign, second.id)
    assert {r.panelist_id for r in rows(session, second.id)} == {fresh.id}
    assert campaign.held_back == {"fatigue": {"count": 2, "days": {"6": 2}, "window": 14}, "unreachable": 1}
    report = holds.progress(session, campaign, now=now)
    assert "2 holdt tilbage: fik en invitation for 6 dage siden" in report["holds"]
    assert ("1 kan ikke nås: ingen mail eller mobilnummer, der virker til kampagnens kanal" in report["holds"])
    assert report["held_back"] == 3
    assert tired and no_address


def test_changing_the_quiet_hours_moves_the_queued_sms(app, ctx, session):
    panel = make_panel(session)
    make_panelist(session, panel, channel="sms", phone="+4520123456")
    make_panelist(session, panel, channel="sms", phone="+4520123457")
    now = evening()
    campaign = make_campaign(session, panel, now=now)
    own = make_campaign(session, panel, now=now, quiet_start="21:00", quiet_end="10:00",
                        definition=make_definition(session, panel, key="egne"), fatigue_days=0)
    service.tick(session, now)
    waiting = [r for r in rows(session) if r.status == PENDING]
    assert {r.next_attempt_at.astimezone(COPENHAGEN).hour for r in waiting} == {9, 10}

    panel.sms_quiet_start, panel.sms_quiet_end = "22:00", "07:30"
    moved = service.apply_quiet_hours(session, panel, ("20:00", "09:00"), now=now)
    session.commit()
    assert moved == 2  # the campaign that followed the panel; the one with hours of its own keeps them
    session.expire_all()
    follows = [r for r in rows(session, campaign.id)]
    assert all(r.next_attempt_at == now.astimezone(r.next_attempt_at.tzinfo) for r in follows)  # 21:30 is allowed now
    assert (session.get(Campaign, campaign.id).quiet_start, session.get(Campaign, campaign.id).quiet_end) == (
        "22:00", "07:30")
    assert {r.next_attempt_at.astimezone(COPENHAGEN).hour for r in rows(session, own.id)} == {10}
    deliver_all(app, session, now=now)
    assert {r.status for r in rows(session, campaign.id)} == {"sent"}


def test_the_settings_page_applies_new_quiet_hours_to_queued_sms(app, client, session):
    panel = make_panel(session)
    make_panelist(session, panel, channel="sms", phone="+4520123456")
    now = evening()
    with app.app_context():
        campaign = make_campaign(session, panel, now=now)
        service.tick(session, now)
    before = rows(session, campaign.id)[0].next_attempt_at
    log_in(client, make_staff(session, panel, role="admin"))
    page = client.get(f"/staff/{panel.key}/indstillinger").get_data(as_text=True)
    response = client.post(f"/staff/{panel.key}/indstillinger/generelt", data={
        "csrf_token": csrf_token_from(page), "name": panel.name, "municipality": "", "sender_name": "Panelet",
        "sms_quiet_start": "20:00", "sms_quiet_end": "08:00", "contact_fatigue_days": ""}, follow_redirects=True)
    assert "1 sms i kø følger de nye stille timer." in response.get_data(as_text=True)
    after = rows(session, campaign.id)[0].next_attempt_at
    expected = rules.after_quiet_hours(utcnow(), "20:00", "08:00")  # from now: 08:00, or now if that is later
    assert after < before and abs(after - expected) < timedelta(minutes=5)


def test_a_panelist_who_chose_both_gets_both_where_the_campaign_lets_them_choose(app, ctx, session):
    panel = make_panel(session)
    both = make_panelist(session, panel, channel="both", phone="+4520123456")
    choice = make_campaign(session, panel, kind="information", subject="Nyt", body="Vi har nyt til dig.",
                           reminder_days=(), definition=None)
    only_mail = make_campaign(session, panel, kind="information", subject="Nyt", body="Vi har nyt.",
                              reminder_days=(), definition=None, channel_mode="email")
    service.tick(session, utcnow())
    assert sorted(r.channel for r in rows(session, choice.id)) == ["email", "sms"]
    assert [r.channel for r in rows(session, only_mail.id)] == ["email"]
    keys = {r.channel: r.dedupe_key for r in rows(session, choice.id)}
    assert keys["sms"] == keys["email"] + ":sms"
    recipient = session.exec(select(CampaignRecipient).where(CampaignRecipient.campaign_id == choice.id)).one()
    assert (recipient.panelist_id, recipient.channel) == (both.id, "both")
    service.tick(session, utcnow())  # nothing twice
    assert len(rows(session, choice.id)) == 2


def test_the_review_explains_selected_reachable_and_held_back(app, client, session):
    panel = make_panel(session)
    people = [make_panelist(session, panel) for _ in range(4)]
    make_panelist(session, panel, email_status="bounced")
    make_panelist(session, panel, channel="both", phone="+4520123456")
    now = utcnow()
    with app.app_context():
        first = make_campaign(session, panel, now=now - timedelta(days=3), reminder_days=(),
                              audience={"type": "filter", "filter": {"gender": ["male"]}})
        service.tick(session, now - timedelta(days=3))
    session.add(OutboxMessage(panel_id=panel.id, campaign_id=first.id, panelist_id=people[0].id, step="invitation",
                              channel="email", dedupe_key="older", status="sent",
                              created_at=now - timedelta(days=3)))
    session.commit()
    second = make_definition(session, panel, key="trafik2")
    log_in(client, make_staff(session, panel, role="editor"))
    page = client.get(f"/staff/{panel.key}/kampagner/ny").get_data(as_text=True)
    form = {"csrf_token": csrf_token_from(page), "kind": "survey", "definition_id": str(second.id), "title": "",
            "audience": "all", "channel_mode": "choice", "start": "now", "deadline_at": "", "reminders": "",
            "action": "review", "submitted": "1"}
    html = client.post(f"/staff/{panel.key}/kampagner/ny", data=form).get_data(as_text=True)
    assert 'data-testid="audience-count">6<' in html and "5 kan nås på den valgte kanal." in html
    assert "1 kan ikke nås, fordi hverken deres mail eller deres mobilnummer virker." in html
    assert "1 fik et spørgeskema for under 14 dage siden og holdes tilbage" in html
    assert "Invitationen går til 4: 3 på mail og 1 på både mail og sms." in html
