"""Campaigns: create, schedule, cancel, and the tick that turns plans into outbox rows.

What views, jobs and the CLI call.  ``create_campaign``, ``schedule_campaign``
and ``cancel_campaign`` do not commit: the caller commits (with its audit
entry).  ``tick`` commits per campaign, and within a campaign per chunk of
500 recipients while a step is materialised (``_enqueue_in_chunks``), so
one broken campaign never holds up the others and a start for 10,000 never
holds the database for long; it is idempotent and safe to run twice, in
parallel or after a crash (the campaign row is locked while it is worked
on, every outbox row is unique on its ``dedupe_key``, and a step cut short
by a crash is continued by the next tick).

States: draft → scheduled → sending → sent → closed; cancel is possible in
draft, scheduled and sending (until the last message is out): pending outbox
rows are cancelled in the same transaction, and workers send only rows that
are still pending when they claim them.

* sending: the invitation rows exist; reminders may still fall due.
* sent: every step has been enqueued and no row is waiting.
* closed: the deadline has passed (anything still waiting then expires).

A tick after downtime: a campaign whose start passed starts now (if its
deadline has not passed: then it closes without sending); of several
reminders that fell due only the latest goes, and never at or after the
deadline.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Iterable, Sequence

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import exists, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from conversations.definitions import Meeting, Survey
from engagement import get_settings
from engagement.audit import record_audit
from engagement.campaigns import content as texts
from engagement.campaigns import rules
from engagement.campaigns.audience import AudienceError, audience_from_json
from engagement.campaigns.models import (CANCELLABLE, CANCELLED, CHANNEL_EMAIL, CLOSED, DRAFT, INFORMATION,
                                         MEETING, SCHEDULED, SENDING, SENT, SURVEY, Campaign,
                                         CampaignRecipient)
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.mail import InvalidEmail
from engagement.delivery.models import EMAIL, PENDING, SMS, OutboxMessage
from engagement.delivery.models import SENDING as ROW_SENDING
from engagement.delivery.models import SENT as ROW_SENT
from engagement.panel.models import ACTIVE, Panel, Panelist
from engagement.surveys.models import Rsvp, StoredDefinition
from engagement.surveys.service import load_definition
from engagement.tokens import verification_keys

log = logging.getLogger(__name__)


class CampaignError(Exception):
    """Base of the campaign service's errors; the message is for staff (Danish)."""


