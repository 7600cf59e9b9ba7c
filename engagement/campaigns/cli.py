"""``flask --app wsgi campaigns create/list/schedule/cancel``: a minimal workflow for staff.

Times are local (Europe/Copenhagen), written ``2025-03-04 10:00``.

    flask --app wsgi campaigns create --panel demo --kind survey --definition trafik \\
        --title "Trafik i midtbyen" --starts "2025-03-04 10:00" --deadline "2025-03-14 12:00" \\
        --reminders 3,6 --channel choice --audience all
    flask --app wsgi campaigns schedule 1
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import click
from flask.cli import AppGroup
from sqlmodel import select

from engagement.campaigns import rules, service
from engagement.campaigns.audience import AudienceError, parse_audience_option
from engagement.campaigns.models import CHANNEL_MODES, KINDS
from engagement.db import session_scope
from engagement.delivery import outbox
from engagement.panel.models import Panel

campaigns_cli = AppGroup("campaigns", help="Campaigns: surveys, meeting invitations and information.")
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _local_time(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=COPENHAGEN)
    except ValueError:
        raise click.BadParameter("write the time as 2025-03-04 10:00", param_hint=name) from None


def _days(value: str) -> tuple[float, ...]:
    try:
        return tuple(float(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise click.BadParameter("write the days as 3,6", param_hint="--reminders") from None


def _panel(session, key: str) -> Panel:
    panel = session.exec(select(Panel).where(Panel.key == key)).first()
    if panel is None:
        raise click.ClickException(f"no panel with the key {key!r}")
    return panel


@campaigns_cli.command("create")
@click.option("--panel", "panel_key", required=True)
@click.option("--kind", type=click.Choice(KINDS), required=True)
@click.option("--title", required=True)
@click.option("--definition", "definition_key", default=None, help="The survey's or meeting's key.")
@click.option("--subject", default="", help="Information: the subject line.")
@click.option("--body", default="", help="Information: the text.")
@click.option("--starts", required=True, help="Local time, e.g. 2025-03-04 10:00.")
@click.option("--deadline", default=None)
@click.option("--reminders", default="", help="Days after the start, e.g. 3,6.")
@click.option("--channel", type=click.Choice(CHANNEL_MODES), default="choice", show_default=True)
@click.option("--audience", default="all", show_default=True,
              help="all, sample:<id> or filter:area=midtby,vest;birth_year_min=1960")
@click.option("--quiet", default=None, help="SMS quiet hours, local, e.g. 20:00-09:00 "
              "(default: SMS_QUIET_START-SMS_QUIET_END).")
@click.option("--fatigue-days", type=int, default=None,
              help="Days without a second survey invitation (default: CONTACT_FATIGUE_DAYS).")
@click.option("--segment-budget", type=int, default=rules.DEFAULT_SEGMENT_BUDGET, show_default=True)
def create_command(panel_key, kind, title, definition_key, subject, body, starts, deadline, reminders,
                   channel, audience, quiet, fatigue_days, segment_budget):
    """Create a campaign as a draft (checked, including every SMS's length)."""
    quiet_start, _, quiet_end = (quiet or "").partition("-")
    try:
        audience_data = parse_audience_option(audience)
    except AudienceError as exc:
        raise click.BadParameter(str(exc), param_hint="--audience") from None
    with session_scope() as session:
        panel = _panel(session, panel_key)
        definition_id = None
        if definition_key:
            from engagement.surveys.service import SurveyError, get_definition

            try:
                definition_id = get_definition(session, panel.id, definition_key).id
            except SurveyError as exc:
                raise click.ClickException(str(exc)) from None
        plan = rules.Plan(kind=kind, title=title, starts_at=_local_time(starts, "--starts"),
                          deadline_at=_local_time(deadline, "--deadline"), reminder_days=_days(reminders),
                          channel_mode=channel, audience=audience_data, definition_id=definition_id,
                          subject=subject, body=body, quiet_start=quiet_start.strip() or None,
                          quiet_end=quiet_end.strip() or None, fatigue_days=fatigue_days,
                          sms_segment_budget=segment_budget)
        try:
            campaign = service.create_campaign(session, panel, plan)
        except service.CampaignError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"campaign {campaign.id} created as a draft")


@campaigns_cli.command("list")
@click.option("--panel", "panel_key", required=True)
def list_command(panel_key):
    """The panel's campaigns, newest first, with their outbox counts."""
    with session_scope() as session:
        panel = _panel(session, panel_key)
        for campaign in service.list_campaigns(session, panel.id):
            counts = outbox.counts_by_status(session, campaign.id)
            shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no messages"
            starts = campaign.starts_at.astimezone(COPENHAGEN).strftime("%Y-%m-%d %H:%M")
            click.echo(f"{campaign.id:5}  {campaign.status:9}  {campaign.kind:11}  {starts}  "
                       f"{campaign.title}  ({shown})")


def _change(campaign_id: int, action: str) -> None:
    with session_scope() as session:
        try:
            campaign = service.get_campaign(session, campaign_id)
            if action == "schedule":
                service.schedule_campaign(session, campaign)
                click.echo(f"campaign {campaign.id} scheduled")
            else:
                stopped = service.cancel_campaign(session, campaign)
                click.echo(f"campaign {campaign.id} cancelled; {stopped} waiting messages will not go")
        except service.CampaignError as exc:
            raise click.ClickException(str(exc)) from None


@campaigns_cli.command("schedule")
@click.argument("campaign_id", type=int)
def schedule_command(campaign_id):
    """Schedule a draft: it goes out at its start time."""
    _change(campaign_id, "schedule")


@campaigns_cli.command("cancel")
@click.argument("campaign_id", type=int)
def cancel_command(campaign_id):
    """Cancel: waiting messages never go."""
    _change(campaign_id, "cancel")
