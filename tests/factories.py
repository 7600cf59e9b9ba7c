"""Factories: each test makes the rows it needs, nothing is shared."""
from __future__ import annotations

import itertools
from datetime import timedelta

from sqlmodel import Session

from engagement.db import utcnow
from engagement.panel.models import ACTIVE, Panel, Panelist

_seq = itertools.count(1)


def make_panel(session: Session, key: str | None = None, **fields) -> Panel:
    n = next(_seq)
    panel = Panel(key=key or f"panel{n}", name=fields.pop("name", f"Testkommune {n}"),
                  postcode_areas=fields.pop("postcode_areas", {"5000": "midtby", "5200": "vest"}),
                  area_labels=fields.pop("area_labels", {"midtby": "Midtbyen", "vest": "Vest"}), **fields)
    session.add(panel)
    session.commit()
    session.refresh(panel)
    return panel


def make_panelist(session: Session, panel: Panel, **fields) -> Panelist:
    n = next(_seq)
    now = utcnow()
    values = dict(panel_id=panel.id, status=ACTIVE, email=f"borger{n}@example.dk", name=f"Borger {n}",
                  confirmed_at=now, membership_ends_at=now + timedelta(days=3 * 365),
                  birth_year=1980, gender="female", postcode="5000", area="midtby")
    values.update(fields)
    panelist = Panelist(**values)
    session.add(panelist)
    session.commit()
    session.refresh(panelist)
    return panelist
