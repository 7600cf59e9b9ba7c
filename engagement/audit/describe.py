"""An audit entry's target and details in words for the log page (the stored codes stay as they are).

``describe_detail(entry)`` turns ``{"features": ["gender", "age"], "source": "csv"}``
into ``[("egenskaber", "Køn, Alder", False), ("kilde", "fil", False)]``.  A
detail this module does not know keeps its code, marked ``is_code`` so the
page shows it as code (``<code>``), not as a word staff should read.
"""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _, lazy_gettext as _l

from engagement.panel.features import feature_label
from engagement.web.formatting import format_number

TARGETS = {"panelist": _l("panelist"), "campaign": _l("kampagne"), "definition": _l("spørgeskema eller møde"),
           "selection_draw": _l("udtræk"), "inbound_message": _l("besked"), "panel": _l("panelet"),
           "staff": _l("medarbejder")}
DETAILS = {
    "rows": _l("rækker"), "features": _l("egenskaber"), "count": _l("antal"), "source": _l("kilde"),
    "role": _l("rolle"), "old_role": _l("tidligere rolle"), "pool": _l("puljen"), "panelists": _l("panelister"),
    "seats": _l("pladser"), "seated": _l("med plads"), "waitlist": _l("på venteliste"), "size": _l("størrelse"),
    "seed": _l("frø"), "chosen": _l("trukket"), "fields": _l("felter"), "recipients": _l("modtagere"),
    "stopped": _l("stoppet"), "imported": _l("importeret"), "rejected": _l("afvist"), "keys": _l("nøgler"),
    "key": _l("nøgle"), "definition": _l("spørgeskema"), "question": _l("spørgsmål"), "version": _l("version"),
    "changed": _l("ændret"), "queued_sms_moved": _l("sms i kø flyttet"), "postcodes": _l("postnumre"),
    "areas": _l("områder"), "seat_mode": _l("pladser fordeles"), "capacity": _l("pladser i alt"),
    "sections": _l("dele"), "steps": _l("trin"), "cleared": _l("slettet"), "told": _l("fik besked"),
    "sequence": _l("ændring nr."), "draw": _l("udtræk nr."), "channel": _l("kanal"), "messages": _l("beskeder"),
    "shown": _l("vist"), "page": _l("side"), "status": _l("status"), "area": _l("område"), "search": _l("søgning"),
    "all": _l("alle"), "lines": _l("linjer"), "without_area": _l("uden område"), "new_account": _l("ny konto"),
    "name": _l("navn"), "outcome": _l("udfald"), "answer": _l("nyt svar"), "replaced_answer": _l("tidligere svar"),
}
VALUES = {
    "source": {"csv": _l("fil"), "form": _l("formular")},
    "seat_mode": {"first_come": _l("først til mølle"), "lottery": _l("lodtrækning")},
    "role": {"admin": _l("administrator"), "editor": _l("redaktør"), "viewer": _l("læser")},
    "old_role": {"admin": _l("administrator"), "editor": _l("redaktør"), "viewer": _l("læser")},
    "channel": {"email": _l("mail"), "sms": _l("sms")},
}
FIELDS = {"name": _l("navn"), "municipality": _l("kommune"), "sender_name": _l("afsender"),
          "sms_quiet_start": _l("stille timer fra"), "sms_quiet_end": _l("stille timer til"),
          "contact_fatigue_days": _l("pause mellem spørgeskemaer")}
STAFF_TYPED = frozenset({"keys", "key", "definition", "question", "version"})  # keys staff wrote: shown as code


def target_label(target_type: str | None) -> str:
    return str(TARGETS.get(target_type or "", target_type or ""))


def _value(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(name, item) for item in value)
    if name == "features":
        return feature_label(str(value))
    if name == "fields":
        return str(FIELDS.get(str(value), value))
    if name in VALUES:
        return str(VALUES[name].get(str(value), value))
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def describe_detail(detail: dict | None, answers: dict[int, str] | None = None) -> list[tuple[str, str, bool]]:
    """(label, value, is_code) for each detail that has a value, in a stable order.

    ``answers`` (answer id -> the answer in words) gives the words of the answers an entry names by
    id (a correction's new and replaced answer); an answer no longer there (erased) says so."""
    out = []
    for name, value in sorted((detail or {}).items()):
        if value is None or value == [] or value == "":
            continue
        if name in ("answer", "replaced_answer") and isinstance(value, int) and not isinstance(value, bool):
            out.append((str(DETAILS[name]), (answers or {}).get(value) or _("slettet"), False))
        elif name in DETAILS:
            out.append((str(DETAILS[name]), _value(name, value), name in STAFF_TYPED))
        else:
            out.append((name, str(value), True))
    return out
