"""What a campaign's messages say: the real message templates, per panelist.

Every invitation, reminder, meeting invitation, meeting reminder and
information mailing is rendered with ``engagement.messages.render.render_message``
(templates ``survey_invitation``, ``survey_reminder``, ``meeting_invitation``,
``meeting_reminder``, ``information``) in the panelist's own language
(``panelist.language``), greeting them by first name and, in email, with
their own leave link (``engagement.panel.links.leave_url``).  It happens when
the step is enqueued; the result is stored on the outbox row, so what goes
out is what was decided.

Over email a survey sends all its questions in one message; over SMS the
invitation carries the first question only (the template says how many there
are), a reminder the question still open, and the next question goes when
an answer has been read (the inbound feature renders ``next_question``).

``sms_previews`` renders every SMS a campaign can send (each step, each
question that can be the open one, each language, with a long sample name)
so an over-long one is refused when the campaign is created
(``engagement.campaigns.service.check_segment_budget``), not when it is sent.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from conversations.definitions import Meeting, Question, Survey
from engagement.campaigns.models import INFORMATION, MEETING, SURVEY, Campaign
from engagement.i18n import LANGUAGES
from engagement.messages.gsm import is_gsm7
from engagement.messages.render import RenderedMessage, greeting_name, render_message
from engagement.panel.links import privacy_url_beside
from engagement.panel.models import Panel

# A long first name for the budget check: the SMS greets the panelist by name.
SAMPLE_NAME = "Anne-Kathrine"
SAMPLE_LEAVE_URL = "https://example.invalid/leave"


class ContentError(ValueError):
    """A campaign step cannot be rendered (e.g. a survey campaign without its survey)."""


@dataclass(frozen=True)
class Content:
    subject: str
    text: str
    segments: int | None = None      # SMS only
    encoding: str | None = None      # SMS only: gsm7 | ucs2
    sms_question: str | None = None  # SMS survey: the key of the question asked


def language_of(language: str | None) -> str:
    return language if language in LANGUAGES else "da"


def template_for(campaign: Campaign, step: int) -> str:
    if campaign.kind == INFORMATION:
        return "information"
    if campaign.kind == MEETING:
        return "meeting_reminder" if step else "meeting_invitation"
    if campaign.kind == SURVEY:
        return "survey_reminder" if step else "survey_invitation"
    raise ContentError(f"unknown campaign kind {campaign.kind!r}")


def _context(campaign: Campaign, definition: Survey | Meeting | None, panel: Panel, *,
             name: str | None, seating=None) -> dict:
    values: dict = {"name": greeting_name(name), "sender": panel.sender_name,
                    "deadline": campaign.deadline_at}
    if campaign.kind == INFORMATION:
        values.update(subject=campaign.subject, body=campaign.body.strip())
    elif campaign.kind == MEETING:
        if not isinstance(definition, Meeting):
            raise ContentError("a meeting campaign needs its meeting")
        values["meeting"] = definition
        # The meeting's seats and its own RSVP deadline (engagement.meetings.seating.Seating), if known.
        values["seating"] = seating
    else:
        if not isinstance(definition, Survey):
            raise ContentError("a survey campaign needs its survey")
        values["survey"] = definition
    return values


def email_content(campaign: Campaign, definition: Survey | Meeting | None, panel: Panel, *,
                  step: int, name: str | None, language: str | None, leave_url: str,
                  rsvp_links: dict[str, str] | None = None, seating=None,
                  questions: Sequence[Question] | None = None, privacy_url: str | None = None) -> Content:
    """The email for a step (0 = invitation, n = reminder n), in the panelist's language.

    ``rsvp_links`` (a meeting: ``{"yes", "no", "maybe": url}``, the panelist's own) are printed
    by the meeting templates when given; ``seating`` (``engagement.meetings.seating.Seating``)
    lets a meeting invitation tell its seats and its own RSVP deadline.  ``questions`` (a survey
    reminder: the questions still open for this panelist) are the ones asked; default: all of them."""
    context = _context(campaign, definition, panel, name=name, seating=seating)
    if privacy_url:
        context["privacy_url"] = privacy_url  # else found beside the leave link
    if rsvp_links:
        context["rsvp_links"] = rsvp_links
    if questions is not None and isinstance(definition, Survey):
        if not questions:
            raise ContentError("no open question to ask")
        context["questions"] = list(questions)
    rendered = render_message(template_for(campaign, step), channel="email", language=language_of(language),
                              leave_url=leave_url, **context)
    return Content(subject=rendered.subject or "", text=rendered.text)


def sms_content(campaign: Campaign, definition: Survey | Meeting | None, panel: Panel, *,
                step: int, name: str | None, language: str | None,
                open_questions: Sequence[Question] | None = None) -> Content:
    """The SMS for a step.  A survey asks one question: the first of ``open_questions`` (default:
    all of them); an invitation says how many there are."""
    context = _context(campaign, definition, panel, name=name)
    asked = None
    if isinstance(definition, Survey) and campaign.kind == SURVEY:
        questions = list(open_questions if open_questions is not None else definition.questions)
        if not questions:
            raise ContentError("no open question to ask")
        asked = questions[0].key
        context["questions"] = questions if step == 0 else questions[:1]
    rendered = render_message(template_for(campaign, step), channel="sms", language=language_of(language),
                              **context)
    return _sms(rendered, asked)


def _sms(rendered: RenderedMessage, asked: str | None) -> Content:
    return Content(subject="", text=rendered.text, segments=rendered.segments,
                   encoding="gsm7" if is_gsm7(rendered.text) else "ucs2", sms_question=asked)


def sms_previews(campaign: Campaign, definition: Survey | Meeting | None,
                 panel: Panel) -> list[tuple[str, Content]]:
    """Every SMS the campaign can send (each step, each question that can be asked, each language)."""
    previews: list[tuple[str, Content]] = []
    for language in LANGUAGES:
        for step in range(len(campaign.reminder_days) + 1):
            if isinstance(definition, Survey) and campaign.kind == SURVEY:
                for index, question in enumerate(definition.questions):
                    previews.append((f"step {step}, question {question.key}, {language}",
                                     sms_content(campaign, definition, panel, step=step, name=SAMPLE_NAME,
                                                 language=language,
                                                 open_questions=definition.questions[index:])))
            else:
                previews.append((f"step {step}, {language}",
                                 sms_content(campaign, definition, panel, step=step, name=SAMPLE_NAME,
                                             language=language)))
    return previews


# Stand-ins rendered in place of the personal bits (private-use characters: never in a name).
_NAME_MARK = "\ue000navn\ue000"
_LEAVE_MARK = "https://leave.invalid/\ue001"
_RSVP_MARKS = {choice: f"https://rsvp.invalid/\ue002{choice}" for choice in ("yes", "no", "maybe")}


class EmailTexts:
    """``email_content`` for many panelists: rendered once per (step, language, greeted or not).

    Only the first name and the leave link differ between panelists, so the template is
    rendered once with stand-ins for them and each panelist's text is that text with their
    own values put in (a 10,000-person start renders ten templates, not 10,000).  The first
    panelist of each kind is also rendered in full and compared: should a template ever use
    the name in a way a stand-in cannot capture (say, its length), that kind falls back to a
    full rendering per panelist.
    """

    def __init__(self, campaign: Campaign, definition: Survey | Meeting | None, panel: Panel, seating=None):
        self.campaign, self.definition, self.panel, self.seating = campaign, definition, panel, seating
        self._cache: dict[tuple, Content | None] = {}

    def content(self, *, step: int, name: str | None, language: str | None, leave_url: str,
                rsvp_links: dict[str, str] | None = None, questions: Sequence[Question] | None = None) -> Content:
        """``rsvp_links`` (a meeting's, per panelist) are filled in like the name and leave link;
        ``questions`` (a reminder's open questions) make a text of their own per set of questions."""
        first = greeting_name(name)
        asked = None if questions is None else tuple(q.key for q in questions)
        key = (step, language_of(language), first is None, bool(rsvp_links), asked, privacy_url_beside(leave_url))
        marks = _RSVP_MARKS if rsvp_links else None
        if rsvp_links and set(rsvp_links) != set(_RSVP_MARKS):
            raise ContentError("rsvp_links needs yes, no and maybe")
        if key not in self._cache:
            # the stand-in leave link has no privacy notice beside it: the real one is the same for everyone
            marked = email_content(self.campaign, self.definition, self.panel, step=step,
                                   name=None if first is None else _NAME_MARK, language=language,
                                   leave_url=_LEAVE_MARK, rsvp_links=marks, seating=self.seating,
                                   questions=questions, privacy_url=privacy_url_beside(leave_url))
            full = email_content(self.campaign, self.definition, self.panel, step=step, name=name,
                                 language=language, leave_url=leave_url, rsvp_links=rsvp_links,
                                 seating=self.seating, questions=questions)
            same = _fill(marked, first, leave_url, rsvp_links) == full
            self._cache[key] = marked if same else None
            return full
        marked = self._cache[key]
        if marked is None:
            return email_content(self.campaign, self.definition, self.panel, step=step, name=name,
                                 language=language, leave_url=leave_url, rsvp_links=rsvp_links,
                                 seating=self.seating, questions=questions)
        return _fill(marked, first, leave_url, rsvp_links)


def _fill(marked: Content, first: str | None, leave_url: str, rsvp_links: dict[str, str] | None = None) -> Content:
    def put(text: str) -> str:
        if first is not None:
            text = text.replace(_NAME_MARK, first)
        for choice, url in (rsvp_links or {}).items():
            text = text.replace(_RSVP_MARKS[choice], url)
        return text.replace(_LEAVE_MARK, leave_url)

    return Content(subject=put(marked.subject), text=put(marked.text))
