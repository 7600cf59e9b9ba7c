"""Labelled corpora scored with the corpus tool's own judge (../shared/tools/score_replies.py).

The shared development corpus, and the held-out sets under ``heldout*/``:
each was written by someone who did not see the rules, about other surveys
and other writers, and first measured unseen (see the README).  Once a set has
been used to improve the rules it guards against regressions.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conversations.definitions import parse_definitions
from conversations.reply import read_reply
from tests.conftest import SHARED

HERE = Path(__file__).resolve().parent
SCORER = SHARED / "tools" / "score_replies.py"
CORPORA = {"dev": (SHARED / "corpus" / "definitions.json", SHARED / "corpus" / "dev.jsonl")}
CORPORA.update({folder.name: (folder / "definitions.json", folder / "cases.jsonl")
                for folder in sorted(HERE.glob("heldout*")) if (folder / "cases.jsonl").exists()})


def load_judge():
    spec = importlib.util.spec_from_file_location("score_replies", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.judge


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_corpus_accuracy_and_wrong_answers(name):
    definitions_path, cases_path = CORPORA[name]
    judge = load_judge()
    definitions = parse_definitions(json.loads(definitions_path.read_text("utf-8")))
    cases = [json.loads(line) for line in cases_path.read_text("utf-8").splitlines() if line.strip()]
    right = wrong = 0
    misses = []
    for case in cases:
        reading = read_reply(case["channel"], case["message"], definitions[case["definition"]],
                             awaiting=case.get("awaiting"))
        ok, bad, reasons = judge(case, reading.to_json(case["id"]))
        right += ok
        wrong += bad
        if not ok:
            misses.append((case["id"], reasons))
    accuracy, wrong_rate = right / len(cases), wrong / len(cases)
    assert accuracy >= 0.97, misses
    assert wrong_rate <= 0.01, misses
