"""A survey's sample leaves out those invited to a survey within the fatigue window, and the
campaign keeps the sample's seed."""
from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from engagement.campaigns import service
from engagement.campaigns.models import Campaign
from engagement.db import utcnow
from engagement.delivery.models import OutboxMessage
from engagement.selection.models import PopulationTarget, SelectionDraw
from tests.campaigns.builders import make_campaign, make_definition
from tests.conftest import csrf_token_from
from tests.factories import make_panel, make_panelist
from tests.staff.support import log_in, make_staff


def _invited(session, panel, panelist, *, days_ago: float, kind: str = "survey"):
    """An earlier campaign's invitation row for ``panelist``, made ``days_ago`` days ago (in an app context)."""
    when = utcnow() - timedelta(days=days_ago)
    earlier = make_campaign(session, panel, now=when, kind=kind, schedule=False,
                            **({"subject": "Nyt", "body": "Tekst", "definition_id": None, "reminder_days": ()}
                               if kind == "information" else {}))
    session.add(OutboxMessage(panel_id=panel.id, campaign_id=earlier.id, panelist_id=panelist.id, step="invitation",
                              channel="email", dedupe_key=f"earlier:{earlier.id}:{panelist.id}", text="x",
                              status="sent", created_at=when))
    session.commit()


def test_recently_invited_counts_survey_invitations_within_the_window_only(ctx, session):
    panel, other_panel = make_panel(session), make_panel(session)
    recent, old, informed, elsewhere = (make_panelist(session, panel) for _ in range(4))
    stranger = make_panelist(session, other_panel)
    _invited(session, panel, recent, days_ago=3)
    _invited(session, panel, old, days_ago=30)
    _invited(session, panel, informed, days_ago=1, kind="information")
    _invited(session, other_panel, stranger, days_ago=1)
    assert service.recently_invited_ids(session, panel.id, 14) == {recent.id}
    assert service.recently_invited_ids(session, panel.id, 0) == set()
    assert service.recently_invited_ids(session, other_panel.id, 14) == {stranger.id}


def test_the_wizards_sample_skips_the_recently_contacted_and_the_campaign_keeps_the_seed(app, client, session):
    panel = make_panel(session)
    staff = make_staff(session, panel, role="editor")
    session.add(PopulationTarget(panel_id=panel.id, feature="gender", value="female", share=0.5))
    session.add(PopulationTarget(panel_id=panel.id, feature="gender", value="male", share=0.5))
    session.commit()
    people = [make_panelist(session, panel, gender="female" if i % 2 else "male") for i in range(12)]
    tired = people[:4]
    with app.app_context():
        for person in tired:
            _invited(session, panel, person, days_ago=2)
    definition = make_definition(session, panel, key="fatigue")
    log_in(client, staff)
    token = csrf_token_from(client.get(f"/staff/{panel.key}/kampagner/ny").get_data(as_text=True))
    # Ask for everyone who can be asked: the 8 who were not invited lately.
    form = {"csrf_token": token, "submitted": "1", "kind": "survey", "definition_id": str(definition.id),
            "title": "Trafik", "audience": "sample", "sample_size": "8", "sample_features": ["gender"],
            "sample_seed": "4242", "channel_mode": "email", "start": "now", "deadline_at": "2099-01-01T12:00",
            "reminders": "3"}
    review = client.post(f"/staff/{panel.key}/kampagner/ny", data={**form, "action": "review"})
    assert review.status_code == 200, review.get_data(as_text=True)
    response = client.post(f"/staff/{panel.key}/kampagner/ny", data={**form, "action": "schedule"})
    assert response.status_code == 302, response.get_data(as_text=True)
    session.expire_all()
    campaign = session.exec(select(Campaign).where(Campaign.title == "Trafik")).one()
    draw = session.get(SelectionDraw, campaign.audience["sample_id"])
    assert campaign.sample_seed == draw.seed == 4242
    assert set(draw.chosen_ids).isdisjoint({p.id for p in tired})
    assert len(draw.chosen_ids) == 8
