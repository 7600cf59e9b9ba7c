"""Registers every feature's command group on the Flask CLI."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engagement.schema import db_cli
    from engagement.staff.cli import staff_cli
    from engagement.panel.cli import panel_cli, demo_cli
    from engagement.selection.cli import selection_cli; app.cli.add_command(selection_cli)  # noqa: E702

    for group in (db_cli, staff_cli, panel_cli, demo_cli):
        app.cli.add_command(group)
    from engagement.surveys.cli import surveys_cli
    app.cli.add_command(surveys_cli)
    from engagement.messages.cli import messages_cli
    app.cli.add_command(messages_cli)
    from engagement.campaigns.cli import campaigns_cli; app.cli.add_command(campaigns_cli)  # noqa: E702
    from engagement.delivery.cli import delivery_cli; app.cli.add_command(delivery_cli)  # noqa: E702
    from engagement.scheduling.cli import scheduler_cli; app.cli.add_command(scheduler_cli)  # noqa: E702
    from engagement.scheduling.cli import serve_command; app.cli.add_command(serve_command)  # noqa: E702
    from engagement.inbound.cli import mail_cli; app.cli.add_command(mail_cli)  # noqa: E702
    from engagement.inbound.cli import inbound_cli; app.cli.add_command(inbound_cli)  # noqa: E702
