"""What the HTTP benchmarks share: a PostgreSQL database of their own and gunicorn on loopback.

``bench/webhook.py`` and ``bench/load.py`` measure the web app the way it runs
in production (``gunicorn wsgi:app`` in front of PostgreSQL), so both need
the same start-up: a database to own, a free port, the server with the
settings that make signed links and Twilio signatures line up, and a clean
stop.  Not a module of the service: nothing under ``engagement/`` imports it.
"""
from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent

SECRET = "bench-secret-key-that-is-long-enough-for-the-checks"
TWILIO_TOKEN = "bench-twilio-auth-token-0123456789"
WORKER_CLASSES = ("sync", "gthread")


def psycopg_url(url: str) -> str:
    """The URL with the psycopg 3 driver named; refuses anything but PostgreSQL."""
    if not url.startswith(("postgresql://", "postgresql+psycopg://")):
        raise SystemExit(f"the benchmark needs PostgreSQL (--database-url postgresql://...), not {url!r}")
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def plain_url(url: str) -> str:
    """The URL as the app reads it from DATABASE_URL."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not name or not name.replace("_", "").isalnum():
        raise SystemExit(f"a plain database name is needed in the URL, not {name!r}")
    return name


def _admin_engine(url: str):
    parts = urlsplit(url)
    return create_engine(parts._replace(path="/postgres").geturl(), isolation_level="AUTOCOMMIT")


def ensure_database(url: str) -> str:
    """Create the database if it does not exist; return a psycopg URL."""
    url = psycopg_url(url)
    name = _database_name(url)
    admin = _admin_engine(url)
    with admin.connect() as connection:
        if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first():
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url


def fresh_database(url: str) -> str:
    """Drop (if there) and create the database; return a psycopg URL."""
    drop_database(url)
    return ensure_database(url)


def drop_database(url: str) -> None:
    url = psycopg_url(url)
    admin = _admin_engine(url)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{_database_name(url)}" WITH (FORCE)'))
    admin.dispose()


def server_version(url: str) -> str:
    engine = create_engine(psycopg_url(url))
    with engine.connect() as connection:
        version = connection.execute(text("SHOW server_version")).scalar_one()
    engine.dispose()
    return str(version).split()[0]


def app_environment(url: str, port: int, **extra: str) -> dict[str, str]:
    """Settings for the app under test: links and webhook signatures use this server's own address."""
    env = dict(os.environ, DATABASE_URL=plain_url(url), SECRET_KEY=SECRET, TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
               PUBLIC_BASE_URL=f"http://127.0.0.1:{port}", LOG_LEVEL="WARNING")
    env.update(extra)  # ``extra`` may override any of them
    return env


def migrate(env: dict[str, str]) -> None:
    """``flask --app wsgi db upgrade``, as on a deploy."""
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"db upgrade failed:\n{result.stdout}{result.stderr}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, workers: int, *, worker_class: str = "sync",
                   threads: int = 1, timeout: int = 60) -> subprocess.Popen:
    """``gunicorn wsgi:app`` on 127.0.0.1:``port``; returns once /healthz answers 200."""
    if worker_class not in WORKER_CLASSES:
        raise SystemExit(f"worker class must be one of {', '.join(WORKER_CLASSES)}")
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",  # production's settings
               "--workers", str(workers), "--worker-class", worker_class,
               "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", str(timeout)]
    if worker_class == "gthread":
        command += ["--threads", str(threads)]
    process = subprocess.Popen([*command, "wsgi:app"], cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start-up (exit status {process.returncode})")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    stop(process)
    raise SystemExit("gunicorn did not start")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def drain_inbound(url: str, timeout: float = 300.0) -> tuple[float, list[float]]:
    """Wait until no stored SMS is left unread; (seconds waited, each SMS's stored-to-read delay)."""
    from sqlalchemy import func
    from sqlmodel import Session, select

    from engagement.inbound.models import InboundMessage

    engine = create_engine(url)
    began = time.monotonic()
    try:
        with Session(engine) as session:
            while time.monotonic() - began < timeout:
                left = session.exec(select(func.count()).select_from(InboundMessage)
                                    .where(InboundMessage.status == "received")).one()
                session.rollback()
                if not left:
                    break
                time.sleep(0.5)
            delays = [(done - stored).total_seconds() for stored, done in session.exec(
                select(InboundMessage.received_at, InboundMessage.processed_at)
                .where(InboundMessage.processed_at.is_not(None))).all()]
    finally:
        engine.dispose()
    return time.monotonic() - began, sorted(delays)
