"""Database schema: Alembic migrations and the ``flask db`` commands.

Deploys run ``flask --app wsgi db upgrade``.  After changing a model, write a
migration with ``flask --app wsgi db revision -m "what changed"`` and read it
before committing; ``tests/test_migrations.py`` fails while the migrated
schema and the models differ.
"""
from __future__ import annotations

from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import current_app
from flask.cli import AppGroup

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_database(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def _url() -> str:
    return current_app.extensions["borgerpanel.settings"].sqlalchemy_url


db_cli = AppGroup("db", help="Database schema migrations.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def upgrade_command(revision: str) -> None:
    """Migrate the database to REVISION (default: the newest)."""
    upgrade_database(_url(), revision)
    click.echo(f"Database at {revision}.")


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
def revision_command(message: str) -> None:
    """Write a new migration from the difference between models and database."""
    command.revision(alembic_config(_url()), message=message, autogenerate=True)


@db_cli.command("current")
def current_command() -> None:
    command.current(alembic_config(_url()), verbose=False)
