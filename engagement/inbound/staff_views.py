"""The staff inbox: ``/staff/<panel_key>/indbakke``.

What the service could not match or understand, and questions for staff,
with the original message and the whole conversation around it
(``engagement.inbound.thread``: every message in and out for that panelist
and campaign, with what was recorded from each).  From a message staff can
answer the panelist by email or SMS (through the outbox; a sender we could
not match is answered at the address they wrote from, on the same channel;
an email to a panelist carries the invitation's signed reply address as
Reply-To, so their answer comes back into the same thread), mark it done,
and correct an answer the service recorded, typed as a citizen would write
it (``engagement.inbound.corrections``, read with the reply reader;
``surveys.service.correct_answer``: the earlier answer stays in the history,
marked as replaced by that staff member).  Every action writes an audit
entry with ids only.
"""
from __future__ import annotations

from email.utils import make_msgid

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import func
from sqlmodel import select

from conversations.definitions import Survey
from engagement import get_settings
from engagement.audit import record_audit
from engagement.db import get_session, utcnow
from engagement.delivery import outbox
from engagement.delivery.mail import InvalidEmail
from engagement.delivery.models import OutboxMessage
from engagement.inbound import conversation
from engagement.inbound.corrections import MAX_TYPED, read_correction
from engagement.inbound.models import EMAIL, FAILED, SMS, InboundMessage
from engagement.inbound.thread import load_thread
from engagement.panel.models import ACTIVE, Panelist
from engagement.panel.profile import InvalidField, normalize_email, normalize_phone
from engagement.staff.auth import current_staff, require_role
from engagement.staff.models import EDITOR, VIEWER
from engagement.surveys.models import Answer, StoredDefinition
from engagement.surveys.service import SurveyError, answer_history, correct_answer, load_definition
from engagement.web.labels import answer_label

bp = Blueprint("inbound_staff", __name__, url_prefix="/staff/<panel_key>/indbakke", template_folder="templates")

PER_PAGE = 50
MAX_REPLY = 5000
CHANNEL_LABELS = {EMAIL: _l("Mail"), SMS: _l("SMS")}


def why_label(row: InboundMessage) -> str:
    """Why the message is in the inbox, for staff (Danish)."""
    if row.status == FAILED:
        return _("Beskeden kunne ikke læses")
    if row.matched_by == "forged":
        return _("Svarkoden i adressen er ikke ægte")
    if row.panelist_id is None:
        return _("Vi ved ikke, hvem afsenderen er")
    if row.campaign_id is None or (row.reason or "").startswith("no survey"):
        return _("Beskeden hører ikke til et spørgeskema eller møde")
    if row.intent == "other" or "for staff" in (row.reason or ""):
        return _("Besked eller spørgsmål til en medarbejder")
    if "unclear" in (row.reason or ""):
        return _("Svaret er stadig uklart efter at have spurgt igen")
    return _("Skal ses af en medarbejder")


def _message_or_404(message_id: int) -> InboundMessage:
    row = get_session().get(InboundMessage, message_id)
    if row is None or row.panel_id != g.panel.id:
        abort(404)
    return row


@bp.get("")
@require_role(VIEWER)
def inbox(panel_key: str):
    session = get_session()
    show_all = request.args.get("vis") == "alle"
    conditions = [InboundMessage.panel_id == g.panel.id, InboundMessage.needs_staff.is_(True)]
    if not show_all:
        conditions.append(InboundMessage.handled_at.is_(None))
    rows = session.exec(select(InboundMessage).where(*conditions)
                        .order_by(InboundMessage.received_at.desc(), InboundMessage.id.desc()).limit(PER_PAGE)).all()
    open_count = session.exec(select(func.count()).select_from(InboundMessage).where(
        InboundMessage.panel_id == g.panel.id, InboundMessage.needs_staff.is_(True),
        InboundMessage.handled_at.is_(None))).one()
    record_audit(session, panel_id=g.panel.id, staff_id=current_staff().id, action="inbox.list",
                 shown=len(rows), all=show_all)
    session.commit()
    return render_template("inbound/inbox.html", rows=rows, show_all=show_all, open_count=open_count,
                           why_label=why_label, channel_labels=CHANNEL_LABELS)


def _survey_for(row: InboundMessage):
    if row.campaign_id is None:
        return None, None
    from engagement.campaigns.models import Campaign

    campaign = get_session().get(Campaign, row.campaign_id)
    if campaign is None or campaign.definition_id is None:
        return None, None
    stored = get_session().get(StoredDefinition, campaign.definition_id)
    definition = load_definition(stored) if stored else None
    return stored, definition


@bp.get("/<int:message_id>")
@require_role(VIEWER)
def message(panel_key: str, message_id: int):
    session = get_session()
    row = _message_or_404(message_id)
    record_audit(session, panel_id=g.panel.id, staff_id=current_staff().id, action="inbox.view",
                 target_type="inbound_message", target_id=row.id)
    session.commit()
    return _message_page(row)


