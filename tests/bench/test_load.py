"""bench/load.py: a short real run (gunicorn + PostgreSQL) and its report, read like a person would.

The benchmark needs PostgreSQL whatever database the suite runs on, so the
run uses a database of its own (``bench_load_test``) on the suite's
PostgreSQL server, or on 127.0.0.1:5432 when the suite runs on SQLite
(``.ci/run`` keeps that server up).  The script creates and drops it.
"""
from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
from argparse import ArgumentTypeError, Namespace
from contextlib import redirect_stdout
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
ROW = re.compile(r"^(?P<name>\S.{0,23}?)\s+(?P<requests>\d+)\s+(?P<rps>\d+\.\d)\s+(?P<p50>\d+\.\d)\s+"
                 r"(?P<p99>\d+\.\d)\s+(?P<errors>\d+)\s+(?P<ratio>\d+\.\d{3})$")
ENDPOINTS = {"GET  signup page", "POST signup form", "POST sms webhook", "GET  rsvp link", "POST rsvp button",
             "GET  staff dashboard", "GET  staff panelists", "GET  staff campaign", "GET  staff results"}


def _load_module(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def load():
    """bench/load.py as a module (its sibling ``_servers`` first, as the script finds it)."""
    _load_module("_servers")
    return _load_module("load")


def bench_database_url() -> str:
    """``<the suite's database>_bench_load`` on its server, so suites running side by side (one
    database each) never share the benchmark's; ``bench_load_test_<pid>`` on 127.0.0.1 under SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgresql"):
        parts = urlsplit(url.replace("postgresql+psycopg://", "postgresql://", 1))
        return parts._replace(path=f"/{parts.path.lstrip('/')}_bench_load").geturl()
    return f"postgresql://root@127.0.0.1:5432/bench_load_test_{os.getpid()}"  # suites side by side: one each


def table_rows(output: str) -> dict[str, dict[str, float]]:
    rows = {}
    for line in output.splitlines():
        match = ROW.match(line)
        if match:
            values = match.groupdict()
            name = values.pop("name").strip()
            rows[name] = {key: float(value) for key, value in values.items()}
    return rows


@pytest.mark.slow
def test_a_short_mixed_load_reports_every_endpoint_and_no_errors():
    result = subprocess.run(
        [sys.executable, str(BENCH / "load.py"), "--seconds", "3", "--baseline-seconds", "1", "--warmup", "0",
         "--panelists", "60", "--clients", "3", "--workers", "2", "--database-url", bench_database_url()],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    output = result.stdout
    assert result.returncode == 0, output + result.stderr

    assert re.search(r"^machine:\s+\d+ cores, .*PostgreSQL \d+", output, re.M), output
    assert re.search(r"^server:\s+gunicorn wsgi:app, 2 sync workers", output, re.M), output
    assert re.search(r"^load:\s+3 clients, mix signup=3,sms=3,rsvp=2,staff=2, 60 panelists", output, re.M), output
    assert "endpoint" in output and "vs /healthz" in output

    rows = table_rows(output)
    baseline = rows.pop("GET  /healthz baseline")
    total = rows.pop("total (mixed load)")
    assert set(rows) <= ENDPOINTS and rows, output
    assert baseline["requests"] > 0 and baseline["ratio"] == 1.0 and baseline["errors"] == 0
    assert total["requests"] == sum(row["requests"] for row in rows.values()) > 0
    for name, row in rows.items():
        assert row["errors"] == 0, (name, output)
        assert 0 < row["p50"] <= row["p99"], (name, output)
    # The database agrees with what the server answered (webhook rows processed, signups pending).
    checks = re.findall(r"^  (sms stored|sms processed|pending signups)\s+expected\s+(\d+)\s+found\s+(\d+)\s+(\S+)$",
                        output, re.M)
    assert [label for label, *_ in checks] == ["sms stored", "sms processed", "pending signups"], output
    assert all(expected == found and mark == "ok" for _, expected, found, mark in checks), output
    assert int(checks[0][1]) > 0, "the warm-up alone sends an SMS from every client"


def _args(**extra) -> Namespace:
    values = dict(clients=2, mix="sms=1", panelists=10, warmup=0.0, baseline_seconds=1.0, seconds=2.0,
                  workers=1, worker_class="sync", threads=1, webhook_workers=1, load_before=0.5)
    values.update(extra)
    return Namespace(**values)


def _report(load, mixed, checks=(), warm=None):
    baseline = load.Tally()
    baseline.latencies["GET /healthz"].extend([0.002] * 100)
    out = io.StringIO()
    with redirect_stdout(out):
        passed = load.report(_args(), "PostgreSQL 15 on loopback", warm or load.Tally(), (baseline, 1.0),
                             (mixed, 2.0), list(checks))
    return passed, out.getvalue()


def test_the_table_gives_rate_percentiles_and_the_ratio_to_the_baseline(load):
    mixed = load.Tally()
    mixed.latencies["POST sms webhook"].extend([n / 1000 for n in range(1, 101)])  # 1 .. 100 ms
    passed, output = _report(load, mixed, [("sms stored", 100, 100, 100)])
    assert passed
    rows = table_rows(output)
    assert rows["POST sms webhook"] == {"requests": 100, "rps": 50.0, "p50": 50.0, "p99": 99.0, "errors": 0,
                                        "ratio": 0.5}
    assert rows["GET  /healthz baseline"]["rps"] == 100.0
    assert "errors:" not in output


def test_errors_or_a_failed_check_make_the_run_fail(load):
    mixed = load.Tally()
    mixed.latencies["POST signup form"].extend([0.01, 0.02, 0.03])
    mixed.errors["POST signup form"]["HTTP 429"] += 2
    passed, output = _report(load, mixed)
    assert not passed
    assert table_rows(output)["POST signup form"]["errors"] == 2
    assert "POST signup form: 2 x HTTP 429" in output

    warm = load.Tally()
    warm.latencies["POST sms webhook"].append(0.5)
    warm.errors["POST sms webhook"]["timeout"] += 1
    clean = load.Tally()
    clean.latencies["POST sms webhook"].append(0.01)
    passed, output = _report(load, clean, warm=warm)
    assert not passed and "POST sms webhook (warm-up): 1 x timeout" in output

    passed, output = _report(load, clean, [("pending signups", 3, 3, 2)])
    assert not passed and "MISMATCH" in output
    # A call that timed out may have done its work: a range, and a count inside it is fine.
    passed, output = _report(load, clean, [("sms stored", 4, 6, 5)])
    assert passed and re.search(r"sms stored\s+expected\s+4\.\.6\s+found\s+5\s+ok", output), output


def test_the_mix_is_read_strictly(load):
    assert load.parse_mix("signup=3, sms=0,staff=1") == {"signup": 3, "staff": 1}
    for wrong in ("signup=3,mail=1", "sms", "sms=x", "sms=0"):
        with pytest.raises(ArgumentTypeError):
            load.parse_mix(wrong)
