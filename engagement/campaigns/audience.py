"""Who a campaign reaches: an interface, and the audiences we have.

A campaign stores its audience as a small JSON value; ``audience_from_json``
turns it into an ``Audience``, whose ``panelist_ids(session, panel_id)`` gives
the panelists to consider.  The campaign service then keeps only active
panelists it can reach and applies the fatigue rule, so an audience never has
to know about those.

* ``{"type": "all"}``: every active panelist.
* ``{"type": "filter", "filter": {"area": ["midtby"], "birth_year_min": 1960}}``:
  a filter on the profile (lists mean "one of"; ``birth_year_min`` /
  ``birth_year_max`` bound the birth year).
* ``{"type": "sample", "sample_id": 7}``: a representative sample drawn and
  stored by the selection feature (``SelectionDraw``).

Other features add audience types with ``register_audience`` (the reports
feature adds "renewal").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol

from sqlmodel import Session, select

from engagement.panel.models import ACTIVE, Panelist

LIST_FIELDS = ("area", "gender", "postcode", "education", "housing", "employment", "language", "channel")
RANGE_FIELDS = ("birth_year_min", "birth_year_max")


class AudienceError(ValueError):
    """An audience that cannot be used; the message says why."""


class Audience(Protocol):
    def panelist_ids(self, session: Session, panel_id: int) -> list[int]: ...

    def describe(self) -> str: ...


@dataclass(frozen=True)
class AllActive:
    def panelist_ids(self, session: Session, panel_id: int) -> list[int]:
        return list(session.exec(select(Panelist.id).where(
            Panelist.panel_id == panel_id, Panelist.status == ACTIVE).order_by(Panelist.id)).all())

    def describe(self) -> str:
        return "all active panelists"


@dataclass(frozen=True)
class ProfileFilter:
    filter: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.filter) - set(LIST_FIELDS) - set(RANGE_FIELDS)
        if unknown:
            raise AudienceError(f"unknown filter fields: {', '.join(sorted(unknown))}")
        for name in LIST_FIELDS:
            if name in self.filter and not isinstance(self.filter[name], (list, tuple)):
                raise AudienceError(f"{name} must be a list of values")
        for name in RANGE_FIELDS:
            value = self.filter.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise AudienceError(f"{name} must be a year")

    def panelist_ids(self, session: Session, panel_id: int) -> list[int]:
        query = select(Panelist.id).where(Panelist.panel_id == panel_id, Panelist.status == ACTIVE)
        for name in LIST_FIELDS:
            if name in self.filter:
                query = query.where(getattr(Panelist, name).in_(list(self.filter[name])))
        if self.filter.get("birth_year_min") is not None:
            query = query.where(Panelist.birth_year >= self.filter["birth_year_min"])
        if self.filter.get("birth_year_max") is not None:
            query = query.where(Panelist.birth_year <= self.filter["birth_year_max"])
        return list(session.exec(query.order_by(Panelist.id)).all())

    def describe(self) -> str:
        return "filter " + ", ".join(f"{k}={v}" for k, v in sorted(self.filter.items()))


@dataclass(frozen=True)
class Sample:
    sample_id: int

    def panelist_ids(self, session: Session, panel_id: int) -> list[int]:
        from engagement.selection.service import sample_panelist_ids
        from engagement.selection.strata import SelectionError

        try:
            chosen = set(sample_panelist_ids(session, panel_id, self.sample_id))
        except SelectionError as error:
            raise AudienceError(str(error)) from None
        # Only members still active; the campaign applies reachability and fatigue.
        return [pid for pid in AllActive().panelist_ids(session, panel_id) if pid in chosen]

    def describe(self) -> str:
        return f"sample {self.sample_id}"


_FACTORIES: dict[str, Callable[[Mapping[str, Any]], Audience]] = {
    "all": lambda _data: AllActive(),
    "filter": lambda data: ProfileFilter(dict(data.get("filter") or {})),
    "sample": lambda data: Sample(int(data["sample_id"])),
}


def register_audience(kind: str, factory: Callable[[Mapping[str, Any]], Audience]) -> None:
    """Let another feature add (or replace) an audience type."""
    _FACTORIES[kind] = factory


def audience_from_json(data: Mapping[str, Any] | None) -> Audience:
    data = data or {"type": "all"}
    factory = _FACTORIES.get(str(data.get("type")))
    if factory is None:
        raise AudienceError(f"unknown audience type {data.get('type')!r}")
    try:
        return factory(data)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, AudienceError):
            raise
        raise AudienceError(f"the audience is not valid: {exc}") from None


def parse_audience_option(text: str) -> dict:
    """The CLI's ``--audience``: ``all``, ``sample:7`` or ``filter:area=midtby,vest;gender=female``."""
    text = (text or "all").strip()
    if text == "all":
        return {"type": "all"}
    kind, _, rest = text.partition(":")
    if kind == "sample":
        if not rest.isdigit():
            raise AudienceError("sample needs a number: sample:7")
        return {"type": "sample", "sample_id": int(rest)}
    if kind == "filter":
        result: dict[str, Any] = {}
        for part in filter(None, rest.split(";")):
            name, _, values = part.partition("=")
            name = name.strip()
            if name in RANGE_FIELDS:
                if not values.strip().isdigit():
                    raise AudienceError(f"{name} needs a year")
                result[name] = int(values)
            else:
                result[name] = [v.strip() for v in values.split(",") if v.strip()]
        ProfileFilter(result)
        return {"type": "filter", "filter": result}
    raise AudienceError("audience must be all, sample:<id> or filter:<field>=<values>")
