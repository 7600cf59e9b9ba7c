"""End-to-end fixtures: the real service in a subprocess, and Debian's Chromium driven by Playwright.

``live_service`` builds a database of its own (the schema, the demo panel
with a few hundred panelists, a second panel, and an editor-less viewer):
a SQLite file under a temporary folder, or, when the suite runs with
``DATABASE_URL`` set to PostgreSQL, a fresh database ``e2e_<random>`` on the
same server, migrated with ``flask --app wsgi db upgrade`` and dropped
afterwards, so the browser tests never touch the suite's tables.  It then
starts ``flask --app wsgi serve`` on a free port: web app, scheduler and
delivery worker in one process, mail as ``.eml`` files, SMS as JSON lines,
the Twilio webhook signed with a test token.  ``browser`` is Chromium from ``apt-get install chromium``
(``/usr/bin/chromium``); Playwright's own browser downloads are never used.
Screenshots go to ``test-artifacts/screenshots/``.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SECRET = "e2e-secret-key-that-is-long-enough-for-the-checks-0123"
TWILIO_TOKEN = "e2e-twilio-auth-token-0123456789abcdef"
PASSWORD = "en-rigtig-god-adgangskode-e2e"
PANELISTS = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveService:
    base_url: str
    root: Path
    database_url: str
    env: dict
    admin_email: str
    viewer_email: str
    other_email: str
    other_panel_key: str
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    extra: dict = field(default_factory=dict)

    @property
    def outbox_dir(self) -> Path:
        return self.root / "instance" / "outbox"

    @property
    def sms_file(self) -> Path:
        return self.root / "instance" / "sms-outbox.jsonl"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path and self.log_path.exists() else ""

    def flask(self, *args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT,
                              env={**self.env, **(env or {})}, capture_output=True, text=True, timeout=timeout)


def _suite_postgresql_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgresql") else None


def _admin_execute(url: str, statement: str) -> None:
    """CREATE/DROP DATABASE: outside a transaction, on the suite's server."""
    import psycopg
    from sqlalchemy.engine import make_url

    target = make_url(url)
    with psycopg.connect(host=target.host, port=target.port or 5432, user=target.username,
                         password=target.password, dbname=target.database, autocommit=True) as connection:
        connection.execute(statement)


def create_postgresql_database(suite_url: str) -> str:
    """A fresh database beside the suite's; its URL (psycopg 3 driver named)."""
    from sqlalchemy.engine import make_url

    name = f"e2e_{uuid.uuid4().hex[:12]}"
    _admin_execute(suite_url, f'CREATE DATABASE "{name}"')
    url = make_url(suite_url).set(drivername="postgresql+psycopg", database=name)
    return url.render_as_string(hide_password=False)


def drop_postgresql_database(suite_url: str, url: str) -> None:
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    assert name and name.startswith("e2e_"), name  # never anything but our own
    _admin_execute(suite_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _migrate(env: dict) -> None:
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=180)
    if result.returncode != 0:
        raise RuntimeError(f"flask db upgrade failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")


def _seed(settings_env: dict, root: Path, migrated: bool = False) -> dict:
    """Rows (and on SQLite the schema), written in this process through the app's own services."""
    from engagement import create_app
    from engagement.db import session_scope
    from engagement.models import metadata
    from engagement.panel.demo import create_demo_panel
    from engagement.selection.targets import default_margins, replace_population_targets
    from engagement.staff import service as staff_service
    from engagement.panel.models import Panel

    app = create_app({"database_url": settings_env["DATABASE_URL"], "secret_key": SECRET,
                      "instance_path": root / "instance",
                      "public_base_url": settings_env["PUBLIC_BASE_URL"]})
    engine = app.extensions["borgerpanel.engine"]
    if not migrated:
        metadata.create_all(engine)
    with app.app_context():
        with session_scope() as session:
            demo = create_demo_panel(session, count=PANELISTS)
        with session_scope() as session:
            staff_service.set_password(session, demo.admin_email, PASSWORD)
            staff_service.create_staff(session, "laeser@demo.example.dk", panel_key=demo.key, role="viewer",
                                       password=PASSWORD)
            other = Panel(key="nabo", name="Nabo Kommune", area_labels={"nord": "Nord"})
            session.add(other)
            session.flush()
            replace_population_targets(session, other.id, default_margins())
            staff_service.create_staff(session, "admin@nabo.example.dk", panel_key="nabo", role="admin",
                                       password=PASSWORD)
    engine.dispose()
    return {"admin_email": demo.admin_email}


@pytest.fixture(scope="module")
def live_service():
    root = Path(tempfile.mkdtemp(prefix="borgerpanel-e2e-"))
    os.chmod(root, 0o755)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DATABASE_URL", "SMTP_", "IMAP_", "TWILIO_", "FLASK_"))}
    suite_url = _suite_postgresql_url()
    database_url = create_postgresql_database(suite_url) if suite_url else f"sqlite:///{root / 'e2e.sqlite3'}"
    env.update({
        "DATABASE_URL": database_url, "SECRET_KEY": SECRET,
        "BORGERPANEL_INSTANCE": str(root / "instance"), "PUBLIC_BASE_URL": base_url,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN, "SMS_QUIET_START": "00:00", "SMS_QUIET_END": "00:00",
        "CONTACT_FATIGUE_DAYS": "0", "LOG_LEVEL": "INFO",
        "DELIVERY_SMS_RATE": "0", "PYTHONUNBUFFERED": "1",
    })
    try:
        if suite_url:
            _migrate(env)
        seeded = _seed(env, root, migrated=bool(suite_url))
    except BaseException:
        if suite_url:
            drop_postgresql_database(suite_url, database_url)
        raise
    service = LiveService(base_url=base_url, root=root, database_url=env["DATABASE_URL"], env=env,
                          admin_email=seeded["admin_email"], viewer_email="laeser@demo.example.dk",
                          other_email="admin@nabo.example.dk", other_panel_key="nabo",
                          log_path=root / "serve.log")
    log_file = open(service.log_path, "wb")
    service.process = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--tick-seconds", "1", "--poll-seconds", "0.2"], cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if service.process.poll() is not None or time.monotonic() > deadline:
            service.process.kill()
            service.process.wait()
            if suite_url:
                drop_postgresql_database(suite_url, database_url)
            raise RuntimeError(f"the service did not start:\n{service.log()}")
        time.sleep(0.2)
    yield service
    service.process.terminate()
    try:
        service.process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        service.process.kill()
        service.process.wait()
    log_file.close()
    if suite_url:
        drop_postgresql_database(suite_url, database_url)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK",
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, service: LiveService, email: str) -> None:
    page.goto(f"{service.base_url}/staff/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def check_accessibility(page, name: str) -> None:
    """axe-core (bundled by axe-playwright-python): no serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    details = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -> "
                        f"{[n['target'] for n in v['nodes']][:5]}" for v in bad)
    assert not bad, f"{name}: accessibility violations:\n{details}"


@pytest.fixture
def dovecot():
    """A Dovecot IMAP server of the test's own (as in tests/inbound), for a reply by email."""
    from tests.dovecot import DovecotServer, is_available

    if not is_available():
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd) or not running as root")
    root = Path(tempfile.mkdtemp(prefix="borgerpanel-e2e-dovecot-"))
    server = DovecotServer(root).start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)
