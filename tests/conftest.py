"""Shared fixtures: ``app``, ``client``, ``runner``, ``session`` and factories.

The suite runs on SQLite by default and on PostgreSQL when ``DATABASE_URL``
is set (``.ci/run`` does both).  The schema is built once per run; every test
starts from empty tables.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sqlmodel import Session

from engagement import create_app
from engagement.db import make_engine
from engagement.models import metadata

TEST_SECRET = "test-secret-key-that-is-long-enough-for-the-checks"
# ../shared beside the checkout: the spec, the labelled corpus and the measuring tools.
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _database_url(tmp_root: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    return f"sqlite:///{tmp_root / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = _database_url(tmp_path_factory.mktemp("db"))
    engine = make_engine(url)
    metadata.drop_all(engine)
    _drop_leftovers(engine)
    metadata.create_all(engine)
    engine.dispose()
    return url


def _drop_leftovers(engine) -> None:
    """Tables a migration test or an older run left behind (alembic_version)."""
    from sqlalchemy import inspect, text

    with engine.begin() as connection:
        for table in inspect(connection).get_table_names():
            if table == "alembic_version":
                connection.execute(text("DROP TABLE alembic_version"))


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app({
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "instance_path": tmp_path / "instance",
        "outbox_dir": tmp_path / "instance" / "outbox",
        "sms_outbox_file": tmp_path / "instance" / "sms-outbox.jsonl",
        "public_base_url": "http://localhost",
    })
    app.config["TESTING"] = True
    yield app
    engine = app.extensions["borgerpanel.engine"]
    with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def session(app):
    with Session(app.extensions["borgerpanel.engine"], expire_on_commit=False) as session:
        yield session


CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token_from(html: str) -> str:
    """The CSRF token of the first form on a page (tests submit forms like a browser)."""
    match = CSRF_INPUT.search(html)
    assert match, "no csrf_token field on the page"
    return match.group(1) or match.group(2)


# --- Tests run everywhere they can, and CI never skips. ------------------------

def _backend() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.startswith("postgresql") else "sqlite"


def pytest_configure(config):
    config.addinivalue_line("markers", "only_on(backend): a test of one database backend's own feature")


def pytest_collection_modifyitems(config, items):
    """Tests of one backend's feature are not collected on the other (CI runs both)."""
    backend = _backend()
    keep, drop = [], []
    for item in items:
        marker = item.get_closest_marker("only_on")
        (drop if marker and marker.args[0] != backend else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On CI (CI=true) a skipped test is a failure: everything a test needs is installed there."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"} and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"skipped on CI, where nothing may be skipped: {reason}"
