"""Materialising a campaign step: the recipients and their outbox rows, rendered once, enqueued in chunks.

A step (0 = invitation, n = reminder n) for many people is committed ``CHUNK`` panelists at a
time and continued after a crash (``enqueue_in_chunks``); each chunk's outbox rows are written
by a ``ChunkWriter`` (on PostgreSQL while the next chunk is rendered).  ``lock_campaign`` is the
row lock that keeps a tick, a chunk's rows and a cancel from crossing.
"""
from __future__ import annotations

import concurrent.futures
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from conversations.definitions import Meeting, Survey
from engagement import get_settings
from engagement.campaigns import content as texts
from engagement.campaigns import rules
from engagement.campaigns.models import MEETING, SURVEY, Campaign, CampaignRecipient
from engagement.db import id_among
from engagement.delivery import outbox
from engagement.delivery.mail_errors import InvalidEmail
from engagement.delivery.models import EMAIL, SMS, OutboxMessage
from engagement.panel.models import ACTIVE, Panel, Panelist
from engagement.surveys.models import StoredDefinition
from engagement.surveys.service import load_definition

if TYPE_CHECKING:
    from engagement.campaigns.tick import TickReport

log = logging.getLogger(__name__)


def lock_campaign(session: Session, campaign: Campaign) -> None:
    """Lock the campaign row (PostgreSQL) and reload it, so a tick and a cancel never cross."""
    session.execute(select(Campaign.id).where(Campaign.id == campaign.id).with_for_update())
    session.refresh(campaign)


def _insert_ignore(session: Session, table, values: list[dict], keys: list[str]) -> None:
    if not values:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # An executemany of one statement: compiled once (values inlined into the statement would be
    # compiled anew, bind parameter by bind parameter, for every chunk).
    session.execute(insert(table).on_conflict_do_nothing(index_elements=keys), values)


CHUNK = 500


def enqueue_in_chunks(session: Session, campaign: Campaign, step: int, candidate_ids: list[int],
                       now: datetime, report: TickReport, expected_status: str) -> bool:
    """Materialise a step ``CHUNK`` panelists at a time, committing after each chunk.

    A start for 10,000 people is then twenty short transactions instead of one long one
    holding the campaign lock (on SQLite: the only writer's lock, so web requests would wait).
    It is idempotent and resumable: recipients are unique on (campaign, panelist) and outbox
    rows on their dedupe key, and panelists who already have this step's row are skipped
    before anything is rendered; a tick after a crash continues where the last one stopped
    (the campaign moves on only once every chunk is in).

    Each chunk's recipients are committed first (their reply keys are in the messages), then
    its outbox rows by a ``ChunkWriter``, which takes the campaign lock and writes only while
    the campaign is still ``expected_status``: a cancel in between stops the rest (False).
    On PostgreSQL the writer works on a thread of its own while the next chunk is rendered.
    """
    done = _already_enqueued(session, campaign, step)
    ids = sorted(set(candidate_ids) - done)
    engine = session.get_bind()
    with ChunkWriter(engine, campaign.id, rules.step_name(step), expected_status,
                     overlap=engine.dialect.name == "postgresql") as writer:
        for start in range(0, max(len(ids), 1), CHUNK):
            rows = _enqueue_step(session, campaign, step, now, ids[start:start + CHUNK])
            session.commit()
            if not writer.write(rows):
                break
        writer.wait()
    report.enqueued += writer.written
    lock_campaign(session, campaign)
    if writer.stopped or campaign.status != expected_status:
        log.info("campaign %s: %s while its %s was being enqueued; stopped", campaign.id, campaign.status,
                 rules.step_name(step))
        return False
    return True


