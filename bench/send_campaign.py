"""Benchmark: 10,000 invitation emails through the real delivery path vs a bare smtplib loop.

    .venv/bin/python bench/send_campaign.py [--count 10000] [--rounds 10] [--batch-size 200]
                                            [--database-url postgresql://root@127.0.0.1:5432/bench_send]

Builds a panel of ``--count`` panelists and a survey campaign in a fresh
SQLite database (or ``--database-url``), runs the campaign tick (outbox rows
for everyone: the outbox build of a 10,000-person start; wall and CPU time),
then sends them in ``--rounds`` paired rounds of ``count / rounds`` each:

1. the real path: ``DeliveryWorker.run_once`` until the round's rows are
   sent — claim a batch, send each row's finished message (built once when
   the campaign tick wrote the row) over one SMTP connection per batch, and
   record and commit "sent" after every message (on the recorder's own
   database connection, committed before the next message's text goes, as in
   production);
2. the same messages (the bytes the sink received) through a bare
   ``smtplib`` loop on one connection,

in alternating order (odd rounds real first, even rounds bare first, with the
previous round's bytes), both to an aiosmtpd sink on 127.0.0.1 (its own
process, writing every message it gets to a file in both runs, so it does the
same work for each).  On a shared machine a single pair says little, so it
prints each round's ratio, their median and the ratio of the totals (goal:
≥ 0.9), and the CPU each path costs a message in this process, in the sink
and (a local PostgreSQL) in the database server.  Ten rounds of 1,000 rather
than five of 2,000: the machine's speed drifts over seconds, and shorter
pairs follow it more closely (the same code gave medians 0.84–0.95 in
five-round runs).
"""
from __future__ import annotations

import argparse
import logging
import os
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


def cpu_seconds(pids) -> float:
    """CPU time (user + system) the given processes have used so far (Linux ``/proc``)."""
    ticks = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def postgres_pids() -> list[int]:
    """The local PostgreSQL server's processes (backends, WAL writer, checkpointer …)."""
    pids = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/comm") as comm:
                if comm.read().startswith("postgres"):
                    pids.append(int(entry))
        except (OSError, ValueError):
            continue
    return pids


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=10, help="Paired rounds (count / rounds messages each).")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--no-prefetch", dest="prefetch", action="store_false",
                        help="claim each batch when the last is done (the run loop claims the next one ahead)")
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
        began, began_cpu = time.perf_counter(), time.process_time()
        report = service.tick(session, now)
        tick_seconds, tick_cpu = time.perf_counter() - began, time.process_time() - began_cpu
    print(f"outbox build (campaign tick): {report.enqueued} rows in {tick_seconds:.2f} s wall, "
          f"{tick_cpu:.2f} s CPU (goal < 3 s)")

    worker = DeliveryWorker(app, batch_size=args.batch_size, worker_id="bench")
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    per_round = args.count // args.rounds
    captures = iter(range(1_000_000))

    def switch() -> Path:
        path = workdir / f"captured-{next(captures)}.bin"
        sink.stdin.write(f"switch {path}\n")
        sink.stdin.flush()
        assert sink.stdout.readline().strip() == "switched"
        return path

    # Where the CPU goes, per message: this process, the sink, and (PostgreSQL on this machine)
    # the database server, whose processes compete with the other two for the cores.
    server_pids = postgres_pids() if engine.dialect.name == "postgresql" else []
    others = {"real": [0.0, 0.0], "bare": [0.0, 0.0]}  # sink, database server

    def others_now() -> tuple[float, float]:
        return cpu_seconds([sink.pid]), cpu_seconds(server_pids)

    def real() -> tuple[float, Path]:
        path = switch()
        if profiler is not None:
            profiler.enable()
        before = others_now()
        began, began_cpu = time.perf_counter(), time.process_time()
        handled = 0
        while handled < per_round:
            done = worker.run_once(prefetch=args.prefetch)
            if not done:
                break
            handled += done
        seconds = time.perf_counter() - began
        cpu["real"] += time.process_time() - began_cpu
        others["real"] = [total + now - then for total, now, then in zip(others["real"], others_now(), before)]
        if profiler is not None:
            profiler.disable()
        assert handled == per_round, (handled, per_round)
        switch()  # the sink closes (and so flushes) the round's file
        return seconds, path

    def bare(messages) -> float:
        switch()
        before = others_now()
        began, began_cpu = time.perf_counter(), time.process_time()
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            smtp.ehlo()
            for mail_from, rcpt_tos, data in messages:
                smtp.sendmail(mail_from, rcpt_tos, data)
        cpu["bare"] += time.process_time() - began_cpu
        seconds = time.perf_counter() - began
        others["bare"] = [total + now - then for total, now, then in zip(others["bare"], others_now(), before)]
        return seconds

    results = []
    cpu = {"real": 0.0, "bare": 0.0}
    previous = None
    for number in range(1, args.rounds + 1):
        if number % 2 == 1 or previous is None:
            real_seconds, path = real()
            messages = _settled(path, per_round)
            bare_seconds = bare(messages)
        else:
            bare_seconds = bare(previous)
            real_seconds, path = real()
            messages = _settled(path, per_round)
        previous = messages
        results.append((real_seconds, bare_seconds))
        print(f"round {number}: real {per_round / real_seconds:6.0f}/s  bare {per_round / bare_seconds:6.0f}/s  "
              f"ratio {bare_seconds / real_seconds:.2f}")
    worker.hand_back_prefetched()
    sink.stdin.close()
    sink.wait(10)
    if profiler is not None:
        import pstats

        pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(30)
    ratios = sorted(b / r for r, b in results)
    total_real, total_bare = sum(r for r, _ in results), sum(b for _, b in results)
    print(f"real delivery path: {per_round * args.rounds} emails in {total_real:.1f} s = "
          f"{per_round * args.rounds / total_real:.0f}/s (batch {args.batch_size}, sent committed per message)")
    print(f"bare smtplib loop:  {per_round * args.rounds} emails in {total_bare:.1f} s = "
          f"{per_round * args.rounds / total_bare:.0f}/s (one connection)")
    sent = per_round * args.rounds
    for run in ("real", "bare"):
        sink_cpu, server_cpu = others[run]
        database = f", database server {server_cpu / sent * 1e3:.2f} ms" if server_pids else ""
        print(f"CPU per message, {run}: this process {cpu[run] / sent * 1e3:.2f} ms, "
              f"sink {sink_cpu / sent * 1e3:.2f} ms{database}")
    print(f"ratio: median {ratios[len(ratios) // 2]:.2f} of {len(ratios)} paired rounds "
          f"(min {ratios[0]:.2f}, max {ratios[-1]:.2f}); totals {total_bare / total_real:.2f} (goal >= 0.9)")


def _settled(path: Path, expected: int, timeout: float = 30.0):
    """The messages the sink wrote to ``path`` (waiting until all ``expected`` are there)."""
    deadline = time.monotonic() + timeout
    while True:
        messages = read_captured(path)
        if len(messages) >= expected or time.monotonic() > deadline:
            assert len(messages) == expected, (len(messages), expected)
            return messages
        time.sleep(0.05)


if __name__ == "__main__":
    main()
