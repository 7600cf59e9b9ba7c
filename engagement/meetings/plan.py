"""Pure rules of a meeting's plan: when reminders go, and which plans are valid.

Reminder times are local (Europe/Copenhagen): "two days before at 10:00" is
10:00 on the wall clock two days before the meeting's local date, also when
summer time begins or ends in between.  An SMS never goes in quiet hours (it
moves to the end of them); a reminder never goes once the meeting has begun.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from engagement.meetings.models import SEAT_MODES

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
REMINDER_CHANNELS = ("email", "sms")


class PlanError(ValueError):
    """A meeting plan that cannot be used; ``field`` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def parse_clock(value: str) -> time:
    hours, _, minutes = str(value).strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and int(hours) < 24 and int(minutes) < 60):
        raise PlanError("reminders", f"a time of day looks like 09:00, not {value!r}")
    return time(int(hours), int(minutes))


def is_quiet(at: datetime, quiet_start: str, quiet_end: str, tz: ZoneInfo = COPENHAGEN) -> bool:
    start, end = parse_clock(quiet_start), parse_clock(quiet_end)
    if start == end:
        return False
    local = at.astimezone(tz).time()
    return start <= local < end if start < end else (local >= start or local < end)


def after_quiet_hours(at: datetime, quiet_start: str, quiet_end: str, tz: ZoneInfo = COPENHAGEN) -> datetime:
    """``at`` itself, or the end of the quiet hours it falls in (local time)."""
    if not is_quiet(at, quiet_start, quiet_end, tz):
        return at
    local = at.astimezone(tz)
    candidate = datetime.combine(local.date(), parse_clock(quiet_end), tzinfo=tz)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), parse_clock(quiet_end), tzinfo=tz)
    return candidate.astimezone(at.tzinfo)


@dataclass(frozen=True)
class ReminderTime:
    index: int
    channel: str
    send_at: datetime  # UTC-aware; already moved out of quiet hours


def reminder_times(starts_at: datetime, reminders: list[dict], *, quiet_start: str, quiet_end: str,
                   tz: ZoneInfo = COPENHAGEN) -> list[ReminderTime]:
    """When each reminder of the plan goes; those that would go at or after the start are left out."""
    local_day = starts_at.astimezone(tz).date()
    out = []
    for index, item in enumerate(reminders):
        check_reminder(item)
        day = local_day - timedelta(days=int(item["days_before"]))
        send_at = datetime.combine(day, parse_clock(item["at"]), tzinfo=tz)
        send_at = after_quiet_hours(send_at, quiet_start, quiet_end, tz)
        if send_at >= starts_at:
            continue
        out.append(ReminderTime(index, item["channel"], send_at.astimezone(ZoneInfo("UTC"))))
    return out


def check_reminder(item: dict) -> None:
    if not isinstance(item, dict) or item.get("channel") not in REMINDER_CHANNELS:
        raise PlanError("reminders", "a reminder goes by email or sms")
    days = item.get("days_before")
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 30:
        raise PlanError("reminders", "days_before must be a whole number from 0 to 30")
    parse_clock(item.get("at", ""))


def check_plan(*, capacity: int | None, seat_mode: str, rsvp_deadline_at: datetime | None,
               starts_at: datetime, reminders: list[dict]) -> None:
    if capacity is not None and (isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1):
        raise PlanError("capacity", "the capacity must be a whole number of 1 or more")
    if seat_mode not in SEAT_MODES:
        raise PlanError("seat_mode", f"seat_mode must be one of {', '.join(SEAT_MODES)}")
    if seat_mode == "lottery":
        if capacity is None:
            raise PlanError("capacity", "a lottery needs a capacity")
        if rsvp_deadline_at is None:
            raise PlanError("rsvp_deadline_at", "a lottery is drawn at the RSVP deadline: set one")
    if rsvp_deadline_at is not None:
        if rsvp_deadline_at.tzinfo is None:
            raise PlanError("rsvp_deadline_at", "the deadline needs a time zone")
        if rsvp_deadline_at >= starts_at:
            raise PlanError("rsvp_deadline_at", "the deadline must be before the meeting")
    if len(reminders) > 5:
        raise PlanError("reminders", "at most five reminders")
    for item in reminders:
        check_reminder(item)
