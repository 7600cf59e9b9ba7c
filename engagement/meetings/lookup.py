"""Finding a meeting (by id or key, or all of a panel's) and its plan, made with the defaults the first time."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from conversations.definitions import Meeting
from engagement.meetings.errors import UnknownMeeting
from engagement.meetings.models import DEFAULT_REMINDERS, MeetingPlan
from engagement.surveys.models import StoredDefinition
from engagement.surveys.service import load_definition


def get_meeting(session: Session, definition_id: int, panel_id: int | None = None) -> tuple[StoredDefinition, Meeting]:
    stored = session.get(StoredDefinition, definition_id)
    if stored is None or stored.kind != "meeting" or (panel_id is not None and stored.panel_id != panel_id):
        raise UnknownMeeting(f"no meeting {definition_id} in this panel")
    return stored, load_definition(stored)


def get_meeting_by_key(session: Session, panel_id: int, key: str) -> tuple[StoredDefinition, Meeting]:
    stored = session.scalars(select(StoredDefinition).where(StoredDefinition.panel_id == panel_id,
                                                            StoredDefinition.key == key,
                                                            StoredDefinition.kind == "meeting")).first()
    if stored is None:
        raise UnknownMeeting(f"no meeting {key!r} in this panel")
    return stored, load_definition(stored)


def list_meetings(session: Session, panel_id: int) -> list[StoredDefinition]:
    return list(session.scalars(select(StoredDefinition).where(StoredDefinition.panel_id == panel_id,
                                                               StoredDefinition.kind == "meeting")
                                .order_by(StoredDefinition.key)).all())


def get_plan(session: Session, stored: StoredDefinition, *, lock: bool = False) -> MeetingPlan:
    """The meeting's plan (made with the defaults the first time); ``lock`` serialises seat decisions.

    Two first clicks on RSVP links can arrive at the same moment: the plan is
    created with INSERT .. ON CONFLICT DO NOTHING (one row per meeting) and
    read back, so the second request uses the first one's row instead of
    failing on the unique constraint.
    """
    query = select(MeetingPlan).where(MeetingPlan.definition_id == stored.id)
    if lock:
        query = query.with_for_update()
    plan = session.scalars(query).first()
    if plan is None:
        _insert_default_plan(session, stored)
        plan = session.scalars(query).one()
    return plan


def _insert_default_plan(session: Session, stored: StoredDefinition) -> None:
    fresh = MeetingPlan(panel_id=stored.panel_id, definition_id=stored.id,
                        reminders=[dict(r) for r in DEFAULT_REMINDERS])
    values = {column.name: getattr(fresh, column.name) for column in MeetingPlan.__table__.columns
              if column.name != "id"}
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(MeetingPlan).values(**values)
                    .on_conflict_do_nothing(index_elements=["definition_id"]))


__all__ = ["get_meeting", "get_meeting_by_key", "get_plan", "list_meetings"]