def _message_page(row: InboundMessage, *, correction: dict | None = None, status: int = 200):
    """The message with its whole conversation; ``correction`` (question, value, error) refills the
    correction form after a value that could not be read."""
    session = get_session()
    panelist = session.get(Panelist, row.panelist_id) if row.panelist_id else None
    stored, definition = _survey_for(row)
    history = []
    if panelist is not None and isinstance(definition, Survey):
        history = answer_history(session, stored.id, panelist.id)
    thread = load_thread(session, g.panel.id, row, definition)
    can_reply = {channel: reply_address(row, panelist, channel) is not None for channel in (EMAIL, SMS)}
    return render_template("inbound/message.html", row=row, panelist=panelist, definition=definition,
                           survey=definition if isinstance(definition, Survey) else None,
                           history=history, thread=thread, correction=correction or {},
                           can_reply=can_reply, why_label=why_label, channel_labels=CHANNEL_LABELS,
                           errors=request.args.getlist("fejl")), status


def reply_address(row: InboundMessage, panelist: Panelist | None, channel: str) -> str | None:
    """Where a staff answer on ``channel`` goes, or None when it cannot go that way.

    A known, active panelist: their current address (the worker checks it again at send
    time).  A sender we could not match: the address they wrote from, on the channel they
    wrote on (a valid email address, or a mobile number in E.164); the outbox row then has no
    panelist and carries the address itself.
    """
    if panelist is not None:
        if panelist.status != ACTIVE:
            return None
        return (panelist.email if channel == EMAIL else panelist.phone) or None
    if row.panelist_id is not None or channel != row.channel or not row.sender:
        return None
    try:
        return normalize_email(row.sender) if channel == EMAIL else normalize_phone(row.sender)
    except InvalidField:
        return None


@bp.post("/<int:message_id>/svar")
@require_role(EDITOR)
def reply(panel_key: str, message_id: int):
    session = get_session()
    row = _message_or_404(message_id)
    panelist = session.get(Panelist, row.panelist_id) if row.panelist_id else None
    channel = request.form.get("channel", "")
    text = request.form.get("text", "").strip()
    address = reply_address(row, panelist, channel) if channel in (EMAIL, SMS) else None
    if address is None:
        flash(_("Vi kan ikke svare denne afsender ad den vej."), "error")
        return redirect(url_for(".message", panel_key=panel_key, message_id=row.id))
    if not text or len(text) > MAX_REPLY:
        flash(_("Skriv et svar (højst %(max)s tegn).", max=MAX_REPLY), "error")
        return redirect(url_for(".message", panel_key=panel_key, message_id=row.id))
    staff = current_staff()
    done = session.exec(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.dedupe_key.like(f"staff-reply:{row.id}:%"))).one()
    subject = row.subject or g.panel.name
    values = {"panel_id": g.panel.id, "campaign_id": row.campaign_id,
              "panelist_id": panelist.id if panelist is not None else None,
              "step": "staff_reply", "channel": channel, "dedupe_key": f"staff-reply:{row.id}:{done + 1}",
              "text": text + "\n", "to_address": address}
    if channel == EMAIL:
        values["subject"] = (subject if subject.lower().startswith(("re:", "sv:")) else f"Re: {subject}")[:300]
        built = _staff_email(session, row, panelist, address, values["subject"], values["text"])
        if built is None:
            flash(_("Vi kan ikke svare denne afsender ad den vej."), "error")
            return redirect(url_for(".message", panel_key=panel_key, message_id=row.id))
        values.update(built)
    else:
        from engagement.messages.gsm import is_gsm7, segment_count

        values.update(sms_segments=segment_count(text), sms_encoding="gsm7" if is_gsm7(text) else "ucs2")
    outbox.enqueue_one(session, **values)
    record_audit(session, panel_id=g.panel.id, staff_id=staff.id, action="inbox.reply",
                 target_type="inbound_message", target_id=row.id, channel=channel)
    session.commit()
    flash(_("Svaret er sendt."), "success")
    return redirect(url_for(".message", panel_key=panel_key, message_id=row.id))


def _staff_email(session, row: InboundMessage, panelist: Panelist | None, address: str, subject: str,
                 text: str) -> dict | None:
    """The email columns of a staff answer, built now as the exact promise (a person wrote it: no
    Auto-Submitted), threaded under their message.  A panelist answered about a campaign gets the
    reply address of that invitation as Reply-To, so what they write back comes into the same thread;
    a sender we could not match gets the plain From address.  None: no message can be built."""
    from engagement.campaigns.models import CampaignRecipient
    from engagement.panel import links

    token = leave = None
    if panelist is not None:
        leave = links.leave_url(panelist, g.panel)
        if row.campaign_id is not None:
            recipient = session.exec(select(CampaignRecipient).where(
                CampaignRecipient.campaign_id == row.campaign_id,
                CampaignRecipient.panelist_id == panelist.id)).first()
            if recipient is not None:
                token = outbox.make_reply_token(recipient.reply_key, current_app.config["SECRET_KEY"])
    settings = get_settings()
    thread = {}
    if row.channel == EMAIL and row.external_id and not row.external_id.startswith("sha256:"):
        thread = {"in_reply_to": row.external_id, "references": (row.external_id,)}
    for attempt in (thread, {}):  # a citizen's malformed Message-ID: answer without threading
        try:
            return outbox.email_values(settings, panelist=panelist, panel=g.panel, subject=subject, text=text,
                                       leave_url=leave, reply_token=token,
                                       message_id=make_msgid(domain=settings.reply_domain), to=address, **attempt)
        except InvalidEmail:
            continue
    return None


