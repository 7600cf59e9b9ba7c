"""Routes that belong to no feature: the front page, health and errors."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template
from flask_babel import gettext as _
from sqlalchemy import text

from engagement.db import get_engine
from engagement.web.security import csrf

bp = Blueprint("web", __name__)


@bp.get("/")
def index():
    return render_template("index.html")


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico on every site; pages also name favicon.svg in their <head>."""
    response = current_app.send_static_file("favicon.ico")
    response.headers["Cache-Control"] = "public, max-age=604800"
    return response


@bp.get("/healthz")
@csrf.exempt
def healthz():
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:  # any failure to reach the database means "not healthy"
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.app_errorhandler(404)
def not_found(_error):
    return render_template("error.html", title=_("Siden findes ikke"),
                           message=_("Vi kan ikke finde den side, du leder efter.")), 404


@bp.app_errorhandler(403)
def forbidden(_error):
    return render_template("error.html", title=_("Ingen adgang"),
                           message=_("Du har ikke adgang til denne side.")), 403


@bp.app_errorhandler(400)
def bad_request(error):
    return render_template("error.html", title=_("Noget gik galt"),
                           message=getattr(error, "description", None) or _("Forespørgslen kunne ikke læses.")), 400


@bp.app_errorhandler(429)
def too_many(_error):
    return render_template("error.html", title=_("For mange forsøg"),
                           message=_("Vent lidt, og prøv igen.")), 429
