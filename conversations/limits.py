"""Bounded work for one reading: a size cap on the text read and a time bound on the reading.

A citizen's own words are read up to ``MAX_SMS_CHARS`` (an SMS: Twilio's
longest concatenated message) or ``MAX_MAIL_CHARS`` (an email's own words,
after quotes and signatures are cut away).  What is longer is not read whole:
the start is read, and the reading becomes ``other`` with ``asks_staff``, so
the citizen is told that a person reads the message (``passed_to_staff``)
and the staff inbox shows it whole (the raw message is always stored whole).

``time_limit(seconds)`` bounds one reading in wall time: when it runs out,
``ReadingTimeout`` is raised inside the reading thread (an asynchronous
exception set by one watchdog thread, so it works in any thread, not only
the main one, and costs no thread per reading).  It interrupts Python code;
a single regular-expression call finishes first, which the size cap keeps
short.
"""
from __future__ import annotations

import ctypes
import heapq
import threading
import time
from contextlib import contextmanager

MAX_SMS_CHARS = 1600
MAX_MAIL_CHARS = 8000
READING_SECONDS = 5.0


class ReadingTimeout(BaseException):
    """One reading took longer than its time bound.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` inside the reader
    swallows it; the entry points in ``conversations.reply`` catch it by name.
    """


def cut(text: str, limit: int) -> tuple[str, bool]:
    """(the first ``limit`` characters, whether anything was cut off)."""
    text = text or ""
    return (text[:limit], True) if len(text) > limit else (text, False)


class _Watchdog:
    """One daemon thread that raises ReadingTimeout in threads whose deadline passed.

    Each reading has a guard lock.  Whoever takes it first wins: the watchdog (then it raises
    the exception in the reading's thread and never gives the guard back) or the reading at
    its end (then the watchdog can no longer fire).  A reading that lost clears a pending
    exception not yet raised and raises ReadingTimeout itself, so none is ever left to go
    off after ``time_limit`` has returned.
    """

    def __init__(self):
        self._cond = threading.Condition()
        self._deadlines: list[tuple[float, int, int, threading.Lock]] = []
        self._thread: threading.Thread | None = None
        self._count = 0

    def register(self, seconds: float) -> threading.Lock:
        guard = threading.Lock()
        with self._cond:
            self._count += 1
            heapq.heappush(self._deadlines, (time.monotonic() + seconds, self._count, threading.get_ident(), guard))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="reading-watchdog", daemon=True)
                self._thread.start()
            self._cond.notify()
        return guard

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                while self._deadlines and self._deadlines[0][0] <= now:
                    _, _, thread_id, guard = heapq.heappop(self._deadlines)
                    if guard.acquire(blocking=False):  # the reading has not finished: stop it
                        _set_async_exc(thread_id, ReadingTimeout)
                # At most 20 wake-ups a second however many readings finish: 50 ms of precision.
                wait = max(0.05, self._deadlines[0][0] - now) if self._deadlines else None
                self._cond.wait(wait)


def _set_async_exc(thread_id: int, exc_type) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc_type) if exc_type else None)


_watchdog = _Watchdog()


@contextmanager
def time_limit(seconds: float = READING_SECONDS):
    """Raise ``ReadingTimeout`` in this thread if the block runs longer than ``seconds``."""
    guard = _watchdog.register(seconds)
    try:
        yield
    finally:
        finished_first = guard.acquire(blocking=False)
        if not finished_first:
            _set_async_exc(threading.get_ident(), None)  # clear it if it has not gone off yet
    if not finished_first:
        raise ReadingTimeout(f"longer than {seconds:g} s")
