"""What a campaign has not sent yet, and why: progress per channel with every hold explained.

Staff see "86 % sendt" and need to know what the other 14 % are doing:

* queued SMS waiting for the quiet hours to end ("12 venter på stilletid til kl. 9.00");
* messages waiting to be tried again after a temporary error;
* messages in the queue or being sent right now;
* people the start held back: contact fatigue, counted by how long ago their
  last invitation was ("17 holdt tilbage: fik en invitation for 6 dage siden"),
  and people no channel of the campaign reaches (``Campaign.held_back``);
* messages stopped: the campaign was cancelled, the deadline passed, or the
  panelist left before it went.

``progress`` is what the campaign page and its ``status.json`` show (the
page polls it); ``reach`` is the review's account of the difference between
who was selected and who gets the invitation.  Counting is done in the
database (one grouped query), so a poll costs the same for 10 or 10,000.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_time
from flask_babel import gettext as _, ngettext
from sqlalchemy import case, func, select
from sqlmodel import Session

from engagement.campaigns import rules
from engagement.campaigns.models import CANCELLABLE, CLOSED, CANCELLED, DRAFT, SCHEDULED, Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.delivery.models import (CANCELLED as ROW_CANCELLED, EXPIRED, FAILED, PENDING, SENDING, SENT,
                                        OutboxMessage)
from engagement.panel.models import Panelist
from engagement.web.formatting import current_locale, format_number, format_share

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
CHANNELS = ("email", "sms")
QUIET_HOURS = "quiet hours"   # OutboxMessage.last_error of a row the worker put back for the quiet hours


def _language() -> str:
    return "en" if current_locale().startswith("en") else "da"


def clock(moment: datetime, now: datetime) -> str:
    """'kl. 9.00', 'i morgen kl. 9.00' or 'torsdag kl. 9.00' (English: 'at 9:00', 'tomorrow at 9:00')."""
    language = _language()
    local, today = moment.astimezone(COPENHAGEN), now.astimezone(COPENHAGEN).date()
    time = format_time(local, "H.mm" if language == "da" else "H:mm", locale=language)
    if local.date() == today:
        return _("kl. %(time)s", time=time)
    if local.date() == today + timedelta(days=1):
        return _("i morgen kl. %(time)s", time=time)
    from babel.dates import format_date

    return _("%(day)s kl. %(time)s", day=format_date(local, "EEEE d. MMMM" if language == "da" else "EEEE d MMMM",
                                                     locale=language), time=time)


@dataclass(frozen=True)
class Hold:
    reason: str          # quiet | retry | queued | sending | fatigue | unreachable | cancelled | expired | gone
    count: int
    text: str
    channel: str | None = None


def _channel_word(channel: str | None, count: int) -> str:
    if channel == "email":
        return ngettext("mail", "mails", count)
    if channel == "sms":
        return ngettext("sms", "sms'er", count)
    return ""


def _waiting_holds(session: Session, campaign: Campaign, now: datetime) -> list[Hold]:
    kind = case((OutboxMessage.status == SENDING, "sending"),
                (OutboxMessage.next_attempt_at <= now, "queued"),
                ((OutboxMessage.attempts == 0) | (OutboxMessage.last_error == QUIET_HOURS), "quiet"),
                else_="retry")
    rows = session.execute(
        select(OutboxMessage.channel, kind, func.count(), func.min(OutboxMessage.next_attempt_at),
               func.max(OutboxMessage.next_attempt_at))
        .where(OutboxMessage.campaign_id == campaign.id, OutboxMessage.status.in_((PENDING, SENDING)),
               ~OutboxMessage.step.startswith("reply:"))
        .group_by(OutboxMessage.channel, kind)).all()
    holds = []
    for channel, why, count, first, last in sorted(rows, key=lambda r: (r[0], r[1])):
        what = _channel_word(channel, count)
        if why == "quiet":
            text = ngettext("%(num)s %(what)s venter på stilletid til %(when)s",
                            "%(num)s %(what)s venter på stilletid til %(when)s", count, what=what,
                            when=clock(last, now))
        elif why == "retry":
            text = ngettext("%(num)s %(what)s prøves igen %(when)s efter en midlertidig fejl",
                            "%(num)s %(what)s prøves igen fra %(when)s efter en midlertidig fejl", count,
                            what=what, when=clock(first, now))
        elif why == "sending":
            text = ngettext("%(num)s %(what)s sendes lige nu", "%(num)s %(what)s sendes lige nu", count, what=what)
        else:
            text = ngettext("%(num)s %(what)s i kø: sendes om lidt", "%(num)s %(what)s i kø: sendes om lidt",
                            count, what=what)
        holds.append(Hold(why, count, text, channel))
    return holds


def _stopped_holds(counts: dict[tuple[str, str], int], reasons: dict[str, int]) -> list[Hold]:
    holds = []
    expired = sum(n for (channel, status), n in counts.items() if status == EXPIRED)
    if expired:
        holds.append(Hold("expired", expired, ngettext("%(num)s udløbet: fristen gik, før den kunne sendes",
                                                       "%(num)s udløbet: fristen gik, før de kunne sendes",
                                                       expired)))
    cancelled = reasons.get("campaign cancelled", 0)
    if cancelled:
        holds.append(Hold("cancelled", cancelled, ngettext("%(num)s stoppet, fordi kampagnen blev aflyst",
                                                           "%(num)s stoppet, fordi kampagnen blev aflyst",
                                                           cancelled)))
    gone = sum(n for why, n in reasons.items() if why != "campaign cancelled")
    if gone:
        holds.append(Hold("gone", gone, ngettext("%(num)s ikke sendt: panelisten kunne ikke længere nås",
                                                 "%(num)s ikke sendt: panelisterne kunne ikke længere nås", gone)))
    return holds


def held_back_holds(held_back: dict) -> list[Hold]:
    """The people the start left out (``Campaign.held_back``), in words."""
    holds = []
    fatigue = (held_back or {}).get("fatigue") or {}
    for days, count in sorted(((int(d), n) for d, n in (fatigue.get("days") or {}).items()), reverse=True):
        if days == 0:
            text = ngettext("%(num)s holdt tilbage: fik en invitation i dag",
                            "%(num)s holdt tilbage: fik en invitation i dag", count)
        else:
            text = ngettext("%(num)s holdt tilbage: fik en invitation for %(days)s dage siden",
                            "%(num)s holdt tilbage: fik en invitation for %(days)s dage siden", count, days=days)
            if days == 1:
                text = ngettext("%(num)s holdt tilbage: fik en invitation i går",
                                "%(num)s holdt tilbage: fik en invitation i går", count)
        holds.append(Hold("fatigue", count, text))
    unreachable = (held_back or {}).get("unreachable", 0)
    if unreachable:
        holds.append(Hold("unreachable", unreachable, ngettext(
            "%(num)s kan ikke nås: ingen mail eller mobilnummer, der virker til kampagnens kanal",
            "%(num)s kan ikke nås: ingen mail eller mobilnummer, der virker til kampagnens kanal", unreachable)))
    return holds


def progress(session: Session, campaign: Campaign, now: datetime | None = None) -> dict:
    """The campaign's steps (invitation, reminders; not the replies) per channel, with every hold explained."""
    from engagement.campaigns.views import STATUS_LABELS

    now = now or utcnow()
    not_reply = ~OutboxMessage.step.startswith("reply:")
    counts = {(channel, status): n for channel, status, n in session.execute(
        select(OutboxMessage.channel, OutboxMessage.status, func.count())
        .where(OutboxMessage.campaign_id == campaign.id, not_reply)
        .group_by(OutboxMessage.channel, OutboxMessage.status)).all()}
    reasons = dict(session.execute(
        select(OutboxMessage.last_error, func.count())
        .where(OutboxMessage.campaign_id == campaign.id, not_reply, OutboxMessage.status == ROW_CANCELLED)
        .group_by(OutboxMessage.last_error)).all())
    recipients = session.scalar(select(func.count()).select_from(CampaignRecipient).where(
        CampaignRecipient.campaign_id == campaign.id)) or 0
    answered = session.scalar(select(func.count()).select_from(CampaignRecipient).where(
        CampaignRecipient.campaign_id == campaign.id, CampaignRecipient.responded_at.is_not(None))) or 0

    def count(status: str, channel: str | None = None) -> int:
        return sum(n for (c, s), n in counts.items() if s == status and channel in (None, c))

    channels = {}
    for channel in CHANNELS:
        sent, failed = count(SENT, channel), count(FAILED, channel)
        waiting = count(PENDING, channel) + count(SENDING, channel)
        if sent or failed or waiting:
            channels[channel] = {"sent": sent, "failed": failed, "waiting": waiting,
                                 "label": {"email": _("Mail"), "sms": _("Sms")}[channel]}
    sent, failed = count(SENT), count(FAILED)
    waiting = count(PENDING) + count(SENDING)
    total = sent + failed + waiting
    holds = [*_waiting_holds(session, campaign, now), *held_back_holds(campaign.held_back),
             *_stopped_holds(counts, reasons)]
    if campaign.status in (DRAFT, SCHEDULED):
        holds.insert(0, Hold("not_started", 0, _("Kampagnen starter %(when)s", when=clock(campaign.starts_at, now))
                             if campaign.status == SCHEDULED else _("Kampagnen er en kladde og er ikke planlagt")))
    held = sum(h.count for h in holds if h.reason in ("fatigue", "unreachable"))
    return {"status": campaign.status, "status_label": str(STATUS_LABELS.get(campaign.status, campaign.status)),
            "sent": sent, "failed": failed, "waiting": waiting, "stopped": count(ROW_CANCELLED) + count(EXPIRED),
            "total": total, "recipients": recipients, "answered": answered, "held_back": held,
            "percent_sent": format_share((sent + failed) / total if total else 0, 0),
            "percent_answered": format_share(answered / recipients if recipients else 0, 0),
            "channels": channels, "holds": [h.text for h in holds] or [_("Intet venter.")],
            "cancellable": campaign.status in CANCELLABLE, "final": campaign.status in (CLOSED, CANCELLED)}


