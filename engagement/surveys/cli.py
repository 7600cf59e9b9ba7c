"""``flask --app wsgi surveys ...``: import and export survey and meeting definitions.

    surveys import FILE --panel KEY          one definition, a list, or {key: definition} (JSON)
    surveys export [KEY] --panel KEY [--out FILE]
                                             one key: that definition; no key: {key: definition} for all
    surveys list --panel KEY

The JSON shape is the documented interchange format (spec/definitions.md),
so an export can be imported again, and read by ``python -m conversations``.
"""
from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext as _
from sqlmodel import select

from engagement.db import session_scope
from engagement.panel.models import Panel
from engagement.surveys import service

surveys_cli = AppGroup("surveys", help="Survey and meeting definitions.")

_panel_option = click.option("--panel", "panel_key", required=True, help="The panel's key.")


def _panel(session, key: str) -> Panel:
    panel = session.exec(select(Panel).where(Panel.key == key)).first()
    if panel is None:
        raise click.ClickException(_("Panelet %(key)s findes ikke.", key=key))
    return panel


def _read_json(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(_("Filen kan ikke læses: %(reason)s", reason=exc.strerror or str(exc)))
    except UnicodeDecodeError:
        raise click.ClickException(_("Filen er ikke UTF-8."))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise click.ClickException(_("Filen er ikke gyldig JSON (linje %(line)s, tegn %(column)s): %(reason)s",
                                     line=exc.lineno, column=exc.colno, reason=exc.msg))


@surveys_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_panel_option
def import_command(file: Path, panel_key: str) -> None:
    """Import definitions from a JSON file (a key imported again is updated)."""
    data = _read_json(file)
    try:
        with session_scope() as session:
            rows = service.import_definitions(session, _panel(session, panel_key), data)
            keys = [row.key for row in rows]
    except service.SurveyError as exc:
        raise click.ClickException(_("Intet blev importeret: %(reason)s", reason=str(exc)))
    click.echo(_("Importeret: %(keys)s", keys=", ".join(keys)))


@surveys_cli.command("export")
@click.argument("keys", nargs=-1)
@_panel_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def export_command(keys: tuple[str, ...], panel_key: str, out: Path | None) -> None:
    """Export one definition (KEY), several ({key: definition}), or all of the panel's."""
    try:
        with session_scope() as session:
            panel = _panel(session, panel_key)
            if len(keys) == 1:
                data = service.export_definition(service.get_definition(session, panel.id, keys[0]))
            else:
                data = service.export_definitions(session, panel.id, keys or None)
    except service.SurveyError as exc:
        raise click.ClickException(str(exc))
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


@surveys_cli.command("list")
@_panel_option
def list_command(panel_key: str) -> None:
    """List the panel's surveys and meetings."""
    with session_scope() as session:
        panel = _panel(session, panel_key)
        for row in service.list_definitions(session, panel.id):
            click.echo(f"{row.key}\t{row.kind}\t{row.title}")
