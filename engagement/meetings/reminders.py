"""The scheduler's tick for meetings: lotteries whose RSVP deadline has passed, and reminders to those with a seat
at the plan's local times (default: email two days before, SMS on the morning of the day), never in quiet hours,
never after the start.  ``due_meeting_jobs`` is the one meeting entry point that commits (once per meeting)."""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from engagement import get_settings
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.mail import InvalidEmail
from engagement.delivery.models import EMAIL
from engagement.meetings import plan as rules
from engagement.meetings.links import rsvp_links
from engagement.meetings.lottery import draw_lottery, due_lotteries
from engagement.meetings.models import OPEN, SEATED, MeetingPlan, MeetingSeat
from engagement.meetings.outgoing import base_row, reachable, sms_values
from engagement.panel.models import ACTIVE, Panel, Panelist
from engagement.surveys.models import StoredDefinition
from engagement.surveys.service import load_definition

log = logging.getLogger(__name__)


def due_meeting_reminders(session: Session, now: datetime | None = None) -> int:
    """Enqueue every reminder that has fallen due (to those with a seat); returns how many are new.

    Does not commit: the caller (``due_meeting_jobs`` or a test) does.  Safe to run twice:
    each reminder is unique on ``meeting:<id>:panelist:<id>:reminder-<n>:s<sequence>``.
    """
    from engagement.campaigns.service import contact_rules
    from engagement.messages.render import greeting_name, render_message
    from engagement.panel import links as panel_links

    now = now or utcnow()
    settings = get_settings()
    new = 0
    plans = session.scalars(select(MeetingPlan).where(MeetingPlan.status == OPEN)).all()
    for plan in plans:
        stored = session.get(StoredDefinition, plan.definition_id)
        meeting = load_definition(stored)
        if now >= meeting.starts_at:
            continue
        quiet = contact_rules(session.get(Panel, plan.panel_id))  # the panel's own quiet hours win
        due = [r for r in rules.reminder_times(meeting.starts_at, plan.reminders, quiet_start=quiet["quiet_start"],
                                               quiet_end=quiet["quiet_end"]) if r.send_at <= now]
        if not due:
            continue
        panel = session.get(Panel, stored.panel_id)
        seated = session.execute(select(Panelist, MeetingSeat).join(MeetingSeat, MeetingSeat.panelist_id == Panelist.id)
                                 .where(MeetingSeat.definition_id == stored.id, MeetingSeat.state == SEATED,
                                        Panelist.status == ACTIVE).order_by(Panelist.id)).all()
        rows = []
        for reminder in due:
            for panelist, seat in seated:
                if not reachable(panelist, reminder.channel):
                    continue
                language = panelist.language if panelist.language in ("da", "en") else "da"
                context = dict(meeting=meeting, attending="yes", guests=seat.guests,
                               name=greeting_name(panelist.name), sender=panel.sender_name)
                key = f"meeting:{stored.id}:panelist:{panelist.id}:reminder-{reminder.index}:s{plan.sequence}"
                row = base_row(session, stored, panelist, f"meeting-reminder-{reminder.index}", reminder.channel,
                                key, meeting, now)
                if reminder.channel == EMAIL:
                    leave = panel_links.leave_url(panelist, panel)
                    context.update(leave_url=leave, rsvp_links=rsvp_links(panelist, panel, stored.id))
                    rendered = render_message("meeting_reminder", channel="email", language=language, **context)
                    try:
                        row.update(outbox.email_values(settings, panelist=panelist, panel=panel,
                                                       subject=rendered.subject or "", text=rendered.text,
                                                       leave_url=leave, reply_token=row.pop("_reply_token")))
                    except InvalidEmail:
                        continue
                else:
                    row.pop("_reply_token")
                    rendered = render_message("meeting_reminder", channel="sms", language=language, **context)
                    sms_values(row, rendered, panelist, now, settings)
                rows.append(row)
        new += outbox.enqueue(session, rows)
    return new


def due_meeting_jobs(session: Session, now: datetime | None = None) -> dict:
    """What the scheduler's tick calls: draw due lotteries (one commit each), then enqueue due reminders."""
    now = now or utcnow()
    report = {"lotteries": [], "reminders": 0, "failed": []}
    for definition_id in due_lotteries(session, now):
        try:
            stored = session.get(StoredDefinition, definition_id)
            draw_lottery(session, stored, now=now)
            session.commit()
            report["lotteries"].append(definition_id)
        except Exception:
            session.rollback()
            report["failed"].append(definition_id)
            log.exception("meeting %s: the lottery failed; the next tick tries again", definition_id)
    try:
        report["reminders"] = due_meeting_reminders(session, now)
        session.commit()
    except Exception:
        session.rollback()
        log.exception("meeting reminders failed; the next tick tries again")
    return report


__all__ = ["due_meeting_jobs", "due_meeting_reminders"]
