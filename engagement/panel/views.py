"""Citizens' pages of a panel: join, confirm, profile, new link, new address, leave.

All under ``/p/<panel_key>/``; an unknown panel answers 404.  Citizens have no
passwords: the signed link in the URL is their key (``links.py``), so every
page here is sent with ``Cache-Control: no-store``, and ``Referrer-Policy:
same-origin`` (web/security.py) keeps the token from leaking to other sites.

The leave URL is exempt from CSRF on purpose: mail programs that honour
``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058) POST to it
with no cookie and no form; the unguessable, signed token in the URL is what
protects it.  A GET never leaves (link scanners fetch every link): it shows a
page with one button.  Confirming works the same way for the same reason.
"""
from __future__ import annotations

from types import SimpleNamespace

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _

from engagement import get_settings
from engagement.db import get_session, utcnow
from engagement.panel import links, service
from engagement.panel.consent import consent_label, consent_text
from engagement.panel.privacy import current_notice
from engagement.panel.models import ACTIVE, ERASED, LEFT, PENDING, Panelist
from engagement.panel.profile import (CHANNEL_LABELS, EDUCATIONS, EMPLOYMENTS, GENDERS, HOUSINGS,
                                      LANGUAGE_LABELS, InvalidField)
from engagement.panel.signup import is_signup_expired, read_details
from engagement.web.security import csrf

bp = Blueprint("panel", __name__, url_prefix="/p/<panel_key>", template_folder="templates")

INVALID_INPUT = 422


@bp.url_value_preprocessor
def _load_panel(_endpoint, values):
    key = (values or {}).pop("panel_key", None)
    panel = service.get_panel(get_session(), key) if key else None
    if panel is None:
        abort(404)
    g.panel = panel


@bp.url_defaults
def _add_panel_key(endpoint, values):
    if "panel_key" not in values and g.get("panel") is not None:
        values["panel_key"] = g.panel.key


@bp.context_processor
def _panel_context():
    return {"panel": g.get("panel")}


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


def _choices() -> SimpleNamespace:
    def pairs(labels):
        return [(code, str(label)) for code, label in labels.items()]

    return SimpleNamespace(channels=pairs(CHANNEL_LABELS), languages=list(LANGUAGE_LABELS.items()),
                           genders=pairs(GENDERS) + [("", _("Vil ikke oplyse"))],
                           educations=pairs(EDUCATIONS), housings=pairs(HOUSINGS), employments=pairs(EMPLOYMENTS))


def _page(title: str, *paragraphs: str, status: int = 200, link_url: str | None = None,
          link_text: str | None = None):
    return render_template("panel/message.html", title=title, paragraphs=paragraphs,
                           link_url=link_url, link_text=link_text), status


def _invalid_link():
    return _page(_("Linket virker ikke"),
                 _("Linket er forkert eller for gammelt. Prøv at kopiere hele linket fra mailen."),
                 _("Du kan også få et nyt link tilsendt."),
                 status=404, link_url=url_for(".request_link"), link_text=_("Få et nyt link"))


def _expired_profile_link():
    return _page(_("Linket er for gammelt"),
                 _("Af hensyn til din sikkerhed virker linket kun i 30 dage. Du kan få et nyt."),
                 status=410, link_url=url_for(".request_link"), link_text=_("Få et nyt link"))


def _expired_signup():
    return _page(_("Linket er for gammelt"),
                 _("Linket virker kun i 7 dage, og nu er tiden gået. Det er ikke noget problem."),
                 _("Du kan bare melde dig til igen."),
                 status=410, link_url=url_for(".signup"), link_text=_("Meld dig til igen"))


def _left_page():
    return _page(_("Du er meldt ud"),
                 _("Du er nu ude af panelet. Du får ingen flere beskeder fra os."),
                 _("Tak for din hjælp!"))


# ---------------------------------------------------------------------------
# Joining
# ---------------------------------------------------------------------------

@bp.route("/tilmeld", methods=["GET", "POST"])
def signup():
    panel = g.panel
    if request.method == "POST":
        details, errors = read_details(request.form, panel.postcode_areas,
                                       default_language=str(get_locale()), require_consent=True)
        if details is None:
            return _signup_form(request.form, errors), INVALID_INPUT
        service.register_signup(get_session(), panel, details, settings=get_settings(), now=utcnow())
        # The same answer whether the address was new, pending or a member.
        return redirect(url_for(".signup_done"))
    return _signup_form({"channel": "email", "language": str(get_locale())}, {})


def _signup_form(values, errors):
    return render_template("panel/signup.html", values=values, errors=errors, choices=_choices(),
                           consent_text=consent_text(g.panel), consent_label=consent_label())


@bp.get("/privatliv")
def privacy():
    """The privacy notice (GDPR art. 13), in the page's language; linked from signup, profile and every email."""
    language = "en" if str(get_locale()) == "en" else "da"
    return render_template("panel/privacy.html", notice=current_notice(g.panel), language=language)


@bp.get("/tilmeld/tak")
def signup_done():
    return _page(_("Tjek din mail"),
                 _("Vi har sendt dig en mail. Tryk på linket i mailen for at sige ja. Så er du med."),
                 _("Kan du ikke finde mailen? Se efter i mappen med spam eller reklamer."))


@bp.route("/bekraeft/<token>", methods=["GET", "POST"])
def confirm(token: str):
    session = get_session()
    try:
        panelist, _claim = service.load_from_link(session, g.panel, links.CONFIRM, token)
    except links.ExpiredLink:
        return _expired_signup()
    except links.LinkError:
        return _invalid_link()
    if panelist.status == ACTIVE:
        return _welcome_page(panelist, already=True)
    if panelist.status != PENDING:
        return _invalid_link()
    now = utcnow()
    if is_signup_expired(panelist.created_at, now):
        return _expired_signup()
    if request.method == "GET":
        return render_template("panel/confirm.html")
    try:
        service.confirm_signup(session, g.panel, panelist, settings=get_settings(), now=now)
    except links.ExpiredLink:
        return _expired_signup()
    return _welcome_page(panelist, already=False)


