"""CSRF on every form, safe response headers, the client address and rate limits.

* CSRF (Flask-WTF) on every POST; the only exemptions are declared at their
  views: the Twilio webhooks (signed by Twilio) and the leave link (RFC 8058
  one-click POST from mail programs; the signed token is the protection).
* Headers: no sniffing, no framing, a Content-Security-Policy that allows
  only this site's own scripts and styles (the templates have no inline
  script or style), and ``Cache-Control: no-store`` on every staff page so a
  shared computer's back button or cache shows no panelist data.
* ``TRUSTED_PROXIES`` > 0: werkzeug's ProxyFix takes the client address from
  that many ``X-Forwarded-For`` hops (nginx in front); the rate limits
  (``ratelimit.py``) count per that address.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from flask import Flask, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")


def init_app(app: Flask) -> None:
    from engagement.web import ratelimit

    csrf.init_app(app)
    settings = app.extensions["borgerpanel.settings"]
    if settings.trusted_proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies)  # type: ignore[method-assign]
    ratelimit.init_app(app)

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if request.path.startswith("/staff/"):
            response.headers["Cache-Control"] = "no-store"
        return response


def attachment_disposition(filename: str) -> str:
    """``Content-Disposition`` for a download whose name holds staff-chosen text (a survey key).

    Keys may hold quotes, CR/LF or any letter; the plain ``filename`` keeps
    only safe ASCII, ``filename*`` (RFC 6266) has the real name percent-encoded,
    so nothing in the name can end the header or add another.
    """
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_name).strip("._") or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
