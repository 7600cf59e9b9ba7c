"""The automatic answer to an inbound message: rendered in the panelist's language (or as a meeting notice) and
promised in the outbox once per message; an email answer threads under theirs ("Re: ...", ``In-Reply-To``,
``References``) and looks automatic (``Auto-Submitted: auto-replied``)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from email.utils import make_msgid

from flask import current_app
from sqlmodel import Session

from engagement import get_settings
from engagement.campaigns.models import Campaign, CampaignRecipient
from engagement.delivery import outbox
from engagement.delivery.mail import InvalidEmail
from engagement.inbound.conversation import REPLY_STEP
from engagement.inbound.models import EMAIL, InboundMessage
from engagement.panel.models import ACTIVE, Panel, Panelist

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Thread:
    """What an email answer needs of the citizen's message to thread under it."""
    message_id: str | None = None
    references: tuple[str, ...] = ()
    subject: str = ""


MAX_REFERENCES = 10


def respond(session: Session, row: InboundMessage, panelist: Panelist, campaign: Campaign,
            recipient: CampaignRecipient | None, definition, reply, channel: str, *,
            thread: Thread | None = None, to_address: str | None = None,
            notice: tuple[str, dict] | None = None) -> None:
    """Render the reply in the panelist's language and promise it in the outbox (once per message).

    ``notice`` (a meeting notice and its context: seat, waitlist, lottery) replaces the reply's
    own template, so the receipt tells the truth about the seat.

    ``to_address`` snapshots where it goes (the leaving confirmation: the panelist's address is
    cleared when they leave); otherwise the panelist's current address.
    """
    from engagement.messages.render import greeting_name, render_reply
    from engagement.panel import links

    settings = get_settings()
    panel = session.get(Panel, panelist.panel_id)
    language = panelist.language if panelist.language in ("da", "en") else "da"
    leaving = panelist.status != ACTIVE or to_address is not None
    context = {"name": greeting_name(panelist.name), "sender": panel.sender_name}
    leave = None
    if channel == EMAIL and not leaving:
        leave = links.leave_url(panelist, panel)
        context["leave_url"] = leave
    if notice is not None:
        from engagement.meetings.notices import render_notice

        template = notice[0]
        rendered = render_notice(template, channel=channel, language=language, meeting=definition,
                                 **{**notice[1], **context})
    else:
        template = reply.template
        rendered = render_reply(reply, channel=channel, language=language, definition=definition, **context)
    values: dict[str, object] = {
        "panel_id": panelist.panel_id, "campaign_id": campaign.id, "panelist_id": panelist.id,
        "step": (REPLY_STEP + template)[:64], "channel": channel, "dedupe_key": f"reply:{row.id}",
        "subject": rendered.subject or "", "text": rendered.text,
    }
    if channel == EMAIL:
        token = None
        if recipient is not None and not leaving:
            token = outbox.make_reply_token(recipient.reply_key, current_app.config["SECRET_KEY"])
        subject = reply_subject(thread.subject if thread else "", rendered.subject or "")
        headers = thread_headers(thread)
        built = None
        for attempt in (headers, {}):  # a citizen's malformed Message-ID: answer without threading
            try:
                built = outbox.email_values(settings, panelist=panelist, panel=panel, subject=subject,
                                            text=rendered.text, leave_url=leave, reply_token=token,
                                            message_id=make_msgid(domain=settings.reply_domain), to=to_address,
                                            auto_submitted="auto-replied", **attempt)
                break
            except InvalidEmail:
                continue
        if built is None:
            log.warning("inbound %s: no answer can be built for this address", row.id)
            return
        values.update(built)
    else:
        values["to_address"] = to_address or panelist.phone
        values["sms_segments"] = rendered.segments
        values["sms_encoding"] = "gsm7" if rendered.is_gsm7 else "ucs2"
    outbox.enqueue_one(session, **values)


def reply_subject(theirs: str, template: str) -> str:
    """"Re: <their subject>" (as it is if it already starts with Re:/Sv:/Aw:), else the template's."""
    theirs = " ".join((theirs or "").split())
    if not theirs:
        return template
    if theirs.lower().startswith(("re:", "sv:", "aw:", "vs:")):
        return theirs[:300]
    return f"Re: {theirs}"[:300]


def thread_headers(thread: Thread | None) -> dict:
    """``in_reply_to`` and ``references`` (theirs, then their Message-ID; at most ``MAX_REFERENCES``)."""
    if thread is None or not thread.message_id:
        return {}
    def angle(value: str) -> str:
        value = value.strip()
        return value if value.startswith("<") else f"<{value}>"
    theirs = angle(thread.message_id)
    earlier = [angle(value) for value in thread.references if value and angle(value) != theirs]
    return {"in_reply_to": theirs, "references": tuple([*earlier[-(MAX_REFERENCES - 1):], theirs])}


__all__ = ["MAX_REFERENCES", "Thread", "reply_subject", "respond", "thread_headers"]
