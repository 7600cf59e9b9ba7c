"""Every token-carrying route refuses tampered, truncated, wrong-purpose, other-panel and expired tokens.

Refused means: a clear page (404 or 410, "Linket ..."), no crash, and none of
the panelist's data on it.
"""
from __future__ import annotations

import time
from unittest import mock

import pytest

from engagement.delivery import outbox
from engagement.meetings.links import make_rsvp_token
from engagement.panel import links
from engagement.panel.models import ACTIVE, PENDING, Panelist
from tests.conftest import TEST_SECRET
from tests.factories import make_panel, make_panelist
from tests.meetings.support import make_meeting

NAME = "Karen Tokenprøve"
ROUTES = {  # path pattern -> purpose of the genuine token
    "bekraeft/{t}": links.CONFIRM,
    "profil/{t}": links.PROFILE,
    "frameld/{t}": links.LEAVE,
    "ny-email/{t}": links.EMAIL_CHANGE,
    "moede/{t}/yes": "rsvp",
}


def _token(purpose, person, meeting_id):
    if purpose == "rsvp":
        return make_rsvp_token(person, meeting_id)
    return links.make_link_token(purpose, person, email="ny@example.dk" if purpose == links.EMAIL_CHANGE else None)


def _variants(app, purpose, person, other_meeting_id, meeting_id):
    with app.test_request_context():
        genuine = _token(purpose, person, meeting_id)
        wrong_purpose = {links.PROFILE: links.LEAVE, links.LEAVE: links.PROFILE, links.CONFIRM: links.PROFILE,
                         links.EMAIL_CHANGE: links.PROFILE, "rsvp": links.LEAVE}[purpose]
        other = {
            "tampered": genuine[:-5] + ("A" if genuine[-5] != "A" else "B") + genuine[-4:],  # not the padding bits
            "truncated": genuine[: len(genuine) // 2],
            "payload swapped": genuine.split(".")[0] + "x." + ".".join(genuine.split(".")[1:]),
            "wrong purpose": _token(wrong_purpose, person, meeting_id),
            "empty-ish": "x",
            "junk": "%00%0d%0a<script>",
        }
        if purpose == "rsvp":
            other["other meeting"] = make_rsvp_token(person, other_meeting_id)
    return genuine, other


@pytest.mark.parametrize("pattern", list(ROUTES))
def test_bad_tokens_get_a_clear_page_and_no_data(app, session, pattern):
    purpose = ROUTES[pattern]
    panel = make_panel(session)
    stranger_panel = make_panel(session)
    status = PENDING if purpose == links.CONFIRM else ACTIVE
    person = make_panelist(session, panel, name=NAME, status=status, email="karen@example.dk")
    _p, meeting = make_meeting(session, panel, key="havn")
    _p, other_meeting = make_meeting(session, stranger_panel, key="havn2")
    client = app.test_client()
    genuine, bad = _variants(app, purpose, person, other_meeting.id, meeting.id)
    assert client.get(f"/p/{panel.key}/" + pattern.format(t=genuine)).status_code == 200  # the control
    paths = {name: f"/p/{panel.key}/" + pattern.format(t=token) for name, token in bad.items()}
    paths["other panel"] = f"/p/{stranger_panel.key}/" + pattern.format(t=genuine)
    for name, path in paths.items():
        for method in ("GET", "POST"):
            response = client.open(path, method=method)
            body = response.get_data(as_text=True)
            assert response.status_code in (400, 404, 410), (name, method, response.status_code)
            assert NAME not in body and "karen@example.dk" not in body, (name, method)
            if response.status_code != 400:  # 400: CSRF refused the POST before the view
                assert "Linket" in body or "findes ikke" in body, (name, method, body[:300])
    session.expire_all()
    assert session.get(Panelist, person.id).status == status  # nothing happened


@pytest.mark.parametrize("purpose, days", [(links.PROFILE, 31), (links.CONFIRM, 8), (links.EMAIL_CHANGE, 8)])
def test_expired_links_say_so(app, session, purpose, days):
    panel = make_panel(session)
    person = make_panelist(session, panel, name=NAME, status=PENDING if purpose == links.CONFIRM else ACTIVE)
    with app.test_request_context():
        with mock.patch("itsdangerous.timed.time.time", return_value=time.time() - days * 86400):
            token = _token(purpose, person, None)
    path = {links.PROFILE: "profil", links.CONFIRM: "bekraeft", links.EMAIL_CHANGE: "ny-email"}[purpose]
    response = app.test_client().get(f"/p/{panel.key}/{path}/{token}")
    assert response.status_code == 410
    body = response.get_data(as_text=True)
    assert "for gammelt" in body and NAME not in body


def test_reply_address_tokens_are_checked():
    key = outbox.new_reply_key()
    token = outbox.make_reply_token(key, TEST_SECRET)
    assert outbox.read_reply_token(token, TEST_SECRET) == key
    assert outbox.read_reply_token(token.upper(), TEST_SECRET) == key  # mail systems may change case
    for bad in (token[:-1], token[:-1] + ("a" if token[-1] != "a" else "b"), "", "x" * len(token),
                key):
        assert outbox.read_reply_token(bad, TEST_SECRET) is None, bad
    assert outbox.read_reply_token(token, "another-secret-key-that-is-long-enough-0000") is None
