"""Staff pages for results, exports, feedback and panel health; the public feedback page.

Under ``/staff/<panel_key>/resultater``: viewers and up read; editors and up
send feedback and start a renewal campaign.  The public page
``/p/<panel_key>/resultater/<token>`` shows what a feedback message said
(figures and note, no personal data); the token is signed, so pages cannot
be guessed.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlmodel import select

from engagement.db import get_session
from engagement.panel import features as profile_features
from engagement.panel.models import Panel, Panelist
from engagement.reports import charts, exports, feedback, health, service
from engagement.reports.models import FOLLOWUP, SUMMARY, Feedback
from engagement.reports.spreadsheet import csv_response
from engagement.staff.auth import current_staff, require_role
from engagement.web.security import attachment_disposition

bp = Blueprint("reports", __name__, url_prefix="/staff/<panel_key>/resultater", template_folder="templates")
public_bp = Blueprint("reports_public", __name__, url_prefix="/p/<panel_key>/resultater",
                      template_folder="templates")


def _report(key: str, with_terms: bool = True) -> service.Report:
    session = get_session()
    try:
        report = service.build_report(session, g.panel, key, secret_key=current_app.config["SECRET_KEY"],
                                      with_terms=with_terms)
    except service.ReportError:
        abort(404)
    session.commit()  # strata frozen on the way
    return report


@bp.get("/")
@require_role("viewer")
def index(panel_key: str):
    return render_template("reports/index.html", surveys=service.list_surveys(get_session(), g.panel))


@bp.get("/<key>")
@require_role("viewer")
def survey(panel_key: str, key: str):
    report = _report(key)
    by = request.args.get("by", "gender")
    if by not in service.PROFILE_COLUMNS:
        by = "gender"
    query = (request.args.get("q") or "").strip()
    from engagement.reports import results as res

    texts = {r.question.key: res.search_texts(r.question, report.data.respondents, query)
             for r in report.results if r.is_text}
    crosstabs = {r.question.key: report.crosstab(r.question.key, by) for r in report.results if not r.is_text}
    question_charts = {r.question.key: charts.question_chart(r) for r in report.results}
    representation_charts = {
        f: charts.representation_chart(_("Svarpersoner og befolkning: %(feature)s",
                                         feature=report.feature_label(f)), rows,
                                       lambda v, f=f: report.value_label(f, v))
        for f, rows in report.representation.items() if f in report.targets}
    return render_template("reports/survey.html", report=report, by=by, query=query, texts=texts,
                           crosstabs=crosstabs, question_charts=question_charts,
                           representation_charts=representation_charts, to_svg=charts.to_svg,
                           fmt=charts.format_value, features=service.PROFILE_COLUMNS,
                           sent=feedback.list_feedback(get_session(), report.stored.id))


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = attachment_disposition(filename)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<key>/svar.csv")
@require_role("viewer")
def export_csv(panel_key: str, key: str):
    report = _report(key, with_terms=False)
    return csv_response(exports.to_csv(report), f"{key}-svar.csv")


@bp.get("/<key>/kodebog.csv")
@require_role("viewer")
def export_codebook(panel_key: str, key: str):
    """The codes behind the CSV's labels, for analysts (the XLSX has it as a sheet)."""
    report = _report(key, with_terms=False)
    return csv_response(exports.to_codebook_csv(report), f"{key}-kodebog.csv")


@bp.get("/<key>/svar.xlsx")
@require_role("viewer")
def export_xlsx(panel_key: str, key: str):
    report = _report(key, with_terms=False)
    return _download(exports.to_xlsx(report),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"{key}-svar.xlsx")


@bp.get("/<key>/rapport.pdf")
@require_role("viewer")
def export_pdf(panel_key: str, key: str):
    report = _report(key)
    return _download(exports.to_pdf(report), "application/pdf", f"{key}-rapport.pdf")


