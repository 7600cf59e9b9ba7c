"""Commands for panels and the demo panel.

    flask --app wsgi panel create KEY --municipality "Aarhus Kommune" [--name Borgerpanelet]
                                                    a panel with the default population targets
    flask --app wsgi panel list                     every panel with its number of members
    flask --app wsgi panel import FILE --panel KEY  import a CSV file of panelists
    flask --app wsgi demo create                    the demo panel, on a database without panels
"""
from __future__ import annotations

import re
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext as _
from sqlalchemy import func
from sqlmodel import select

from engagement import get_settings
from engagement.db import session_scope
from engagement.panel.demo import create_demo_panel
from engagement.panel.import_service import UnreadableFile, import_panelists
from engagement.panel.models import ACTIVE, Panel, Panelist
from engagement.selection.targets import default_margins, labels_of, replace_population_targets

panel_cli = AppGroup("panel", help="Panels and panelists.")
demo_cli = AppGroup("demo", help="The demo panel.")

PANEL_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")


@panel_cli.command("create")
@click.argument("key")
@click.option("--municipality", default="", help="The municipality, e.g. 'Vejle Kommune' (the data controller).")
@click.option("--name", default="Borgerpanelet", show_default=True, help="The panel's own name.")
@click.option("--membership-years", default=3, show_default=True, type=click.IntRange(1, 10))
def create_panel_command(key: str, municipality: str, name: str, membership_years: int) -> None:
    """Create the panel KEY (lower-case letters, digits and dashes) with the default population targets."""
    if not PANEL_KEY.match(key):
        raise click.ClickException(_("Nøglen må kun have små bogstaver (a-z), tal og bindestreg (2-64 tegn)."))
    with session_scope() as session:
        if session.exec(select(Panel).where(Panel.key == key)).first() is not None:
            raise click.ClickException(_("Der findes allerede et panel med nøglen %(key)s.", key=key))
        margins = default_margins()
        panel = Panel(key=key, name=name.strip(), municipality=municipality.strip(),
                      membership_years=membership_years, area_labels=labels_of(margins, "area"))
        panel.sender_name = panel.display_name[:200]
        session.add(panel)
        session.flush()
        replace_population_targets(session, panel.id, margins)
        shown = panel.display_name
    click.echo(_("Panelet %(key)s (%(name)s) er oprettet med %(n)s befolkningsmål.",
                 key=key, name=shown, n=len(margins)))


@panel_cli.command("list")
def list_panels_command() -> None:
    """Every panel: key, name, active members and all members."""
    with session_scope() as session:
        panels = session.exec(select(Panel).order_by(Panel.key)).all()
        counts = dict(session.exec(select(Panelist.panel_id, func.count()).where(Panelist.status == ACTIVE)
                                   .group_by(Panelist.panel_id)).all())
        totals = dict(session.exec(select(Panelist.panel_id, func.count()).group_by(Panelist.panel_id)).all())
    if not panels:
        click.echo(_("Der er ingen paneler endnu."))
        return
    for panel in panels:
        click.echo(_("%(key)s\t%(name)s\t%(active)s aktive af %(total)s",
                     key=panel.key, name=panel.display_name, active=counts.get(panel.id, 0),
                     total=totals.get(panel.id, 0)))


@panel_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--panel", "panel_key", required=True, help="The key of the panel to import into.")
def import_command(file: Path, panel_key: str) -> None:
    """Import panelists from a CSV FILE; prints the summary and every line not imported."""
    with session_scope() as session:
        panel = session.exec(select(Panel).where(Panel.key == panel_key)).first()
        if panel is None:
            raise click.ClickException(_("Der findes intet panel med nøglen %(key)s.", key=panel_key))
        try:
            result = import_panelists(session, panel, file.read_bytes(), actor="cli")
        except UnreadableFile as error:
            raise click.ClickException(_("Intet blev importeret. %(reason)s", reason=error.message)) from None
    click.echo(_("Importeret: %(n)s", n=result.imported))
    click.echo(_("Fandtes allerede i panelet: %(n)s", n=len(result.already_in_panel)))
    click.echo(_("Afvist: %(n)s", n=len(result.rejected)))
    if result.without_area:
        click.echo(_("Uden område (postnummer ukendt eller tomt): %(n)s", n=result.without_area))
    if result.ignored_columns:
        click.echo(_("Kolonner, der ikke blev brugt: %(columns)s", columns=", ".join(result.ignored_columns)))
    for line in result.skipped:
        click.echo(_("Linje %(line)s: %(reason)s", line=line.line, reason=line.reason))


@demo_cli.command("create")
def create_demo_command() -> None:
    """Create the demo panel with 2,000 made-up panelists (only on a database without panels)."""
    with session_scope() as session:
        demo = create_demo_panel(session)
    if demo is None:
        click.echo(_("Der findes allerede paneler. Demopanelet blev ikke oprettet."))
        return
    login_url = get_settings().public_base_url.rstrip("/") + "/staff/login"
    click.echo(_("Demopanelet »%(name)s« er oprettet med %(n)s panelister.", name=demo.name, n=demo.panelists))
    click.echo("")
    click.echo("  " + _("Log ind på %(url)s med", url=login_url))
    click.echo("  " + _("e-mail:      %(email)s", email=demo.admin_email))
    click.echo("  " + _("adgangskode: %(password)s", password=demo.admin_password))
    click.echo("")
    click.echo(_("Gem adgangskoden nu. Den bliver ikke vist igen."))
