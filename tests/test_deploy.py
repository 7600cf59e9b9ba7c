"""The deployment files name commands that exist, and the backup can be restored.

Procfile and deploy/systemd/*.service are not run by the suite otherwise, so a
renamed command or option would only show on the production machine.  Every
``flask --app wsgi …`` line is run with ``--help`` appended (click parses all
the options first, so an unknown option fails too); gunicorn lines are run
with ``--check-config``, which imports ``wsgi:app``.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service"))
VENV_BIN = Path(sys.executable).parent


def _expand(command: str) -> str:
    """``${PORT:-8000}`` -> ``8000`` (the Procfile's shell defaults)."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", command)


def deploy_commands() -> list[tuple[str, list[str]]]:
    found = []
    for line in (ROOT / "Procfile").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, command = line.partition(":")
            found.append((f"Procfile {name}", shlex.split(_expand(command))))
    for unit in UNITS:
        for line in unit.read_text(encoding="utf-8").splitlines():
            key, _, command = line.partition("=")
            if key in {"ExecStart", "ExecStartPre", "ExecStartPost"} and ("flask" in command or "gunicorn" in command):
                found.append((f"{unit.name} {key}", shlex.split(command)))
    return found


COMMANDS = deploy_commands()
FLASK_COMMANDS = [(where, args) for where, args in COMMANDS if Path(args[0]).name == "flask"]
GUNICORN_COMMANDS = [(where, args) for where, args in COMMANDS if Path(args[0]).name == "gunicorn"]


def test_the_deploy_files_name_every_process():
    names = {" ".join(args[3:5]) for _, args in FLASK_COMMANDS}
    assert {"db upgrade", "scheduler run", "delivery run", "mail listen", "inbound work"} <= names
    assert {where.split()[0] for where, _ in GUNICORN_COMMANDS} == {
        "Procfile", "borgerpanel-web.service", "borgerpanel-webhooks.service"}


def test_the_proxy_sends_the_twilio_webhooks_to_their_own_pool():
    """README's nginx block routes /sms/ to the port the webhooks unit binds, the rest to the web unit's."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    nginx = readme[readme.index("```nginx"):]
    nginx = nginx[:nginx.index("```", 3)]
    for unit, location in (("borgerpanel-webhooks.service", "/sms/"), ("borgerpanel-web.service", "/")):
        bind = re.search(r"--bind (\S+)", (ROOT / "deploy/systemd" / unit).read_text(encoding="utf-8")).group(1)
        block = re.search(r"location %s \{[^}]*\}" % re.escape(location), nginx).group(0)
        assert f"proxy_pass http://{bind};" in block, (unit, block)


@pytest.mark.parametrize("where, args", FLASK_COMMANDS, ids=[where for where, _ in FLASK_COMMANDS])
def test_flask_commands_exist(app, where, args):
    assert args[1:3] == ["--app", "wsgi"], where
    result = app.test_cli_runner().invoke(args=[*args[3:], "--help"])
    assert result.exit_code == 0, (where, result.output)
    assert "Usage:" in result.output


def test_an_unknown_command_or_option_would_be_caught(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["delivery", "start", "--help"]).exit_code != 0
    assert runner.invoke(args=["delivery", "run", "--workers", "2", "--help"]).exit_code != 0


@pytest.mark.slow
@pytest.mark.parametrize("where, args", GUNICORN_COMMANDS, ids=[where for where, _ in GUNICORN_COMMANDS])
def test_gunicorn_commands_load_the_app(where, args, tmp_path):
    env = dict(os.environ, BORGERPANEL_INSTANCE=str(tmp_path), PYTHONPATH=str(ROOT),
               DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}", SECRET_KEY="k" * 40)
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    result = subprocess.run([str(VENV_BIN / "gunicorn"), "--check-config", *args[1:]], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (where, result.stdout, result.stderr)


@pytest.mark.parametrize("unit", UNITS, ids=[unit.name for unit in UNITS])
def test_units_are_hardened_and_read_the_environment_file(unit):
    text = unit.read_text(encoding="utf-8")
    settings = dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))
    assert settings["User"] == "borgerpanel" and settings["EnvironmentFile"] == "/etc/borgerpanel/env"
    assert settings["NoNewPrivileges"] == "yes" and settings["ProtectSystem"] == "strict"
    assert settings["CapabilityBoundingSet"] == ""
    if settings.get("WantedBy") == "borgerpanel.target":
        assert settings["PartOf"] == "borgerpanel.target"
        if unit.name != "borgerpanel-migrate.service":
            assert "borgerpanel-migrate.service" in settings["After"]
            assert settings["Requires"] == "borgerpanel-migrate.service"


# --- The restore drill: backup.sh, then restore.sh into an empty database and migrate. ---

def _server_url(database: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"].replace("+psycopg", ""))
    return urlunsplit(parts._replace(path=f"/{database}"))


def _psql(url: str, sql: str) -> str:
    return subprocess.run(["psql", url, "-XAtc", sql], check=True, capture_output=True, text=True).stdout.strip()


@pytest.mark.slow
@pytest.mark.only_on("postgresql")
def test_backup_and_restore_drill(tmp_path):
    """A database made by the migrations, dumped, restored into an empty one, migrated, same rows."""
    base = urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/")
    source, restored = f"{base}_drill_source", f"{base}_drill_restored"
    admin = _server_url("postgres")
    for name in (source, restored):
        _psql(admin, f'DROP DATABASE IF EXISTS "{name}"')
        _psql(admin, f'CREATE DATABASE "{name}"')
    env = dict(os.environ, BORGERPANEL_INSTANCE=str(tmp_path / "instance"), SECRET_KEY="k" * 40,
               DATABASE_URL=_server_url(source), BACKUP_DIR=str(tmp_path / "backups"), BACKUP_KEEP_DAYS="7",
               FLASK=str(VENV_BIN / "flask"))
    flask = [str(VENV_BIN / "flask"), "--app", "wsgi"]
    try:
        subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run([*flask, "panel", "create", "drill", "--name", "Drill Kommune"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        # An expired dump is removed by the retention; the new one is kept.
        (tmp_path / "backups").mkdir()
        old = tmp_path / "backups" / "borgerpanel-20000101T000000Z.dump"
        old.write_bytes(b"old")
        os.utime(old, (946684800, 946684800))
        subprocess.run([str(ROOT / "deploy" / "backup.sh")], cwd=ROOT, env=env, check=True, capture_output=True)
        [dump] = sorted((tmp_path / "backups").glob("*.dump"))
        assert dump != old and oct(dump.stat().st_mode & 0o777) == "0o600"

        subprocess.run([str(ROOT / "deploy" / "restore.sh"), str(dump), _server_url(restored)], cwd=ROOT,
                       env=env, check=True, capture_output=True)
        assert _psql(_server_url(restored), "SELECT key, name FROM panel") == "drill|Drill Kommune"
        assert _psql(_server_url(restored), "SELECT count(*) FROM population_target") == \
            _psql(_server_url(source), "SELECT count(*) FROM population_target") != "0"
        assert _psql(_server_url(restored), "SELECT version_num FROM alembic_version") == \
            _psql(_server_url(source), "SELECT version_num FROM alembic_version")
        # A second restore into the now full database is refused.
        again = subprocess.run([str(ROOT / "deploy" / "restore.sh"), str(dump), _server_url(restored)], cwd=ROOT,
                               env=env, capture_output=True, text=True)
        assert again.returncode == 2 and "empty" in again.stderr
    finally:
        for name in (source, restored):
            _psql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
