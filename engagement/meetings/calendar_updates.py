"""Who else must hear of a change or a cancellation: invited people who have not answered yet.

Outlook and Gmail put an invitation's event in the calendar as soon as the
mail arrives (tentative / "needs action"), so someone who never answered
still has the meeting in their calendar.  When the time or place changes, or
the meeting is cancelled, they get the same notice with the updated file
(METHOD:REQUEST, higher SEQUENCE / METHOD:CANCEL) as those who said yes or
maybe, so their calendar does not keep a wrong time or a meeting that will
not happen.  Only people whose email invitation with the calendar file went
out (or is on its way) are told; someone who said no has answered.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from engagement.delivery.models import EMAIL, PENDING, SENDING, SENT, OutboxMessage
from engagement.panel.models import ACTIVE, Panelist
from engagement.surveys.models import Rsvp

INVITATION_STEP = "invitation"


def unanswered_with_calendar(session: Session, definition_id: int) -> list[Panelist]:
    """Active panelists with an email invitation to this meeting (sent, or on its way) and no current answer."""
    from engagement.campaigns.models import MEETING, Campaign

    campaigns = select(Campaign.id).where(Campaign.definition_id == definition_id, Campaign.kind == MEETING)
    answered = select(Rsvp.panelist_id).where(Rsvp.definition_id == definition_id, Rsvp.replaced_at.is_(None),
                                              Rsvp.panelist_id.is_not(None))
    invited = select(OutboxMessage.panelist_id).where(
        OutboxMessage.campaign_id.in_(campaigns), OutboxMessage.step == INVITATION_STEP,
        OutboxMessage.channel == EMAIL, OutboxMessage.status.in_((SENT, SENDING, PENDING)))
    return list(session.scalars(select(Panelist).where(Panelist.id.in_(invited), Panelist.id.not_in(answered),
                                                       Panelist.status == ACTIVE)
                                .order_by(Panelist.id)).all())


def tell_unanswered(session: Session, definition_id: int, notify) -> int:
    """``notify(panelist)`` (1 if a notice was promised) for each of them whose channel is still email."""
    from engagement.meetings.outgoing import channel_for

    return sum(notify(panelist) for panelist in unanswered_with_calendar(session, definition_id)
               if channel_for(panelist) == EMAIL)


__all__ = ["tell_unanswered", "unanswered_with_calendar"]