# ---------------------------------------------------------------------------
# Before the start: from selected to invited
# ---------------------------------------------------------------------------

@dataclass
class Reach:
    selected: int
    reachable: int
    by_channel: dict[str, int]
    unreachable: int
    fatigued: dict[int, int]         # days since the last invitation -> people
    fatigue_days: int

    @property
    def invited(self) -> int:
        return self.reachable - sum(self.fatigued.values())

    def lines(self, channel_mode: str) -> list[str]:
        """The difference between selected and invited, in words, in order."""
        out = []
        if self.unreachable:
            if channel_mode == "email":
                why = _("de har ingen mail, der virker")
            elif channel_mode == "sms":
                why = _("de har intet mobilnummer, eller de har slået sms fra")
            else:
                why = _("hverken deres mail eller deres mobilnummer virker")
            out.append(ngettext("%(num)s kan ikke nås, fordi %(why)s.", "%(num)s kan ikke nås, fordi %(why)s.",
                                self.unreachable, why=why))
        tired = sum(self.fatigued.values())
        if tired:
            out.append(ngettext(
                "%(num)s fik et spørgeskema for under %(days)s dage siden og holdes tilbage, så ingen får for mange.",
                "%(num)s fik et spørgeskema for under %(days)s dage siden og holdes tilbage, så ingen får for mange.",
                tired, days=self.fatigue_days))
        parts = []
        for channel, words in (("email", _("på mail")), ("sms", _("på sms")), ("both", _("på både mail og sms"))):
            if self.by_channel.get(channel):
                parts.append(_("%(count)s %(how)s", count=format_number(self.by_channel[channel]), how=words))
        if parts:
            from babel.lists import format_list

            out.append(ngettext("Invitationen går til %(num)s: %(parts)s.", "Invitationen går til %(num)s: %(parts)s.",
                                self.invited, parts=format_list(parts, locale=_language())))
        return out


