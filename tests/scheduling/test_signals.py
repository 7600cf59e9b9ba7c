"""SIGTERM handling of the long-running processes (``engagement.scheduling.signals``).

The relay: the signal handler only writes to a pipe, and a thread of its own sets the stop
Event, so a signal that lands while the main thread is inside ``stop.wait()`` (holding the
Event's lock) cannot deadlock.  Then the bounded part of ``bench/sigterm.py``: 20 SIGTERMs at
random moments into forked delivery, inbound, scheduler and serve processes, all clean
(the script itself does 500).
"""
from __future__ import annotations

import os
import subprocess
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from engagement.scheduling.signals import stop_on_signals

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _restore(handlers):
    for signum, handler in handlers.items():
        signal.signal(signum, handler)


def test_a_signal_during_stop_wait_sets_the_event_from_the_relay_thread():
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        stop = stop_on_signals()
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()
        began = time.monotonic()
        assert stop.wait(10)  # woken by the relay, not by the timeout
        assert time.monotonic() - began < 5
    finally:
        _restore(saved)


def test_many_signals_while_waiting_in_short_slices_never_hang():
    """The pattern that deadlocked: the main thread in ``stop.wait(timeout)`` again and again."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        for _ in range(200):
            stop = stop_on_signals(threading.Event())
            threading.Timer(0.001, os.kill, (os.getpid(), signal.SIGINT)).start()
            deadline = time.monotonic() + 5
            while not stop.wait(0.0005):
                assert time.monotonic() < deadline, "the stop never arrived"
    finally:
        _restore(saved)


@pytest.mark.slow
def test_twenty_sigterms_at_random_moments_all_stop_cleanly():
    """In a fresh interpreter of its own: the script forks, and a fork of the test process would
    take along every connection the suite holds."""
    result = subprocess.run([sys.executable, str(BENCH / "sigterm.py"), "--stops", "20", "--seed", "7",
                             "--max-wait", "0.4"], capture_output=True, text=True, timeout=600,
                            env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "20 SIGTERMs; clean: 20" in result.stdout
