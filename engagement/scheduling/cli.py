"""``flask --app wsgi scheduler run``: the one scheduler process (a second waits on the lock).

``flask --app wsgi serve``: web app, scheduler and one delivery worker in one process
(``engagement.scheduling.serve``; ``make run`` uses it).

``scheduler tick`` runs the campaign tick once by hand (safe next to a
running scheduler: the tick is idempotent).
"""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

scheduler_cli = AppGroup("scheduler", help="The scheduler process.")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=5000, show_default=True)
@click.option("--tick-seconds", type=click.FloatRange(0.2), default=15.0, show_default=True,
              help="How often campaigns are checked for due steps.")
@click.option("--poll-seconds", type=click.FloatRange(0.05), default=2.0, show_default=True,
              help="How often the delivery worker looks for due messages when idle.")
def serve_command(host, port, tick_seconds, poll_seconds):
    """The web app, the scheduler and a delivery worker in one process (development)."""
    from engagement.scheduling.serve import serve

    serve(current_app._get_current_object(), host=host, port=port, tick_seconds=tick_seconds,
          poll_seconds=poll_seconds)


@scheduler_cli.command("run")
@click.option("--tick-seconds", type=click.FloatRange(0.2), default=15.0, show_default=True,
              help="How often campaigns are checked for due steps.")
def run_command(tick_seconds):
    """Run the scheduled jobs (campaign starts, reminders, deadlines, purges)."""
    from engagement.scheduling.scheduler import run_scheduler

    run_scheduler(current_app._get_current_object(), tick_seconds=tick_seconds)


@scheduler_cli.command("tick")
def tick_command():
    """Run the campaign tick once, now."""
    from engagement.scheduling import jobs

    jobs.bind_app(current_app._get_current_object())
    report = jobs.tick()
    click.echo(f"started {report.started}, reminders {report.reminders}, sent {report.sent}, "
               f"closed {report.closed}, {report.enqueued} messages enqueued")
