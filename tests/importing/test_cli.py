"""flask panel create / list / import."""
from __future__ import annotations

from sqlmodel import select

from engagement.audit.models import AuditEntry
from engagement.panel.models import Panel, Panelist
from engagement.selection.models import PopulationTarget
from engagement.selection.targets import default_margins
from tests.factories import make_panel, make_panelist


def test_import_prints_the_summary_and_the_lines_not_imported(runner, session, csv_bytes, tmp_path):
    panel = make_panel(session)
    make_panelist(session, panel, email="bo@example.dk")
    path = tmp_path / "borgere.csv"
    path.write_bytes(csv_bytes(["email;navn;fødselsår", "anna@example.dk;Anna;1980", "bo@example.dk;Bo;1970",
                                "x;Fejl;1990", "cille@example.dk;Cille;33"], encoding="cp1252"))
    result = runner.invoke(args=["panel", "import", str(path), "--panel", panel.key])
    assert result.exit_code == 0, result.output
    assert "Importeret: 1" in result.output
    assert "Fandtes allerede i panelet: 1" in result.output
    assert "Afvist: 2" in result.output
    assert "Linje 3: Findes allerede i panelet." in result.output
    assert "Linje 4: E-mail »x« ser ikke rigtig ud." in result.output
    assert "Linje 5: Fødselsår »33« ser ikke rigtig ud." in result.output
    assert "Uden område (postnummer ukendt eller tomt): 1" in result.output
    assert len(session.exec(select(Panelist).where(Panelist.panel_id == panel.id)).all()) == 2
    entry = session.exec(select(AuditEntry)).one()
    assert (entry.action, entry.actor) == ("panelists.import", "cli")


def test_import_of_an_unreadable_file_fails_and_saves_nothing(runner, session, tmp_path):
    panel = make_panel(session)
    path = tmp_path / "borgere.csv"
    path.write_bytes(b"navn;postnummer\nAnna;5000\n")
    result = runner.invoke(args=["panel", "import", str(path), "--panel", panel.key])
    assert result.exit_code == 1
    assert "Intet blev importeret. Filen har ingen kolonne med e-mail." in result.output
    assert session.exec(select(Panelist)).all() == []


def test_import_into_an_unknown_panel(runner, session, tmp_path):
    path = tmp_path / "borgere.csv"
    path.write_bytes(b"email\na@example.dk\n")
    result = runner.invoke(args=["panel", "import", str(path), "--panel", "findes-ikke"])
    assert result.exit_code == 1
    assert "Der findes intet panel med nøglen findes-ikke." in result.output


def test_create_a_panel_with_the_default_targets_and_list_it(runner, session):
    result = runner.invoke(args=["panel", "create", "vejle", "--name", "Borgerpanelet i Vejle"])
    assert result.exit_code == 0, result.output
    panel = session.exec(select(Panel).where(Panel.key == "vejle")).one()
    assert (panel.name, panel.membership_years) == ("Borgerpanelet i Vejle", 3)
    targets = session.exec(select(PopulationTarget).where(PopulationTarget.panel_id == panel.id)).all()
    assert sorted((t.feature, t.value, t.share) for t in targets) == sorted(
        (m.feature, m.value, m.share) for m in default_margins())
    make_panelist(session, panel)

    again = runner.invoke(args=["panel", "create", "vejle", "--name", "Igen"])
    assert again.exit_code == 1
    assert "findes allerede" in again.output
    bad = runner.invoke(args=["panel", "create", "Vejle Kommune", "--name", "X"])
    assert bad.exit_code == 1

    listing = runner.invoke(args=["panel", "list"])
    assert listing.exit_code == 0
    assert "vejle\tBorgerpanelet i Vejle\t1 aktive af 1" in listing.output
    assert len(session.exec(select(Panel)).all()) == 1


def test_list_without_panels(runner):
    result = runner.invoke(args=["panel", "list"])
    assert result.exit_code == 0
    assert "Der er ingen paneler endnu." in result.output
