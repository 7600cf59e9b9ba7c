"""Campaigns through the service: states, audience, channels, fatigue, reminders, cancel, budget."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from engagement.campaigns import rules, service
from engagement.campaigns.models import CampaignRecipient
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.models import CANCELLED, PENDING, SENT, OutboxMessage
from engagement.delivery.worker import DeliveryWorker
from engagement.panel.models import LEFT
from engagement.surveys.service import record_answers, record_rsvp
from tests.campaigns.builders import MEETING, SURVEY, make_campaign, make_definition
from tests.factories import make_panel, make_panelist


def rows(session, campaign_id=None, step=None):
    query = select(OutboxMessage).order_by(OutboxMessage.panelist_id)
    if campaign_id is not None:
        query = query.where(OutboxMessage.campaign_id == campaign_id)
    if step is not None:
        query = query.where(OutboxMessage.step == step)
    session.expire_all()
    return list(session.exec(query).all())


def deliver_all(app, session, now=None):
    """Send every due row the way a worker does (email to the outbox folder, SMS to the JSONL file)."""
    worker = DeliveryWorker(app, worker_id="test-worker")
    while worker.run_once(now=now):
        pass
    session.expire_all()


def test_invitation_goes_to_active_panelists_by_their_channel(ctx, session):
    panel = make_panel(session)
    by_mail = make_panelist(session, panel, channel="email")
    by_sms = make_panelist(session, panel, channel="sms", phone="+4520123456")
    make_panelist(session, panel, status=LEFT)
    other_panel = make_panel(session)
    make_panelist(session, other_panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now)
    assert campaign.status == "scheduled"

    report = service.tick(session, now)
    assert report.started == [campaign.id]
    invitations = rows(session, campaign.id, "invitation")
    assert [(r.panelist_id, r.channel) for r in invitations] == [(by_mail.id, "email"), (by_sms.id, "sms")]
    email_row, sms_row = invitations
    assert email_row.dedupe_key == f"campaign:{campaign.id}:panelist:{by_mail.id}:invitation"
    assert email_row.message_id.endswith("@localhost>")
    assert "1. Hvor tilfreds er du med busserne?" in email_row.text
    assert "2. Cykler du til arbejde?" in email_row.text       # email: every question at once
    assert "Hvor tilfreds" in sms_row.text and "Cykler" not in sms_row.text  # SMS: one question
    assert sms_row.sms_segments and sms_row.sms_segments <= 3 and sms_row.sms_encoding == "gsm7"
    recipient = session.exec(select(CampaignRecipient).where(CampaignRecipient.panelist_id == by_sms.id)).one()
    assert recipient.sms_question == "bus"
    session.refresh(campaign)
    assert campaign.status == "sending"

    # A second tick (or a scheduler restarted mid-way) promises nothing twice.
    service.tick(session, now)
    assert len(rows(session, campaign.id)) == 2


def test_nothing_goes_before_the_start(ctx, session):
    panel = make_panel(session)
    make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now, starts_at=now + timedelta(hours=1))
    service.tick(session, now)
    assert rows(session, campaign.id) == []
    service.tick(session, now + timedelta(hours=1))
    assert len(rows(session, campaign.id)) == 1


def test_a_draft_never_goes(ctx, session):
    panel = make_panel(session)
    make_panelist(session, panel)
    campaign = make_campaign(session, panel, schedule=False)
    service.tick(session, utcnow() + timedelta(days=1))
    assert rows(session, campaign.id) == []


def test_profile_filter_audience(ctx, session):
    panel = make_panel(session)
    inside = make_panelist(session, panel, area="vest", birth_year=1950)
    make_panelist(session, panel, area="vest", birth_year=1990)
    make_panelist(session, panel, area="midtby", birth_year=1950)
    campaign = make_campaign(session, panel, audience={"type": "filter", "filter": {"area": ["vest"],
                                                                                      "birth_year_max": 1960}})
    service.tick(session, utcnow())
    assert [r.panelist_id for r in rows(session, campaign.id)] == [inside.id]


def test_fatigue_leaves_out_recent_survey_invitations_only(ctx, session):
    panel = make_panel(session)
    recently_asked = make_panelist(session, panel)
    long_ago = make_panelist(session, panel)
    only_meeting = make_panelist(session, panel)
    now = utcnow()
    first = make_campaign(session, panel, now=now - timedelta(days=5), reminder_days=(),
                          audience={"type": "filter", "filter": {}})
    # The first survey reached recently_asked 5 days ago, long_ago 20 days ago (rows dated directly).
    service.tick(session, now - timedelta(days=5))
    for row in rows(session, first.id):
        if row.panelist_id == long_ago.id:
            row.created_at = now - timedelta(days=20)
        if row.panelist_id == only_meeting.id:
            session.delete(row)
        else:
            session.add(row)
    session.commit()
    meeting_def = make_definition(session, panel, MEETING)
    meeting = make_campaign(session, panel, kind="meeting", definition=meeting_def, now=now - timedelta(days=2),
                            reminder_days=())
    service.tick(session, now - timedelta(days=2))
    assert only_meeting.id in {r.panelist_id for r in rows(session, meeting.id)}

    second = make_campaign(session, panel, now=now, definition=make_definition(session, panel, key="trafik2"))
    service.tick(session, now)
    assert {r.panelist_id for r in rows(session, second.id)} == {long_ago.id, only_meeting.id}

    no_fatigue = make_campaign(session, panel, now=now, fatigue_days=0,
                               definition=make_definition(session, panel, key="trafik3"))
    service.tick(session, now)
    assert {r.panelist_id for r in rows(session, no_fatigue.id)} == {recently_asked.id, long_ago.id,
                                                                      only_meeting.id}


def test_reminders_go_only_to_those_with_open_questions_whose_invitation_went(app, ctx, session):
    panel = make_panel(session)
    answered = make_panelist(session, panel)
    silent = make_panelist(session, panel)
    marked = make_panelist(session, panel)
    not_delivered = make_panelist(session, panel)
    partly = make_panelist(session, panel)
    skipped = make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now)
    service.tick(session, now)
    # Every invitation but one goes out.
    stuck = next(r for r in rows(session, campaign.id) if r.panelist_id == not_delivered.id)
    stuck.next_attempt_at = now + timedelta(days=30)
    session.add(stuck)
    session.commit()
    deliver_all(app, session, now)
    record_answers(session, panel.id, campaign.definition_id, answered.id, {"bus": 4, "cykler": "no"}, "email")
    record_answers(session, panel.id, campaign.definition_id, marked.id, {"bus": 2, "cykler": "yes"}, "email")
    service.mark_responded(session, campaign.id, marked.id)
    # Issue 15: a partial answer is reminded of what is missing; a skipped question is not missing.
    record_answers(session, panel.id, campaign.definition_id, partly.id, {"bus": 4}, "email")
    service.mark_responded(session, campaign.id, partly.id)
    record_answers(session, panel.id, campaign.definition_id, skipped.id, {"bus": 3}, "email")
    recipient = session.exec(select(CampaignRecipient).where(CampaignRecipient.campaign_id == campaign.id,
                                                             CampaignRecipient.panelist_id == skipped.id)).one()
    recipient.conversation = {"skipped": ["cykler"]}
    session.add(recipient)
    session.commit()

    service.tick(session, now + timedelta(days=2))
    assert rows(session, campaign.id, "reminder-1") == []
    report = service.tick(session, now + timedelta(days=3, minutes=1))
    assert report.reminders == [(campaign.id, 1)]
    reminders = {r.panelist_id: r for r in rows(session, campaign.id, "reminder-1")}
    assert sorted(reminders) == sorted([silent.id, partly.id])
    whole = reminders[silent.id]
    assert whole.subject == "Husk dine svar om Trafik i byen"
    assert "Vi mangler stadig dit svar." in whole.text
    assert "1. Hvor tilfreds er du med busserne?" in whole.text and "2. Cykler du til arbejde?" in whole.text
    assert whole.expires_at == campaign.deadline_at
    part = reminders[partly.id]
    assert "Vi mangler stadig dit svar på spørgsmål 2." in part.text
    assert "2. Cykler du til arbejde?" in part.text and "Hvor tilfreds er du med busserne?" not in part.text


def test_meeting_reminders_skip_those_who_answered(app, ctx, session):
    panel = make_panel(session)
    coming = make_panelist(session, panel)
    silent = make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, kind="meeting", definition=make_definition(session, panel, MEETING),
                             now=now, reminder_days=(3,))
    service.tick(session, now)
    deliver_all(app, session, now)
    record_rsvp(session, panel.id, campaign.definition_id, coming.id, "yes", 0, "email")
    session.commit()
    service.tick(session, now + timedelta(days=3, minutes=1))
    assert [r.panelist_id for r in rows(session, campaign.id, "reminder-1")] == [silent.id]
    assert "Kulturhuset" in rows(session, campaign.id, "invitation")[0].text


def test_late_reminder_after_downtime_goes_once_and_never_after_the_deadline(app, ctx, session):
    panel = make_panel(session)
    make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now)  # reminders after 3 and 6 days, deadline after 10
    service.tick(session, now)
    deliver_all(app, session, now)
    # The scheduler was down from day 1 to day 7: both reminders fell due; only the latest goes.
    report = service.tick(session, now + timedelta(days=7))
    assert report.reminders == [(campaign.id, 2)]
    assert [r.step for r in rows(session, campaign.id)] == ["invitation", "reminder-2"]
    service.tick(session, now + timedelta(days=7, hours=1))
    assert len(rows(session, campaign.id)) == 2


def test_reminder_due_after_the_deadline_never_goes(app, ctx, session):
    panel = make_panel(session)
    make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now)
    service.tick(session, now)
    deliver_all(app, session, now)
    report = service.tick(session, now + timedelta(days=11))  # down until after the deadline
    assert report.closed == [campaign.id] and report.reminders == []
    assert [r.step for r in rows(session, campaign.id)] == ["invitation"]
    session.refresh(campaign)
    assert campaign.status == "closed"


def test_a_reminder_waiting_in_the_outbox_expires_at_the_deadline(app, ctx, session):
    panel = make_panel(session)
    make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now)
    service.tick(session, now)
    deliver_all(app, session, now)
    service.tick(session, now + timedelta(days=6, hours=1))
    reminder = rows(session, campaign.id, "reminder-2")[0]
    assert reminder.status == PENDING
    # No worker ran until after the deadline: the worker expires it instead of sending it.
    deliver_all(app, session, now + timedelta(days=10, seconds=1))
    session.refresh(reminder)
    assert reminder.status == "expired"


def test_states_sending_sent_closed(app, ctx, session):
    panel = make_panel(session)
    make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now, reminder_days=())
    service.tick(session, now)
    session.refresh(campaign)
    assert campaign.status == "sending"
    deliver_all(app, session, now)
    service.tick(session, now + timedelta(minutes=1))
    session.refresh(campaign)
    assert campaign.status == "sent"
    service.tick(session, now + timedelta(days=10))
    session.refresh(campaign)
    assert campaign.status == "closed"


def test_cancel_stops_pending_messages(app, ctx, session):
    panel = make_panel(session)
    make_panelist(session, panel)
    make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now)
    service.tick(session, now)
    stopped = service.cancel_campaign(session, campaign)
    session.commit()
    assert stopped == 2
    deliver_all(app, session, now)
    assert {r.status for r in rows(session, campaign.id)} == {CANCELLED}
    assert not (app.extensions["borgerpanel.settings"].outbox_dir.exists()
                and list(app.extensions["borgerpanel.settings"].outbox_dir.glob("*.eml")))
    # Nothing more happens to a cancelled campaign.
    service.tick(session, now + timedelta(days=4))
    assert len(rows(session, campaign.id)) == 2
    with pytest.raises(service.WrongState):
        service.cancel_campaign(session, campaign)


def test_cancel_is_refused_after_the_last_message(app, ctx, session):
    panel = make_panel(session)
    make_panelist(session, panel)
    now = utcnow()
    campaign = make_campaign(session, panel, now=now, reminder_days=())
    service.tick(session, now)
    deliver_all(app, session, now)
    service.tick(session, now)
    session.refresh(campaign)
    assert campaign.status == "sent"
    with pytest.raises(service.WrongState, match="sidste besked"):
        service.cancel_campaign(session, campaign)
    session.rollback()
    assert {r.status for r in rows(session, campaign.id)} == {SENT}


def test_segment_budget_is_checked_at_creation(ctx, session):
    panel = make_panel(session)
    long_question = "Hvad synes du om " + "de mange nye cykelstier i byen og langs havnen, " * 12 + "?"
    definition = make_definition(session, panel, key="lang", questions=[
        {"number": 1, "key": "lang", "type": "text", "text": long_question}])
    with pytest.raises(service.SegmentBudgetExceeded) as caught:
        make_campaign(session, panel, definition=definition, channel_mode="choice")
    assert "grænsen er 3" in str(caught.value) and "dele" in str(caught.value)
    session.rollback()
    # The same survey by email only is fine: SMS are never sent.
    campaign = make_campaign(session, panel, definition=definition, channel_mode="email")
    assert campaign.id is not None
    # A larger budget lets it through.
    assert make_campaign(session, panel, definition=definition, sms_segment_budget=6).id


def test_invalid_plan_is_refused_with_danish_messages(ctx, session):
    panel = make_panel(session)
    with pytest.raises(service.InvalidCampaign) as caught:
        make_campaign(session, panel, reminder_days=(3, 12))
    assert "påmindelse" in str(caught.value).lower()


def test_information_mailing(app, ctx, session):
    panel = make_panel(session)
    make_panelist(session, panel)
    campaign = make_campaign(session, panel, kind="information", definition=None, reminder_days=(),
                             subject="Nyt fra panelet", body="Tak for jeres svar i år.")
    service.tick(session, utcnow())
    row = rows(session, campaign.id)[0]
    assert row.subject == "Nyt fra panelet" and "Tak for jeres svar i år." in row.text


def test_sms_goes_after_quiet_hours(ctx, session):
    from zoneinfo import ZoneInfo

    panel = make_panel(session)
    make_panelist(session, panel, channel="sms", phone="+4520123456")
    evening = utcnow().astimezone(ZoneInfo("Europe/Copenhagen")).replace(hour=21, minute=30)
    campaign = make_campaign(session, panel, now=evening)
    service.tick(session, evening)
    row = rows(session, campaign.id)[0]
    local = row.next_attempt_at.astimezone(ZoneInfo("Europe/Copenhagen"))
    assert (local.hour, local.minute) == (9, 0) and local.date() > evening.date()


def test_reply_token_finds_the_recipient(ctx, session):
    panel = make_panel(session)
    panelist = make_panelist(session, panel)
    campaign = make_campaign(session, panel)
    service.tick(session, utcnow())
    row = rows(session, campaign.id)[0]
    recipient = service.find_by_reply_token(session, row.reply_token.upper())
    assert (recipient.campaign_id, recipient.panelist_id) == (campaign.id, panelist.id)
    forged = row.reply_token[:12] + "aaaaaaaa"
    assert service.find_by_reply_token(session, forged) is None
    assert outbox.find_by_message_id(session, row.message_id).id == row.id


def test_campaign_rules_step_names():
    assert rules.step_name(0) == "invitation" and rules.step_name(2) == "reminder-2"


def test_survey_definition_is_required_to_match_kind(ctx, session):
    panel = make_panel(session)
    meeting = make_definition(session, panel, MEETING)
    with pytest.raises(service.InvalidCampaign):
        make_campaign(session, panel, definition=meeting)
    assert SURVEY["kind"] == "survey"


def test_messages_use_the_real_templates_in_each_panelists_language(ctx, session):
    panel = make_panel(session)
    dane = make_panelist(session, panel, name="Mette Hansen", language="da")
    english = make_panelist(session, panel, name="John Smith", language="en")
    texter = make_panelist(session, panel, name="Ole Berg", channel="sms", phone="+4520123456")
    campaign = make_campaign(session, panel, channel_mode="choice")
    service.tick(session, utcnow())
    by_person = {r.panelist_id: r for r in rows(session, campaign.id)}
    danish, other, sms = by_person[dane.id], by_person[english.id], by_person[texter.id]
    assert danish.text.startswith("Hej Mette\n") and "Venlig hilsen" in danish.text
    assert "/frameld/" in danish.text                     # the panelist's own leave link
    assert danish.to_address == dane.email and danish.mime and b"Subject: " in danish.mime
    # Rendered in English: dates follow the English pattern (the catalogue is translated at the end).
    from engagement.messages.render import format_day

    with ctx.test_request_context():
        assert format_day(campaign.deadline_at, "en") in other.text
        assert format_day(campaign.deadline_at, "da") in danish.text
        assert format_day(campaign.deadline_at, "en") != format_day(campaign.deadline_at, "da")
    assert sms.text.startswith("Hej Ole.") and "1. Hvor tilfreds" in sms.text and "Cykler" not in sms.text
    assert sms.to_address == texter.phone and sms.mime is None


def test_quiet_hours_and_fatigue_default_to_the_settings(app, ctx, session):
    import dataclasses

    panel = make_panel(session)
    settings = app.extensions["borgerpanel.settings"]
    app.extensions["borgerpanel.settings"] = dataclasses.replace(
        settings, sms_quiet_start="21:30", sms_quiet_end="08:15", contact_fatigue_days=30)
    try:
        default = make_campaign(session, panel)
        own = make_campaign(session, panel, quiet_start="22:00", quiet_end="07:00", fatigue_days=0)
    finally:
        app.extensions["borgerpanel.settings"] = settings
    assert (default.quiet_start, default.quiet_end, default.fatigue_days) == ("21:30", "08:15", 30)
    assert (own.quiet_start, own.quiet_end, own.fatigue_days) == ("22:00", "07:00", 0)
