"""The pure campaign rules: plans, steps, quiet hours, channels."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from engagement.campaigns import rules

CPH = ZoneInfo("Europe/Copenhagen")
START = datetime(2025, 3, 4, 10, 0, tzinfo=CPH)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=CPH)


@pytest.mark.parametrize("at, quiet", [
    (local(2025, 3, 4, 19, 59), False),
    (local(2025, 3, 4, 20, 0), True),
    (local(2025, 3, 4, 23, 30), True),
    (local(2025, 3, 5, 0, 30), True),
    (local(2025, 3, 5, 8, 59), True),
    (local(2025, 3, 5, 9, 0), False),
    (local(2025, 3, 5, 12, 0), False),
])
def test_quiet_hours_span_midnight(at, quiet):
    assert rules.is_quiet(at, "20:00", "09:00") is quiet


@pytest.mark.parametrize("at, expected", [
    (local(2025, 3, 4, 22, 15), local(2025, 3, 5, 9, 0)),
    (local(2025, 3, 5, 6, 0), local(2025, 3, 5, 9, 0)),
    (local(2025, 3, 5, 11, 0), local(2025, 3, 5, 11, 0)),
    # The night summer time starts (30 March 2025): still 09:00 local, one hour less UTC offset.
    (local(2025, 3, 29, 23, 0), local(2025, 3, 30, 9, 0)),
])
def test_after_quiet_hours_is_nine_local(at, expected):
    moved = rules.after_quiet_hours(at.astimezone(timezone.utc), "20:00", "09:00")
    assert moved == expected
    assert moved.astimezone(CPH).hour == 9 or moved == expected


def test_quiet_hours_within_a_day():
    assert rules.is_quiet(local(2025, 3, 4, 13, 0), "12:00", "14:00")
    assert not rules.is_quiet(local(2025, 3, 4, 14, 0), "12:00", "14:00")


def test_due_step_takes_the_latest_due_and_nothing_early():
    days = (3, 6)
    assert rules.due_step(START, days, 0, START - timedelta(seconds=1)) is None
    assert rules.due_step(START, days, 0, START) == 0
    assert rules.due_step(START, days, 1, START + timedelta(days=2)) is None
    assert rules.due_step(START, days, 1, START + timedelta(days=3, minutes=1)) == 1
    # Down over both reminders: only the second goes.
    assert rules.due_step(START, days, 1, START + timedelta(days=7)) == 2
    assert rules.due_step(START, days, 3, START + timedelta(days=9)) is None


def test_first_future_step_skips_reminders_already_past():
    assert rules.first_future_step(START, (3, 6), 0, START) == 1
    assert rules.first_future_step(START, (3, 6), 0, START + timedelta(days=4)) == 2
    assert rules.first_future_step(START, (3, 6), 0, START + timedelta(days=8)) == 3


@pytest.mark.parametrize("mode, preferred, email, phone, email_ok, sms_ok, expected", [
    ("choice", "email", "a@b.dk", "+4520123456", True, True, "email"),
    ("choice", "sms", "a@b.dk", "+4520123456", True, True, "sms"),
    ("choice", "both", "a@b.dk", "+4520123456", True, True, "both"),
    ("choice", "both", "a@b.dk", "+4520123456", True, False, "email"),
    ("choice", "both", "a@b.dk", None, True, True, "email"),
    ("choice", "both", None, "+4520123456", True, True, "sms"),
    ("email", "both", "a@b.dk", "+4520123456", True, True, "email"),
    ("sms", "both", "a@b.dk", "+4520123456", True, True, "sms"),
    ("choice", "sms", "a@b.dk", "+4520123456", True, False, "email"),   # opted out of SMS: email
    ("choice", "email", None, "+4520123456", True, True, "sms"),
    ("choice", "email", "a@b.dk", None, False, True, None),             # bounced, no phone
    ("email", "sms", "a@b.dk", "+4520123456", True, True, "email"),
    ("sms", "email", "a@b.dk", None, True, True, None),
])
def test_choose_channel(mode, preferred, email, phone, email_ok, sms_ok, expected):
    assert rules.choose_channel(mode, preferred=preferred, email=email, phone=phone,
                                email_ok=email_ok, sms_ok=sms_ok) == expected


def plan(**changes) -> rules.Plan:
    values = dict(kind="survey", title="Trafik", starts_at=START, deadline_at=START + timedelta(days=10),
                  reminder_days=(3, 6), definition_id=1)
    values.update(changes)
    return rules.Plan(**values)


@pytest.mark.parametrize("changes, field", [
    ({"title": "  "}, "title"),
    ({"deadline_at": START}, "deadline_at"),
    ({"deadline_at": None}, "deadline_at"),
    ({"reminder_days": (6, 3)}, "reminder_days"),
    ({"reminder_days": (3, 10)}, "reminder_days"),
    ({"reminder_days": (0,)}, "reminder_days"),
    ({"definition_id": None}, "definition_id"),
    ({"kind": "information", "definition_id": None, "reminder_days": (), "subject": "Nyt"}, "body"),
    ({"kind": "information", "definition_id": None, "subject": "Nyt", "body": "Tekst"}, "reminder_days"),
    ({"quiet_start": "8pm"}, "quiet_start"),
    ({"sms_segment_budget": 0}, "sms_segment_budget"),
    ({"channel_mode": "fax"}, "channel_mode"),
])
def test_check_plan_names_the_field(changes, field):
    assert field in {p.field for p in rules.check_plan(plan(**changes), START)}


def test_a_good_plan_has_no_problems():
    assert rules.check_plan(plan(), START) == []
