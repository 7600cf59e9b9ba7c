"""SIGTERM at random moments: every long-running process must stop cleanly, every time.

    .venv/bin/python bench/sigterm.py [--stops 500] [--database-url URL] [--handler relay|naive]

Prepares a database (a fresh SQLite file, or ``--database-url``) with work
that never runs out: outbox email rows (written as .eml files: no SMTP server
needed) and stored inbound SMS.  Then, ``--stops`` times, it forks one of the
long-running processes from this already-loaded parent (a fork costs
milliseconds where a fresh ``flask`` costs a second or two of imports: that
is what makes 500 stops affordable) and runs it exactly as its command does,
with the same signal handling (``engagement.scheduling.signals``):

* ``delivery run``: ``DeliveryWorker.run``;
* ``inbound work``: ``InboundWorker.run``;
* ``scheduler run``: ``run_scheduler`` (the lock, APScheduler, its jobs);
* ``serve``: the web server, the scheduler and both workers in one process.

After a random wait (0 to ``--max-wait`` seconds, so the signal lands
anywhere: in a poll's ``stop.wait``, mid-batch, mid-commit, during start-up)
the parent sends SIGTERM and waits ``--grace`` seconds.  A stop is clean when
the process exits with status 0 in time and left nothing half-done: no outbox
row still ``sending`` under its name (the rest of a batch is handed back).
Anything else is counted (``hung`` is then SIGKILLed) and the exit status
is 1.

``--handler naive`` installs the old handler (``signal.signal(SIGTERM,
lambda *_: stop.set())``) instead, as a baseline: it can deadlock when the
signal arrives while the main thread is inside ``stop.wait()`` holding the
Event's lock.  Run with ``--stops 500``; ``tests/scheduling/test_signals.py``
runs 20.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("delivery", "inbound", "scheduler", "serve")
WEIGHTS = (4, 4, 2, 1)
SECRET = "sigterm-bench-secret-key-long-enough-0123456789"


def make_app(url: str, instance: Path):
    from engagement import create_app

    return create_app({"database_url": url, "secret_key": SECRET, "instance_path": instance,
                       "public_base_url": "http://127.0.0.1", "log_level": "WARNING",
                       "twilio_auth_token": "sigterm-bench-twilio-token-0123"})


def prepare(app, outbox_rows: int, inbound_rows: int) -> None:
    """A panel, an email campaign's outbox rows and stored SMS: more work than any run finishes."""
    from sqlmodel import Session

    from engagement.db import utcnow
    from engagement.delivery import outbox
    from engagement.inbound import store
    from engagement.models import metadata
    from engagement.panel.models import ACTIVE, Panel, Panelist

    engine = app.extensions["borgerpanel.engine"]
    metadata.drop_all(engine)
    metadata.create_all(engine)
    with app.app_context(), Session(engine, expire_on_commit=False) as session:
        panel = Panel(key="sigterm", name="Sigterm Kommune")
        session.add(panel)
        session.commit()
        now = utcnow()
        people = [Panelist(panel_id=panel.id, status=ACTIVE, email=f"borger{i}@example.dk", name=f"Borger {i}",
                           phone=f"+4520{i:06d}", confirmed_at=now) for i in range(200)]
        session.add_all(people)
        session.commit()
        outbox.enqueue(session, [{"panel_id": panel.id, "panelist_id": people[i % 200].id, "step": "information",
                                  "channel": "email", "dedupe_key": f"sigterm:{i}", "subject": "Hej",
                                  "text": "Hej med dig.", "to_address": people[i % 200].email}
                                 for i in range(outbox_rows)])
        for i in range(inbound_rows):
            store.store_sms(session, {"MessageSid": f"SM{i:032d}", "From": people[i % 200].phone,
                                      "Body": ("4", "ja", "Hvornår kommer svaret?", "STOP")[i % 4]},
                            panel_id=panel.id, now=now - timedelta(seconds=1))
        session.commit()
    engine.dispose()


def naive_handler(stop: threading.Event) -> threading.Event:
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    return stop