class ChunkWriter:
    """Writes each chunk's outbox rows in a transaction of its own that first locks the campaign
    and checks it is still ``expected_status`` (a cancel takes the same lock, so no row is
    promised after it).

    ``overlap`` (PostgreSQL): on a thread and a connection of its own, one chunk at a time, so
    the server stores chunk n while chunk n + 1 is rendered (storing is about half of the
    time of a large start).  Otherwise the chunk is written at once.  ``written`` counts the new
    rows; ``stopped`` says a chunk found the campaign changed.  Leaving the ``with`` block waits
    for the chunk in hand (after an error too, so what was handed over is committed or not,
    never half).
    """

    def __init__(self, engine, campaign_id: int, step_name: str, expected_status: str, *, overlap: bool):
        self.engine, self.campaign_id, self.step_name = engine, campaign_id, step_name
        self.expected_status = expected_status
        self.written = 0
        self.stopped = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox-writer") if overlap else None
        self._pending: Future | None = None

    def __enter__(self) -> "ChunkWriter":
        return self

    def __exit__(self, exc_type, exc, _tb) -> None:
        try:
            if exc_type is None:
                self.wait()
            elif self._pending is not None:
                concurrent.futures.wait([self._pending])  # the error in hand is the one to raise
        finally:
            if self._pool is not None:
                self._pool.shutdown()

    def write(self, rows: list[dict]) -> bool:
        """Hand over a chunk (after the last one is in); False once the campaign has changed."""
        if not self.wait():
            return False
        if not rows:
            return True
        if self._pool is None:
            self._count(write_chunk(self.engine, self.campaign_id, self.expected_status, rows))
        else:
            self._pending = self._pool.submit(write_chunk, self.engine, self.campaign_id, self.expected_status,
                                              rows)
        return not self.stopped

    def wait(self) -> bool:
        """Wait for the chunk in hand; False once the campaign has changed."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._count(pending.result())
        return not self.stopped

    def _count(self, new: int | None) -> None:
        if new is None:
            self.stopped = True
        else:
            self.written += new
            log.info("campaign %s: %s %s messages enqueued", self.campaign_id, new, self.step_name)


def write_chunk(engine, campaign_id: int, expected_status: str, rows: list[dict]) -> int | None:
    """Store one chunk's outbox rows in a transaction of its own, under the campaign's lock:
    how many are new, or None (nothing written) when the campaign is no longer ``expected_status``."""
    with Session(engine) as session:
        # FOR NO KEY UPDATE: it waits for a cancel (FOR UPDATE) but not for the next chunk's
        # recipients, whose foreign key holds the campaign FOR KEY SHARE.
        status = session.execute(select(Campaign.status).where(Campaign.id == campaign_id)
                                 .with_for_update(key_share=True)).scalar_one_or_none()
        if status != expected_status:
            return None
        new = outbox.enqueue(session, rows)
        session.commit()
        return new


def _already_enqueued(session: Session, campaign: Campaign, step: int) -> set[int]:
    """The panelists who have this step's row already (a tick continued after a crash)."""
    return set(session.scalars(select(OutboxMessage.panelist_id).where(
        OutboxMessage.campaign_id == campaign.id, OutboxMessage.step == rules.step_name(step))).all())


def _enqueue_step(session: Session, campaign: Campaign, step: int, now: datetime,
                  candidate_ids: list[int]) -> list[dict]:
    """The outbox rows (column values) for one step and some panelists (0 = invitation, n =
    reminder n), their recipients added to ``session``; see ``enqueue_in_chunks``."""
    panel = session.get(Panel, campaign.panel_id)
    definition = stored = None
    if campaign.definition_id is not None:
        stored = session.get(StoredDefinition, campaign.definition_id)
        definition = load_definition(stored) if stored else None
    settings = get_settings()
    secret = current_app.config["SECRET_KEY"]

    panelists = _load_panelists(session, candidate_ids, campaign.panel_id)
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
        id_among(CampaignRecipient.panelist_id, [p.id for p in panelists], _dialect(session)))).all()
    } if panelists else {}

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
    return rows


def _open_questions(session: Session, campaign: Campaign, survey: Survey, panelist_id: int,
                    recipient: CampaignRecipient) -> list:
    """The questions still to ask (``engagement.inbound.conversation.open_questions``), the one awaited first."""
    from engagement.inbound.conversation import open_questions

    return open_questions(session, campaign, survey, panelist_id, recipient)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _load_panelists(session: Session, ids: list[int], panel_id: int) -> list[Panelist]:
    found: list[Panelist] = []
    for start in range(0, len(ids), 900):  # SQLite's IN lists: at most 999 parameters
        chunk = ids[start:start + 900]
        found.extend(session.scalars(select(Panelist).where(
            id_among(Panelist.id, chunk, _dialect(session)), Panelist.panel_id == panel_id,
            Panelist.status == ACTIVE)).all())
    found.sort(key=lambda p: p.id)
    return found
