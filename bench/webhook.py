"""Benchmark: the SMS webhook under load, behind gunicorn, on PostgreSQL.

    .venv/bin/python bench/webhook.py [--requests 2000] [--concurrency 16] [--workers 4]
                                      [--database-url postgresql://root@127.0.0.1:5432/bench_webhook]

Builds a panel with ``--panelists`` members on SMS and a two-question survey
campaign in a fresh PostgreSQL database, starts ``gunicorn wsgi:app`` on
127.0.0.1 (``--workers`` sync workers, production's ``deploy/gunicorn.conf.py``)
and one inbound worker process beside it (``flask --app wsgi inbound work``,
as in production), warms every web worker up, then sends, from
``--concurrency`` threads with keep-alive connections, ``--rounds`` times in
turn (the baseline and the webhook alternate, so a change in the machine's
load hits both):

1. ``GET /healthz`` (a trivial endpoint of the same server: one ``SELECT 1``);
2. ``POST /sms/inbound`` with a valid ``X-Twilio-Signature`` and a new
   MessageSid each time, from the members' numbers, with answers ("4", "ja",
   "3 tak", a question for staff ...): each request checks the signature,
   stores the message and answers; the inbound worker reads it, records the
   answer and promises the reply in the outbox, after the answer.

and prints requests per second and p50/p99 latency for each round and in
all, the ratio of the webhook's throughput to /healthz's (goal ≥ 0.5, p99 <
100 ms), and checks, once the inbound worker has emptied the queue, that
every webhook call left exactly one processed row.
"""
from __future__ import annotations

import argparse
import http.client
import itertools
import os
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _servers import (SECRET, TWILIO_TOKEN, app_environment,  # noqa: E402
                      drain_inbound, ensure_database, free_port, start_gunicorn, stop)
from sqlalchemy import create_engine  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

BODIES = ("4", "ja", "3 tak", "Nej", "5", "jeg cykler hver dag", "2", "Hvornår kommer resultaterne?")


def prepare(url: str, panelists: int) -> list[str]:
    """A fresh schema, a panel, a survey campaign on SMS; the members' numbers."""
    from engagement import create_app
    from engagement.campaigns.models import SENDING, Campaign, CampaignRecipient
    from engagement.db import utcnow
    from engagement.delivery import outbox
    from engagement.models import metadata
    from engagement.panel.models import ACTIVE, Panel, Panelist
    from engagement.surveys.service import import_definitions

    app = create_app({"database_url": url, "secret_key": SECRET,
                      "log_level": "WARNING"})
    engine = app.extensions["borgerpanel.engine"]
    metadata.drop_all(engine)
    metadata.create_all(engine)
    now = utcnow()
    numbers = [f"+4520{n:06d}" for n in range(panelists)]
    with app.app_context(), Session(engine) as session:
        panel = Panel(key="bench", name="Benchkommune")
        session.add(panel)
        session.commit()
        stored = import_definitions(session, panel, {
            "kind": "survey", "key": "trafik", "title": "Trafik i byen",
            "questions": [
                {"number": 1, "key": "bus", "type": "scale", "min": 1, "max": 5,
                 "text": "Hvor tilfreds er du med busserne?"},
                {"number": 2, "key": "cykler", "type": "yes_no", "text": "Cykler du til arbejde?"}]})[0]
        campaign = Campaign(panel_id=panel.id, kind="survey", title="Trafik", definition_id=stored.id,
                            starts_at=now - timedelta(days=1), deadline_at=now + timedelta(days=10),
                            status=SENDING, channel_mode="sms")
        session.add(campaign)
        session.commit()
        people = [Panelist(panel_id=panel.id, status=ACTIVE, phone=number, channel="sms", name=f"Borger {i}",
                           email=f"borger{i}@example.dk", confirmed_at=now) for i, number in enumerate(numbers)]
        session.add_all(people)
        session.commit()
        session.add_all([CampaignRecipient(campaign_id=campaign.id, panelist_id=p.id, channel="sms",
                                           reply_key=outbox.new_reply_key(), sms_question="bus") for p in people])
        session.commit()
    engine.dispose()
    return numbers


