"""The editor's preview: the messages a definition sends (invitation email, every SMS) with their
measures (LIX, GSM 7-bit, SMS segments), and the Danish texts still without English."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _

from conversations.definitions import DefinitionError, Meeting, Survey, missing_translations, parse_definition
from engagement.messages.gsm import MAX_SEGMENTS, is_gsm7
from engagement.messages.readability import LIX_LIMIT, lix, lix_label
from engagement.messages.render import MessageError, render_message
from engagement.surveys.editor_form import COPENHAGEN, definition_from_form

SAMPLE_NAME = "Mette"
SAMPLE_LEAVE_URL = "https://example.invalid/afmeld"


def _measure(text: str, channel: str) -> dict:
    value = lix(text)
    return {"lix": round(value), "lix_label": lix_label(value), "lix_high": value >= LIX_LIMIT,
            "gsm7": is_gsm7(text) if channel == "sms" else True}


def preview_messages(definition: Survey | Meeting, panel) -> dict:
    """The invitation email and every SMS the definition can send, with their measures."""
    common = {"sender": panel.sender_name, "name": SAMPLE_NAME}
    deadline = datetime.now(COPENHAGEN).replace(hour=12, minute=0, second=0, microsecond=0) + timedelta(days=14)
    sms: list[dict] = []
    if isinstance(definition, Survey):
        email = render_message("survey_invitation", channel="email", language="da", survey=definition,
                               deadline=deadline, leave_url=SAMPLE_LEAVE_URL, **common)
        email_en = render_message("survey_invitation", channel="email", language="en", survey=definition,
                                  deadline=deadline, leave_url=SAMPLE_LEAVE_URL, **common)
        questions = list(definition.questions)
        first = render_message("survey_invitation", channel="sms", language="da", survey=definition,
                               questions=questions, deadline=deadline, **common)
        sms.append({"label": _("Invitation med spørgsmål 1"), "message": first})
        for question in questions[1:]:
            message = render_message("next_question", channel="sms", language="da", survey=definition,
                                     next_question=question, recorded=[], **common)
            sms.append({"label": _("Spørgsmål %(number)s", number=question.number), "message": message})
    else:
        email = render_message("meeting_invitation", channel="email", language="da", meeting=definition,
                               deadline=definition.starts_at - timedelta(days=7), leave_url=SAMPLE_LEAVE_URL,
                               **common)
        email_en = render_message("meeting_invitation", channel="email", language="en", meeting=definition,
                                  deadline=definition.starts_at - timedelta(days=7), leave_url=SAMPLE_LEAVE_URL,
                                  **common)
        sms.append({"label": _("Invitation"),
                    "message": render_message("meeting_invitation", channel="sms", language="da",
                                              meeting=definition, **common)})
    for item in sms:
        item.update(_measure(item["message"].text, "sms"), segments=item["message"].segments,
                    too_long=(item["message"].segments or 0) > MAX_SEGMENTS, length=len(item["message"].text))
    return {"email": email, "email_en": email_en, "email_measure": _measure(email.text, "email"), "sms": sms,
            "max_segments": MAX_SEGMENTS, "lix_limit": LIX_LIMIT, "not_gsm": not_gsm_characters(definition)}


def not_gsm_characters(definition: Survey | Meeting) -> str:
    """Characters staff typed that GSM 7-bit lacks (the SMS replaces or drops them)."""
    texts = [definition.title, definition.title_en or ""]
    if isinstance(definition, Survey):
        for q in definition.questions:
            texts += [q.text, q.text_en or "", *q.labels.values(), *q.labels_en.values(),
                      *(label for o in q.options for label in o.labels)]
    else:
        texts += [definition.location, definition.location_en or ""]
    found = []
    for char in "".join(texts):
        if not is_gsm7(char) and char not in found:
            found.append(char)
    return " ".join(found)


def build_preview(kind: str, key: str, form, panel) -> dict:
    data, _rows = definition_from_form(kind, key or "udkast", form)
    try:
        definition = parse_definition(data)
    except DefinitionError as exc:
        return {"error": str(exc)}
    try:
        return preview_messages(definition, panel)
    except (MessageError, ValueError, KeyError) as exc:
        return {"error": str(exc)}


def untranslated(data: dict) -> list[str]:
    """The Danish texts of a definition (as the form now holds it) that have no English yet, in words."""
    try:
        definition = parse_definition(data)
    except DefinitionError:
        return []
    parts = {"title": _("Titel"), "location": _("Sted"), "text": _("Spørgsmålet"),
             "label": _("Tekst ved skalaen"), "option": _("Svarmulighed")}
    out = []
    for item in missing_translations(definition, "en"):
        where = str(parts[item.part])
        if item.question is not None:
            where = _("Spørgsmål %(number)s: %(part)s", number=item.question, part=where.lower())
        out.append(f"{where}: »{item.text}«")
    return out