@bp.route("/<key>/tilbagemelding", methods=["GET", "POST"])
@require_role("viewer")
def send_feedback(panel_key: str, key: str):
    report = _report(key, with_terms=False)
    session = get_session()
    sent = feedback.list_feedback(session, report.stored.id)
    has_summary = any(f.kind == SUMMARY for f in sent)
    form = {"kind": FOLLOWUP if has_summary else SUMMARY, "note": ""}
    error = None
    if request.method == "POST":
        if g.role == "viewer":
            abort(403)
        form = {"kind": request.form.get("kind", SUMMARY), "note": request.form.get("note", "")}
        try:
            row = feedback.send_feedback(session, g.panel, report, kind=form["kind"], note=form["note"],
                                         staff_id=current_staff().id)
            session.commit()
        except (feedback.FeedbackError) as exc:
            session.rollback()
            error = str(exc) if not isinstance(exc, feedback.UnknownKind) else _("Vælg en slags besked.")
        else:
            flash(_("Beskeden er sat i kø til %(n)s panelister.", n=row.recipients))
            return redirect(url_for("reports.survey", panel_key=panel_key, key=key))
    preview = feedback.render_feedback(
        form["kind"] if form["kind"] in (SUMMARY, FOLLOWUP) else SUMMARY, channel="email", language="da",
        title=report.stored.title, respondents=report.respondents, rate=report.rates.overall.rate,
        figures=feedback.key_figures(report), note=form["note"] or _("(din tekst)"), answered_on="",
        surveys_answered=1, results_url=None, leave_url="…", sender=g.panel.sender_name)
    return render_template("reports/feedback.html", report=report, form=form, error=error, sent=sent,
                           has_summary=has_summary, preview=preview), (422 if error else 200)


# ---------------------------------------------------------------------------
# Panel health
# ---------------------------------------------------------------------------

@bp.get("/panelet")
@require_role("viewer")
def panel_health(panel_key: str):
    session = get_session()
    rates = health.participation_over_time(session, g.panel)
    chart = charts.BarChart(title=_("Svarprocent pr. invitation"),
                            bars=[charts.Bar(r.campaign.title, r.rate or 0.0) for r in rates],
                            first_name=_("Svarprocent")) if rates else None
    _t, target_labels = service.load_targets(session, g.panel.id)
    labels = service.value_labels(g.panel, target_labels)
    return render_template(
        "reports/health.html", rates=rates, chart=chart, to_svg=charts.to_svg, fmt=charts.format_value,
        silent=health.silent_members(session, g.panel), attrition=health.attrition_by_stratum(session, g.panel),
        ending=health.memberships_ending(session, g.panel), within_days=health.RENEWAL_DAYS,
        silent_after=health.SILENT_AFTER, feature_label=profile_features.feature_label,
        value_label=lambda f, v: profile_features.value_label(labels, f, v))


@bp.get("/panelet/<int:panelist_id>")
@require_role("viewer")
def panelist_history(panel_key: str, panelist_id: int):
    session = get_session()
    panelist = session.get(Panelist, panelist_id)
    if panelist is None or panelist.panel_id != g.panel.id:
        abort(404)
    from engagement.panel.profile import CHANNEL_LABELS

    return render_template("reports/panelist.html", panelist=panelist, channel_labels=CHANNEL_LABELS,
                           history=health.panelist_history(session, g.panel, panelist_id))


@bp.post("/panelet/fornyelse")
@require_role("editor")
def renewal(panel_key: str):
    from engagement.campaigns.service import CampaignError

    session = get_session()
    subject = (request.form.get("subject") or "").strip()
    body = (request.form.get("body") or "").strip()
    if not subject or not body:
        flash(_("Skriv både emne og tekst."))
        return redirect(url_for("reports.panel_health", panel_key=panel_key))
    try:
        health.start_renewal_campaign(session, g.panel, subject=subject, body=body, staff_id=current_staff().id)
        session.commit()
    except CampaignError as exc:
        session.rollback()
        flash(_("Kampagnen kunne ikke oprettes: %(reason)s", reason=str(exc)))
    else:
        flash(_("Fornyelsen er planlagt og sendes nu."))
    return redirect(url_for("reports.panel_health", panel_key=panel_key))


# ---------------------------------------------------------------------------
# The public page a feedback message links to
# ---------------------------------------------------------------------------

@public_bp.get("/<token>")
def feedback_page(panel_key: str, token: str):
    session = get_session()
    feedback_id = feedback.read_public_token(token)
    row = session.get(Feedback, feedback_id) if feedback_id else None
    panel = session.exec(select(Panel).where(Panel.key == panel_key)).first()
    if row is None or panel is None or row.panel_id != panel.id:
        abort(404)
    from engagement.surveys.models import StoredDefinition

    stored = session.get(StoredDefinition, row.definition_id)
    return render_template("reports/public.html", panel=panel, feedback=row, title=stored.title,
                           percent=lambda v: charts.format_value(v, True))
