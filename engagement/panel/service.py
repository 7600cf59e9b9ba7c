"""Joining, staying and leaving: load, decide, save, then send.

What views and jobs call.  Each function that sends mail first commits its
transaction and only then sends (``_commit_then_send``): a message never goes
out for a change that may still roll back.  A failed send is logged (without
the address) and does not undo the citizen's action: signing up again, or
asking for a new link, sends a fresh message.

Answers never reveal whether an address is a member: signup and "send me a
link" say the same thing either way, and the difference only shows in the
mail that the owner of the address receives.

What leaving keeps and clears (``leave_panel``)
-----------------------------------------------
Leaving stops every message at once (campaigns only send to status
"active"), voids every link sent before (``token_version`` is bumped) and
clears everything that says who the person is or describes them:

* cleared: email, mobile number, name, birth year, gender, postcode, area,
  education, housing and employment.  We have no purpose for them once the
  person has left, and consent was the only ground for holding them.
* kept: the row itself with status "left", ``left_at``, ``confirmed_at``,
  language and channel (no personal data; they let counts and reports stay
  right), the ``Consent`` rows with ``withdrawn_at`` set (proof that we had
  consent and when it ended, GDPR art. 7(1)), and the answers given while a
  member, which from then on point to a row with no personal data: they are
  anonymised answers.  Reports that need background variables for weighting
  must take them from what was stored with the answer, not from the row.

A pending signup (never confirmed) that uses its leave link is deleted
outright, like an expired one (``purge_expired_signups``).
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Iterable

from flask import current_app
from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from engagement.audit import record_audit
from engagement.config import Settings
from engagement.delivery.mail_compose import build_email
from engagement.delivery.mail_errors import DeliveryError
from engagement.delivery.mail_smtp import MailSender
from engagement.i18n import in_language
from engagement.messages.render import greeting_name
from engagement.panel import links
from engagement.panel.consent import record_consent, withdraw_consents
from engagement.panel.privacy import record_notice
from engagement.panel.models import ACTIVE, ERASED, LEFT, PENDING, Consent, Panel, Panelist
from engagement.panel.profile import InvalidField, normalize_email
from engagement.panel.signup import Details, is_signup_expired, membership_end, signup_cutoff

log = logging.getLogger(__name__)

# Outcomes of a signup (for tests and logs only: the page says the same for all).
CREATED = "created"
PENDING_AGAIN = "pending_again"
ALREADY_MEMBER = "already_member"

PROFILE_FIELDS = ("birth_year", "gender", "postcode", "education", "housing", "employment")
CLEARED_ON_LEAVING = ("email", "phone", "name", *PROFILE_FIELDS, "area")


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

def get_panel(session: Session, key: str) -> Panel | None:
    return session.exec(select(Panel).where(Panel.key == key)).first()


def find_by_email(session: Session, panel: Panel, email: str) -> Panelist | None:
    """The panelist with this address in this panel (case does not matter)."""
    return session.exec(select(Panelist).where(
        Panelist.panel_id == panel.id, func.lower(Panelist.email) == email.lower())).first()


def load_from_link(session: Session, panel: Panel, purpose: str, token: str) -> tuple[Panelist, links.LinkClaim]:
    """The panelist a link names; raises ``InvalidLink``, ``ExpiredLink`` or ``StaleLink``."""
    claim = links.read_link_token(purpose, token)
    panelist = session.get(Panelist, claim.panelist_id)
    if panelist is None or panelist.panel_id != panel.id:
        raise links.InvalidLink(purpose)
    if panelist.token_version != claim.token_version:
        raise links.StaleLink(purpose, panelist)
    return panelist, claim


# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------

def _render_blocks(template_name: str, context: dict) -> tuple[str, str]:
    template = current_app.jinja_env.get_template(template_name)
    render = template.new_context(context)
    subject = "".join(template.blocks["subject"](render))
    body = "".join(template.blocks["body"](render))
    return " ".join(subject.split()), _tidy(body)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line == "" and tidy and tidy[-1] == "":
            continue
        tidy.append(line)
    return "\n".join(tidy) + "\n"


def compose(settings: Settings, panel: Panel, panelist: Panelist, kind: str, *, to: str | None = None,
            with_leave_link: bool = True, **context: object) -> EmailMessage:
    """An email from ``templates/panel/email/<kind>.txt`` in the panelist's language."""
    leave = links.leave_url(panelist, panel) if with_leave_link else None
    with in_language(panelist.language):
        subject, text = _render_blocks(f"panel/email/{kind}.txt", {
            "panel": panel, "panelist": panelist, "leave_url": leave,
            "signup_url": links.public_url("panel.signup", panel_key=panel.key),
            "link_page_url": links.public_url("panel.request_link", panel_key=panel.key),
            "privacy_url": links.privacy_url(panel), "name": greeting_name(panelist.name),
            **context})
    return build_email(settings, to=to or panelist.email or "", to_name=panelist.name, subject=subject,
                       text=text, sender_name=panel.sender_name, leave_url=leave)


