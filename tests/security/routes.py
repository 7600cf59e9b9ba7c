"""Every route of the app, classified: who may do what, and why the public ones are public.

The tables are the expectation the tests hold the app to; a route missing
from them fails ``test_every_route_is_classified``, so a new page cannot slip
in without someone deciding who may see it.  Minimum roles are copied from
the views' ``require_role`` (plus the views that refuse a viewer's POST
inside: survey edit, feedback, samples and lotteries).
"""
from __future__ import annotations

from tests.security.world import MEETING_KEY, SURVEY_KEY

V, E, A = "viewer", "editor", "admin"

# endpoint -> {method: minimum role}.  All under /staff/<panel_key>/.
STAFF_ROUTES: dict[str, dict[str, str]] = {
    "staff.dashboard":              {"GET": V},
    "audit.log":                    {"GET": A},
    "team.index":                   {"GET": A},
    "team.add":                     {"POST": A},
    "team.change_role":             {"POST": A},
    "team.remove":                  {"POST": A},
    "panel_settings.show":          {"GET": V},
    "panel_settings.save_general":  {"POST": A},
    "panel_settings.save_targets":  {"POST": A},
    "panel_settings.save_privacy":  {"POST": A},
    "panel_settings.upload_targets": {"POST": A},
    "panel_settings.save_areas":    {"POST": A},
    "panel_admin.list_panelists":   {"GET": V},
    "panel_admin.view_panelist":    {"GET": V},
    "panel_admin.export_panelist":  {"POST": E},
    "panel_admin.confirm_erase":    {"GET": A},
    "panel_admin.erase_panelist":   {"POST": A},
    "panel_import.upload_form":     {"GET": E},
    "panel_import.upload":          {"POST": E},
    "campaigns.index":              {"GET": V},
    "campaigns.new":                {"GET": E, "POST": E},
    "campaigns.view":               {"GET": V},
    "campaigns.status":             {"GET": V},
    "campaigns.cancel":             {"POST": E},
    "campaigns.schedule":           {"POST": E},
    "inbound_staff.inbox":          {"GET": V},
    "inbound_staff.message":        {"GET": V},
    "inbound_staff.reply":          {"POST": E},
    "inbound_staff.mark_done":      {"POST": E},
    "inbound_staff.correct":        {"POST": E},
    "meetings_staff.index":         {"GET": V},
    "meetings_staff.meeting_page":  {"GET": V},
    "meetings_staff.print_page":    {"GET": V},
    "meetings_staff.attendees_csv": {"GET": V},
    "meetings_staff.configure":     {"POST": E},
    "meetings_staff.staff_rsvp":    {"POST": E},
    "meetings_staff.change":        {"POST": E},
    "meetings_staff.cancel":        {"POST": E},
    "meetings_staff.draw":          {"POST": E},
    "reports.index":                {"GET": V},
    "reports.survey":               {"GET": V},
    "reports.export_csv":           {"GET": V},
    "reports.export_codebook":      {"GET": V},
    "reports.export_xlsx":          {"GET": V},
    "reports.export_pdf":           {"GET": V},
    "reports.send_feedback":        {"GET": V, "POST": E},
    "reports.panel_health":         {"GET": V},
    "reports.panelist_history":     {"GET": V},
    "reports.renewal":              {"POST": E},
    "selection.overview":           {"GET": V},
    "selection.sample":             {"GET": V, "POST": E},
    "selection.fair_lottery":       {"GET": V, "POST": E},
    "surveys.index":                {"GET": V},
    "surveys.new":                  {"GET": E, "POST": E},
    "surveys.edit":                 {"GET": V, "POST": E},
    "surveys.preview":              {"POST": V},
    "surveys.export":               {"GET": V},
    "surveys.export_all":           {"GET": V},
    "surveys.import_file":          {"POST": E},
}

# Staff routes outside a panel: the login itself, and the list of one's panels.
ACCOUNT_ROUTES = {
    "staff.login": "the way in; rate limited per address, locked per email",
    "staff.logout": "ends one's own session (POST with CSRF token)",
    "staff.index": "any logged-in account: the panels it has a role in, nothing else",
}

# Reachable without an account, and why that is right.
PUBLIC_ROUTES = {
    "web.index": "front page, no data",
    "web.healthz": "load balancer probe: says only ok/error",
    "web.favicon": "the site's icon (a static file)",
    "static": "CSS and the console script",
    "panel.signup": "citizens join; rate limited; same answer for new and known addresses",
    "panel.signup_done": "a fixed 'check your mail' page",
    "panel.request_link": "'send me a link'; rate limited; same answer whether the address is known",
    "panel.link_sent": "a fixed 'check your mail' page",
    "panel.confirm": "signed, expiring token is the key (links.py)",
    "panel.profile": "signed, expiring token is the key",
    "panel.leave": "signed token is the key; CSRF-exempt for RFC 8058 one-click POST",
    "panel.confirm_email_change": "signed, expiring token naming the new address",
    "panel.privacy": "the panel's privacy notice (GDPR art. 13): public text, no personal data",
    "meetings.rsvp": "signed RSVP token naming panelist and meeting",
    "reports_public.feedback_page": "signed token of a published feedback page (results for panelists)",
    "inbound_sms.receive_sms": "Twilio webhook: X-Twilio-Signature checked, CSRF-exempt",
    "delivery_status.twilio_status": "Twilio status callback: X-Twilio-Signature checked, CSRF-exempt",
    "monitoring.metrics": "Prometheus scrape (monitoring helper's route; guarded there)",
}

# Object arguments in staff URLs, and which of panel A's objects they name.
OBJECT_ARGS = ("campaign_id", "message_id", "panelist_id", "staff_id", "key")


def url_values(world, endpoint: str, arguments, panel_key: str | None = None) -> dict:
    values = world.values()
    if panel_key is not None:
        values["panel_key"] = panel_key
    if endpoint.startswith("meetings_staff."):
        values["key"] = MEETING_KEY
    else:
        values["key"] = SURVEY_KEY
    if endpoint == "panel_admin.erase_panelist":
        values["panelist_id"] = world.victim.id  # the hostile panelist stays for the pages after it
    return {name: values[name] for name in arguments}
