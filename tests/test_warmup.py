"""Warming at start-up: what the first page loads would load is loaded before anyone asks.

The figures (first load of the results page before and after) come from
``bench/first_load.py``; these tests check that the warming happens where the
web process starts, in gunicorn's master before the workers fork.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from engagement.reports import terms
from engagement.web.warmup import warm_up

ROOT = Path(__file__).resolve().parents[1]


def test_warm_up_loads_the_lemmas_the_templates_and_more(app):
    timings = warm_up(app)
    assert set(timings) == {"danish lemmas (results)", "reply reader", "babel", "templates", "exports"}
    assert terms.stop_words.cache_info().currsize == 1  # the results page's frequent terms need nothing loaded
    compiled = {key[1] for key in app.jinja_env.cache.keys()} if app.jinja_env.cache is not None else set()
    assert "reports/survey.html" in compiled and "staff/settings.html" in compiled


def test_gunicorn_warms_the_app_in_the_master_before_forking(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_URL", "WARM_UP"))}
    env.update(BORGERPANEL_INSTANCE=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
               LOG_LEVEL="INFO")
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
                                    "--log-level", "info", "wsgi:app"], cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/favicon.ico", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, log_path.read_text(errors="replace")
            time.sleep(0.3)
        output = log_path.read_text(errors="replace")
        warmed = output.index("warmed up in")
        booted = [output.index(line) for line in output.splitlines() if "Booting worker" in line]
        assert booted and all(at > warmed for at in booted), output  # once, in the master, before any worker
        assert output.count("warmed up in") == 1
    finally:
        process.terminate()
        process.wait(timeout=40)