def _commit_then_send(session: Session, messages: Iterable[EmailMessage], settings: Settings) -> None:
    """Commit, then send. A failed send is logged; the committed change stands."""
    session.commit()
    batch = list(messages)
    if not batch:
        return
    with MailSender(settings) as sender:
        for message in batch:
            try:
                sender.send(message)
            except DeliveryError as error:
                log.error("panel mail %s not sent: %s", error.message_id, error.reason)


# ---------------------------------------------------------------------------
# Joining
# ---------------------------------------------------------------------------

def _apply_details(panelist: Panelist, details: Details, *, with_email: bool) -> None:
    if with_email:
        panelist.email = details.email
    panelist.phone = details.phone
    panelist.name = details.name
    panelist.channel = details.channel
    panelist.language = details.language
    for name in PROFILE_FIELDS:
        setattr(panelist, name, getattr(details.profile, name))
    panelist.area = details.area


def register_signup(session: Session, panel: Panel, details: Details, *, settings: Settings,
                    now: datetime, source: str = "signup", _retry: bool = True) -> str:
    """Sign up, or answer a second signup for the same address by mail.

    New address: a pending panelist and a consent row, and a confirmation
    mail.  Pending: the latest details win and a fresh confirmation mail goes
    out (the seven days start again).  Active: nothing changes; the address
    gets a mail with a link to the profile.
    """
    assert details.email, "a signup needs an address"
    existing = find_by_email(session, panel, details.email)
    if existing is not None and existing.status == ACTIVE:
        message = compose(settings, panel, existing, "already_member",
                          profile_url=links.profile_url(existing, panel))
        _commit_then_send(session, [message], settings)
        log.info("signup panel=%s panelist=%s outcome=%s", panel.id, existing.id, ALREADY_MEMBER)
        return ALREADY_MEMBER
    if existing is not None:
        outcome = PENDING_AGAIN
        panelist = existing
        if panelist.status != PENDING:
            # A row that left but kept its address (older data): start it over.
            panelist.token_version += 1
            panelist.left_at = panelist.confirmed_at = panelist.membership_ends_at = None
        panelist.status = PENDING
        panelist.created_at = now
        _apply_details(panelist, details, with_email=True)
    else:
        outcome = CREATED
        panelist = Panelist(panel_id=panel.id, status=PENDING, source=source, created_at=now,
                            token_version=links.first_token_version())
        _apply_details(panelist, details, with_email=True)
    session.add(panelist)
    try:
        session.flush()
    except IntegrityError:
        # The same address signed up at the same moment in another request.
        session.rollback()
        if not _retry:
            raise
        return register_signup(session, panel, details, settings=settings, now=now, source=source,
                               _retry=False)
    notice = record_notice(session, panel)  # the words of the privacy notice the person was shown
    record_consent(session, panelist, source=source, now=now, privacy_version=notice.version)
    message = compose(settings, panel, panelist, "confirm", confirm_url=links.confirm_url(panelist, panel))
    _commit_then_send(session, [message], settings)
    log.info("signup panel=%s panelist=%s outcome=%s", panel.id, panelist.id, outcome)
    return outcome


def confirm_signup(session: Session, panel: Panel, panelist: Panelist, *, settings: Settings,
                   now: datetime) -> bool:
    """Make a pending panelist active. True when confirmed now, False if already active.

    Raises ``ExpiredLink`` when the signup is more than seven days old and
    ``InvalidLink`` for a panelist who has left.
    """
    if panelist.status == ACTIVE:
        return False
    if panelist.status != PENDING:
        raise links.InvalidLink(links.CONFIRM)
    if is_signup_expired(panelist.created_at, now):
        raise links.ExpiredLink(links.CONFIRM)
    panelist.status = ACTIVE
    panelist.confirmed_at = now
    panelist.membership_ends_at = membership_end(now, panel.membership_years)
    session.add(panelist)
    session.flush()
    message = compose(settings, panel, panelist, "welcome", profile_url=links.profile_url(panelist, panel))
    _commit_then_send(session, [message], settings)
    log.info("confirm panel=%s panelist=%s outcome=active", panel.id, panelist.id)
    return True


def purge_expired_signups(session: Session, now: datetime) -> int:
    """Delete signups still pending seven days after they were made (the caller commits).

    Their consent rows go too: the consent was never confirmed.  Safe to run
    twice.  Returns how many signups were deleted.
    """
    ids = list(session.exec(select(Panelist.id).where(
        Panelist.status == PENDING, Panelist.created_at < signup_cutoff(now))).all())
    if ids:
        _delete_panelists(session, ids)
    log.info("purge expired signups: %s deleted", len(ids))
    return len(ids)


def _delete_panelists(session: Session, ids: list[int]) -> None:
    session.exec(delete(Consent).where(Consent.panelist_id.in_(ids)))  # type: ignore[attr-defined]
    session.exec(delete(Panelist).where(Panelist.id.in_(ids)))  # type: ignore[union-attr]
    session.expire_all()


# ---------------------------------------------------------------------------
# Staying
# ---------------------------------------------------------------------------

