"""``flask --app wsgi delivery run [--once] [--channel email|sms]``: a delivery worker.

Start as many as you like; each claims its own rows.  ``--email-rate`` and
``--sms-rate`` limit each channel (messages a second per worker; 0 = no
limit) and ``--lease-seconds`` sets the claim lease; they override the
settings ``DELIVERY_EMAIL_RATE``, ``DELIVERY_SMS_RATE`` and
``DELIVERY_LEASE_SECONDS``.  ``delivery status`` counts the outbox by status.
"""
from __future__ import annotations

from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup

from engagement.db import session_scope
from engagement.delivery import outbox

delivery_cli = AppGroup("delivery", help="Outbox and delivery workers.")


@delivery_cli.command("run")
@click.option("--once", is_flag=True, help="Send one batch and stop.")
@click.option("--channel", type=click.Choice(["email", "sms"]), default=None, help="Only this channel.")
@click.option("--batch-size", type=click.IntRange(1, 1000), default=50, show_default=True)
@click.option("--email-rate", type=click.FloatRange(0), default=None,
              help="Emails a second (0: no limit; default: DELIVERY_EMAIL_RATE).")
@click.option("--sms-rate", type=click.FloatRange(0), default=None,
              help="SMS a second (0: no limit; default: DELIVERY_SMS_RATE).")
@click.option("--poll-seconds", type=click.FloatRange(0.05), default=2.0, show_default=True)
@click.option("--lease-seconds", type=click.IntRange(10), default=None,
              help="A row claimed longer ago than this (a killed worker) is claimed again "
                   "(default: DELIVERY_LEASE_SECONDS).")
def run_command(once, channel, batch_size, email_rate, sms_rate, poll_seconds, lease_seconds):
    """Claim outbox rows, send them, record the outcome."""
    from engagement.delivery.worker import DeliveryWorker

    worker = DeliveryWorker(current_app._get_current_object(), channel=channel, batch_size=batch_size,
                            email_rate=email_rate, sms_rate=sms_rate,
                            lease=timedelta(seconds=lease_seconds) if lease_seconds is not None else None)
    if once:
        handled = worker.run_once()
        click.echo(f"{handled} messages handled")
        return
    from engagement.scheduling.signals import stop_on_signals

    worker.run(stop_on_signals(), poll_seconds=poll_seconds)


@delivery_cli.command("status")
@click.option("--campaign", "campaign_id", type=int, default=None)
def status_command(campaign_id):
    """How many outbox rows are in each status."""
    with session_scope() as session:
        counts = outbox.counts_by_status(session, campaign_id)
    for status, count in sorted(counts.items()):
        click.echo(f"{status:10} {count}")
