"""Delivery status from Twilio: ``POST /sms/status`` (the StatusCallback of every SMS we send).

The signature (``X-Twilio-Signature``) is checked with Twilio's
``RequestValidator`` over the URL rebuilt from ``PUBLIC_BASE_URL`` (behind a
TLS proxy ``request.url`` is wrong) and every form field received; a bad or
missing signature gets 403.  Callbacks come out of order: a status never
moves back (delivered stays delivered when a late "sent" arrives).  A
"failed"/"undelivered" with error 21610 or 21211 marks the panelist's SMS
channel, like the same error when sending.

One-click unsubscribe (RFC 8058) needs no view here: ``List-Unsubscribe``
points at the panel's leave link (``engagement.panel.links.leave_url``),
whose endpoint shows a page with a button on GET and leaves on POST, without
a CSRF token (mail providers post ``List-Unsubscribe=One-Click`` from their
servers).
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, abort, request
from sqlalchemy import update
from twilio.request_validator import RequestValidator

from engagement import get_settings
from engagement.db import get_session
from engagement.delivery import gdpr as _gdpr  # noqa: F401  (registers the outbox's GDPR export and erasure)
from engagement.delivery import outbox
from engagement.delivery.sms import INVALID_NUMBER_CODES, OPTED_OUT_CODES
from engagement.panel.models import Panelist
from engagement.web.security import csrf

log = logging.getLogger(__name__)

bp = Blueprint("delivery_status", __name__)


def _public_request_url() -> str:
    base = urlsplit(get_settings().public_base_url)
    path = base.path.rstrip("/") + request.path
    query = request.query_string.decode("latin-1")
    return f"{base.scheme}://{base.netloc}{path}" + (f"?{query}" if query else "")


@bp.route("/sms/status", methods=["POST"])
@csrf.exempt
def twilio_status():
    settings = get_settings()
    if not settings.uses_twilio:
        abort(404)
    validator = RequestValidator(settings.twilio_auth_token)
    signature = request.headers.get("X-Twilio-Signature", "")
    params = request.form.to_dict(flat=True)
    if not signature or not validator.validate(_public_request_url(), params, signature):
        log.warning("twilio status callback with a bad signature refused")
        abort(403)
    sid = params.get("MessageSid") or params.get("SmsSid") or ""
    status = (params.get("MessageStatus") or params.get("SmsStatus") or "").lower()
    try:
        code = int(params["ErrorCode"]) if params.get("ErrorCode") else None
    except ValueError:
        code = None
    session = get_session()
    row = outbox.record_sms_status(session, sid, status, code)
    if row is not None and status in ("failed", "undelivered") and row.panelist_id:
        marked = ("opted_out" if code in OPTED_OUT_CODES else "invalid" if code in INVALID_NUMBER_CODES else None)
        if marked:
            session.execute(update(Panelist).where(Panelist.id == row.panelist_id).values(sms_status=marked))
    session.commit()
    log.info("sms %s status %s (%s)", sid, status, "known" if row is not None else "unknown")
    return "", 204
