"""`make run` serves on HOST and PORT, with links that point there; every page has an icon."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_make_run_honours_host_and_port(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DATABASE_URL", "PUBLIC_BASE_URL", "SMTP_", "IMAP_", "TWILIO_", "FLASK_", "MAKE"))}
    env.update(BORGERPANEL_INSTANCE=str(tmp_path / "instance"), WARM_UP="false", LOG_LEVEL="INFO")
    log_path = tmp_path / "run.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(["make", "run", "HOST=127.0.0.1", f"PORT={port}"], cwd=ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert process.poll() is None, log_path.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, log_path.read_text(errors="replace")[-3000:]
            time.sleep(0.5)
        output = log_path.read_text(errors="replace")
        assert f"http://127.0.0.1:{port}/staff/login" in output  # the demo's login line names this server
        assert f"serving on http://127.0.0.1:{port}" in output
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/favicon.ico", timeout=5) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] in ("image/vnd.microsoft.icon", "image/x-icon")
            assert response.read()[:4] == b"\x00\x00\x01\x00"  # an ICO file
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/p/demo/tilmeld", timeout=10) as response:
            page = response.read().decode()
        assert 'rel="icon"' in page and "favicon.svg" in page
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
