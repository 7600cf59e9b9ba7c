"""Pure rules of a campaign: its plan, its steps, quiet hours and channels.

No database and no Flask here: values in, values out.  ``service`` loads and
saves; these functions decide.

Steps: step 0 is the invitation at ``starts_at``; step n (n ≥ 1) is reminder
n, ``reminder_days[n-1]`` days after the start.  When the scheduler was down
and several steps fell due, only the latest one goes (two reminders a minute
apart help nobody), and nothing goes at or after the deadline.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any, Mapping, Sequence
from zoneinfo import ZoneInfo

from engagement.campaigns.models import (CHANNEL_CHOICE, CHANNEL_EMAIL, CHANNEL_MODES, CHANNEL_SMS,
                                         INFORMATION, KINDS)

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
MAX_REMINDERS = 5
DEFAULT_QUIET = ("20:00", "09:00")
DEFAULT_FATIGUE_DAYS = 14
DEFAULT_SEGMENT_BUDGET = 3


class PlanProblem(ValueError):
    """One thing wrong with a campaign plan: ``field`` and a message for staff."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Plan:
    """What staff decide: checked by ``check_plan`` before anything is stored."""

    kind: str
    title: str
    starts_at: datetime
    deadline_at: datetime | None = None
    reminder_days: tuple[float, ...] = ()
    channel_mode: str = CHANNEL_CHOICE
    audience: Mapping[str, Any] | None = None
    definition_id: int | None = None
    subject: str = ""
    body: str = ""
    # None: the panel-independent defaults (settings SMS_QUIET_START/END, CONTACT_FATIGUE_DAYS).
    quiet_start: str | None = None
    quiet_end: str | None = None
    fatigue_days: int | None = None
    sms_segment_budget: int = DEFAULT_SEGMENT_BUDGET


def with_defaults(plan: Plan, *, quiet_start: str, quiet_end: str, fatigue_days: int) -> Plan:
    """The plan with the defaults filled in where it sets nothing of its own."""
    return replace(plan, quiet_start=plan.quiet_start or quiet_start, quiet_end=plan.quiet_end or quiet_end,
                   fatigue_days=fatigue_days if plan.fatigue_days is None else plan.fatigue_days)


def parse_clock(value: str) -> time:
    """``"20:00"`` → ``time(20, 0)``; raises ``ValueError``."""
    hours, _, minutes = value.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"not a time of day: {value!r}")
    return time(int(hours), int(minutes))


def check_plan(plan: Plan, now: datetime) -> list[PlanProblem]:
    """Every problem with the plan (empty when it can be stored). Messages are for staff (English
    in the code; the service translates them through gettext)."""
    problems: list[PlanProblem] = []
    if plan.kind not in KINDS:
        problems.append(PlanProblem("kind", "unknown kind"))
    if not plan.title.strip():
        problems.append(PlanProblem("title", "title missing"))
    if plan.channel_mode not in CHANNEL_MODES:
        problems.append(PlanProblem("channel_mode", "unknown channel"))
    if plan.starts_at.tzinfo is None:
        problems.append(PlanProblem("starts_at", "naive start"))
    if plan.kind == INFORMATION:
        if plan.reminder_days:
            problems.append(PlanProblem("reminder_days", "no reminders for information"))
        if not plan.subject.strip() or not plan.body.strip():
            problems.append(PlanProblem("body", "information needs subject and text"))
    elif plan.kind in KINDS and plan.definition_id is None:
        problems.append(PlanProblem("definition_id", "definition missing"))
    if plan.deadline_at is not None and plan.deadline_at <= plan.starts_at:
        problems.append(PlanProblem("deadline_at", "deadline before start"))
    if plan.reminder_days:
        if plan.deadline_at is None:
            problems.append(PlanProblem("deadline_at", "reminders need a deadline"))
        days = list(plan.reminder_days)
        if len(days) > MAX_REMINDERS:
            problems.append(PlanProblem("reminder_days", "too many reminders"))
        if any(d <= 0 for d in days) or days != sorted(set(days)):
            problems.append(PlanProblem("reminder_days", "reminders must grow"))
        elif plan.deadline_at is not None and plan.starts_at + timedelta(days=days[-1]) >= plan.deadline_at:
            problems.append(PlanProblem("reminder_days", "reminder after deadline"))
    try:
        parse_clock(plan.quiet_start or DEFAULT_QUIET[0])
        parse_clock(plan.quiet_end or DEFAULT_QUIET[1])
    except ValueError:
        problems.append(PlanProblem("quiet_start", "bad quiet hours"))
    if plan.fatigue_days is not None and plan.fatigue_days < 0:
        problems.append(PlanProblem("fatigue_days", "negative fatigue"))
    if not 1 <= plan.sms_segment_budget <= 10:
        problems.append(PlanProblem("sms_segment_budget", "bad segment budget"))
    return problems


