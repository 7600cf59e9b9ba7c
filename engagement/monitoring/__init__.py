"""Monitoring: ``/metrics`` for Prometheus, the scheduler's heartbeat, and log lines without personal data.

* ``metrics``: what is shared state (outbox, inbound messages, the heartbeat) is
  read from the database at scrape time, so every web worker answers the same
  truth; what belongs to one process (the reader's parse time) is a histogram,
  aggregated over processes by prometheus-client's multiprocess mode.
* ``heartbeat``: the active scheduler writes the time of its last tick to the
  one-row table ``scheduler_heartbeat``.
* ``logs``: one formatter (text or JSON lines) and a filter that redacts email
  addresses and phone numbers, a safety net behind code that already avoids them.
* ``views``: the ``/metrics`` blueprint (a bearer token, or loopback only).
"""


class MonitoringError(Exception):
    """Base of the monitoring package's errors."""