@bp.post("/<int:message_id>/afslut")
@require_role(EDITOR)
def mark_done(panel_key: str, message_id: int):
    session = get_session()
    row = _message_or_404(message_id)
    staff = current_staff()
    reopen = request.form.get("reopen") == "1"
    row.handled_at = None if reopen else utcnow()
    row.handled_by_staff_id = None if reopen else staff.id
    session.add(row)
    record_audit(session, panel_id=g.panel.id, staff_id=staff.id,
                 action="inbox.reopen" if reopen else "inbox.done", target_type="inbound_message", target_id=row.id)
    if not reopen and row.panelist_id is not None and row.campaign_id is not None:
        # what staff settled lets the conversation go on: the next open question, or the closing receipt
        conversation.resume(session, row.panelist_id, row.campaign_id, row.handled_at)
    session.commit()
    flash(_("Beskeden er åben igen.") if reopen else _("Beskeden er markeret som klaret."), "success")
    if reopen:
        return redirect(url_for(".message", panel_key=panel_key, message_id=row.id))
    return redirect(url_for(".inbox", panel_key=panel_key))


@bp.post("/<int:message_id>/ret")
@require_role(EDITOR)
def correct(panel_key: str, message_id: int):
    """Staff set an answer as a citizen would write it ("A, B", "plast og glas", "fem", "ja"): read
    with the reply reader against that one question; what cannot be read is shown again with why."""
    session = get_session()
    row = _message_or_404(message_id)
    stored, definition = _survey_for(row)
    if row.panelist_id is None or not isinstance(definition, Survey):
        abort(404)
    question = definition.question(request.form.get("question", ""))
    typed = request.form.get("value", "")[:MAX_TYPED]
    if question is None:
        return _message_page(row, correction={"value": typed, "error": _("Vælg et spørgsmål.")}, status=422)
    value = read_correction(question, typed)
    if value is None:
        error = _("Vi kan ikke læse »%(typed)s« som et svar på spørgsmål %(number)s. %(hint)s",
                  typed=" ".join(typed.split()), number=question.number, hint=correction_hint(question))
        return _message_page(row, correction={"question": question.key, "value": typed, "error": error},
                             status=422)
    staff = current_staff()
    now = utcnow()
    earlier = next((a for a in answer_history(session, stored.id, row.panelist_id)
                    if a.question_key == question.key and a.replaced_at is None), None)
    try:
        new = correct_answer(session, stored.id, row.panelist_id, question.key, value, staff_id=staff.id, now=now)
    except SurveyError:
        session.rollback()
        error = _("»%(typed)s« passer ikke til spørgsmål %(number)s. %(hint)s", typed=" ".join(typed.split()),
                  number=question.number, hint=correction_hint(question))
        return _message_page(row, correction={"question": question.key, "value": typed, "error": error},
                             status=422)
    record_audit(session, panel_id=g.panel.id, staff_id=staff.id, action="inbox.correct",
                 target_type="inbound_message", target_id=row.id, question=question.key, answer=new.id,
                 replaced_answer=earlier.id if earlier is not None else None)
    if row.campaign_id is not None:
        conversation.resume(session, row.panelist_id, row.campaign_id, now)  # and the conversation goes on
    session.commit()
    new_words = answer_label(definition, question.key, new.value)
    if earlier is None:
        flash(_("Svaret på spørgsmål %(number)s er sat til »%(new)s«.", number=question.number, new=new_words),
              "success")
    else:
        flash(_("Svaret på spørgsmål %(number)s er rettet fra »%(old)s« til »%(new)s«. Det gamle svar er gemt i "
                "historikken.", number=question.number, old=answer_label(definition, question.key, earlier.value),
                new=new_words), "success")
    return redirect(url_for(".message", panel_key=panel_key, message_id=row.id))


def correction_hint(question) -> str:
    """What staff may type for this question, in words."""
    if question.type == "yes_no":
        return _("Skriv ja eller nej.")
    if question.type == "scale":
        return _("Skriv et tal fra %(low)s til %(high)s, med cifre eller bogstaver.", low=question.min,
                 high=question.max)
    if question.type == "number":
        return _("Skriv et tal, med cifre eller bogstaver.")
    if question.type == "choice":
        letters = ", ".join(chr(ord("A") + i) for i in range(len(question.options)))
        if getattr(question, "multiple", False) and len(question.options) > 1:
            return _("Skriv svarmulighedernes bogstaver (%(letters)s) eller navne, fx »A, %(last)s« eller "
                     "»%(first)s og %(second)s«.", letters=letters, last=chr(ord("A") + len(question.options) - 1),
                     first=question.options[0].label, second=question.options[-1].label)
        return _("Skriv svarmulighedens bogstav (%(letters)s) eller navn.", letters=letters)
    return _("Skriv svaret.")