def child(app, kind: str, handler: str, worker_id: str) -> None:
    """Runs in the forked process; never returns."""
    status = 1
    try:
        app.extensions["borgerpanel.engine"].dispose(close=False)  # the parent's connections are not ours
        from engagement.scheduling.signals import stop_on_signals

        stop = threading.Event()
        (stop_on_signals if handler == "relay" else naive_handler)(stop)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
        if kind == "delivery":
            from engagement.delivery.worker import DeliveryWorker

            DeliveryWorker(app, worker_id=worker_id, batch_size=20).run(stop, poll_seconds=0.05)
        elif kind == "inbound":
            from engagement.inbound.worker import InboundWorker

            InboundWorker(app, worker_id=worker_id).run(stop, poll_seconds=0.05)
        elif kind == "scheduler":
            from engagement.scheduling.scheduler import run_scheduler

            run_scheduler(app, tick_seconds=0.2, lock_poll_seconds=0.05, stop=stop)
        else:
            from engagement.scheduling.serve import serve

            serve(app, host="127.0.0.1", port=0, tick_seconds=0.2, poll_seconds=0.05, stop=stop)
        status = 0
    except BaseException:  # noqa: BLE001 - a child must never return into the parent's code
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def left_sending(app, worker_id: str) -> int:
    from sqlalchemy import func, select
    from sqlmodel import Session

    from engagement.delivery.models import SENDING, OutboxMessage

    with Session(app.extensions["borgerpanel.engine"]) as session:
        return session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.status == SENDING, OutboxMessage.claimed_by == worker_id)) or 0


def wait_exit(pid: int, grace: float) -> int | None:
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.005)
    return None


def run(stops: int, *, url: str | None = None, handler: str = "relay", max_wait: float = 0.5,
        grace: float = 15.0, seed: int = 1, report=print) -> Counter:
    """``stops`` forks and SIGTERMs; returns the outcomes (``clean``, ``hung``, ``exit N``, ``left rows``)."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="bench-sigterm-") as folder:
        instance = Path(folder) / "instance"
        app = make_app(url or f"sqlite:///{Path(folder) / 'sigterm.sqlite3'}", instance)
        prepare(app, outbox_rows=max(2000, stops * 40), inbound_rows=max(1000, stops * 10))
        outcomes: Counter = Counter()
        by_kind: Counter = Counter()
        slowest = 0.0
        for number in range(stops):
            kind = rng.choices(KINDS, WEIGHTS)[0]
            worker_id = f"sigterm-{number}"
            sys.stdout.flush()
            sys.stderr.flush()
            # Blocked around the fork and unblocked by the child once its handler is in place: a
            # signal that early waits for it.  (A fresh process gets one during interpreter
            # start-up by the default action, before it has done anything: clean too, and not
            # what this script is about.)
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
            pid = os.fork()
            if pid == 0:
                child(app, kind, handler, worker_id)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
            time.sleep(rng.uniform(0, max_wait))
            sent = time.monotonic()
            os.kill(pid, signal.SIGTERM)
            code = wait_exit(pid, grace)
            took = time.monotonic() - sent
            if code is None:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                outcome = "hung (SIGKILL)"
            elif code != 0:
                outcome = f"exit {code}"
            elif kind == "delivery" and left_sending(app, worker_id):
                outcome = "left rows sending"
            else:
                outcome = "clean"
                slowest = max(slowest, took)
            outcomes[outcome] += 1
            by_kind[(kind, outcome)] += 1
            if (number + 1) % 50 == 0 or outcome != "clean":
                report(f"  {number + 1:4d} stops: {dict(outcomes)}" + ("" if outcome == "clean" else f"  <- {kind}"))
        app.extensions["borgerpanel.engine"].dispose()
    report(f"handler {handler}: {stops} SIGTERMs; " + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())))
    report("by process: " + ", ".join(f"{kind} {outcome} {count}" for (kind, outcome), count in sorted(by_kind.items())))
    report(f"slowest clean stop: {slowest:.2f} s after the signal")
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stops", type=int, default=500)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--handler", choices=("relay", "naive"), default="relay")
    parser.add_argument("--max-wait", type=float, default=0.5, help="longest wait before the signal (s)")
    parser.add_argument("--grace", type=float, default=15.0, help="seconds a stop may take")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    outcomes = run(args.stops, url=args.database_url, handler=args.handler, max_wait=args.max_wait,
                   grace=args.grace, seed=args.seed)
    return 0 if set(outcomes) == {"clean"} else 1


if __name__ == "__main__":
    sys.exit(main())
