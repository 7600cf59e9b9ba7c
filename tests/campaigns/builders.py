"""Builders for campaign tests: definitions, plans, campaigns ready to tick."""
from __future__ import annotations

from datetime import datetime, timedelta

from engagement.campaigns import rules, service
from engagement.campaigns.models import Campaign
from engagement.db import utcnow
from engagement.surveys.service import import_definitions

SURVEY = {
    "kind": "survey", "key": "trafik", "title": "Trafik i byen",
    "questions": [
        {"number": 1, "key": "bus", "type": "scale", "min": 1, "max": 5,
         "text": "Hvor tilfreds er du med busserne?",
         "labels": {"1": "Meget utilfreds", "5": "Meget tilfreds"}},
        {"number": 2, "key": "cykler", "type": "yes_no", "text": "Cykler du til arbejde?"},
    ],
}

MEETING = {
    "kind": "meeting", "key": "havn", "title": "Borgermøde om havnen",
    "starts_at": "2031-01-14T19:00:00+01:00", "ends_at": "2031-01-14T21:00:00+01:00",
    "location": "Kulturhuset, Store Sal", "max_guests": 1,
}


def make_definition(session, panel, data=None, **changes):
    data = dict(data or SURVEY, **changes)
    stored = import_definitions(session, panel, data)[0]
    session.commit()
    return stored


def make_campaign(session, panel, *, definition=None, now: datetime | None = None, schedule: bool = True,
                  **plan_fields) -> Campaign:
    now = now or utcnow()
    if definition is None and plan_fields.get("kind", "survey") != "information":
        definition = make_definition(session, panel, key=f"trafik{utcnow().timestamp():.0f}{id(plan_fields)}")
    values = dict(kind="survey", title="Trafik i byen", starts_at=now, deadline_at=now + timedelta(days=10),
                  reminder_days=(3, 6), channel_mode="choice", audience={"type": "all"},
                  definition_id=definition.id if definition is not None else None)
    values.update(plan_fields)
    campaign = service.create_campaign(session, panel, rules.Plan(**values), now=now)
    if schedule:
        service.schedule_campaign(session, campaign, now=now)
    session.commit()
    return campaign