class InvalidCampaign(CampaignError):
    """The plan cannot be stored; ``problems`` lists (field, message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(message for _field, message in problems))
        self.problems = problems


class SegmentBudgetExceeded(InvalidCampaign):
    """An SMS of this campaign would take more segments than its budget allows."""


class UnknownCampaign(CampaignError):
    pass


class WrongState(CampaignError):
    """The campaign is not in a state that allows this (e.g. cancel after the last message)."""


PROBLEM_TEXT = {
    "unknown kind": lambda: _("Vælg spørgeskema, mødeinvitation eller information."),
    "title missing": lambda: _("Skriv en titel."),
    "unknown channel": lambda: _("Vælg mail, sms eller hver persons eget valg."),
    "naive start": lambda: _("Starttiden mangler en tidszone."),
    "no reminders for information": lambda: _("En information har ingen påmindelser."),
    "information needs subject and text": lambda: _("Skriv både emne og tekst."),
    "definition missing": lambda: _("Vælg et spørgeskema eller et møde."),
    "deadline before start": lambda: _("Fristen skal ligge efter starten."),
    "reminders need a deadline": lambda: _("Påmindelser kræver en frist."),
    "too many reminders": lambda: _("Højst fem påmindelser."),
    "reminders must grow": lambda: _("Påmindelser skal komme efter starten og i rækkefølge."),
    "reminder after deadline": lambda: _("Den sidste påmindelse skal gå før fristen."),
    "bad quiet hours": lambda: _("Stille timer skrives som 20:00 og 09:00."),
    "negative fatigue": lambda: _("Pausen mellem spørgeskemaer kan ikke være negativ."),
    "bad segment budget": lambda: _("Sms-grænsen skal være mellem 1 og 10 dele."),
}


# ---------------------------------------------------------------------------
# Create, schedule, cancel
# ---------------------------------------------------------------------------

def _definition_for(session: Session, panel: Panel, plan: rules.Plan) -> Survey | Meeting | None:
    if plan.definition_id is None:
        return None
    stored = session.get(StoredDefinition, plan.definition_id)
    if stored is None or stored.panel_id != panel.id:
        raise InvalidCampaign([("definition_id", _("Spørgeskemaet eller mødet findes ikke i dette panel."))])
    expected = {SURVEY: "survey", MEETING: "meeting"}.get(plan.kind)
    if expected and stored.kind != expected:
        raise InvalidCampaign([("definition_id", _("Det valgte passer ikke til kampagnens type."))])
    return load_definition(stored)


def contact_rules(panel: Panel) -> dict:
    """SMS quiet hours and the contact-fatigue window: the panel's own, else the installation's."""
    settings = get_settings()
    return {"quiet_start": panel.sms_quiet_start or settings.sms_quiet_start,
            "quiet_end": panel.sms_quiet_end or settings.sms_quiet_end,
            "fatigue_days": settings.contact_fatigue_days if panel.contact_fatigue_days is None
            else panel.contact_fatigue_days}


def apply_quiet_hours(session: Session, panel: Panel, old: tuple[str, str], *, now: datetime | None = None) -> int:
    """The panel's SMS quiet hours changed from ``old``: campaigns that followed the panel's hours and
    can still send take the new ones, and SMS already queued to wait out the old hours wait for the new
    ones instead (they go now when the new hours allow it).  Campaigns with hours of their own keep them.
    Returns how many queued SMS were moved.  The caller commits."""
    now = now or utcnow()
    rules_now = contact_rules(panel)
    new = (rules_now["quiet_start"], rules_now["quiet_end"])
    if new == tuple(old):
        return 0
    followers = list(session.scalars(select(Campaign).where(
        Campaign.panel_id == panel.id, Campaign.status.in_((DRAFT, SCHEDULED, SENDING, SENT)),
        Campaign.quiet_start == old[0], Campaign.quiet_end == old[1])).all())
    for campaign in followers:
        campaign.quiet_start, campaign.quiet_end = new
        session.add(campaign)
    held = (OutboxMessage.status == PENDING) & (OutboxMessage.channel == SMS) & \
        (OutboxMessage.panel_id == panel.id) & (OutboxMessage.next_attempt_at > now) & \
        ((OutboxMessage.attempts == 0) | (OutboxMessage.last_error == "quiet hours"))
    ids = [c.id for c in followers]
    whose = OutboxMessage.campaign_id.is_(None)
    if ids:
        whose = whose | OutboxMessage.campaign_id.in_(ids)
    when = rules.after_quiet_hours(now, *new)
    moved = session.execute(update(OutboxMessage).where(held, whose).values(next_attempt_at=when)
                            .execution_options(synchronize_session=False)).rowcount or 0
    log.info("panel %s: quiet hours %s-%s -> %s-%s; %s campaigns follow, %s queued SMS now wait until %s",
             panel.id, old[0], old[1], new[0], new[1], len(followers), moved, when.isoformat())
    return moved


def create_campaign(session: Session, panel: Panel, plan: rules.Plan, *, staff_id: int | None = None,
                    now: datetime | None = None) -> Campaign:
    """Check the plan (including every SMS against the segment budget) and store a draft.

    Quiet hours and contact fatigue the plan leaves open (None) come from the
    settings (``SMS_QUIET_START``/``SMS_QUIET_END``, ``CONTACT_FATIGUE_DAYS``)
    and are stored on the campaign, so it keeps what applied when it was made.
    """
    now = now or utcnow()
    plan = rules.with_defaults(plan, **contact_rules(panel))
    problems = [(p.field, PROBLEM_TEXT.get(p.message, lambda: p.message)())
                for p in rules.check_plan(plan, now)]
    if problems:
        raise InvalidCampaign(problems)
    try:
        audience_from_json(plan.audience)
    except AudienceError as exc:
        raise InvalidCampaign([("audience", _("Målgruppen kan ikke bruges: %(reason)s", reason=str(exc)))]) from None
    definition = _definition_for(session, panel, plan)
    campaign = Campaign(panel_id=panel.id, kind=plan.kind, title=plan.title.strip(),
                        definition_id=plan.definition_id, subject=plan.subject.strip(), body=plan.body,
                        audience=dict(plan.audience or {"type": "all"}), channel_mode=plan.channel_mode,
                        starts_at=plan.starts_at, deadline_at=plan.deadline_at,
                        reminder_days=list(plan.reminder_days), quiet_start=plan.quiet_start,
                        quiet_end=plan.quiet_end, fatigue_days=plan.fatigue_days,
                        sms_segment_budget=plan.sms_segment_budget, status=DRAFT, created_by=staff_id,
                        created_at=now)
    if campaign.channel_mode != CHANNEL_EMAIL:
        check_segment_budget(campaign, definition, panel)
    session.add(campaign)
    session.flush()
    record_audit(session, panel_id=panel.id, staff_id=staff_id, actor=_actor(staff_id),
                 action="campaign.create", target_type="campaign", target_id=campaign.id)
    return campaign


def check_segment_budget(campaign: Campaign, definition: Survey | Meeting | None, panel: Panel) -> None:
    too_long = [(where, content.segments) for where, content in texts.sms_previews(campaign, definition, panel)
                if (content.segments or 0) > campaign.sms_segment_budget]
    if too_long:
        where, segments = max(too_long, key=lambda item: item[1])
        raise SegmentBudgetExceeded([("sms_segment_budget", _(
            "En sms fylder %(segments)s dele (%(where)s), men grænsen er %(budget)s. "
            "Gør teksten eller spørgsmålene kortere, eller send kun på mail.",
            segments=segments, where=where, budget=campaign.sms_segment_budget))])


def _actor(staff_id: int | None) -> str:
    return f"staff:{staff_id}" if staff_id else "system"


def get_campaign(session: Session, campaign_id: int, panel_id: int | None = None) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or (panel_id is not None and campaign.panel_id != panel_id):
        raise UnknownCampaign(_("Kampagnen findes ikke."))
    return campaign


def list_campaigns(session: Session, panel_id: int) -> list[Campaign]:
    return list(session.scalars(select(Campaign).where(Campaign.panel_id == panel_id)
                                .order_by(Campaign.starts_at.desc(), Campaign.id.desc())).all())


def schedule_campaign(session: Session, campaign: Campaign, *, staff_id: int | None = None,
                      now: datetime | None = None) -> Campaign:
    now = now or utcnow()
    if campaign.status != DRAFT:
        raise WrongState(_("Kun en kladde kan planlægges."))
    if rules.is_past_deadline(campaign.deadline_at, now):
        raise WrongState(_("Fristen er allerede overskredet."))
    campaign.status = SCHEDULED
    campaign.scheduled_at = now
    session.add(campaign)
    record_audit(session, panel_id=campaign.panel_id, staff_id=staff_id, actor=_actor(staff_id),
                 action="campaign.schedule", target_type="campaign", target_id=campaign.id)
    return campaign


def cancel_campaign(session: Session, campaign: Campaign, *, staff_id: int | None = None,
                    now: datetime | None = None) -> int:
    """Cancel; pending messages never go. Returns how many were stopped."""
    now = now or utcnow()
    _lock(session, campaign)
    if campaign.status not in CANCELLABLE:
        raise WrongState(_("Kampagnen kan ikke aflyses: den sidste besked er sendt."))
    stopped = outbox.cancel_pending(session, campaign_id=campaign.id, reason="campaign cancelled")
    campaign.status = CANCELLED
    campaign.cancelled_at = now
    session.add(campaign)
    record_audit(session, panel_id=campaign.panel_id, staff_id=staff_id, actor=_actor(staff_id),
                 action="campaign.cancel", target_type="campaign", target_id=campaign.id, stopped=stopped)
    log.info("campaign %s cancelled: %s pending messages stopped", campaign.id, stopped)
    return stopped


def _lock(session: Session, campaign: Campaign) -> None:
    """Lock the campaign row (PostgreSQL) and reload it, so a tick and a cancel never cross."""
    session.execute(select(Campaign.id).where(Campaign.id == campaign.id).with_for_update())
    session.refresh(campaign)


# ---------------------------------------------------------------------------
# Responses
# ---------------------------------------------------------------------------

def mark_responded(session: Session, campaign_id: int, panelist_id: int, now: datetime | None = None) -> bool:
    """The panelist has answered this campaign: no reminders for them. (The caller commits.)"""
    recipient = session.scalars(select(CampaignRecipient).where(
        CampaignRecipient.campaign_id == campaign_id, CampaignRecipient.panelist_id == panelist_id)).first()
    if recipient is None or recipient.responded_at is not None:
        return False
    recipient.responded_at = now or utcnow()
    session.add(recipient)
    return True


def find_by_reply_token(session: Session, token: str,
                        secret_key: str | Sequence[str] | None = None) -> CampaignRecipient | None:
    """The campaign recipient (panelist + invitation) a reply token names, or None if not genuine
    (by default under the current key or a fallback: ``engagement.tokens.verification_keys``)."""
    key = outbox.read_reply_token(token, secret_key or verification_keys())
    if key is None:
        return None
    return session.scalars(select(CampaignRecipient).where(CampaignRecipient.reply_key == key)).first()


def non_responder_ids(session: Session, campaign: Campaign) -> list[int]:
    """Recipients whose invitation went out and who are still to answer: a meeting's, those
    without an RSVP; a survey's, those with a question still open (neither answered, nor
    skipped, nor with staff: ``engagement.inbound.conversation``), so a reminder reaches
    whoever answered only part of it, and asks only for what is missing."""
    R, P = CampaignRecipient, Panelist
    invitation_sent = exists().where(OutboxMessage.campaign_id == campaign.id,
                                     OutboxMessage.panelist_id == R.panelist_id,
                                     OutboxMessage.step == rules.step_name(0),
                                     OutboxMessage.status == ROW_SENT)
    query = (select(R.panelist_id).join(P, P.id == R.panelist_id)
             .where(R.campaign_id == campaign.id, P.status == ACTIVE, invitation_sent))
    survey = None
    if campaign.kind == SURVEY and campaign.definition_id is not None:
        stored = session.get(StoredDefinition, campaign.definition_id)
        survey = load_definition(stored) if stored is not None else None
    if not isinstance(survey, Survey):
        query = query.where(R.responded_at.is_(None))
    if campaign.kind == MEETING and campaign.definition_id is not None:
        query = query.where(~exists().where(Rsvp.definition_id == campaign.definition_id,
                                            Rsvp.panelist_id == R.panelist_id))
    ids = list(session.scalars(query.order_by(R.panelist_id)).all())
    if isinstance(survey, Survey):
        from engagement.inbound.conversation import panelists_with_open_questions

        ids = panelists_with_open_questions(session, campaign, survey, ids)
    return ids


# ---------------------------------------------------------------------------
# The tick
# ---------------------------------------------------------------------------

@dataclass
class TickReport:
    started: list[int] = field(default_factory=list)
    reminders: list[tuple[int, int]] = field(default_factory=list)  # (campaign, reminder number)
    sent: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    enqueued: int = 0
    failed: list[int] = field(default_factory=list)


def tick(session: Session, now: datetime | None = None) -> TickReport:
    """Do what is due: start campaigns, enqueue reminders, mark sent, close at the deadline.

    Commits per campaign (and per chunk of a step); an error in one campaign is logged and the
    others go on (the next tick tries it again).
    """
    now = now or utcnow()
    report = TickReport()
    ids = list(session.scalars(select(Campaign.id).where(Campaign.status.in_((SCHEDULED, SENDING, SENT)))
                               .order_by(Campaign.starts_at, Campaign.id)).all())
    session.rollback()
    for campaign_id in ids:
        try:
            _tick_campaign(session, campaign_id, now, report)
            session.commit()
        except Exception:
            session.rollback()
            report.failed.append(campaign_id)
            log.exception("campaign %s: tick failed; the next tick tries again", campaign_id)
    return report


def _tick_campaign(session: Session, campaign_id: int, now: datetime, report: TickReport) -> None:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        return
    _lock(session, campaign)
    if campaign.status == SCHEDULED and campaign.starts_at <= now:
        if rules.is_past_deadline(campaign.deadline_at, now):
            log.warning("campaign %s: start and deadline both passed while stopped: closed unsent", campaign.id)
            _close(session, campaign, now, report)
            return
        candidate_ids = audience_from_json(campaign.audience).panelist_ids(session, campaign.panel_id)
        last_invited = _fatigued(session, campaign, candidate_ids, now)
        tired = set(last_invited)
        if tired:
            log.info("campaign %s: %s panelists left out (contact fatigue)", campaign.id, len(tired))
        campaign.held_back = held_back_counts(session, campaign, [pid for pid in candidate_ids if pid not in tired],
                                              last_invited, now)
        session.add(campaign)
        if not _enqueue_in_chunks(session, campaign, 0, [pid for pid in candidate_ids if pid not in tired],
                                  now, report, SCHEDULED):
            return
        campaign.status = SENDING
        campaign.sending_at = now
        campaign.next_step = rules.first_future_step(campaign.starts_at, campaign.reminder_days, 0, now)
        report.started.append(campaign.id)
        session.add(campaign)
        session.flush()
    if campaign.status in (SENDING, SENT) and rules.is_past_deadline(campaign.deadline_at, now):
        _close(session, campaign, now, report)
        return
    if campaign.status == SENDING:
        step = rules.due_step(campaign.starts_at, campaign.reminder_days, max(campaign.next_step, 1), now)
        if step is not None:
            skipped = step - max(campaign.next_step, 1)
            if skipped:
                log.warning("campaign %s: %s reminder(s) fell due while stopped; sending only reminder %s",
                            campaign.id, skipped, step)
            if not _enqueue_in_chunks(session, campaign, step, non_responder_ids(session, campaign), now,
                                      report, SENDING):
                return
            report.reminders.append((campaign.id, step))
            campaign.next_step = step + 1
            session.add(campaign)
            session.flush()
        if campaign.next_step > len(campaign.reminder_days) and outbox.open_count(session, campaign.id) == 0:
            campaign.status = SENT
            campaign.sent_at = now
            session.add(campaign)
            report.sent.append(campaign.id)
            log.info("campaign %s: sent", campaign.id)


def _close(session: Session, campaign: Campaign, now: datetime, report: TickReport) -> None:
    expired = outbox.cancel_pending(session, campaign_id=campaign.id, reason="deadline passed")
    campaign.status = CLOSED
    campaign.closed_at = now
    session.add(campaign)
    report.closed.append(campaign.id)
    log.info("campaign %s: closed at the deadline (%s waiting messages stopped)", campaign.id, expired)


# ---------------------------------------------------------------------------
# Materialising a step
# ---------------------------------------------------------------------------

def recently_invited_at(session: Session, panel_id: int, fatigue_days: int, now: datetime | None = None, *,
                        except_campaign_id: int | None = None) -> dict[int, datetime]:
    """Panelists of the panel who got (or are about to get) a survey invitation within the last
    ``fatigue_days`` days, from the outbox, with when the latest was promised: contact fatigue."""
    if fatigue_days <= 0:
        return {}
    since = (now or utcnow()) - timedelta(days=fatigue_days)
    query = (select(OutboxMessage.panelist_id, func.max(OutboxMessage.created_at))
             .join(Campaign, Campaign.id == OutboxMessage.campaign_id)
             .where(Campaign.kind == SURVEY, Campaign.panel_id == panel_id,
                    OutboxMessage.step == rules.step_name(0),
                    OutboxMessage.status.in_((PENDING, ROW_SENDING, ROW_SENT)),
                    OutboxMessage.created_at >= since, OutboxMessage.panelist_id.is_not(None))
             .group_by(OutboxMessage.panelist_id))
    if except_campaign_id is not None:
        query = query.where(Campaign.id != except_campaign_id)
    return {pid: at for pid, at in session.execute(query).all()}


def recently_invited_ids(session: Session, panel_id: int, fatigue_days: int, now: datetime | None = None, *,
                         except_campaign_id: int | None = None) -> set[int]:
    """Who contact fatigue leaves out now.  A sample leaves them out before it is drawn
    (``SampleRequest.exclude_ids``); a starting survey campaign leaves them out too."""
    return set(recently_invited_at(session, panel_id, fatigue_days, now, except_campaign_id=except_campaign_id))


def _fatigued(session: Session, campaign: Campaign, panelist_ids: Iterable[int], now: datetime) -> dict[int, datetime]:
    """Panelists who got (or are about to get) another survey's invitation within the window, and when."""
    if campaign.kind != SURVEY:
        return {}
    wanted = set(panelist_ids)
    return {pid: at for pid, at in recently_invited_at(session, campaign.panel_id, campaign.fatigue_days, now,
                                                       except_campaign_id=campaign.id).items() if pid in wanted}


