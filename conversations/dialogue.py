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
5. Every question is accounted for after every reply: answered, skipped by
   the citizen ("spring 3 over", "-", "ved ikke": ``Reading.skipped``), with
   staff, or asked for.  By email the receipt asks for every question still
   open ("Vi mangler dit svar på spørgsmål 3"); by SMS the next message asks
   the next open question.  Nothing open ever goes unmentioned.
6. A question whose answer was not understood is asked again once; after the
   ``MAX_UNCLEAR``-th unclear answer to it the citizen is told it goes to
   staff, and the conversation goes on with the next open question (no dead
   end).  A whole message with nothing usable in it (email) is asked about
   again at most ``MAX_FOLLOW_UPS`` times, then staff read it and the citizen
   is told so.  When staff have answered or settled a question, the service
   resumes the conversation (``engagement.inbound.conversation.resume``).
7. Over SMS a survey runs one question at a time: after an answer comes the
   next open question, or the closing receipt.
8. A question or comment for staff goes to the staff inbox and the panelist is
   told a person will read it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping

from conversations.definitions import Meeting, Question, Survey

MAX_FOLLOW_UPS = 2   # ask-again messages about a whole unreadable message (or RSVP), then staff
MAX_UNCLEAR = 2      # unclear answers to one question; the last one passes that question to staff

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
    skipped: frozenset = frozenset()           # question keys the citizen skipped before
    with_staff: frozenset = frozenset()        # question keys passed to staff, not yet resolved
    settled: frozenset = frozenset()           # question keys staff resolved without an answer
    unclear_counts: Mapping[str, int] = field(default_factory=dict)  # unclear answers so far, per question

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
    complete: bool = False                             # every question is answered or skipped
    missing: tuple[Question, ...] = ()                 # open questions asked for (email: in the receipt)
    passed_on: tuple[Question, ...] = ()               # questions this reply passes to staff
    skipped: tuple[Question, ...] = ()                 # questions the citizen skipped in this reply
    waiting: tuple[Question, ...] = ()                 # questions passed to staff earlier, still with them


@dataclass(frozen=True)
class Decision:
    record_answers: Mapping[str, Any] = field(default_factory=dict)
    record_rsvp: Any = None
    unsubscribe: bool = False
    to_staff: bool = False
    reply: Reply | None = None
    why: str = ""                                      # one line for the log and the staff inbox
    skip: tuple[str, ...] = ()                         # question keys to remember as skipped
    unclear: tuple[str, ...] = ()                      # question keys whose answer was unclear this time
    pass_on: tuple[str, ...] = ()                      # question keys now with staff


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


def open_questions(survey: Survey, answered, skipped=(), with_staff=()) -> list[Question]:
    """The questions neither answered, nor skipped, nor with staff, in survey order."""
    done = set(answered) | set(skipped) | set(with_staff)
    return [q for q in survey.questions if q.key not in done]


