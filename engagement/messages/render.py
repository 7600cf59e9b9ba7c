"""Render every message a citizen receives, in the citizen's language.

    render_message("survey_invitation", channel="email", language="da",
                   survey=survey, name="Mette", leave_url=..., deadline=...)
    -> RenderedMessage(template, channel, language, subject, text, html=None)

Templates live in ``templates/messages/<template>.<channel>.txt`` and are
rendered with the app's Jinja environment (its gettext, so the Danish source
strings are translated through Babel) inside ``in_language(language)``; an
app context is needed.

Conventions of the templates
----------------------------
* The subject of an email is the template's ``{% block subject %}``, rendered
  on its own and folded to one line.  SMS templates have no subject.
* Email templates extend ``messages/_email.txt`` (greeting, body, sign-off
  and the footer with the leave link); SMS templates extend
  ``messages/_sms.txt`` (body and "Svar STOP for at melde dig ud").  So every
  message says how to stop receiving messages.
* Blank lines are folded (at most one in an email, none in an SMS), trailing
  spaces go, and an SMS is made GSM 7-bit safe with ``gsm.to_gsm7`` (staff may
  type an en dash or curly quotes in a title).

Context every template may use: ``name`` (the panelist's first name, or
None: ``greeting_name``), ``sender`` (who signs; default "Borgerpanelet"), and
for email ``leave_url`` (required; ``engagement.panel.links.leave_url(panelist)``)
and ``privacy_url`` (the panel's privacy notice; found beside the leave link
when not given).
What each template needs besides is in ``TEMPLATES``; ``MissingContext``
names what is missing.  Helpers the templates call (``hint``, ``letter``,
``describe``, ``when`` ...) are added to the context here.

``render_reply(reply, ...)`` renders a ``conversations.dialogue.Reply``.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable
from zoneinfo import ZoneInfo

from babel.dates import format_datetime as babel_format_datetime
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from flask import current_app
from flask_babel import gettext as _, ngettext
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, TemplateNotFound

from conversations.definitions import Meeting, Question, Survey, translated
from engagement.i18n import LANGUAGES, in_language
from engagement.messages.gsm import is_gsm7, segment_count, to_gsm7

TEMPLATE_ROOT = Path(__file__).resolve().parent / "templates"
CHANNELS = ("email", "sms")

# Template -> the context it needs (besides name, sender and, for email, leave_url).
TEMPLATES: dict[str, tuple[str, ...]] = {
    "survey_invitation": ("survey",),            # optional: deadline, answer_url, questions
    "survey_reminder": ("survey",),              # optional: deadline, answer_url, questions (the open ones)
    "meeting_invitation": ("meeting",),          # optional: deadline, seating, rsvp_links {"yes","no","maybe": url}
    "meeting_reminder": ("meeting",),            # optional: attending ("yes"|"maybe"|None), guests, rsvp_links,
                                                 # and, not answered: deadline, seating
    "information": ("subject", "body"),          # staff-written subject and body
    "receipt": ("survey",),                      # recorded [(question, value)], complete, missing, passed_on, skipped, waiting
    "ask_again": ("survey", "ask_about"),        # recorded, ask_about [question], missing, passed_on, skipped
    "next_question": ("survey", "next_question"),  # recorded, passed_on, skipped
    "rsvp_receipt": ("meeting", "attending"),    # guests
    "ask_rsvp_again": ("meeting",),              # reason "unclear" | "guests"
    "leaving_confirmation": (),
    "survey_closed": (),                         # optional: survey
    "passed_to_staff": (),
    "results_summary": ("title",),               # figures [{"label", "count"|"percent"}], note, results_url
}
# Messages that need no leave link: the person has just left.
NO_LEAVE_LINK = frozenset({"leaving_confirmation"})

TEXT_WIDTH = 72
SHORT_TEXT = 60  # a text answer quoted in a receipt


class MessageError(Exception):
    """Base of the message errors."""


class UnknownTemplate(MessageError):
    pass


class UnknownChannel(MessageError):
    pass


class UnknownLanguage(MessageError):
    pass


class MissingContext(MessageError):
    """The template needs a value the caller did not give (the message names it)."""


@dataclass(frozen=True)
class RenderedMessage:
    template: str
    channel: str
    language: str
    subject: str | None
    text: str
    html: str | None = None

    @property
    def segments(self) -> int | None:
        """SMS segments (None for email)."""
        return segment_count(self.text) if self.channel == "sms" else None

    @property
    def is_gsm7(self) -> bool:
        return is_gsm7(self.text)

    def as_dict(self) -> dict:
        return {"template": self.template, "channel": self.channel, "language": self.language,
                "subject": self.subject, "text": self.text}


# ---------------------------------------------------------------------------
# Formatting helpers (also used by receipts elsewhere)
# ---------------------------------------------------------------------------

DATETIME_PATTERNS = {"da": "EEEE 'den' d. MMMM y 'kl.' HH.mm", "en": "EEEE d MMMM y 'at' HH:mm"}
DAY_PATTERNS = {"da": "EEEE 'den' d. MMMM", "en": "EEEE d MMMM"}
TIME_PATTERNS = {"da": "HH.mm", "en": "HH:mm"}


def _current_language() -> str:
    from flask_babel import get_locale

    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else "da"


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "Europe/Copenhagen")


def format_when(moment: datetime, language: str | None = None) -> str:
    """'torsdag den 14. januar 2027 kl. 19.00' in Copenhagen time (English: 'Thursday 14 January 2027 at 19:00')."""
    language = language or _current_language()
    return babel_format_datetime(moment, DATETIME_PATTERNS[language], tzinfo=_zone(), locale=language)


def format_day(moment: datetime, language: str | None = None) -> str:
    """'fredag den 5. februar' (a deadline), in Copenhagen time."""
    language = language or _current_language()
    return babel_format_datetime(moment, DAY_PATTERNS[language], tzinfo=_zone(), locale=language)


def format_clock(moment: datetime, language: str | None = None) -> str:
    language = language or _current_language()
    return babel_format_datetime(moment, TIME_PATTERNS[language], tzinfo=_zone(), locale=language)


def format_meeting_time(meeting: Meeting, language: str | None = None) -> str:
    """'torsdag den 14. januar 2027 kl. 19.00-21.00' (both in full if it ends another day)."""
    language = language or _current_language()
    zone = _zone()
    start, end = meeting.starts_at.astimezone(zone), meeting.ends_at.astimezone(zone)
    if start.date() == end.date():
        if end == start:
            return format_when(start, language)
        return f"{format_when(start, language)}-{format_clock(end, language)}"
    return f"{format_when(start, language)} - {format_when(end, language)}"


def format_number(value: float | int, language: str | None = None) -> str:
    """'1.234' in Danish, '1,234' in English."""
    return format_decimal(value, locale=language or _current_language())


def format_share(value: float, language: str | None = None) -> str:
    """A share (0.62) as '62 %' (Danish) or '62%' (English)."""
    return format_percent(value, locale=language or _current_language())


def letter(index: int) -> str:
    """The letter of the option at this 0-based position: A, B, C ..."""
    return chr(ord("A") + index)


def shorten(text: str, width: int = SHORT_TEXT) -> str:
    """One line of at most ``width`` characters, cut at a word and marked with '...'."""
    flat = " ".join(str(text).split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 3].rsplit(" ", 1)[0] if " " in flat[: width - 3] else flat[: width - 3]
    return cut.rstrip(" ,.;:-") + "..."


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "", hang: str | None = None) -> str:
    """Wrap each line of text; blank lines and links stay as they are.

    ``indent`` starts every line; ``hang`` (default: ``indent``) the lines a long line wraps onto.
    """
    hang = indent if hang is None else hang
    out = []
    for line in str(text).replace("\r\n", "\n").split("\n"):
        if not line.strip():
            out.append("")
            continue
        out.append(textwrap.fill(line.strip(), width=width, initial_indent=indent, subsequent_indent=hang,
                                 break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)


def describe_answer(question: Question, value: Any, language: str | None = None) -> str:
    """An answer as a person reads it: 'Bus', 'Ja', '4 ud af 5', '"Flere bænke ..."'."""
    language = language or _current_language()
    with in_language(language):
        if value is None:
            return _("(intet svar)")
        if question.type == "scale":
            if question.min in (0, 1):
                return _("%(value)s ud af %(max)s", value=value, max=question.max)
            return _("%(value)s på en skala fra %(min)s til %(max)s", value=value, min=question.min,
                     max=question.max)
        if question.type == "yes_no":
            return _("Ja") if value == "yes" else _("Nej")
        if question.type == "choice":
            labels = {option.key: option.label for option in question.options}
            values = value if isinstance(value, (list, tuple)) else [value]
            if len(values) == 1:
                return labels.get(values[0], str(values[0]))
            return natural_list([labels.get(v, str(v)) for v in values], language)
        if question.type == "number":
            return format_number(value, language) if isinstance(value, (int, float)) else str(value)
        return f'"{shorten(str(value))}"'


def in_running_text(label: str) -> str:
    """A label as it reads inside a sentence: 'Plast' -> 'plast', 'Papir og pap' -> 'papir og pap'.

    Only a capital that is there because the label starts a line goes: a word in capitals
    ('DSB', 'MitID'), a name inside the label ('Tur til Aarhus' keeps 'Aarhus') and a label
    whose first word is a name followed by another capitalised word ('Aarhus Kommune') stay."""
    words = label.split()
    if not words:
        return label
    first = words[0]
    if not (first[:1].isupper() and first[1:] == first[1:].lower()):
        return label
    if len(words) > 1 and words[1][:1].isupper():
        return label  # 'Aarhus Kommune', 'Den Gamle By': a name
    return first[:1].lower() + label[1:]


def natural_list(items: Iterable[str], language: str | None = None) -> str:
    """Labels as a list in running text, the way people write it: 'plast og glas',
    'papir og pap, madaffald og glas' (English: 'plastic and glass'); Babel's ``format_list``
    puts the commas and the last 'og'/'and'."""
    language = language or _current_language()
    return format_list([in_running_text(str(item)) for item in items], locale=language)


def answer_hint(question: Question) -> str:
    """How to answer this question, in the current language."""
    if question.type == "scale":
        return _("Svar med et tal fra %(min)s til %(max)s.", min=question.min, max=question.max)
    if question.type == "yes_no":
        return _("Svar ja eller nej.")
    if question.type == "choice":
        if question.multiple:
            return _("Svar med et eller flere bogstaver.")
        return _("Svar med et bogstav.")
    if question.type == "number":
        if question.min is not None and question.max is not None:
            return _("Svar med et tal fra %(min)s til %(max)s.", min=question.min, max=question.max)
        return _("Svar med et tal.")
    return _("Skriv dit svar med dine egne ord.")


def scale_labels(question: Question) -> str:
    """'1 = Meget utilfreds, 5 = Meget tilfreds' (empty when the scale has no labels)."""
    return ", ".join(f"{point} = {label}" for point, label in sorted(question.labels.items()))


def example_value(question: Question) -> str | None:
    """A plausible answer to show in 'for example' lines (None for free text)."""
    if question.type == "scale":
        return str(max(question.min, question.max - 1))
    if question.type == "yes_no":
        return _("ja")
    if question.type == "choice":
        if question.multiple and len(question.options) >= 3:
            return _("%(first)s og %(second)s", first="A", second="C")
        return letter(1 if len(question.options) > 1 else 0)
    if question.type == "number":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else low + 2
        return str(min(low + 2, high))
    return None


def example_lines(questions: Iterable[Question], limit: int = 3) -> list[str]:
    """'1: 4', '2: ja', '3: B' for the first questions that have a short answer."""
    lines = []
    for question in questions:
        value = example_value(question)
        if value is not None:
            lines.append(f"{question.number}: {value}")
        if len(lines) == limit:
            break
    return lines


def guests_rule(max_guests: int) -> str:
    if max_guests <= 0:
        return _("Der er desværre ikke plads til gæster.")
    return ngettext("Du må gerne tage %(num)s gæst med.", "Du må gerne tage op til %(num)s gæster med.",
                    max_guests)


def guests_limit(max_guests: int) -> str:
    """For ask_rsvp_again: 'Du kan tage højst 1 gæst med'."""
    if max_guests <= 0:
        return _("Du kan desværre ikke tage gæster med.")
    return ngettext("Du kan tage højst %(num)s gæst med.", "Du kan tage højst %(num)s gæster med.", max_guests)


def number_list(questions: Iterable[Question]) -> str:
    """'3', '3 og 5', '1, 3 og 5': the numbers of these questions."""
    return format_list([str(q.number) for q in questions], locale=_current_language())


def guests_text(guests: int) -> str:
    return ngettext("%(num)s gæst", "%(num)s gæster", guests)


HELPERS = {
    "describe": describe_answer, "hint": answer_hint, "scale_labels": scale_labels, "letter": letter,
    "examples": example_lines, "when": format_when, "day": format_day, "clock": format_clock,
    "meeting_time": format_meeting_time, "number": format_number, "percent": format_share,
    "shorten": shorten, "wrap": wrap, "guests_rule": guests_rule, "guests_limit": guests_limit,
    "guests_text": guests_text, "numbers": number_list, "natural_list": natural_list,
}


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------

def message_environment() -> Environment:
    """The app's Jinja environment (gettext installed) with the messages' loader, for plain text."""
    app = current_app._get_current_object()
    env = app.extensions.get("borgerpanel.messages_env")
    if env is None:
        env = app.jinja_env.overlay(
            loader=ChoiceLoader([FileSystemLoader(str(TEMPLATE_ROOT)), app.jinja_env.loader]),
            autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
        app.extensions["borgerpanel.messages_env"] = env
    return env


_BLANK_LINES = re.compile(r"\n{3,}")


def _tidy(text: str, channel: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    if channel == "sms":
        text = "\n".join(line.strip() for line in lines if line.strip())
        return to_gsm7(text).strip()
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip() + "\n"


def _fold(text: str) -> str:
    return " ".join(text.split())


def render_template_text(path: str, channel: str, language: str, context: dict) -> tuple[str | None, str]:
    """(subject, text) of a template by path, in the language; the subject from ``{% block subject %}``."""
    env = message_environment()
    try:
        template = env.get_template(path)
    except TemplateNotFound:
        raise UnknownTemplate(path) from None
    with in_language(language):
        values = {**HELPERS, "language": language, "channel": channel, **context}
        if not values.get("sender"):
            values["sender"] = _("Borgerpanelet")
        text = template.render(values)
        subject = None
        if "subject" in template.blocks:
            block_context = template.new_context(values)
            subject = _fold("".join(template.blocks["subject"](block_context))) or None
    return subject, _tidy(text, channel)


def render_message(template: str, *, channel: str, language: str, **context: Any) -> RenderedMessage:
    """Render one message to a citizen (see the module's docstring for the conventions)."""
    if template not in TEMPLATES:
        raise UnknownTemplate(f"no message template {template!r}")
    if channel not in CHANNELS:
        raise UnknownChannel(f"channel must be email or sms, not {channel!r}")
    if language not in LANGUAGES:
        raise UnknownLanguage(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    needed = list(TEMPLATES[template])
    if channel == "email" and template not in NO_LEAVE_LINK:
        needed.append("leave_url")
    missing = [key for key in needed if context.get(key) in (None, "")]
    if missing:
        raise MissingContext(f"{template} ({channel}) needs {', '.join(missing)}")
    context.setdefault("name", None)
    context.setdefault("sender", None)
    if channel == "email" and not context.get("privacy_url"):
        from engagement.panel.links import privacy_url_beside

        context["privacy_url"] = privacy_url_beside(context.get("leave_url"))
    context = in_their_language(context, language)
    if isinstance(context.get("survey"), Survey):
        context.setdefault("questions", context["survey"].questions)
        if template in ("survey_invitation", "survey_reminder") and not context["questions"]:
            raise MissingContext(f"{template} ({channel}) needs at least one question to ask")
    subject, text = render_template_text(f"messages/{template}.{channel}.txt", channel, language, context)
    if channel == "email" and not subject:
        raise MessageError(f"{template}.email.txt has no subject block")
    return RenderedMessage(template=template, channel=channel, language=language,
                           subject=subject if channel == "email" else None, text=text)


def in_their_language(context: dict, language: str) -> dict:
    """The context with the survey, meeting and questions as a reader of ``language`` sees them:
    staff's English texts where they wrote them, Danish where they did not (``definitions.translated``)."""
    if language == "da":
        return context
    out = dict(context)
    if isinstance(out.get("meeting"), Meeting):
        out["meeting"] = translated(out["meeting"], language)
    survey = out.get("survey")
    if not isinstance(survey, Survey):
        return out
    english = translated(survey, language)
    by_key = {q.key: q for q in english.questions}

    def same(question):
        return by_key.get(question.key, question) if isinstance(question, Question) else question

    out["survey"] = english
    if out.get("questions") is not None:
        out["questions"] = [same(q) for q in out["questions"]]
    if out.get("next_question") is not None:
        out["next_question"] = same(out["next_question"])
    for name in ("ask_about", "missing", "passed_on", "skipped", "waiting"):
        if out.get(name):
            out[name] = [same(q) for q in out[name]]
    if out.get("recorded"):
        out["recorded"] = [(same(q), value) for q, value in out["recorded"]]
    return out


def render_reply(reply: Any, *, channel: str, language: str, definition: Survey | Meeting | None = None,
                 **context: Any) -> RenderedMessage:
    """Render a ``conversations.dialogue.Reply`` (its template and data) for the panelist."""
    values: dict[str, Any] = {
        "recorded": list(reply.recorded), "ask_about": list(reply.ask_about),
        "next_question": reply.next_question, "reason": reply.reason, "complete": reply.complete,
        "missing": list(getattr(reply, "missing", ())), "passed_on": list(getattr(reply, "passed_on", ())),
        "skipped": list(getattr(reply, "skipped", ())), "waiting": list(getattr(reply, "waiting", ())),
    }
    meeting = reply.meeting or (definition if isinstance(definition, Meeting) else None)
    if meeting is not None:
        values["meeting"] = meeting
    if isinstance(definition, Survey):
        values["survey"] = definition
    if reply.rsvp is not None:
        values["attending"] = reply.rsvp.attending
        values["guests"] = reply.rsvp.guests
    values.update(context)
    return render_message(reply.template, channel=channel, language=language, **values)


HONORIFICS = frozenset({"hr", "hr.", "fru", "frk", "frk.", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms."})


def greeting_name(full_name: str | None) -> str | None:
    """The first name to greet with: 'Karen Sørensen' -> 'Karen', 'Anne-Marie Holm' -> 'Anne-Marie',
    'fru Karen Holm' -> 'Karen', 'karen holm' -> 'Karen'; an initial alone ('K. Holm') keeps the whole name."""
    words = (full_name or "").split()
    while words and words[0].casefold() in HONORIFICS and len(words) > 1:
        words = words[1:]
    if not words:
        return None
    first = words[0]
    if len(first.rstrip(".")) <= 1:
        return " ".join(words)
    return first[:1].upper() + first[1:] if first.islower() else first
