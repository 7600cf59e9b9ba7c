"""``flask staff ...`` commands, run through Flask's CLI runner."""
from __future__ import annotations

import re

from sqlmodel import select

from engagement.staff.models import StaffRole, StaffUser
from tests.factories import make_panel
from tests.staff.support import PASSWORD, post_login

PRINTED_PASSWORD = re.compile(r"Adgangskode \(vises kun denne ene gang\): (\S+)")


def test_create_prints_a_strong_password_once_and_it_logs_in(runner, client, session):
    panel = make_panel(session)

    result = runner.invoke(args=["staff", "create", "Anna@Kommune.dk", "--panel", panel.key,
                                 "--role", "admin", "--name", "Anna Jensen"])

    assert result.exit_code == 0, result.output
    password = PRINTED_PASSWORD.search(result.output).group(1)
    assert len(password) >= 20
    staff = session.exec(select(StaffUser).where(StaffUser.email == "anna@kommune.dk")).one()
    assert staff.name == "Anna Jensen" and password not in staff.password_hash
    assert staff.password_hash.startswith("$argon2id$")
    role = session.exec(select(StaffRole).where(StaffRole.staff_id == staff.id)).one()
    assert (role.panel_id, role.role) == (panel.id, "admin")

    response = post_login(client, "anna@kommune.dk", password)
    assert response.status_code == 302
    assert client.get(f"/staff/{panel.key}/").status_code == 200


def test_create_with_password_from_stdin_prints_no_password(runner, client, session):
    panel = make_panel(session)

    result = runner.invoke(args=["staff", "create", "bo@kommune.dk", "--panel", panel.key, "--role", "viewer",
                                 "--password-stdin"], input=PASSWORD + "\n")

    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output and "Adgangskode" not in result.output
    assert post_login(client, "bo@kommune.dk", PASSWORD).status_code == 302


def test_create_refuses_a_short_password(runner, session):
    panel = make_panel(session)
    result = runner.invoke(args=["staff", "create", "c@kommune.dk", "--panel", panel.key, "--role", "viewer",
                                 "--password-stdin"], input="kort\n")
    assert result.exit_code != 0
    assert "mindst 12 tegn" in result.output
    assert session.exec(select(StaffUser)).all() == []


def test_create_again_adds_a_role_in_another_panel_and_keeps_the_password(runner, client, session):
    first, second = make_panel(session), make_panel(session)
    runner.invoke(args=["staff", "create", "d@kommune.dk", "--panel", first.key, "--role", "admin",
                        "--password-stdin"], input=PASSWORD + "\n")

    result = runner.invoke(args=["staff", "create", "d@kommune.dk", "--panel", second.key, "--role", "editor"])

    assert result.exit_code == 0, result.output
    assert "Adgangskoden er ikke ændret" in result.output
    assert not PRINTED_PASSWORD.search(result.output)
    roles = {r.panel_id: r.role for r in session.exec(select(StaffRole)).all()}
    assert roles == {first.id: "admin", second.id: "editor"}
    assert post_login(client, "d@kommune.dk", PASSWORD).status_code == 302


def test_create_refuses_a_second_different_role_in_the_same_panel(runner, session):
    panel = make_panel(session)
    runner.invoke(args=["staff", "create", "e@kommune.dk", "--panel", panel.key, "--role", "viewer"])
    result = runner.invoke(args=["staff", "create", "e@kommune.dk", "--panel", panel.key, "--role", "admin"])
    assert result.exit_code != 0 and "set-role" in result.output


def test_unknown_panel_is_an_error(runner, session):
    result = runner.invoke(args=["staff", "create", "f@kommune.dk", "--panel", "findes-ikke", "--role", "admin"])
    assert result.exit_code != 0
    assert "findes ikke" in result.output


def test_list_set_role_and_deactivate(runner, client, session):
    panel, other = make_panel(session), make_panel(session)
    for email, role in (("g@kommune.dk", "viewer"), ("h@kommune.dk", "admin")):
        runner.invoke(args=["staff", "create", email, "--panel", panel.key, "--role", role, "--password-stdin"],
                      input=PASSWORD + "\n")
    runner.invoke(args=["staff", "create", "i@kommune.dk", "--panel", other.key, "--role", "admin"])

    listing = runner.invoke(args=["staff", "list", "--panel", panel.key]).output
    assert "g@kommune.dk\tviewer" in listing and "h@kommune.dk\tadmin" in listing
    assert "i@kommune.dk" not in listing

    assert runner.invoke(args=["staff", "set-role", "g@kommune.dk", "--panel", panel.key,
                               "--role", "editor"]).exit_code == 0
    assert "g@kommune.dk\teditor" in runner.invoke(args=["staff", "list", "--panel", panel.key]).output

    assert runner.invoke(args=["staff", "deactivate", "h@kommune.dk"]).exit_code == 0
    assert "(deaktiveret)" in runner.invoke(args=["staff", "list", "--panel", panel.key]).output
    assert post_login(client, "h@kommune.dk", PASSWORD).status_code == 200  # refused: the form again

    assert runner.invoke(args=["staff", "set-role", "nobody@kommune.dk", "--panel", panel.key,
                               "--role", "editor"]).exit_code != 0
    assert runner.invoke(args=["staff", "set-role", "g@kommune.dk", "--panel", panel.key,
                               "--role", "owner"]).exit_code != 0


def test_set_password_generates_a_new_one(runner, client, session):
    panel = make_panel(session)
    runner.invoke(args=["staff", "create", "j@kommune.dk", "--panel", panel.key, "--role", "viewer",
                        "--password-stdin"], input=PASSWORD + "\n")
    result = runner.invoke(args=["staff", "set-password", "j@kommune.dk"])
    new_password = PRINTED_PASSWORD.search(result.output).group(1)

    assert post_login(client, "j@kommune.dk", PASSWORD).status_code == 200
    assert post_login(client, "j@kommune.dk", new_password).status_code == 302
