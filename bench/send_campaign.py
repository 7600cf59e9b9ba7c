"""Benchmark: 10,000 invitation emails through the real delivery path vs a bare smtplib loop.

    .venv/bin/python bench/send_campaign.py [--count 10000] [--batch-size 200]

Builds a panel of ``--count`` panelists and a survey campaign in a fresh
SQLite database (or ``--database-url``), runs the campaign tick (outbox rows
for everyone), then

1. the real path: ``DeliveryWorker.run_once`` until the outbox is empty —
   claim a batch, send each row's finished message (built once when the
   campaign tick wrote the row) over one SMTP connection per batch, and
   record and commit "sent" after every message (``--commit-every``, default
   1 as in the worker: a prepared UPDATE on the worker's own connection);
2. the same messages (the bytes the sink received) through a bare
   ``smtplib`` loop on one connection,

both to an aiosmtpd sink on 127.0.0.1 (its own process, writing every message
it gets to a file in both runs, so it does the same work for each), and
prints the tick's time (the start of a 10,000-person campaign), both rates
and their ratio (goal: ratio ≥ 0.7).
"""
from __future__ import annotations

import argparse
import logging
import smtplib
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import Session  # noqa: E402

from engagement import create_app  # noqa: E402
from engagement.db import utcnow  # noqa: E402
from engagement.models import metadata  # noqa: E402


SINK_CODE = r"""
import asyncio, struct, sys, time
from aiosmtpd.controller import Controller

class Sink:
    # Every message is written to the current capture file, in both runs, so the server does
    # the same work for the real path and for the bare loop.
    def __init__(self, path):
        self.out = open(path, "wb")

    async def handle_DATA(self, server, session, envelope):
        record = b"\n".join([envelope.mail_from.encode(), ",".join(envelope.rcpt_tos).encode(), envelope.content])
        self.out.write(struct.pack(">I", len(record)) + record)
        return "250 OK"

port, path = int(sys.argv[1]), sys.argv[2]
sink = Sink(path)
controller = Controller(sink, hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
for line in sys.stdin:
    command, _, argument = line.strip().partition(" ")
    if command == "switch":
        sink.out.close()
        sink.out = open(argument, "wb")
        print("switched", flush=True)
sink.out.close()
controller.stop()
"""


def read_captured(path: Path) -> list[tuple[str, list[str], bytes]]:
    import struct

    data = path.read_bytes()
    messages, offset = [], 0
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        record = data[offset + 4:offset + 4 + length]
        offset += 4 + length
        mail_from, rcpt, content = record.split(b"\n", 2)
        messages.append((mail_from.decode(), rcpt.decode().split(","), content))
    return messages


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--commit-every", type=int, default=1, help="The worker's commit_every (1, its default: per message).")
    parser.add_argument("--profile", action="store_true", help="Profile the real path (cProfile, top 30).")
    args = parser.parse_args()
    logging.disable(logging.INFO)  # one log line per message is the production setting; not timed here

    # The sink runs in its own process, as a real SMTP server would: in this process it would
    # compete with the sender for the GIL and slow both loops for reasons of its own.
    workdir = Path(tempfile.mkdtemp(prefix="bench-send-"))
    port = free_port()
    captured = workdir / "captured.bin"
    sink = subprocess.Popen([sys.executable, "-c", SINK_CODE, str(port), str(captured)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert sink.stdout.readline().strip() == "ready"
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    app = create_app({"database_url": url, "secret_key": "bench-secret-key-long-enough-for-the-checks-0123",
                      "instance_path": workdir / "instance",
                      "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "none",
                      "public_base_url": "https://panel.example.dk", "reply_domain": "svar.example.dk",
                      "mail_from": "Borgerpanelet <panel@example.dk>", "log_level": "WARNING"})
    engine = app.extensions["borgerpanel.engine"]
    metadata.drop_all(engine)
    metadata.create_all(engine)

    from engagement.campaigns import rules, service
    from engagement.delivery.worker import DeliveryWorker
    from engagement.panel.models import ACTIVE, Panel, Panelist
    from engagement.surveys.service import import_definitions
    from tests.campaigns.builders import SURVEY

    with app.app_context(), Session(engine, expire_on_commit=False) as session:
        panel = Panel(key="bench", name="Bench Kommune")
        session.add(panel)
        session.commit()
        now = utcnow()
        session.add_all([Panelist(panel_id=panel.id, status=ACTIVE, email=f"borger{i}@example.dk",
                                  name=f"Borger {i}", confirmed_at=now) for i in range(args.count)])
        definition = import_definitions(session, panel, SURVEY)[0]
        session.commit()
        plan = rules.Plan(kind="survey", title="Trafik i byen", starts_at=now, deadline_at=now + timedelta(days=10),
                          reminder_days=(3,), channel_mode="email", definition_id=definition.id)
        campaign = service.create_campaign(session, panel, plan)
        service.schedule_campaign(session, campaign)
        session.commit()
        began = time.perf_counter()
        report = service.tick(session, now)
        tick_seconds = time.perf_counter() - began
    print(f"tick: {report.enqueued} outbox rows in {tick_seconds:.1f} s")

    worker = DeliveryWorker(app, batch_size=args.batch_size, worker_id="bench", commit_every=args.commit_every)
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    began = time.perf_counter()
    handled = 0
    while True:
        done = worker.run_once()
        if not done:
            break
        handled += done
    real_seconds = time.perf_counter() - began
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    real_rate = handled / real_seconds
    sink.stdin.write(f"switch {workdir / 'captured-bare.bin'}\n")
    sink.stdin.flush()
    assert sink.stdout.readline().strip() == "switched"
    messages = read_captured(captured)
    assert handled == args.count == len(messages), (handled, len(messages))

    began = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        smtp.ehlo()
        for mail_from, rcpt_tos, data in messages:
            smtp.sendmail(mail_from, rcpt_tos, data)
    bare_seconds = time.perf_counter() - began
    bare_rate = len(messages) / bare_seconds
    sink.stdin.close()
    sink.wait(10)

    print(f"real delivery path: {handled} emails in {real_seconds:.1f} s = {real_rate:.0f}/s "
          f"(batch {args.batch_size}, {worker.batch_size} per SMTP connection, commit every {worker.commit_every})")
    print(f"bare smtplib loop:  {len(messages)} emails in {bare_seconds:.1f} s = {bare_rate:.0f}/s (one connection)")
    print(f"ratio: {real_rate / bare_rate:.2f} (goal >= 0.7)")


if __name__ == "__main__":
    main()
