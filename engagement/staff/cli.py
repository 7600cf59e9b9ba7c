"""``flask --app wsgi staff ...``: staff accounts and their roles per panel."""
from __future__ import annotations

import sys

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from engagement.db import session_scope
from engagement.staff import service
from engagement.staff.models import ROLES

staff_cli = AppGroup("staff", help="Staff accounts.")

_role_option = click.option("--role", type=click.Choice(ROLES), required=True, help="admin, editor or viewer.")
_panel_option = click.option("--panel", "panel_key", required=True, help="The panel's key.")


def _read_password() -> str:
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _fail(error: service.StaffError, email: str = "", panel_key: str = "") -> None:
    messages = {
        service.UnknownPanel: _("Panelet %(key)s findes ikke.", key=panel_key),
        service.UnknownStaff: _("Der er ingen medarbejder med e-mailen %(email)s.", email=email),
        service.WeakPassword: _("Adgangskoden skal have mindst 12 tegn."),
        service.RoleExists: _("Kontoen har allerede rollen %(role)s i panelet. Brug staff set-role.",
                              role=str(error)),
    }
    raise click.ClickException(messages.get(type(error), _("Det lykkedes ikke.")))


@staff_cli.command("create")
@click.argument("email")
@_panel_option
@_role_option
@click.option("--name", default=None, help="The person's name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def create_command(email: str, panel_key: str, role: str, name: str | None, password_stdin: bool) -> None:
    """Create a staff account with a role in a panel (or add the role to an existing account)."""
    password = _read_password() if password_stdin else None
    try:
        with session_scope() as session:
            result = service.create_staff(session, email, panel_key=panel_key, role=role, name=name,
                                          password=password)
            created, generated, address = result.created, result.password, result.staff.email
    except service.StaffError as error:
        _fail(error, email, panel_key)
    if created:
        click.echo(_("Kontoen %(email)s er oprettet med rollen %(role)s i %(panel)s.",
                     email=address, role=role, panel=panel_key))
    else:
        click.echo(_("Kontoen %(email)s har nu rollen %(role)s i %(panel)s. Adgangskoden er ikke ændret.",
                     email=address, role=role, panel=panel_key))
    if generated:
        click.echo(_("Adgangskode (vises kun denne ene gang): %(password)s", password=generated))


@staff_cli.command("list")
@_panel_option
def list_command(panel_key: str) -> None:
    """List the staff of a panel with their roles."""
    try:
        with session_scope() as session:
            rows = [(staff.email, staff.name, role, staff.is_active)
                    for staff, role in service.list_staff(session, panel_key)]
    except service.StaffError as error:
        _fail(error, panel_key=panel_key)
    if not rows:
        click.echo(_("Panelet har ingen medarbejdere endnu."))
    for email, name, role, active in rows:
        state = "" if active else " " + _("(deaktiveret)")
        click.echo(f"{email}\t{role}\t{name}{state}")


@staff_cli.command("set-role")
@click.argument("email")
@_panel_option
@_role_option
def set_role_command(email: str, panel_key: str, role: str) -> None:
    """Give an existing account a role in a panel (or change its role there)."""
    try:
        with session_scope() as session:
            service.set_role(session, email, panel_key=panel_key, role=role)
    except service.StaffError as error:
        _fail(error, email, panel_key)
    click.echo(_("Rollen er nu %(role)s i %(panel)s.", role=role, panel=panel_key))


@staff_cli.command("remove-role")
@click.argument("email")
@_panel_option
def remove_role_command(email: str, panel_key: str) -> None:
    """Take an account's access to one panel away."""
    try:
        with session_scope() as session:
            removed = service.remove_role(session, email, panel_key=panel_key)
    except service.StaffError as error:
        _fail(error, email, panel_key)
    click.echo(_("Adgangen er fjernet.") if removed else _("Kontoen havde ingen rolle i panelet."))


@staff_cli.command("deactivate")
@click.argument("email")
def deactivate_command(email: str) -> None:
    """Stop an account from logging in (its sessions end at the next request)."""
    try:
        with session_scope() as session:
            service.set_active(session, email, False)
    except service.StaffError as error:
        _fail(error, email)
    click.echo(_("Kontoen er deaktiveret."))


@staff_cli.command("activate")
@click.argument("email")
def activate_command(email: str) -> None:
    """Let a deactivated account log in again."""
    try:
        with session_scope() as session:
            service.set_active(session, email, True)
    except service.StaffError as error:
        _fail(error, email)
    click.echo(_("Kontoen er aktiv igen."))


@staff_cli.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def set_password_command(email: str, password_stdin: bool) -> None:
    """Give an account a new password (generated and shown once unless given on stdin)."""
    password = _read_password() if password_stdin else None
    try:
        with session_scope() as session:
            _staff, generated = service.set_password(session, email, password)
    except service.StaffError as error:
        _fail(error, email)
    click.echo(_("Adgangskoden er ændret."))
    if generated:
        click.echo(_("Adgangskode (vises kun denne ene gang): %(password)s", password=generated))
