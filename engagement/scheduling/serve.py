"""``flask --app wsgi serve``: everything in one process, for development and one small machine.

The web app (Werkzeug's threaded server) plus, in background threads of the
same process, the scheduler, one delivery worker and one inbound worker (it
reads the SMS the webhook stores, woken at once by the webhook, and the
mail a separately started ``mail listen`` stores), all on the configured
database (SQLite under ``instance/`` by default).  Without SMTP or Twilio
settings mail goes to ``.eml`` files in ``OUTBOX_DIR`` and SMS to
``instance/sms-outbox.jsonl``.

The scheduler thread takes the same lock as ``flask --app wsgi scheduler
run`` (a file lock beside the SQLite file, or PostgreSQL's advisory lock), so
a scheduler started separately waits while ``serve`` runs, and ``serve``'s
scheduler waits if another one already holds the lock; the web app and the
workers run regardless.  Ctrl-C (SIGINT) or SIGTERM stops the web server, the
workers (after their current message) and the scheduler (its running job
finishes), then the process ends.

Production runs these as separate processes (see the design notes): web
servers, one elected scheduler, as many workers as needed.
"""
from __future__ import annotations

import logging
import threading

from flask import Flask
from werkzeug.serving import make_server

log = logging.getLogger(__name__)

JOIN_SECONDS = 30


def serve(app: Flask, *, host: str = "127.0.0.1", port: int = 5000, tick_seconds: float = 15.0,
          poll_seconds: float = 2.0, stop: threading.Event | None = None) -> None:
    from engagement.delivery.worker import DeliveryWorker
    from engagement.inbound.worker import InboundWorker
    from engagement.scheduling.scheduler import run_scheduler

    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        from engagement.scheduling.signals import stop_on_signals

        stop_on_signals(stop)

    if app.extensions["borgerpanel.settings"].warm_up:
        from engagement.web.warmup import warm_up

        warm_up(app)  # before the first request: no visitor waits for the Danish lemmas (as gunicorn's master)
    server = make_server(host, port, app, threaded=True)
    worker = DeliveryWorker(app)
    inbound = InboundWorker(app)
    app.extensions["borgerpanel.inbound_wake"] = inbound.wake
    threads = [
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.5}, name="web", daemon=True),
        threading.Thread(target=_guarded, args=(run_scheduler, stop),
                         kwargs={"app": app, "tick_seconds": tick_seconds, "stop": stop},
                         name="scheduler", daemon=True),
        threading.Thread(target=_guarded, args=(worker.run, stop), kwargs={"stop": stop,
                                                                           "poll_seconds": poll_seconds},
                         name="delivery", daemon=True),
        threading.Thread(target=_guarded, args=(inbound.run, stop), kwargs={"stop": stop,
                                                                            "poll_seconds": poll_seconds},
                         name="inbound", daemon=True),
    ]
    for thread in threads:
        thread.start()
    settings = app.extensions["borgerpanel.settings"]
    log.info("serving on http://%s:%s with the scheduler, a delivery and an inbound worker (mail: %s, sms: %s)",
             host, server.server_port, "smtp" if settings.uses_smtp else settings.outbox_dir,
             "twilio" if settings.uses_twilio else settings.sms_outbox_file)
    try:
        while not stop.wait(0.5):
            if not all(thread.is_alive() for thread in threads):
                log.error("a part of serve stopped unexpectedly: stopping the rest")
                break
    finally:
        stop.set()
        inbound.wake()
        app.extensions.pop("borgerpanel.inbound_wake", None)
        server.shutdown()
        for thread in threads:
            thread.join(JOIN_SECONDS)
        server.server_close()
        log.info("serve stopped")


def _guarded(target, stop_all: threading.Event, **kwargs) -> None:
    """Run a background part; if it fails, log it and stop the whole process (no half-running serve)."""
    try:
        target(**kwargs)
    except Exception:
        log.exception("%s failed", threading.current_thread().name)
        stop_all.set()