def _decide_survey(survey: Survey, reading: Any, state: State) -> Decision:
    if state.is_closed:
        return Decision(reply=Reply(SURVEY_CLOSED), why="reply after the deadline: not recorded")
    by_key = {q.key: q for q in survey.questions}
    answers = {k: v for k, v in (reading.answers or {}).items() if k in by_key}
    skipped_now = [k for k in getattr(reading, "skipped", ()) or () if k in by_key and k not in answers]
    unclear_keys = [k for k in reading.unclear if k in by_key and k not in answers and k not in skipped_now]
    answered_now = {**state.answered, **answers}
    skipped_all = (set(state.skipped) | set(skipped_now)) - set(answered_now)
    waiting = set(state.with_staff) - set(answered_now) - skipped_all
    with_staff = waiting | (set(state.settled) - set(answered_now) - skipped_all)
    asks_staff = bool(getattr(reading, "asks_staff", False))
    if reading.intent == "unclear" and not unclear_keys and not answers and not skipped_now:
        if state.awaiting in by_key and state.awaiting not in answered_now:
            unclear_keys = [state.awaiting]   # SMS: the question just asked
        else:
            return _unreadable(survey, state, answered_now, skipped_all, with_staff, asks_staff)

    ask_again, pass_on = [], []
    for key in unclear_keys:
        if state.unclear_counts.get(key, 0) + 1 >= MAX_UNCLEAR:
            pass_on.append(key)
        else:
            ask_again.append(key)
    with_staff |= set(pass_on)
    recorded = tuple((q, answers[q.key]) for q in survey.questions if q.key in answers)
    still_open = [q for q in open_questions(survey, answered_now, skipped_all, with_staff) if q.key not in ask_again]
    common = dict(record_answers=answers, to_staff=asks_staff or bool(pass_on), skip=tuple(skipped_now),
                  unclear=tuple(unclear_keys), pass_on=tuple(pass_on))
    parts = dict(recorded=recorded, passed_on=tuple(by_key[k] for k in pass_on),
                 skipped=tuple(by_key[k] for k in skipped_now))
    why = f"recorded {len(recorded)}"
    if skipped_now:
        why += f", skipped {len(skipped_now)}"
    if pass_on:
        why += f", {len(pass_on)} unclear again: to staff"
    if ask_again:
        ask = tuple(by_key[k] for k in ask_again)
        missing = () if state.one_question_at_a_time else tuple(still_open)
        return Decision(**common, reply=Reply(ASK_AGAIN, ask_about=ask, missing=missing, follow_up=True, **parts),
                        why=f"{why}, asking again about {len(ask)}")
    if state.one_question_at_a_time and still_open:
        return Decision(**common, reply=Reply(NEXT_QUESTION, next_question=still_open[0], **parts),
                        why=f"{why}, next question {still_open[0].key}")
    complete = not still_open and not (waiting | set(pass_on))
    parts["waiting"] = tuple(q for q in survey.questions if q.key in waiting and q.key not in pass_on)
    if still_open:
        why += f", asking for {len(still_open)} still open"
    return Decision(**common, reply=Reply(RECEIPT, complete=complete, missing=tuple(still_open), **parts), why=why)


def _unreadable(survey: Survey, state: State, answered, skipped, with_staff, asks_staff: bool) -> Decision:
    """A whole message with nothing usable in it: ask about what is open, then let staff read it (and say so)."""
    still_open = tuple(open_questions(survey, answered, skipped, with_staff))
    if state.follow_ups_sent < MAX_FOLLOW_UPS and still_open:
        return Decision(to_staff=asks_staff, reply=Reply(ASK_AGAIN, ask_about=still_open, follow_up=True),
                        why=f"nothing understood, asking again about {len(still_open)}")
    return Decision(to_staff=True, reply=Reply(PASSED_TO_STAFF),
                    why="still unclear after the follow-ups: passed to staff, citizen told")


def _decide_meeting(meeting: Meeting, reading: Any, state: State) -> Decision:
    rsvp = reading.rsvp if reading.intent == "rsvp" else None
    if rsvp is None:
        if state.follow_ups_sent >= MAX_FOLLOW_UPS:
            return Decision(to_staff=True, reply=Reply(PASSED_TO_STAFF),
                            why="RSVP still unclear after the follow-ups: passed to staff, citizen told")
        return Decision(reply=Reply(ASK_RSVP_AGAIN, meeting=meeting, reason="unclear", follow_up=True),
                        why="RSVP not understood: asking again")
    if rsvp.guests > meeting.max_guests:
        # Never cut the number silently: ask.
        return Decision(reply=Reply(ASK_RSVP_AGAIN, meeting=meeting, reason="guests", follow_up=True),
                        why="more guests than allowed: asking again")
    return Decision(record_rsvp=rsvp, to_staff=bool(getattr(reading, "asks_staff", False)),
                    reply=Reply(RSVP_RECEIPT, rsvp=rsvp, meeting=meeting),
                    why=f"rsvp {rsvp.attending} with {rsvp.guests} guests")
