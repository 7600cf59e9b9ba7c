"""``flask --app wsgi messages ...``: preview every message a citizen can receive.

    messages preview --definitions FILE [--language da|en] [--channel email|sms]

prints JSON Lines, one rendered message a line:
``{"template", "channel", "language", "subject", "text"}`` (what
``/work/shared/tools/plain_language.py`` reads to measure LIX and SMS fitness).
FILE holds one definition, a list, or the spec's ``{key: definition}`` mapping.
"""
from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from engagement.i18n import LANGUAGES
from engagement.messages.render import CHANNELS
from engagement.messages.samples import preview_messages

messages_cli = AppGroup("messages", help="Messages to citizens.")


@messages_cli.command("preview")
@click.option("--definitions", "definitions_file", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Survey and meeting definitions (JSON).")
@click.option("--language", type=click.Choice(LANGUAGES), multiple=True, help="Only this language (repeatable).")
@click.option("--channel", type=click.Choice(CHANNELS), default=None, help="Only this channel.")
def preview_command(definitions_file: Path, language: tuple[str, ...], channel: str | None) -> None:
    """Render every message a citizen can receive, with sample data, as JSON Lines."""
    from engagement.surveys.cli import _read_json
    from engagement.surveys.service import SurveyError, parse_definitions_data

    try:
        definitions = parse_definitions_data(_read_json(definitions_file))
    except SurveyError as exc:
        raise click.ClickException(_("Definitionerne kan ikke bruges: %(reason)s", reason=str(exc)))
    for message in preview_messages(definitions, languages=language or LANGUAGES):
        if channel and message.channel != channel:
            continue
        click.echo(json.dumps(message.as_dict(), ensure_ascii=False))
