"""The consent a citizen gives when joining: a versioned text, and its records.

``CURRENT_VERSION`` names the text shown now.  Change the version whenever the
meaning of the text changes, so every ``Consent`` row says which words the
person said yes to.  A ``Consent`` row stores the version, when it was given
and how (``source``: signup, import ...); leaving sets ``withdrawn_at``.  The
rows are kept after leaving: they are the proof that we had consent, and when
it ended (GDPR art. 7(1)); they hold no contact details.
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlmodel import Session, select

from engagement.panel.models import Consent, Panel, Panelist

CURRENT_VERSION = "2025-1"


def consent_text(panel: Panel) -> str:
    """The text the citizen says yes to (in the current language)."""
    return _(
        "%(panel)s gemmer dine svar og de oplysninger, du giver her. "
        "Vi bruger dem kun til borgerpanelet. "
        "Vi sender dig spørgsmål og invitationer på mail eller SMS. "
        "Din mail og dit nummer viser vi aldrig til andre. "
        "Svarene bliver brugt uden dit navn. "
        "Du kan til enhver tid melde dig ud med et enkelt klik.",
        panel=panel.display_name)


def consent_label() -> str:
    """The label of the check box next to the text."""
    return _("Ja, jeg vil være med, og jeg har læst teksten ovenfor.")


def record_consent(session: Session, panelist: Panelist, *, source: str, now: datetime,
                   version: str = CURRENT_VERSION, privacy_version: str | None = None) -> Consent:
    """Add a consent row for this panelist (the caller commits); ``privacy_version`` names the privacy
    notice shown beside the consent (``engagement.panel.privacy``)."""
    consent = Consent(panel_id=panelist.panel_id, panelist_id=panelist.id, version=version,
                      source=source, given_at=now, privacy_version=privacy_version)
    session.add(consent)
    return consent


def withdraw_consents(session: Session, panelist: Panelist, now: datetime) -> int:
    """Mark every open consent of this panelist withdrawn; returns how many."""
    open_consents = session.exec(select(Consent).where(
        Consent.panelist_id == panelist.id, Consent.withdrawn_at.is_(None))).all()  # type: ignore[union-attr]
    for consent in open_consents:
        consent.withdrawn_at = now
        session.add(consent)
    return len(open_consents)