def _welcome_page(panelist: Panelist, *, already: bool):
    profile = url_for(".profile", token=links.make_link_token(links.PROFILE, panelist))
    if already:
        return _page(_("Du er allerede med"), _("Du har allerede sagt ja. Du er med i panelet."),
                     link_url=profile, link_text=_("Se din profil"))
    return _page(_("Velkommen! Nu er du med"),
                 _("Tak, fordi du vil være med. Vi har sendt dig en mail med et link til din profil."),
                 link_url=profile, link_text=_("Se din profil"))


# ---------------------------------------------------------------------------
# Staying
# ---------------------------------------------------------------------------

@bp.route("/link", methods=["GET", "POST"])
def request_link():
    if request.method == "POST":
        try:
            service.request_profile_link(get_session(), g.panel, request.form.get("email", ""),
                                         settings=get_settings(), now=utcnow())
        except InvalidField as error:
            return render_template("panel/request_link.html", values=request.form,
                                   errors={error.field: str(error.message)}), INVALID_INPUT
        return redirect(url_for(".link_sent"))
    return render_template("panel/request_link.html", values={}, errors={})


@bp.get("/link/sendt")
def link_sent():
    return _page(_("Tjek din mail"),
                 _("Er mailen med i panelet, har vi sendt et link til den. Linket virker i 30 dage."),
                 _("Kan du ikke finde mailen? Se efter i mappen med spam eller reklamer."))


def _profile_values(panelist: Panelist) -> dict:
    fields = ("email", "phone", "name", "channel", "language", *service.PROFILE_FIELDS)
    return {name: getattr(panelist, name) for name in fields}


@bp.route("/profil/<token>", methods=["GET", "POST"])
def profile(token: str):
    session = get_session()
    try:
        panelist, _claim = service.load_from_link(session, g.panel, links.PROFILE, token)
    except links.ExpiredLink:
        return _expired_profile_link()
    except links.LinkError:
        return _invalid_link()
    if panelist.status != ACTIVE:
        return _invalid_link()
    if request.method == "POST":
        details, errors = read_details(request.form, g.panel.postcode_areas, default_language=panelist.language)
        if details is None:
            return _profile_form(panelist, request.form, errors), INVALID_INPUT
        email_change = service.update_profile(session, g.panel, panelist, details, settings=get_settings(),
                                              now=utcnow())
        flash(_("Tak. Vi har gemt dine oplysninger."), "success")
        if email_change:
            flash(_("Vi har sendt en mail til din nye adresse. Tryk på linket i den, så skifter vi. "
                    "Indtil da bruger vi den gamle."), "info")
        return redirect(url_for(".profile", token=token))
    return _profile_form(panelist, _profile_values(panelist), {})


def _profile_form(panelist: Panelist, values, errors):
    ends_at = format_date(panelist.membership_ends_at, "long") if panelist.membership_ends_at else None
    leave_path = url_for(".leave", token=links.make_link_token(links.LEAVE, panelist))
    return render_template("panel/profile.html", values=values, errors=errors, choices=_choices(),
                           ends_at=ends_at, leave_path=leave_path)


@bp.route("/ny-email/<token>", methods=["GET", "POST"])
def confirm_email_change(token: str):
    session = get_session()
    try:
        panelist, claim = service.load_from_link(session, g.panel, links.EMAIL_CHANGE, token)
    except links.ExpiredLink:
        return _page(_("Linket er for gammelt"),
                     _("Linket virker kun i 7 dage. Skift mail igen på din profil."), status=410,
                     link_url=url_for(".request_link"), link_text=_("Få et link til din profil"))
    except links.LinkError:
        return _invalid_link()
    if panelist.status != ACTIVE or not claim.email:
        return _invalid_link()
    if request.method == "GET":
        return render_template("panel/email_change.html", new_email=claim.email)
    if not service.confirm_email_change(session, g.panel, panelist, claim.email, now=utcnow()):
        return _page(_("Mailen er allerede i brug"),
                     _("En anden i panelet bruger allerede den mail. Vi har ikke skiftet noget."),
                     status=409)
    return _page(_("Din mail er skiftet"), _("Fra nu af sender vi mails til din nye adresse."))


# ---------------------------------------------------------------------------
# Leaving
# ---------------------------------------------------------------------------

@bp.route("/frameld/<token>", methods=["GET", "POST"])
@csrf.exempt
def leave(token: str):
    session = get_session()
    try:
        panelist, _claim = service.load_from_link(session, g.panel, links.LEAVE, token)
    except links.StaleLink as stale:
        return _left_page() if stale.panelist.status in (LEFT, ERASED) else _invalid_link()
    except links.InvalidLink:
        return _left_page() if _names_deleted_panelist(token) else _invalid_link()
    if panelist.status in (LEFT, ERASED):
        return _left_page()
    if request.method == "GET":
        return render_template("panel/leave.html")
    service.leave_panel(session, g.panel, panelist, settings=get_settings(), now=utcnow())
    return _left_page()


def _names_deleted_panelist(token: str) -> bool:
    """A genuine leave link for a signup that is gone (deleted unconfirmed): they are out."""
    try:
        claim = links.read_link_token(links.LEAVE, token)
    except links.LinkError:
        return False
    return get_session().get(Panelist, claim.panelist_id) is None
