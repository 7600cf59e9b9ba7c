"""Incoming SMS from Twilio: ``POST /sms/inbound``.

The ``X-Twilio-Signature`` is checked with the SDK's ``RequestValidator``
over every form field received and the URL rebuilt from ``PUBLIC_BASE_URL``
(behind a TLS proxy ``request.url`` is wrong); a bad or missing signature
gets 403 and nothing is stored.  The message is stored raw and committed
(unique on its MessageSid, so Twilio's retries are one row), and Twilio gets
an empty TwiML document at once: reading, deciding and replying happen in
the inbound workers (``engagement.inbound.worker``), and what we say back
goes through the outbox.  Nothing in the body can make storing fail (the
form is kept as ASCII JSON, the text columns are cleaned and cut), so a
hostile or odd message never turns into a 500 that Twilio retries in vain.
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, current_app, request
from twilio.request_validator import RequestValidator

from engagement import get_settings
from engagement.db import get_session
from engagement.inbound import pipeline, store
from engagement.web.security import csrf

log = logging.getLogger(__name__)

bp = Blueprint("inbound_sms", __name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def public_request_url() -> str:
    base = urlsplit(get_settings().public_base_url)
    path = base.path.rstrip("/") + request.path
    query = request.query_string.decode("latin-1")
    return f"{base.scheme}://{base.netloc}{path}" + (f"?{query}" if query else "")


def _panel_id(session, settings) -> int | None:
    """``pipeline.default_panel_id``; with ``INBOUND_PANEL`` set, looked up once per process
    (a panel's key and id never change), so storing a message is one statement and a commit."""
    if not settings.inbound_panel:
        return pipeline.default_panel_id(session)
    cache = current_app.extensions.setdefault("borgerpanel.inbound_panel_ids", {})
    found = cache.get(settings.inbound_panel)
    if found is None:
        found = pipeline.default_panel_id(session)
        if found is not None:
            cache[settings.inbound_panel] = found
    return found


def _twiml() -> Response:
    return Response(EMPTY_TWIML, mimetype="text/xml")


@bp.route("/sms/inbound", methods=["POST"])
@csrf.exempt
def receive_sms():
    settings = get_settings()
    if not settings.twilio_auth_token:
        abort(404)
    signature = request.headers.get("X-Twilio-Signature", "")
    params = request.form.to_dict(flat=True)
    if not signature or not RequestValidator(settings.twilio_auth_token).validate(
            public_request_url(), params, signature):
        log.warning("inbound sms with a bad signature refused")
        abort(403)
    if not (params.get("MessageSid") or params.get("SmsSid")):
        abort(400)
    session = get_session()
    inbound_id, is_new = store.store_sms_id(session, params, panel_id=_panel_id(session, settings))
    session.commit()
    if is_new:
        log.info("inbound sms %s: stored", inbound_id)
        wake = current_app.extensions.get("borgerpanel.inbound_wake")
        if wake is not None:  # serve: its inbound worker runs in this process
            wake()
    else:
        log.info("inbound sms %s: duplicate webhook ignored", inbound_id)
    return _twiml()
