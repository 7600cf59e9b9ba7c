"""``GET /metrics``: the Prometheus text format, for Prometheus only.

Who may read it:

* ``METRICS_TOKEN`` set: only a request with ``Authorization: Bearer <token>``
  (compared in constant time); from any address, so a Prometheus elsewhere
  can scrape through the proxy.
* not set: only loopback clients (127.0.0.0/8, ::1), i.e. a Prometheus (or an
  agent) on the same machine scraping the app directly.  A request that came
  through a proxy we were not told about (``X-Forwarded-For``/``Forwarded``
  with ``TRUSTED_PROXIES`` = 0) is refused even from loopback: behind nginx on
  the same machine every request looks local.  With ``TRUSTED_PROXIES`` set,
  ProxyFix has already put the real client in ``remote_addr``.

The numbers are not secret in themselves (no personal data), but they tell
an outsider how busy the panel is and when it sends, so they are not public.
"""
from __future__ import annotations

import hmac
import ipaddress

from flask import Blueprint, Response, abort, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from engagement.db import get_engine
from engagement.monitoring.metrics import build_registry

bp = Blueprint("monitoring", __name__)


def is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address((address or "").strip()).is_loopback
    except ValueError:
        return False


def _allowed(settings) -> bool:
    if settings.metrics_token:
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(given.strip().encode("utf-8"), settings.metrics_token.encode("utf-8"))
    if not settings.trusted_proxies and ("X-Forwarded-For" in request.headers or "Forwarded" in request.headers):
        return False
    return is_loopback(request.remote_addr)


@bp.get("/metrics")
def metrics():
    settings = current_app.extensions["borgerpanel.settings"]
    if not _allowed(settings):
        if settings.metrics_token:
            return Response("unauthorized\n", 401, {"WWW-Authenticate": 'Bearer realm="metrics"'},
                            mimetype="text/plain")
        abort(404)  # loopback only: to anyone else there is nothing here
    registry = build_registry(get_engine(), settings.prometheus_multiproc_dir)
    response = Response(generate_latest(registry), mimetype=None)
    response.headers["Content-Type"] = CONTENT_TYPE_LATEST
    response.headers["Cache-Control"] = "no-store"
    return response
