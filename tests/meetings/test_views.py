"""The one-click RSVP pages (GET shows, POST records) and the staff attendee list, CSV and print."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import select

from engagement.meetings import service
from engagement.meetings.links import rsvp_links
from engagement.meetings.models import SEATED, WAITLISTED, MeetingSeat
from engagement.surveys.models import Rsvp
from tests.conftest import csrf_token_from
from tests.meetings.support import make_meeting, people, rows
from tests.staff.support import csrf_for, log_in, make_staff


def links_for(app, panelist, panel, stored):
    with app.app_context():
        return rsvp_links(panelist, panel, stored.id)


def path(url: str) -> str:
    return url.replace("http://localhost", "")


def test_rsvp_by_link_get_shows_a_button_and_post_records(app, client, session):
    panel, stored = make_meeting(session)
    (mette,) = people(session, panel, 1)
    yes = path(links_for(app, mette, panel, stored)["yes"])
    page = client.get(yes)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "Borgermøde om den nye havn" in html and '<select id="guests" name="guests"' in html
    assert '<label for="guests">' in html
    assert session.exec(select(Rsvp)).all() == []          # a GET never records (link scanners)
    done = client.post(yes, data={"guests": "1", "csrf_token": csrf_token_from(html)})
    assert done.status_code == 200
    assert "Du har en plads til mødet." in done.get_data(as_text=True)
    rsvp = session.exec(select(Rsvp)).one()
    assert (rsvp.attending, rsvp.guests, rsvp.source, rsvp.panelist_id) == ("yes", 1, "link", mette.id)
    # "no" replaces it.
    no = path(links_for(app, mette, panel, stored)["no"])
    page = client.get(no)
    client.post(no, data={"csrf_token": csrf_token_from(page.get_data(as_text=True))})
    session.expire_all()
    current = session.exec(select(Rsvp).where(Rsvp.replaced_at.is_(None))).one()
    assert current.attending == "no"


def test_rsvp_by_link_when_full_says_waitlist(app, client, session):
    panel, stored = make_meeting(session)
    first, second = people(session, panel, 2)
    with app.app_context():
        service.configure_meeting(session, stored, capacity=1, seat_mode="first_come", rsvp_deadline_at=None)
        service.respond(session, stored, first, "yes", 0, source="email")
        session.commit()
    yes = path(links_for(app, second, panel, stored)["yes"])
    page = client.get(yes)
    done = client.post(yes, data={"guests": "0", "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert "Du står på ventelisten som nummer 1." in done.get_data(as_text=True)
    assert rows(session, f"%:panelist:{second.id}:rsvp:%")[0].subject.startswith("Du er på ventelisten")


def test_too_many_guests_by_link_is_refused_with_a_message(app, client, session):
    panel, stored = make_meeting(session)
    (mette,) = people(session, panel, 1)
    yes = path(links_for(app, mette, panel, stored)["yes"])
    page = client.get(yes)
    response = client.post(yes, data={"guests": "5", "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 422
    assert 'aria-describedby="guests-error"' in response.get_data(as_text=True)
    assert session.exec(select(Rsvp)).all() == []


def test_forged_or_stale_links_do_not_work(app, client, session):
    panel, stored = make_meeting(session)
    (mette,) = people(session, panel, 1)
    yes = path(links_for(app, mette, panel, stored)["yes"])
    assert client.get(yes[:-10] + "x" * 6 + "/yes").status_code == 404
    assert client.get(yes.replace("/yes", "/sometimes")).status_code == 404
    mette.token_version += 1
    session.add(mette)
    session.commit()
    assert client.get(yes).status_code == 404


def test_cancelled_meeting_link_says_so(app, client, session):
    panel, stored = make_meeting(session)
    (mette,) = people(session, panel, 1)
    with app.app_context():
        service.cancel_meeting(session, stored)
        session.commit()
    response = client.get(path(links_for(app, mette, panel, stored)["yes"]))
    assert response.status_code == 410 and "aflyst" in response.get_data(as_text=True)


def test_staff_attendee_list_csv_print_and_rsvp_by_hand(app, client, session):
    panel, stored = make_meeting(session)
    staff = make_staff(session, panel, role="editor")
    a, b, c = people(session, panel, 3)
    with app.app_context():
        service.configure_meeting(session, stored, capacity=4, seat_mode="first_come", rsvp_deadline_at=None)
        service.respond(session, stored, a, "yes", 1, source="email")
        service.respond(session, stored, b, "yes", 0, source="sms")
        session.commit()
    log_in(client, staff)
    base = f"/staff/{panel.key}/moeder"
    listing = client.get(base + "/")
    assert listing.status_code == 200 and "Borgermøde om den nye havn" in listing.get_data(as_text=True)
    page = client.get(f"{base}/havn")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="seated"' in html and a.name in html and b.name in html
    # An RSVP by hand from staff.
    token = csrf_for(client, f"{base}/havn")
    response = client.post(f"{base}/havn/svar", data={"panelist_id": str(c.id), "attending": "yes", "guests": "0",
                                                      "csrf_token": token})
    assert response.status_code == 302
    seat = session.exec(select(MeetingSeat).where(MeetingSeat.panelist_id == c.id)).one()
    assert seat.state == SEATED  # 2 (A and a guest) + 1 (B) + 1 (C) = 4 seats
    d = people(session, panel, 1)[0]
    response = client.post(f"{base}/havn/svar", data={"panelist_id": str(d.id), "attending": "yes", "guests": "3",
                                                      "csrf_token": token})
    assert response.status_code == 422 and "Spørg personen" in response.get_data(as_text=True)
    client.post(f"{base}/havn/svar", data={"panelist_id": str(d.id), "attending": "yes", "guests": "0",
                                           "csrf_token": token})
    seat = session.exec(select(MeetingSeat).where(MeetingSeat.panelist_id == d.id)).one()
    assert seat.state == WAITLISTED
    csv_response = client.get(f"{base}/havn/deltagere.csv")
    text = csv_response.get_data(as_text=True)
    assert csv_response.status_code == 200 and csv_response.mimetype == "text/csv"
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Plads;Nr. på venteliste;Navn")  # labels for Danish Excel (tests/reports/test_danish_excel.py)
    assert any(line.startswith("Har plads;") and a.name in line and ";1;Kommer;" in line for line in lines)
    assert any(line.startswith("På venteliste;1;") and d.name in line for line in lines)
    printed = client.get(f"{base}/havn/print").get_data(as_text=True)
    assert 'id="waitlist"' in printed and d.name in printed


def test_staff_change_and_cancel_by_form(app, client, session):
    panel, stored = make_meeting(session)
    staff = make_staff(session, panel, role="editor")
    (a,) = people(session, panel, 1)
    with app.app_context():
        service.respond(session, stored, a, "yes", 0, source="email")
        session.commit()
    log_in(client, staff)
    base = f"/staff/{panel.key}/moeder/havn"
    token = csrf_for(client, base)
    response = client.post(base + "/flyt", data={"starts_at": "2027-04-01T18:00", "ends_at": "2027-04-01T20:00",
                                                 "location": "Biblioteket", "csrf_token": token})
    assert response.status_code == 302
    session.expire_all()
    assert service.load_definition(session.get(type(stored), stored.id)).starts_at == \
        datetime(2027, 4, 1, 16, 0, tzinfo=timezone.utc)
    assert rows(session, "%:changed:1")[0].panelist_id == a.id
    assert client.post(base + "/aflys", data={"csrf_token": token}).status_code == 302
    assert rows(session, "%:cancelled")[0].panelist_id == a.id


def test_viewer_cannot_change_and_other_panels_are_hidden(app, client, session):
    panel, stored = make_meeting(session)
    other, _stored = make_meeting(session, key="andet")
    viewer = make_staff(session, panel, role="viewer")
    log_in(client, viewer)
    token = csrf_for(client, f"/staff/{panel.key}/moeder/havn")
    assert client.post(f"/staff/{panel.key}/moeder/havn/aflys", data={"csrf_token": token}).status_code == 403
    assert client.get(f"/staff/{other.key}/moeder/andet").status_code == 404