def held_back_counts(session: Session, campaign: Campaign, candidate_ids: list[int],
                     last_invited: dict[int, datetime], now: datetime) -> dict:
    """Who the start leaves out and why, counted (stored on the campaign; no ids): contact fatigue by
    days since the last invitation, and those no channel of the campaign reaches."""
    out: dict = {}
    if last_invited:
        days: dict[str, int] = {}
        for at in last_invited.values():
            ago = str(max(0, (now - at).days))
            days[ago] = days.get(ago, 0) + 1
        out["fatigue"] = {"count": len(last_invited), "days": days, "window": campaign.fatigue_days}
    unreachable = 0
    for start in range(0, len(candidate_ids), 900):
        for row in session.execute(select(Panelist.channel, Panelist.email, Panelist.phone, Panelist.email_status,
                                          Panelist.sms_status).where(
                Panelist.id.in_(candidate_ids[start:start + 900]), Panelist.panel_id == campaign.panel_id)):
            if rules.choose_channel(campaign.channel_mode, preferred=row.channel, email=row.email, phone=row.phone,
                                    email_ok=row.email_status == "ok", sms_ok=row.sms_status == "ok") is None:
                unreachable += 1
    if unreachable:
        out["unreachable"] = unreachable
    return out


def _insert_ignore(session: Session, table, values: list[dict], keys: list[str]) -> None:
    if not values:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # An executemany of one statement: compiled once (values inlined into the statement would be
    # compiled anew, bind parameter by bind parameter, for every chunk).
    session.execute(insert(table).on_conflict_do_nothing(index_elements=keys), values)