# ---------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------

def step_name(index: int) -> str:
    return "invitation" if index == 0 else f"reminder-{index}"


def step_time(starts_at: datetime, reminder_days: Sequence[float], index: int) -> datetime:
    if index == 0:
        return starts_at
    return starts_at + timedelta(days=float(reminder_days[index - 1]))


def due_step(starts_at: datetime, reminder_days: Sequence[float], next_step: int,
             now: datetime) -> int | None:
    """The latest step at or after ``next_step`` that is due at ``now`` (None: nothing due)."""
    latest = None
    for index in range(next_step, len(reminder_days) + 1):
        if step_time(starts_at, reminder_days, index) <= now:
            latest = index
    return latest


def first_future_step(starts_at: datetime, reminder_days: Sequence[float], after: int,
                      now: datetime) -> int:
    """The first step after ``after`` that is not yet due (steps already past are skipped)."""
    index = after + 1
    while index <= len(reminder_days) and step_time(starts_at, reminder_days, index) <= now:
        index += 1
    return index


def is_past_deadline(deadline_at: datetime | None, now: datetime) -> bool:
    return deadline_at is not None and now >= deadline_at


# ---------------------------------------------------------------------------
# Quiet hours (SMS)
# ---------------------------------------------------------------------------

def is_quiet(at: datetime, quiet_start: str, quiet_end: str, tz: ZoneInfo = COPENHAGEN) -> bool:
    start, end = parse_clock(quiet_start), parse_clock(quiet_end)
    if start == end:
        return False
    local = at.astimezone(tz).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end


def after_quiet_hours(at: datetime, quiet_start: str, quiet_end: str,
                      tz: ZoneInfo = COPENHAGEN) -> datetime:
    """``at`` itself, or the end of the quiet hours it falls in (e.g. 09:00 local the next morning)."""
    if not is_quiet(at, quiet_start, quiet_end, tz):
        return at
    end = parse_clock(quiet_end)
    local = at.astimezone(tz)
    candidate = datetime.combine(local.date(), end, tzinfo=tz)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), end, tzinfo=tz)
    return candidate.astimezone(at.tzinfo)


# ---------------------------------------------------------------------------
# Channels
# ---------------------------------------------------------------------------

BOTH = "both"


def choose_channel(mode: str, *, preferred: str, email: str | None, phone: str | None,
                   email_ok: bool = True, sms_ok: bool = True) -> str | None:
    """How this panelist gets this campaign: "email", "sms", "both", or None when nothing reaches them.

    ``mode`` "email"/"sms" is the campaign's (one channel for everyone); "choice"
    follows the panelist's ``preferred`` ("email", "sms" or "both": both, when
    both work) and falls back to the other channel when the chosen one cannot
    be used.
    """
    can_email = bool(email) and email_ok
    can_sms = bool(phone) and sms_ok
    if mode == CHANNEL_EMAIL:
        return "email" if can_email else None
    if mode == CHANNEL_SMS:
        return "sms" if can_sms else None
    if preferred == BOTH and can_email and can_sms:
        return BOTH
    order = ("sms", "email") if preferred == "sms" else ("email", "sms")
    for channel in order:
        if (channel == "email" and can_email) or (channel == "sms" and can_sms):
            return channel
    return None


def channels_of(chosen: str | None) -> tuple[str, ...]:
    """The channels a recipient's messages go by ("both" is an email and an SMS)."""
    if chosen is None:
        return ()
    return ("email", "sms") if chosen == BOTH else (chosen,)

