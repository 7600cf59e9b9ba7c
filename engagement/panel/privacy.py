"""The privacy notice of a panel (GDPR article 13), its versions, and the version each consent names.

Every panel has one: the default text below, which names the municipality as
data controller and says what we keep, why, on what legal basis, for how
long, who sees it, the citizen's rights, how to reach the data protection
officer and that they may complain to Datatilsynet; or the panel's own
words (``Panel.privacy_notice_da`` / ``_en``, edited on the settings page).

A version is a short hash of the notice's Danish and English text, so it
changes whenever the words change (a new municipality name, a new DPO
address, staff's own text) and never otherwise.  ``record_notice`` keeps
each version word for word (``PrivacyNotice``), and a consent given at
signup stores the version the person was shown (``Consent.privacy_version``):
what someone agreed to can always be read back.

Signup, the profile page and the footer of every email link to the notice
(``/p/<panel>/privatliv``).  SMS carry no link: a URL would cost a segment
in every message; the SMS invitation's email twin and the welcome mail have it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask_babel import force_locale, gettext as _
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from engagement.db import utcnow
from engagement.panel.models import Panel, PrivacyNotice

DATATILSYNET = "www.datatilsynet.dk"


@dataclass(frozen=True)
class Notice:
    version: str
    text_da: str
    text_en: str
    is_default: bool

    def text(self, language: str) -> str:
        return self.text_en if language == "en" else self.text_da

    def paragraphs(self, language: str) -> list[str]:
        return [part.strip() for part in self.text(language).split("\n\n") if part.strip()]


def default_text(panel: Panel) -> str:
    """The default notice in the current language: short paragraphs, plain words, every art. 13 item."""
    controller = panel.controller
    dpo = panel.dpo_contact.strip() or _("kontakt %(controller)s, og bed om databeskyttelsesrådgiveren",
                                         controller=controller)
    years = panel.membership_years
    return "\n\n".join([
        _("%(controller)s er dataansvarlig for de oplysninger, du giver %(panel)s.",
          controller=controller, panel=panel.display_name),
        _("Hvad vi gemmer: din e-mail, dit mobilnummer og dit navn, hvis du giver dem. Dit fødselsår, køn, "
          "postnummer, uddannelse, bolig og beskæftigelse, hvis du vil oplyse det. Og dine svar."),
        _("Hvorfor: Vi sender dig spørgsmål og invitationer til møder. Vi bruger din baggrund til at se, om "
          "panelet ligner alle borgere i kommunen. Resultater viser vi kun uden navne."),
        _("Retsgrundlag: dit samtykke (databeskyttelsesforordningens artikel 6, stk. 1, litra a). "
          "Du kan trække det tilbage når som helst. Det ændrer ikke noget for det, vi har gjort før."),
        _("Hvem ser dem: kun de medarbejdere, der arbejder med panelet. Firmaer, der sender vores mails og "
          "sms'er og driver vores it, behandler dem for os. De må ikke bruge dem til andet."),
        _("Hvor længe: Du er med i %(years)s år. Når du melder dig ud, sletter vi din mail, dit nummer og "
          "det, du har fortalt om dig selv. Dine svar gemmer vi kun uden navn.", years=years),
        _("Dine rettigheder: Du kan se og rette dine oplysninger på din profil. Du kan bede os om en kopi, "
          "om at slette dem eller om at bruge dem mindre. Du kan også gøre indsigelse."),
        _("Spørgsmål: %(dpo)s.", dpo=dpo),
        _("Klage: Du kan klage til Datatilsynet (%(site)s).", site=DATATILSYNET),
    ])


def current_notice(panel: Panel) -> Notice:
    """The notice shown now, in both languages, with its version."""
    own_da = (panel.privacy_notice_da or "").strip()
    own_en = (panel.privacy_notice_en or "").strip()
    if own_da:
        text_da, text_en = own_da, own_en or own_da
    else:
        with force_locale("da"):
            text_da = default_text(panel)
        with force_locale("en"):
            text_en = default_text(panel)
    digest = hashlib.sha256(f"{text_da}\n\x00\n{text_en}".encode()).hexdigest()[:12]
    return Notice(version=f"{'egen' if own_da else 'std'}-{digest}", text_da=text_da, text_en=text_en,
                  is_default=not own_da)


def record_notice(session: Session, panel: Panel, notice: Notice | None = None) -> Notice:
    """Keep this version's words (once; safe to call for every consent and from parallel requests)."""
    notice = notice or current_notice(panel)
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(PrivacyNotice.__table__).values(
        panel_id=panel.id, version=notice.version, text_da=notice.text_da, text_en=notice.text_en,
        created_at=utcnow()).on_conflict_do_nothing(index_elements=["panel_id", "version"]))
    return notice