def reach(session: Session, panel_id: int, ids: list[int], *, channel_mode: str,
          last_invited: dict[int, datetime] | None = None, fatigue_days: int = 0,
          now: datetime | None = None) -> Reach:
    """Who of ``ids`` the campaign reaches, on which channel, and who contact fatigue holds back."""
    now = now or utcnow()
    last_invited = last_invited or {}
    by_channel: dict[str, int] = {}
    fatigued: dict[int, int] = {}
    unreachable = 0
    for start in range(0, len(ids), 900):
        for row in session.execute(select(Panelist.id, Panelist.channel, Panelist.email, Panelist.phone,
                                          Panelist.email_status, Panelist.sms_status).where(
                Panelist.id.in_(ids[start:start + 900]), Panelist.panel_id == panel_id)):
            chosen = rules.choose_channel(channel_mode, preferred=row.channel, email=row.email, phone=row.phone,
                                          email_ok=row.email_status == "ok", sms_ok=row.sms_status == "ok")
            if chosen is None:
                unreachable += 1
            elif row.id in last_invited:
                days = max(0, (now - last_invited[row.id]).days)
                fatigued[days] = fatigued.get(days, 0) + 1
            else:
                by_channel[chosen] = by_channel.get(chosen, 0) + 1
    reachable = sum(by_channel.values()) + sum(fatigued.values())
    return Reach(len(ids), reachable, by_channel, unreachable, fatigued, fatigue_days)
