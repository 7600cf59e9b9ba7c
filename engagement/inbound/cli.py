"""``flask --app wsgi mail listen [--once]``: the mail listener; ``mail process``: read stored messages now;
``flask --app wsgi inbound work``: an inbound worker.

One listener per mailbox (``IMAP_HOST``, ``IMAP_USERNAME`` ...); it only
stores what it fetches and moves it to the processed folder.  The inbound
workers (as many as needed) read, decide and answer what the listener and the
SMS webhook stored.  ``mail process`` reads every stored message still
waiting, at once, in this process (by hand, e.g. after fixing a bug).
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
    """Read the panel's mailbox: store each message, move it to the processed folder."""
    from engagement.inbound.imap_listener import MailboxUnavailable, MailListener

    if not get_settings().uses_imap:
        raise click.ClickException("IMAP_HOST is not set: there is no mailbox to read")
    listener = MailListener(current_app._get_current_object(), idle_seconds=idle_seconds)
    if once:
        try:
            listener.run(once=True)
        except MailboxUnavailable as exc:
            raise click.ClickException(f"the mailbox cannot be read: {exc}") from None
        click.echo(f"{listener.stored} stored")
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


inbound_cli = AppGroup("inbound", help="Inbound workers: read and answer stored messages.")


@inbound_cli.command("work")
@click.option("--once", is_flag=True, help="Process what waits now, then stop.")
@click.option("--poll-seconds", type=click.FloatRange(0.05), default=0.5, show_default=True,
              help="How often to look for new messages when idle.")
def work_command(once, poll_seconds):
    """Claim stored messages (email and SMS), read them, answer them; until SIGTERM."""
    from engagement.inbound.worker import InboundWorker

    worker = InboundWorker(current_app._get_current_object())
    if once:
        click.echo(f"{worker.run_once()} messages processed")
        return
    from engagement.scheduling.signals import stop_on_signals

    worker.run(stop_on_signals(), poll_seconds=poll_seconds)