class Load:
    """``count`` requests from ``concurrency`` threads, each on its own keep-alive connection."""

    def __init__(self, port: int, make_request, count: int, concurrency: int):
        self.port, self.make_request, self.count, self.concurrency = port, make_request, count, concurrency
        self.latencies: list[float] = []
        self.errors = 0
        self.lock = threading.Lock()
        self.counter = itertools.count()

    def _worker(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        mine, errors = [], 0
        while (n := next(self.counter)) < self.count:
            method, path, body, headers = self.make_request(n)
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors += 1
            except (OSError, http.client.HTTPException):
                errors += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            mine.append(time.perf_counter() - started)
        connection.close()
        with self.lock:
            self.latencies.extend(mine)
            self.errors += errors

    def run(self) -> dict:
        threads = [threading.Thread(target=self._worker) for _ in range(self.concurrency)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        ordered = sorted(self.latencies)
        return {"requests": len(ordered), "errors": self.errors, "seconds": elapsed, "latencies": ordered,
                "rps": len(ordered) / elapsed,
                "p50_ms": statistics.median(ordered) * 1000,
                "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000}


def webhook_requests(port: int, numbers: list[str], prefix: str):
    from twilio.request_validator import RequestValidator

    validator = RequestValidator(TWILIO_TOKEN)
    url = f"http://127.0.0.1:{port}/sms/inbound"

    def make(n: int):
        form = {"MessageSid": f"SM{prefix}{n:030d}"[:34], "AccountSid": "AC" + "0" * 32,
                "From": numbers[n % len(numbers)], "To": "+4570701234", "Body": BODIES[n % len(BODIES)],
                "NumMedia": "0"}
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "X-Twilio-Signature": validator.compute_signature(url, form)}
        return "POST", "/sms/inbound", urlencode(form), headers

    return make


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--panelists", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default="sync")
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker (4)")
    parser.add_argument("--inbound-worker", choices=("during", "after"), default="during",
                        help="run the inbound worker during the load (as in production; on a small machine it "
                             "takes CPU from the web workers) or start it after the last request")
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgresql://root@127.0.0.1:5432/bench_webhook"))
    args = parser.parse_args()

    url = ensure_database(args.database_url)
    numbers = prepare(url, args.panelists)
    port = free_port()
    env = app_environment(url, port, INBOUND_PANEL="bench")
    server = start_gunicorn(env, port, args.workers, worker_class=args.worker_class, threads=args.threads)

    def start_worker():
        return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "inbound", "work",
                                 "--poll-seconds", "0.2"], cwd=ROOT, env=env)

    worker = start_worker() if args.inbound_worker == "during" else None
    trivial, webhook = [], []
    per_round = args.requests // args.rounds
    try:
        warm = Load(port, webhook_requests(port, numbers[::-1], "W"), args.workers * 8, args.workers)
        warm.run()
        for number in range(args.rounds):
            trivial.append(Load(port, lambda n: ("GET", "/healthz", None, {}), per_round, args.concurrency).run())
            webhook.append(Load(port, webhook_requests(port, numbers, f"B{number}"), per_round,
                                args.concurrency).run())
        if worker is None:
            worker = start_worker()
        drained, _delays = drain_inbound(url)
    finally:
        stop(server)
        if worker is not None:
            stop(worker)

    from engagement.inbound.models import InboundMessage

    engine = create_engine(url)
    with Session(engine) as session:
        rows = session.exec(select(InboundMessage.status).where(InboundMessage.external_id.like("SMB%"))).all()
    engine.dispose()
    processed = sum(1 for status in rows if status == "processed")

    kind = "sync" if args.worker_class == "sync" else f"gthread ({args.threads} threads)"
    print(f"gunicorn, {args.workers} {kind} workers, {args.concurrency} client threads, PostgreSQL; "
          f"{args.rounds} rounds, /healthz and the webhook in turn; inbound worker {args.inbound_worker} the load")
    for number, (a, b) in enumerate(zip(trivial, webhook), 1):
        print(f"round {number}: /healthz {a['rps']:7.1f} req/s p99 {a['p99_ms']:6.1f} ms | webhook "
              f"{b['rps']:7.1f} req/s p99 {b['p99_ms']:6.1f} ms | ratio {b['rps'] / a['rps']:.2f}")
    total_t, total_w = combine(trivial), combine(webhook)
    for name, result in (("GET /healthz (trivial)", total_t), ("POST /sms/inbound", total_w)):
        print(f"{name:24} {result['requests']:6d} requests  {result['rps']:8.1f} req/s  "
              f"p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms  errors {result['errors']}")
    print(f"webhook / trivial throughput: {total_w['rps'] / total_t['rps']:.2f} (goal >= 0.5; webhook p99 goal < 100 ms)")
    print(f"webhook rows: {len(rows)} stored, {processed} processed by the inbound worker "
          f"(expected {per_round * args.rounds}; queue empty {drained:.1f} s after the last request)")
    if total_w["errors"] or processed != per_round * args.rounds:
        raise SystemExit(1)


def combine(results: list[dict]) -> dict:
    """All rounds as one: requests over the summed time, percentiles over every latency."""
    latencies = sorted(latency for result in results for latency in result["latencies"])
    seconds = sum(result["seconds"] for result in results)
    return {"requests": len(latencies), "errors": sum(r["errors"] for r in results), "seconds": seconds,
            "rps": len(latencies) / seconds, "p50_ms": statistics.median(latencies) * 1000,
            "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000}


if __name__ == "__main__":
    main()
