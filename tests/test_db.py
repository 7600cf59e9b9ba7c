"""``engagement.db``: what the other modules build their queries with."""
from __future__ import annotations

from sqlalchemy import event, select

from engagement.db import id_among
from engagement.panel.models import Panelist
from tests.factories import make_panel, make_panelist


def test_id_among_finds_exactly_the_ids_given_in_one_parameter_on_postgresql(app, session):
    backend = session.get_bind().dialect.name
    panel = make_panel(session)
    panelists = [make_panelist(session, panel) for _ in range(5)]
    session.commit()
    wanted = {panelists[0].id, panelists[3].id, panelists[4].id, 10_000_000}  # one that does not exist
    engine = app.extensions["borgerpanel.engine"]
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(parameters)

    event.listen(engine, "before_cursor_execute", record)
    try:
        found = session.scalars(select(Panelist.id).where(
            id_among(Panelist.id, wanted, backend))).all()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert sorted(found) == sorted(wanted - {10_000_000})
    assert session.scalars(select(Panelist.id).where(id_among(Panelist.id, [], backend))).all() == []
    parameters = seen[-1]
    count = len(parameters) if isinstance(parameters, (list, tuple, dict)) else None
    # PostgreSQL: the ids go as one array (= ANY); elsewhere as an IN list, one placeholder each.
    assert count == (1 if backend == "postgresql" else len(wanted))
