"""The shared development corpus, scored with the corpus tool's own judge."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conversations.definitions import parse_definitions
from conversations.reply import read_reply

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus" / "dev.jsonl"
SCORER = SHARED / "tools" / "score_replies.py"


def load_judge():
    spec = importlib.util.spec_from_file_location("score_replies", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.judge


@pytest.mark.skipif(not CORPUS.exists() or not SCORER.exists(), reason="shared corpus not present")
def test_dev_corpus_accuracy_and_wrong_answers():
    judge = load_judge()
    definitions = parse_definitions(json.loads((SHARED / "corpus" / "definitions.json").read_text("utf-8")))
    cases = [json.loads(l) for l in CORPUS.read_text("utf-8").splitlines() if l.strip()]
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
