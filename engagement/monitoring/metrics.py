"""What ``/metrics`` says: shared state read from the database, and per-process instruments.

Shared state (``DatabaseCollector``)
    Production runs many processes (gunicorn web workers, one scheduler, any
    number of delivery workers, a mail listener).  Counts kept in one
    process's memory would differ between web workers and vanish on restart,
    so everything that describes the service's shared state is counted in the
    database at scrape time: every web worker answers the same truth.  Four
    grouped queries, each served by an index or a tiny table:

    * outbox rows per channel and status (``ix_outbox_queue`` holds
      status and channel): ``borgerpanel_outbox_messages``, ``…_queued``,
      ``…_sent_total``, ``…_failed_total``;
    * the oldest *due* message still waiting, per channel (``ix_outbox_queue``
      again: status, next_attempt_at, channel): ``borgerpanel_outbox_age_seconds``.
      Rows waiting on purpose (retry backoff, SMS quiet hours) are not due;
    * inbound messages per channel, intent and status:
      ``borgerpanel_inbound_messages_total``, ``borgerpanel_inbound_messages``,
      and those waiting for staff (``ix_inbound_staff``);
    * the scheduler's heartbeat row: ``borgerpanel_scheduler_heartbeat_timestamp_seconds``.

    The ``_total`` families are counters in Prometheus's sense because rows
    in a final state are kept (erasure blanks their content, not their state).

Per process
    ``PARSE_SECONDS``: how long the reader (``conversations.reply``) took
    for one message, by channel.  It lives where the message was read (the
    mail listener for email, a web worker for the SMS webhook).  Under
    gunicorn set ``PROMETHEUS_MULTIPROC_DIR`` (an empty folder, the same for
    every process of the machine, emptied at deploy) before the processes
    start: prometheus-client then keeps the values in files there and
    ``/metrics`` adds them up (``build_registry``).
"""
from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from typing import Callable, Iterable, TypeVar

from prometheus_client import REGISTRY, CollectorRegistry, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from engagement.db import utcnow
from engagement.delivery.models import (CHANNELS as OUT_CHANNELS, FAILED as OUT_FAILED, OPEN_STATUSES,
                                        PENDING as OUT_PENDING, SENDING as OUT_SENDING, SENT as OUT_SENT,
                                        STATUSES as OUT_STATUSES, OutboxMessage)
from engagement.inbound.models import (CHANNELS as IN_CHANNELS, RECEIVED, REPLY, STATUSES as IN_STATUSES,
                                       InboundMessage)
from engagement.monitoring.heartbeat import read_beat

log = logging.getLogger(__name__)

T = TypeVar("T")

PARSE_SECONDS = Histogram(
    "borgerpanel_parse_seconds", "Time the reader took to understand one inbound message (this process).",
    ["channel"], buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))


def observe_parse(channel: str, read: Callable[..., T], *args) -> T:
    """``read(*args)``, its duration observed in ``PARSE_SECONDS`` (also when it raises)."""
    started = time.perf_counter()
    try:
        return read(*args)
    finally:
        PARSE_SECONDS.labels(channel).observe(time.perf_counter() - started)


def _unix(moment: datetime) -> float:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def inbound_label(intent: str | None, kind: str | None) -> str:
    """What the reader understood, as one label: its intent (answers, rsvp, other, unclear,
    unsubscribe, auto_reply), else what the message was (stop, start, bounce_hard, bounce_soft,
    auto_reply, own), else ``none`` (read but not understood as anything: no panelist, no survey)."""
    if intent:
        return intent
    if kind and kind != REPLY:
        return kind
    return "none"