CHUNK = 500


def _enqueue_in_chunks(session: Session, campaign: Campaign, step: int, candidate_ids: list[int],
                       now: datetime, report: TickReport, expected_status: str) -> bool:
    """Materialise a step ``CHUNK`` panelists at a time, committing after each chunk.

    A start for 10,000 people is then twenty short transactions instead of one long one
    holding the campaign lock (on SQLite: the only writer's lock, so web requests would wait).
    It is idempotent and resumable: recipients are unique on (campaign, panelist) and outbox
    rows on their dedupe key, and panelists who already have this step's row are skipped
    before anything is rendered; a tick after a crash continues where the last one stopped
    (the campaign moves on only once every chunk is in).  After each commit the campaign is
    locked and read again: a cancel in between stops the rest (False).
    """
    ids = sorted(set(candidate_ids))
    if not ids:
        report.enqueued += _enqueue_step(session, campaign, step, now, [])
        return True
    for start in range(0, len(ids), CHUNK):
        report.enqueued += _enqueue_step(session, campaign, step, now, ids[start:start + CHUNK])
        session.commit()
        _lock(session, campaign)
        if campaign.status != expected_status:
            log.info("campaign %s: %s while its %s was being enqueued; stopped", campaign.id, campaign.status,
                     rules.step_name(step))
            return False
    return True


