"""Answers and RSVPs: later replaces earlier, the history stays, staff corrections, GDPR."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from engagement.audit.models import AuditEntry
from engagement.db import utcnow
from engagement.panel import gdpr
from engagement.staff.models import StaffUser
from engagement.surveys import service
from engagement.surveys.models import Answer, Rsvp
from tests.factories import make_panel, make_panelist
from tests.surveys.test_definitions import MEETING, SURVEY


@pytest.fixture
def setup(session):
    panel = make_panel(session)
    survey, meeting = service.import_definitions(session, panel, [SURVEY, MEETING])
    session.commit()
    return panel, survey, meeting, make_panelist(session, panel)


def test_a_later_answer_replaces_the_earlier_and_keeps_the_history(session, setup):
    panel, survey, _meeting, person = setup
    t0 = utcnow()
    service.record_answers(session, panel.id, survey.id, person.id, {"bus": 2, "cykler": "yes"}, "email",
                           inbound_message_id=11, now=t0)
    session.commit()
    t1 = t0 + timedelta(hours=1)
    service.record_answers(session, panel.id, survey.id, person.id, {"bus": 4, "emner": ["busser", "veje"]},
                           "sms", now=t1)
    session.commit()
    assert service.current_answers(session, survey.id, person.id) == {
        "bus": 4, "cykler": "yes", "emner": ["veje", "busser"]}  # multiple choice in option order
    history = service.answer_history(session, survey.id, person.id)
    bus = [(a.value, a.source, a.replaced_at) for a in history if a.question_key == "bus"]
    assert bus == [(2, "email", t1), (4, "sms", None)]
    assert [a.inbound_message_id for a in history if a.question_key == "cykler"] == [11]


def test_answers_are_per_panelist(session, setup):
    panel, survey, _meeting, person = setup
    other = make_panelist(session, panel)
    service.record_answers(session, panel.id, survey.id, person.id, {"bus": 1}, "email")
    service.record_answers(session, panel.id, survey.id, other.id, {"bus": 5}, "email")
    session.commit()
    assert service.current_answers(session, survey.id, person.id) == {"bus": 1}
    assert service.current_answers(session, survey.id, other.id) == {"bus": 5}


@pytest.mark.parametrize("answers, error", [
    ({"bus": 6}, service.InvalidAnswer),
    ({"bus": True}, service.InvalidAnswer),
    ({"cykler": "ja"}, service.InvalidAnswer),
    ({"transport": "tog"}, service.InvalidAnswer),
    ({"emner": []}, service.InvalidAnswer),
    ({"forslag": "   "}, service.InvalidAnswer),
    ({"bus": 3, "nope": 1}, service.UnknownQuestion),
])
def test_bad_answers_record_nothing(session, setup, answers, error):
    panel, survey, _meeting, person = setup
    with pytest.raises(error):
        service.record_answers(session, panel.id, survey.id, person.id, answers, "email")
    session.rollback()
    assert session.exec(select(Answer)).all() == []


def test_bad_source_and_wrong_kind(session, setup):
    panel, survey, meeting, person = setup
    with pytest.raises(service.InvalidSource):
        service.record_answers(session, panel.id, survey.id, person.id, {"bus": 3}, "fax")
    with pytest.raises(service.WrongKind):
        service.record_answers(session, panel.id, meeting.id, person.id, {"bus": 3}, "email")
    with pytest.raises(service.WrongKind):
        service.record_rsvp(session, panel.id, survey.id, person.id, "yes")
    other_panel = make_panel(session)
    with pytest.raises(service.UnknownDefinition):
        service.record_answers(session, other_panel.id, survey.id, person.id, {"bus": 3}, "email")


def test_staff_correction_is_kept_in_the_history(session, setup):
    panel, survey, _meeting, person = setup
    staff = StaffUser(email="medarbejder@kommune.dk", password_hash="x")
    session.add(staff)
    session.commit()
    service.record_answers(session, panel.id, survey.id, person.id, {"transport": "bil"}, "email")
    session.commit()
    service.correct_answer(session, survey.id, person.id, "transport", "bus", staff_id=staff.id)
    session.commit()
    assert service.current_answers(session, survey.id, person.id) == {"transport": "bus"}
    old, new = service.answer_history(session, survey.id, person.id)
    assert (old.value, old.replaced_by_staff_id) == ("bil", staff.id) and old.replaced_at is not None
    assert (new.value, new.source, new.replaced_at) == ("bus", "staff", None)
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "answer.correct")).one()
    assert entry.target_id == person.id and entry.detail == {"definition": SURVEY["key"], "question": "transport"}
    with pytest.raises(service.InvalidAnswer):
        service.correct_answer(session, survey.id, person.id, "transport", "fly", staff_id=staff.id)


def test_a_later_rsvp_replaces_the_earlier(session, setup):
    panel, _survey, meeting, person = setup
    first = service.record_rsvp(session, panel.id, meeting.id, person.id, "maybe", 0, "sms")
    session.commit()
    second = service.record_rsvp(session, panel.id, meeting.id, person.id, "yes", 1, "email", inbound_message_id=3)
    session.commit()
    current = service.current_rsvp(session, meeting.id, person.id)
    assert current.id == second.id and (current.attending, current.guests) == ("yes", 1)
    session.refresh(first)
    assert first.replaced_at is not None


@pytest.mark.parametrize("attending, guests", [("yes", 2), ("ja", 0), ("yes", -1), ("no", 1)])
def test_bad_rsvps_are_refused(session, setup, attending, guests):
    panel, _survey, meeting, person = setup
    with pytest.raises(service.InvalidRsvp):
        service.record_rsvp(session, panel.id, meeting.id, person.id, attending, guests, "email")


def test_export_includes_answers_and_rsvps(session, setup):
    panel, survey, meeting, person = setup
    service.record_answers(session, panel.id, survey.id, person.id, {"bus": 2}, "email")
    service.record_answers(session, panel.id, survey.id, person.id, {"bus": 3, "forslag": "Flere bænke"}, "email")
    service.record_rsvp(session, panel.id, meeting.id, person.id, "yes", 1, "sms")
    session.commit()
    export = gdpr.export_panelist(session, person)
    answers = export["sections"]["answers"]
    assert [(a["question"], a["value"]) for a in answers] == [("bus", 2), ("bus", 3), ("forslag", "Flere bænke")]
    assert answers[0]["question_text"] == "Hvor tilfreds er du med busserne?" and answers[0]["replaced_at"]
    assert export["sections"]["rsvps"][0]["attending"] == "yes"


def test_erasure_keeps_only_anonymous_counts(session, setup):
    panel, survey, meeting, person = setup
    other = make_panelist(session, panel)
    service.record_answers(session, panel.id, survey.id, person.id, {"bus": 2}, "email", inbound_message_id=5)
    service.record_answers(session, panel.id, survey.id, person.id, {"bus": 4, "forslag": "Ring til Mette"}, "sms")
    service.record_answers(session, panel.id, survey.id, other.id, {"bus": 1}, "sms")
    service.record_rsvp(session, panel.id, meeting.id, person.id, "maybe", 0, "sms")
    service.record_rsvp(session, panel.id, meeting.id, person.id, "yes", 0, "sms")
    session.commit()
    gdpr.erase_panelist(session, person)
    session.commit()
    assert service.answer_history(session, survey.id, person.id) == []
    anonymous = session.exec(select(Answer).where(Answer.panelist_id.is_(None)).order_by(Answer.id)).all()
    assert [(a.question_key, a.value, a.replaced_at, a.inbound_message_id) for a in anonymous] == [
        ("bus", 4, None, None), ("forslag", None, None, None)]
    assert service.current_answers(session, survey.id, other.id) == {"bus": 1}
    rsvps = session.exec(select(Rsvp)).all()
    assert [(r.panelist_id, r.attending) for r in rsvps] == [(None, "yes")]