class DatabaseCollector(Collector):
    """The shared state, counted in the database at each scrape (see the module's docstring)."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utcnow):
        self.engine = engine
        self.clock = clock

    def describe(self) -> Iterable:
        return []  # collected fresh at each scrape; no describe-time queries

    def collect(self) -> Iterable:
        started = time.perf_counter()
        up = GaugeMetricFamily("borgerpanel_metrics_database_up",
                               "1 if the database answered the metrics queries, else 0.")
        try:
            families = list(self._collect())
        except Exception:  # the scrape still answers, and says the database did not
            log.exception("metrics: database queries failed")
            families = []
            up.add_metric([], 0)
        else:
            up.add_metric([], 1)
        yield from families
        yield up
        took = GaugeMetricFamily("borgerpanel_metrics_collect_seconds",
                                 "Time the database metrics took to count at this scrape.")
        took.add_metric([], time.perf_counter() - started)
        yield took

    def _collect(self) -> Iterable:
        now = self.clock()
        with self.engine.connect() as connection:
            outbox_rows = connection.execute(
                select(OutboxMessage.channel, OutboxMessage.status, func.count())
                .group_by(OutboxMessage.channel, OutboxMessage.status)).all()
            oldest_due = connection.execute(
                select(OutboxMessage.channel, func.min(OutboxMessage.next_attempt_at))
                .where(OutboxMessage.status.in_(OPEN_STATUSES), OutboxMessage.next_attempt_at <= now)
                .group_by(OutboxMessage.channel)).all()
            inbound_rows = connection.execute(
                select(InboundMessage.channel, InboundMessage.status, InboundMessage.intent,
                       InboundMessage.kind, func.count())
                .group_by(InboundMessage.channel, InboundMessage.status, InboundMessage.intent,
                          InboundMessage.kind)).all()
            needs_staff = connection.execute(
                select(func.count()).select_from(InboundMessage)
                .where(InboundMessage.needs_staff.is_(True), InboundMessage.handled_at.is_(None))).scalar() or 0
            beat = read_beat(connection)
        yield from self._outbox(outbox_rows, oldest_due, now)
        yield from self._inbound(inbound_rows, needs_staff)
        heartbeat = GaugeMetricFamily(
            "borgerpanel_scheduler_heartbeat_timestamp_seconds",
            "Unix time of the active scheduler's last successful campaign tick (0: never).")
        heartbeat.add_metric([], _unix(beat) if beat is not None else 0.0)
        yield heartbeat

    @staticmethod
    def _outbox(rows, oldest_due, now: datetime) -> Iterable:
        counts = {(channel, status): 0 for channel in OUT_CHANNELS for status in OUT_STATUSES}
        for channel, status, count in rows:
            counts[(channel, status)] = counts.get((channel, status), 0) + count
        channels = sorted({channel for channel, _ in counts})
        by_status = GaugeMetricFamily("borgerpanel_outbox_messages",
                                      "Outbox rows per channel and status, now.", labels=["channel", "status"])
        queued = GaugeMetricFamily("borgerpanel_outbox_queued",
                                   "Messages promised and not yet sent (pending or sending), per channel.",
                                   labels=["channel"])
        sent = CounterMetricFamily("borgerpanel_outbox_sent",
                                   "Messages handed to SMTP or Twilio, per channel.", labels=["channel"])
        failed = CounterMetricFamily("borgerpanel_outbox_failed",
                                     "Messages that failed for good, per channel.", labels=["channel"])
        age = GaugeMetricFamily("borgerpanel_outbox_age_seconds",
                                "Seconds the oldest due message has been waiting to be sent, per channel "
                                "(0: none waiting).", labels=["channel"])
        due = {channel: at for channel, at in oldest_due if at is not None}
        for (channel, status), count in sorted(counts.items()):
            by_status.add_metric([channel, status], count)
        for channel in channels:
            queued.add_metric([channel], counts[(channel, OUT_PENDING)] + counts[(channel, OUT_SENDING)])
            sent.add_metric([channel], counts[(channel, OUT_SENT)])
            failed.add_metric([channel], counts[(channel, OUT_FAILED)])
            waited = (now - due[channel]).total_seconds() if channel in due else 0.0
            age.add_metric([channel], max(0.0, waited))
        return [by_status, queued, sent, failed, age]

    @staticmethod
    def _inbound(rows, needs_staff: int) -> Iterable:
        per_intent: dict[tuple[str, str], int] = {}
        per_status = {(channel, status): 0 for channel in IN_CHANNELS for status in IN_STATUSES}
        for channel, status, intent, kind, count in rows:
            per_status[(channel, status)] = per_status.get((channel, status), 0) + count
            if status != RECEIVED:  # read: its intent no longer changes
                key = (channel, inbound_label(intent, kind))
                per_intent[key] = per_intent.get(key, 0) + count
        messages = CounterMetricFamily("borgerpanel_inbound_messages",
                                       "Inbound messages read, per channel and what the reader understood.",
                                       labels=["channel", "intent"])
        for (channel, intent), count in sorted(per_intent.items()):
            messages.add_metric([channel, intent], count)
        states = GaugeMetricFamily("borgerpanel_inbound_messages_by_status",
                                   "Inbound messages per channel and processing status, now "
                                   "(received = stored, not yet processed).", labels=["channel", "status"])
        for (channel, status), count in sorted(per_status.items()):
            states.add_metric([channel, status], count)
        staff = GaugeMetricFamily("borgerpanel_inbound_needs_staff",
                                  "Inbound messages waiting in the staff inbox (not marked handled).")
        staff.add_metric([], needs_staff)
        return [messages, states, staff]


class _ProcessMetrics(Collector):
    """This process's own registry (the parse histogram, process_* and python_* metrics)."""

    def collect(self) -> Iterable:
        return REGISTRY.collect()


def build_registry(engine: Engine, multiproc_dir: str = "") -> CollectorRegistry:
    """A registry for one scrape: the database's shared state plus the per-process instruments,
    from this process alone or, with ``multiproc_dir``, summed over every process of the machine."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector(engine))
    if multiproc_dir:
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry, path=multiproc_dir)
    else:
        registry.register(_ProcessMetrics())
    return registry
