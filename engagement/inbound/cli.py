"""``flask --app wsgi mail listen [--once]``: the mail listener; ``mail process``: retry stored messages.

One listener per mailbox (``IMAP_HOST``, ``IMAP_USERNAME`` ...).  It also
processes messages that were stored but not processed (a crash, an SMS
webhook whose processing failed), at start and after every pass.
"""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from engagement import get_settings
from engagement.db import session_scope

mail_cli = AppGroup("mail", help="Incoming mail and SMS.")


@mail_cli.command("listen")
@click.option("--once", is_flag=True, help="Read the folder once and stop.")
@click.option("--idle-seconds", type=click.FloatRange(0.1), default=None,
              help="Longest wait in IDLE (or between polls); default IMAP_POLL_SECONDS.")
def listen_command(once, idle_seconds):
    """Read the panel's mailbox: store, process, move to the processed folder."""
    from engagement.inbound.imap_listener import MailboxUnavailable, MailListener

    if not get_settings().uses_imap:
        raise click.ClickException("IMAP_HOST is not set: there is no mailbox to read")
    listener = MailListener(current_app._get_current_object(), idle_seconds=idle_seconds)
    if once:
        try:
            listener.run(once=True)
        except MailboxUnavailable as exc:
            raise click.ClickException(f"the mailbox cannot be read: {exc}") from None
        click.echo(f"{listener.stored} stored, {listener.processed} processed")
        return
    from engagement.scheduling.signals import stop_on_signals

    listener.run(stop_on_signals())


@mail_cli.command("process")
def process_command():
    """Process every stored message still waiting (after a crash or an error)."""
    from engagement.inbound import pipeline

    with session_scope() as session:
        tried = pipeline.process_pending(session)
    click.echo(f"{tried} messages tried")
