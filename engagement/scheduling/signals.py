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

_lock = threading.Lock()
_relay: dict = {"pid": None, "write": None, "events": []}


def _start_relay() -> None:
    """One pipe and one relay thread per process (made again in a forked child, which has no thread)."""
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    events: list[threading.Event] = []

    def relay() -> None:
        while True:
            try:
                data = os.read(read_end, 64)
            except InterruptedError:  # pragma: no cover - PEP 475 retries; kept for clarity
                continue
            if not data:
                return
            for event in list(events):
                event.set()

    threading.Thread(target=relay, name="signal-relay", daemon=True).start()
    _relay.update(pid=os.getpid(), write=write_end, events=events)


def _handler(_signum, _frame) -> None:
    try:
        os.write(_relay["write"], b"x")
    except (OSError, TypeError):  # the pipe is full: a stop is already on its way
        pass


def stop_on_signals(stop: threading.Event | None = None, signals=SIGNALS) -> threading.Event:
    """Make SIGTERM and SIGINT set ``stop`` (a new Event when None); returns the Event.

    Only from the main thread (``signal.signal`` refuses any other).
    """
    stop = stop if stop is not None else threading.Event()
    with _lock:
        if _relay["pid"] != os.getpid():
            _start_relay()
        _relay["events"].append(stop)
    for signum in signals:
        signal.signal(signum, _handler)
    return stop
