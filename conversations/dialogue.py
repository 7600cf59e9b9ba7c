"""What to do and say after reading a reply: the chatbot's rules, as pure values.

``decide(definition, reading, state)`` takes what was asked (a survey or a
meeting), what was read (``understand.Reading``) and what is known about the
conversation so far (``State``) and returns a ``Decision``: what to record,
whether the panelist leaves, whether staff should look, and which reply to
send (a ``Reply`` naming a message template and its data).  The service
renders the reply in the panelist's language and sends it through the outbox;
nothing here formats text, touches a database or sends anything.

The rules, in order:

1. Machine mail (auto-replies, bounces) is never answered and never recorded.
2. Someone who has left gets nothing more; a request to leave is confirmed once.
3. After the deadline nothing is recorded and nobody is asked again: the
   panelist is told, once, that the survey has closed.
4. What was understood is recorded; a later answer to the same question
   replaces the earlier one (``State.answered`` holds what is stored).
5. What was not understood is asked again, at most ``MAX_FOLLOW_UPS`` times
   per survey; after that, staff look at it instead.
6. Over SMS a survey runs one question at a time: after an answer comes the
   next unanswered question, or the final receipt.
7. A question or comment for staff goes to the staff inbox and the panelist is
   told a person will read it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping

from conversations.definitions import Meeting, Question, Survey

MAX_FOLLOW_UPS = 2

# Reply templates (engagement renders them; each has an email and an SMS form).
RECEIPT = "receipt"                    # "Tak! Vi har noteret: ..." (all done or nothing left to ask)
ASK_AGAIN = "ask_again"                # receipt of what was understood + the questions to answer again
NEXT_QUESTION = "next_question"        # SMS survey: short receipt + the next question
RSVP_RECEIPT = "rsvp_receipt"          # "Tak, vi ses ... kl ... i ..." / "Tak for svaret"
ASK_RSVP_AGAIN = "ask_rsvp_again"      # the RSVP could not be read (or too many guests)
LEAVING_CONFIRMATION = "leaving_confirmation"
SURVEY_CLOSED = "survey_closed"
PASSED_TO_STAFF = "passed_to_staff"    # "Tak for din besked. En medarbejder læser den."


@dataclass(frozen=True)
class State:
    """What the service knows about this panelist and this invitation."""

    channel: str = "email"                     # "email" | "sms"
    now: datetime | None = None
    deadline: datetime | None = None
    has_left: bool = False
    follow_ups_sent: int = 0                   # ask-again messages already sent for this invitation
    answered: Mapping[str, Any] = field(default_factory=dict)  # answers stored before this reply
    awaiting: str | None = None                # SMS: the question key just asked
    one_question_at_a_time: bool = False       # SMS surveys ask one question per message

    @property
    def is_closed(self) -> bool:
        return self.deadline is not None and self.now is not None and self.now > self.deadline


@dataclass(frozen=True)
class Reply:
    template: str
    recorded: tuple[tuple[Question, Any], ...] = ()   # (question, value) just recorded, in question order
    ask_about: tuple[Question, ...] = ()               # questions to answer again
    next_question: Question | None = None
    rsvp: Any = None                                   # the recorded Rsvp
    meeting: Meeting | None = None
    reason: str | None = None                          # for ask_rsvp_again: "guests" | "unclear"
    follow_up: bool = False                            # counts against MAX_FOLLOW_UPS
    complete: bool = False                             # every question now has an answer


@dataclass(frozen=True)
class Decision:
    record_answers: Mapping[str, Any] = field(default_factory=dict)
    record_rsvp: Any = None
    unsubscribe: bool = False
    to_staff: bool = False
    reply: Reply | None = None
    why: str = ""                                      # one line for the log and the staff inbox


def decide(definition: Survey | Meeting, reading: Any, state: State) -> Decision:
    intent = reading.intent
    if intent in ("auto_reply", "bounce"):
        return Decision(why=f"{intent}: never answered")
    if state.has_left:
        return Decision(why="panelist has left: no reply")
    if intent == "unsubscribe":
        return Decision(unsubscribe=True, reply=Reply(LEAVING_CONFIRMATION), why="leaves the panel")
    if intent == "other":
        return Decision(to_staff=True, reply=Reply(PASSED_TO_STAFF), why="message for staff")
    if isinstance(definition, Meeting):
        return _decide_meeting(definition, reading, state)
    return _decide_survey(definition, reading, state)


def _decide_survey(survey: Survey, reading: Any, state: State) -> Decision:
    if state.is_closed:
        return Decision(reply=Reply(SURVEY_CLOSED), why="reply after the deadline: not recorded")
    by_key = {q.key: q for q in survey.questions}
    answers = {k: v for k, v in (reading.answers or {}).items() if k in by_key}
    unclear_keys = [k for k in reading.unclear if k in by_key and k not in answers]
    if reading.intent == "unclear" and not unclear_keys:
        # Nothing usable at all: ask about what is still open (SMS: the question just asked).
        if state.awaiting in by_key:
            unclear_keys = [state.awaiting]
        else:
            unclear_keys = [q.key for q in survey.questions if q.key not in state.answered]
    recorded = tuple((q, answers[q.key]) for q in survey.questions if q.key in answers)
    answered_now = {**state.answered, **answers}
    open_questions = [q for q in survey.questions if q.key not in answered_now]
    complete = not open_questions
    asks_staff = bool(getattr(reading, "asks_staff", False))

    if unclear_keys:
        if state.follow_ups_sent < MAX_FOLLOW_UPS:
            ask = tuple(by_key[k] for k in unclear_keys)
            return Decision(record_answers=answers, to_staff=asks_staff,
                            reply=Reply(ASK_AGAIN, recorded=recorded, ask_about=ask, follow_up=True),
                            why=f"recorded {len(recorded)}, asking again about {len(ask)}")
        # Asked often enough: keep what we have and let a person look.
        return Decision(record_answers=answers, to_staff=True,
                        reply=Reply(RECEIPT, recorded=recorded, complete=complete) if recorded else None,
                        why="still unclear after the follow-ups: passed to staff")

    if state.one_question_at_a_time and open_questions:
        return Decision(record_answers=answers, to_staff=asks_staff,
                        reply=Reply(NEXT_QUESTION, recorded=recorded, next_question=open_questions[0]),
                        why=f"recorded {len(recorded)}, next question {open_questions[0].key}")
    return Decision(record_answers=answers, to_staff=asks_staff,
                    reply=Reply(RECEIPT, recorded=recorded, complete=complete),
                    why=f"recorded {len(recorded)}")


def _decide_meeting(meeting: Meeting, reading: Any, state: State) -> Decision:
    rsvp = reading.rsvp if reading.intent == "rsvp" else None
    if rsvp is None:
        if state.follow_ups_sent >= MAX_FOLLOW_UPS:
            return Decision(to_staff=True, why="RSVP still unclear after the follow-ups: passed to staff")
        return Decision(reply=Reply(ASK_RSVP_AGAIN, meeting=meeting, reason="unclear", follow_up=True),
                        why="RSVP not understood: asking again")
    if rsvp.guests > meeting.max_guests:
        # Never cut the number silently: ask.
        return Decision(reply=Reply(ASK_RSVP_AGAIN, meeting=meeting, reason="guests", follow_up=True),
                        why="more guests than allowed: asking again")
    return Decision(record_rsvp=rsvp, to_staff=bool(getattr(reading, "asks_staff", False)),
                    reply=Reply(RSVP_RECEIPT, rsvp=rsvp, meeting=meeting),
                    why=f"rsvp {rsvp.attending} with {rsvp.guests} guests")
