"""Helpers for the citizen flows: fill in the signup form, read the outbox, find links."""
from __future__ import annotations

import re
from email.message import EmailMessage
from urllib.parse import urlsplit

from engagement.delivery.mail import read_outbox
from tests.conftest import csrf_token_from


def sign_up(client, panel_key: str, **fields):
    """Fill in and send the signup form like a browser (GET the page, POST with its CSRF token)."""
    page = client.get(f"/p/{panel_key}/tilmeld")
    assert page.status_code == 200
    data = {"csrf_token": csrf_token_from(page.get_data(as_text=True)), "email": "anna@example.dk",
            "channel": "email", "language": "da", "consent": "yes"}
    data.update({key: value for key, value in fields.items() if value is not None})
    return client.post(f"/p/{panel_key}/tilmeld", data=data)


def submit_form(client, path: str, **fields):
    """GET a page and POST its form back with the page's CSRF token."""
    page = client.get(path)
    assert page.status_code == 200, page.status_code
    return client.post(path, data={"csrf_token": csrf_token_from(page.get_data(as_text=True)), **fields})


def outbox(app) -> list[EmailMessage]:
    return read_outbox(app.extensions["borgerpanel.settings"].outbox_dir)


def body_of(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def link_path(message: EmailMessage, kind: str) -> str:
    """The path of the first link of this kind (bekraeft, profil, frameld, ny-email) in a mail."""
    match = re.search(rf"https?://\S+/p/[^/\s]+/{kind}/\S+", body_of(message))
    assert match, f"no {kind} link in:\n{body_of(message)}"
    return urlsplit(match.group(0)).path


def recipient(message: EmailMessage) -> str:
    return message["To"].addresses[0].addr_spec


LONG_WORD = 6


def lix(text: str) -> float:
    """LIX readability: words per sentence + percentage of words longer than six letters."""
    text = re.sub(r"https?://\S+", " ", text)
    words = re.findall(r"[^\W\d_]+", text)
    sentences = max(1, len(re.findall(r"[.!?:]+(?=\s|$)", text)))
    long_words = sum(1 for word in words if len(word) > LONG_WORD)
    return len(words) / sentences + 100 * long_words / max(1, len(words))
