"""The minimal staff workflow on the command line: create, list, schedule, tick, cancel."""
from __future__ import annotations

from sqlmodel import select

from engagement.campaigns.models import Campaign
from engagement.delivery.models import OutboxMessage
from tests.campaigns.builders import make_definition
from tests.factories import make_panel, make_panelist


def test_create_schedule_list_cancel(app, runner, session):
    panel = make_panel(session, key="odense")
    make_panelist(session, panel)
    make_definition(session, panel)
    result = runner.invoke(args=["campaigns", "create", "--panel", "odense", "--kind", "survey",
                                 "--definition", "trafik", "--title", "Trafik", "--starts", "2020-03-04 10:00",
                                 "--deadline", "2099-03-14 12:00", "--reminders", "3,6"])
    assert result.exit_code == 0, result.output
    campaign = session.exec(select(Campaign)).one()
    assert campaign.status == "draft" and campaign.reminder_days == [3.0, 6.0]
    assert campaign.starts_at.hour == 9  # 10:00 in Copenhagen (winter) is 09:00 UTC
    assert runner.invoke(args=["campaigns", "schedule", str(campaign.id)]).exit_code == 0
    result = runner.invoke(args=["scheduler", "tick"])
    assert result.exit_code == 0 and "1 messages enqueued" in result.output
    listing = runner.invoke(args=["campaigns", "list", "--panel", "odense"])
    assert "sending" in listing.output and "pending 1" in listing.output
    result = runner.invoke(args=["campaigns", "cancel", str(campaign.id)])
    assert result.exit_code == 0 and "1 waiting messages will not go" in result.output
    session.expire_all()
    assert session.exec(select(OutboxMessage.status)).all() == ["cancelled"]
    assert runner.invoke(args=["delivery", "run", "--once"]).output.strip() == "0 messages handled"


def test_create_refuses_a_bad_plan_with_a_clear_message(app, runner, session):
    panel = make_panel(session, key="vejle")
    make_definition(session, panel)
    result = runner.invoke(args=["campaigns", "create", "--panel", "vejle", "--kind", "survey",
                                 "--definition", "trafik", "--title", "Trafik", "--starts", "2099-03-04 10:00",
                                 "--reminders", "3"])
    assert result.exit_code != 0 and "frist" in result.output
    result = runner.invoke(args=["campaigns", "create", "--panel", "vejle", "--kind", "survey",
                                 "--definition", "trafik", "--title", "Trafik", "--starts", "tirsdag"])
    assert result.exit_code != 0 and "2025-03-04 10:00" in result.output
