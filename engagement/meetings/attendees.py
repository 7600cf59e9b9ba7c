"""The staff's attendee list (seated, waitlist in order, lottery entries, maybe, no) and the composition
of those coming beside the population targets."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import select
from sqlmodel import Session

from engagement.meetings.models import ENTERED, SEATED, WAITLISTED, MeetingSeat
from engagement.panel.models import Panelist
from engagement.surveys.models import Rsvp, StoredDefinition


@dataclass
class Attendee:
    panelist: Panelist
    seat: MeetingSeat
    rsvp: Rsvp
    position: int | None = None


@dataclass
class AttendeeList:
    seated: list[Attendee]
    waitlist: list[Attendee]
    entered: list[Attendee]
    maybe: list[Attendee]
    no: list[Attendee]

    @property
    def seats_taken(self) -> int:
        return sum(1 + a.seat.guests for a in self.seated)

    @property
    def guests(self) -> int:
        return sum(a.seat.guests for a in self.seated)


def attendee_list(session: Session, stored: StoredDefinition) -> AttendeeList:
    rows = session.execute(select(Panelist, MeetingSeat, Rsvp)
                           .join(MeetingSeat, MeetingSeat.panelist_id == Panelist.id)
                           .join(Rsvp, Rsvp.id == MeetingSeat.rsvp_id)
                           .where(MeetingSeat.definition_id == stored.id)
                           .order_by(MeetingSeat.position, Panelist.name, Panelist.id)).all()
    out = AttendeeList([], [], [], [], [])
    for panelist, seat, rsvp in rows:
        attendee = Attendee(panelist, seat, rsvp)
        if seat.state == SEATED:
            out.seated.append(attendee)
        elif seat.state == WAITLISTED:
            out.waitlist.append(attendee)
        elif seat.state == ENTERED:
            out.entered.append(attendee)
        elif rsvp.attending == "maybe":
            out.maybe.append(attendee)
        else:
            out.no.append(attendee)
    out.waitlist.sort(key=lambda a: (a.seat.position or 0, a.seat.id))
    for number, attendee in enumerate(out.waitlist, start=1):
        attendee.position = number
    out.seated.sort(key=lambda a: ((a.panelist.name or "").casefold(), a.panelist.id))
    return out


def coming_composition(session: Session, stored: StoredDefinition, attendees: AttendeeList,
                       features: Iterable[str] | None = None):
    """Those coming (seated; before a lottery: those who said yes) beside the population targets."""
    from engagement.selection import service as selection
    from engagement.selection.strata import Member, compare_composition

    coming = attendees.seated or attendees.entered
    targets = selection.load_targets(session, stored.panel_id)
    wanted = [f for f in (features or selection.PROFILE_FEATURES) if f in targets] or list(selection.DEFAULT_FEATURES)
    members = [Member(a.panelist.id, selection.member_features(a.panelist)) for a in coming]
    return compare_composition(members, targets, wanted), len(members)


__all__ = ["Attendee", "AttendeeList", "attendee_list", "coming_composition"]
