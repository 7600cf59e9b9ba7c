"""The reader on every labelled corpus in corpora/, judged by scoring.py (the spec's rules).

dev and independent-a are copies of ../shared/corpus (checked below whenever
../shared is beside the checkout); heldout1-9 were written by other hands
without seeing the rules and first scored unseen (corpora/README.md).  Once a
corpus has been used to improve the reader it guards against regressions: the
dev corpus, independent A and heldout1-5 at >= 97 % accuracy and <= 1 % wrong
answers; heldout6-9, harder sets written late, at the floor they reached.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json

import pytest

from tests.conftest import SHARED
from tests.conversations.scoring import CORPORA, judge, read_corpus

FLOORS = {name: (0.97, 0.01) for name in ("dev", "independent-a", "heldout1", "heldout2", "heldout3", "heldout4",
                                          "heldout5")}
FLOORS.update({"heldout6": (0.91, 0.005), "heldout7": (0.87, 0.01), "heldout8": (0.83, 0.005),
               "heldout9": (0.93, 0.005)})


def test_every_corpus_folder_has_a_floor():
    assert {p.name for p in CORPORA.iterdir() if (p / "cases.jsonl").exists()} == set(FLOORS)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_corpus_accuracy_and_wrong_answers(name):
    least_right, most_wrong = FLOORS[name]
    s = read_corpus(CORPORA / name)
    assert s.accuracy >= least_right, s.misses
    assert s.wrong_rate <= most_wrong, s.misses


COPIES = {"dev/cases.jsonl": "corpus/dev.jsonl", "dev/definitions.json": "corpus/definitions.json",
          "independent-a/cases.jsonl": "corpus/independent-a/cases.jsonl",
          "independent-a/definitions.json": "corpus/independent-a/definitions.json"}


def test_the_corpora_are_intact_and_the_copies_are_the_shared_corpora():
    """Every corpus file has the checksum recorded when it was added (corpora/SHA256SUMS); and where ../shared is
    beside the checkout, the copies of its corpora are byte for byte the same."""
    recorded = dict(reversed(line.split()) for line in (CORPORA / "SHA256SUMS").read_text().splitlines())
    files = sorted(str(p.relative_to(CORPORA)) for p in CORPORA.glob("*/*") if p.suffix in (".jsonl", ".json"))
    assert sorted(recorded) == files
    for name in files:
        assert hashlib.sha256((CORPORA / name).read_bytes()).hexdigest() == recorded[name], name
    if SHARED.exists():
        for ours, theirs in COPIES.items():
            assert (CORPORA / ours).read_bytes() == (SHARED / theirs).read_bytes(), ours


def _shared_judge():
    spec = importlib.util.spec_from_file_location("score_replies", SHARED / "tools" / "score_replies.py")
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    return shared.judge


def test_our_judge_follows_the_spec_and_agrees_with_the_shared_scorer():
    case = {"id": "x", "expected": {"intent": "answers", "answers": {"a": 4, "b": ["p", "q"],
                                                                     "c": {"contains": ["Mere Lys"], "not_contains": ["Mvh"]}}}}
    assert judge(case, {"intent": "answers", "answers": {"a": 4, "b": ["q", "p"], "c": "mere  lys ved søen"}}).right
    missing = judge(case, {"intent": "answers", "answers": {"a": 4}})
    assert not missing.right and not missing.wrong_answer          # a question not answered is no wrong answer
    extra = judge(case, {"intent": "answers", "answers": {"a": 4, "b": ["p", "q"], "c": "mere lys", "d": 1}})
    assert not extra.right and extra.wrong_answer                  # an answer the labels lack is a wrong one
    assert judge(case, {"intent": "answers", "answers": {"a": 5, "b": ["p", "q"], "c": "mere lys"}}).wrong_answer
    assert judge(case, {"intent": "answers", "answers": {"a": 4, "b": ["p", "q"], "c": "mere lys. Mvh"}}).wrong_answer
    rsvp = {"id": "y", "expected": {"intent": "rsvp", "rsvp": {"attending": "yes", "guests": 1}}}
    assert judge(rsvp, {"intent": "rsvp", "rsvp": {"attending": "yes", "guests": 1}}).right
    assert judge(rsvp, {"intent": "rsvp", "rsvp": {"attending": "yes", "guests": 0}}).wrong_answer
    assert not judge(rsvp, {"intent": "unclear"}).wrong_answer
    if SHARED.exists():
        shared = _shared_judge()
        from conversations.definitions import parse_definitions
        from conversations.reply import read_reply

        for name in ("independent-a", "heldout7"):
            definitions = parse_definitions(json.loads((CORPORA / name / "definitions.json").read_text("utf-8")))
            for line in (CORPORA / name / "cases.jsonl").read_text("utf-8").splitlines():
                c = json.loads(line)
                result = read_reply(c["channel"], c["message"], definitions[c["definition"]],
                                    awaiting=c.get("awaiting")).to_json(c["id"])
                ours, theirs = judge(c, result), shared(c, result)
                assert (ours.right, ours.wrong_answer) == tuple(theirs[:2]), c["id"]
