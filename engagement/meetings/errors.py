"""The meeting service's errors: an unknown or closed meeting, too many guests, a plan that does not hold."""
from __future__ import annotations


class MeetingError(Exception):
    """Base of the meeting service's errors."""


class UnknownMeeting(MeetingError):
    pass


class MeetingClosed(MeetingError):
    """The meeting is cancelled or has begun: no more answers."""


class TooManyGuests(MeetingError):
    """More guests than the meeting allows: ask again, never cut."""

    def __init__(self, max_guests: int, asked: int):
        super().__init__(f"at most {max_guests} guest(s), not {asked}")
        self.max_guests = max_guests
        self.asked = asked


class InvalidPlan(MeetingError):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


__all__ = ["MeetingError", "UnknownMeeting", "MeetingClosed", "TooManyGuests", "InvalidPlan"]