def _already_enqueued(session: Session, campaign: Campaign, step: int, panelist_ids: list[int]) -> set[int]:
    if not panelist_ids:
        return set()
    return set(session.scalars(select(OutboxMessage.panelist_id).where(
        OutboxMessage.campaign_id == campaign.id, OutboxMessage.step == rules.step_name(step),
        OutboxMessage.panelist_id.in_(panelist_ids))).all())


def _enqueue_step(session: Session, campaign: Campaign, step: int, now: datetime,
                  candidate_ids: list[int]) -> int:
    """Outbox rows for one step and some panelists (0 = invitation, n = reminder n); see
    ``_enqueue_in_chunks``."""
    panel = session.get(Panel, campaign.panel_id)
    definition = stored = None
    if campaign.definition_id is not None:
        stored = session.get(StoredDefinition, campaign.definition_id)
        definition = load_definition(stored) if stored else None
    settings = get_settings()
    secret = current_app.config["SECRET_KEY"]

    done = _already_enqueued(session, campaign, step, candidate_ids)
    panelists = _load_panelists(session, [pid for pid in candidate_ids if pid not in done], campaign.panel_id)
    if step == 0:
        new_recipients = []
        for p in panelists:
            channel = rules.choose_channel(campaign.channel_mode, preferred=p.channel, email=p.email, phone=p.phone,
                                           email_ok=p.email_status == "ok", sms_ok=p.sms_status == "ok")
            if channel:
                new_recipients.append({"campaign_id": campaign.id, "panelist_id": p.id, "channel": channel,
                                       "reply_key": outbox.new_reply_key(), "created_at": now})
        _insert_ignore(session, CampaignRecipient.__table__, new_recipients, ["campaign_id", "panelist_id"])
    recipients = {r.panelist_id: r for r in session.scalars(select(CampaignRecipient).where(
        CampaignRecipient.campaign_id == campaign.id,
        CampaignRecipient.panelist_id.in_([p.id for p in panelists]))).all()} if panelists else {}

    from engagement.panel import links

    invites_to_meeting = (step == 0 and campaign.kind == MEETING and isinstance(definition, Meeting)
                          and stored is not None)
    seating = None
    if campaign.kind == MEETING and isinstance(definition, Meeting) and stored is not None:
        from engagement.meetings.seating import seating_for

        seating = seating_for(session, stored, now)  # seats and the meeting's own deadline, as they stand
    email_texts = texts.EmailTexts(campaign, definition, panel, seating=seating)
    rows = []
    for p, recipient, channel in ((p, recipients.get(p.id), channel) for p in panelists
                                  for channel in rules.channels_of(getattr(recipients.get(p.id), "channel", None))):
        if channel == EMAIL and not (p.email and p.email_status == "ok"):
            continue
        if channel == SMS and not (p.phone and p.sms_status == "ok"):
            continue
        # "both": the email keeps the plain key and the SMS gets its own, so each is promised once.
        key = f"campaign:{campaign.id}:panelist:{p.id}:{rules.step_name(step)}"
        row = {"panel_id": campaign.panel_id, "campaign_id": campaign.id, "panelist_id": p.id,
               "step": rules.step_name(step), "channel": channel,
               "dedupe_key": key + (":sms" if recipient.channel == rules.BOTH and channel == SMS else ""),
               "expires_at": campaign.deadline_at, "created_at": now, "next_attempt_at": now}
        if channel == EMAIL:
            leave = links.leave_url(p, panel)
            rsvp_links, attachments = None, []
            if invites_to_meeting:
                # Per person: their own one-click links and calendar file (the text is shared).
                from engagement.meetings import calendar as meeting_calendar
                from engagement.meetings.outgoing import invitation_extras

                rsvp_links, ics = invitation_extras(session, stored, p, panel, now=now)
                attachments = [meeting_calendar.attachment(ics, meeting_calendar.REQUEST)]
            asked = None
            if step > 0 and isinstance(definition, Survey) and campaign.kind == SURVEY:
                asked = _open_questions(session, campaign, definition, p.id, recipient)  # a reminder: only what is open
                if not asked:
                    continue
            content = email_texts.content(step=step, name=p.name, language=p.language, leave_url=leave,
                                          rsvp_links=rsvp_links, questions=asked)
            try:
                row.update(outbox.email_values(settings, panelist=p, panel=panel, subject=content.subject,
                                               text=content.text, leave_url=leave,
                                               reply_token=outbox.make_reply_token(recipient.reply_key, secret),
                                               attachments=attachments))
            except InvalidEmail as exc:
                log.warning("campaign %s: panelist %s: no email can be built (%s)", campaign.id, p.id, exc)
                continue
        else:
            open_questions = None
            if isinstance(definition, Survey) and campaign.kind == SURVEY:
                open_questions = _open_questions(session, campaign, definition, p.id, recipient)
                if not open_questions:
                    continue
            content = texts.sms_content(campaign, definition, panel, step=step, name=p.name,
                                        language=p.language, open_questions=open_questions)
            if (content.segments or 0) > campaign.sms_segment_budget:
                log.warning("campaign %s: an SMS over the segment budget was not sent", campaign.id)
                continue
            row.update(text=content.text, to_address=p.phone, sms_segments=content.segments,
                       sms_encoding=content.encoding,
                       next_attempt_at=rules.after_quiet_hours(now, campaign.quiet_start, campaign.quiet_end))
            if content.sms_question and recipient.sms_question != content.sms_question:
                recipient.sms_question = content.sms_question
                session.add(recipient)
        rows.append(row)
    new = outbox.enqueue(session, rows)
    log.info("campaign %s: %s %s messages enqueued", campaign.id, new, rules.step_name(step))
    return new


def _open_questions(session: Session, campaign: Campaign, survey: Survey, panelist_id: int,
                    recipient: CampaignRecipient) -> list:
    """The questions still to ask (``engagement.inbound.conversation.open_questions``), the one awaited first."""
    from engagement.inbound.conversation import open_questions

    return open_questions(session, campaign, survey, panelist_id, recipient)


def _load_panelists(session: Session, ids: list[int], panel_id: int) -> list[Panelist]:
    found: list[Panelist] = []
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        found.extend(session.scalars(select(Panelist).where(Panelist.id.in_(chunk), Panelist.panel_id == panel_id,
                                                            Panelist.status == ACTIVE)).all())
    found.sort(key=lambda p: p.id)
    return found


__all__ = ["CampaignError", "InvalidCampaign", "SegmentBudgetExceeded", "UnknownCampaign", "WrongState",
           "TickReport", "cancel_campaign", "check_segment_budget", "create_campaign", "find_by_reply_token",
           "get_campaign", "held_back_counts", "list_campaigns", "mark_responded", "non_responder_ids",
           "recently_invited_at", "recently_invited_ids",
           "schedule_campaign", "tick"]