def request_profile_link(session: Session, panel: Panel, raw_email: str, *, settings: Settings,
                         now: datetime) -> None:
    """Mail a profile link to a member (a pending signup gets its confirmation again).

    Raises ``InvalidField`` for an address that is not an address; otherwise
    the caller shows the same answer whether or not the address is a member.
    """
    email = normalize_email(raw_email)
    panelist = find_by_email(session, panel, email)
    messages: list[EmailMessage] = []
    if panelist is not None and panelist.status == ACTIVE:
        messages.append(compose(settings, panel, panelist, "profile_link",
                                profile_url=links.profile_url(panelist, panel)))
    elif panelist is not None and panelist.status == PENDING and not is_signup_expired(panelist.created_at, now):
        messages.append(compose(settings, panel, panelist, "confirm",
                                confirm_url=links.confirm_url(panelist, panel)))
    _commit_then_send(session, messages, settings)
    log.info("profile link panel=%s sent=%s", panel.id, len(messages))


def update_profile(session: Session, panel: Panel, panelist: Panelist, details: Details, *,
                   settings: Settings, now: datetime) -> bool:
    """Save the profile form. Returns True when a new address waits for confirmation.

    A new address replaces the old one only when its owner clicks the link
    sent to it (``confirm_email_change``); until then mail keeps going to the
    old address.
    """
    if panelist.status != ACTIVE:
        raise links.InvalidLink(links.PROFILE)
    _apply_details(panelist, details, with_email=False)
    messages: list[EmailMessage] = []
    new_email = details.email or ""
    if new_email and new_email != panelist.email:
        if panelist.email and new_email.lower() == panelist.email.lower():
            panelist.email = new_email  # only the case changed: the same mailbox
        else:
            messages.append(compose(settings, panel, panelist, "email_change", to=new_email,
                                    with_leave_link=False,
                                    change_url=links.email_change_url(panelist, new_email, panel)))
    session.add(panelist)
    _commit_then_send(session, messages, settings)
    log.info("profile update panel=%s panelist=%s email_change=%s", panel.id, panelist.id, bool(messages))
    return bool(messages)


def confirm_email_change(session: Session, panel: Panel, panelist: Panelist, new_email: str, *,
                         now: datetime) -> bool:
    """Replace the address. False when another member of the panel already uses it."""
    if panelist.status != ACTIVE:
        raise links.InvalidLink(links.EMAIL_CHANGE)
    if panelist.email == new_email:
        return True
    other = find_by_email(session, panel, new_email)
    if other is not None and other.id != panelist.id:
        return False
    panelist.email = new_email
    panelist.email_status = "ok"
    session.add(panelist)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    log.info("email change panel=%s panelist=%s outcome=changed", panel.id, panelist.id)
    return True


def members_due_for_renewal(session: Session, panel_id: int, now: datetime,
                            within_days: int = 60) -> list[Panelist]:
    """Active members whose membership ends within ``within_days`` (soonest first).

    Members whose end date has already passed but who are still active are
    included, so nobody falls between two runs of the renewal job.
    """
    horizon = now + timedelta(days=within_days)
    return list(session.exec(select(Panelist).where(
        Panelist.panel_id == panel_id, Panelist.status == ACTIVE,
        Panelist.membership_ends_at.is_not(None),  # type: ignore[union-attr]
        Panelist.membership_ends_at <= horizon,  # type: ignore[operator]
    ).order_by(Panelist.membership_ends_at, Panelist.id)).all())


# ---------------------------------------------------------------------------
# Leaving
# ---------------------------------------------------------------------------

def leave_panel(session: Session, panel: Panel, panelist: Panelist, *, settings: Settings,
                now: datetime) -> bool:
    """Leave the panel at once (see the module docstring for what is kept).

    Returns False when there was nothing to do (already left or erased).
    """
    if panelist.status in (LEFT, ERASED):
        return False
    if panelist.status == PENDING:
        _delete_panelists(session, [panelist.id])  # type: ignore[list-item]
        session.commit()
        log.info("leave panel=%s outcome=pending_deleted", panel.id)
        return True
    messages: list[EmailMessage] = []
    if panelist.email:
        # Built before the address is cleared; it carries no leave link (there is nothing left to leave).
        messages.append(compose(settings, panel, panelist, "goodbye", with_leave_link=False))
    withdraw_consents(session, panelist, now)
    panelist.status = LEFT
    panelist.left_at = now
    panelist.token_version += 1
    for name in CLEARED_ON_LEAVING:
        setattr(panelist, name, None)
    session.add(panelist)
    record_audit(session, panel_id=panel.id, action="panelist.leave", actor=f"panelist:{panelist.id}",  # type: ignore[arg-type]
                 target_type="panelist", target_id=panelist.id, cleared=list(CLEARED_ON_LEAVING))
    _commit_then_send(session, messages, settings)
    log.info("leave panel=%s panelist=%s outcome=left", panel.id, panelist.id)
    return True


__all__ = ["ALREADY_MEMBER", "CREATED", "PENDING_AGAIN", "InvalidField", "confirm_email_change",
           "confirm_signup", "compose", "find_by_email", "get_panel", "leave_panel", "load_from_link",
           "members_due_for_renewal", "purge_expired_signups", "register_signup", "request_profile_link",
           "update_profile"]
