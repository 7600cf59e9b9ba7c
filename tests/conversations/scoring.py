"""Judging the reader on a labelled corpus, as ../shared/spec/reply-corpus.md defines it.

A case is right when its intent, every expected answer and its rsvp are
right, and it reports no answer the labels lack.  A case has a wrong answer
when a reported answer or rsvp is labelled with another value, or is not
labelled at all: a wrong answer does more harm than a question asked twice.

    .venv/bin/python -m tests.conversations.scoring [CORPUS_DIR ...]

reads each corpus folder's cases.jsonl against its definitions.json and prints
accuracy and wrong-answer rate (all corpora under corpora/ by default), with
`--show N` the first N misses of each.
"""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

CORPORA = Path(__file__).resolve().parent / "corpora"


@dataclass(frozen=True)
class Verdict:
    right: bool
    wrong_answer: bool
    reasons: tuple[str, ...]


@dataclass
class Score:
    cases: int = 0
    right: int = 0
    wrong: int = 0
    misses: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.cases if self.cases else 0.0

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.cases if self.cases else 0.0


def _folded(text) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def value_matches(expected, got) -> bool:
    """A text answer by the phrases it must and must not hold; a list as a set; anything else exactly."""
    if isinstance(expected, dict):
        return isinstance(got, str) and all(_folded(p) in _folded(got) for p in expected.get("contains", [])) and \
            not any(_folded(p) in _folded(got) for p in expected.get("not_contains", []))
    if isinstance(expected, list):
        return isinstance(got, list) and sorted(map(str, got)) == sorted(map(str, expected))
    if isinstance(expected, int) and not isinstance(expected, bool):
        return isinstance(got, (int, float)) and not isinstance(got, bool) and got == expected
    return got == expected


def judge(case: dict, result: dict | None) -> Verdict:
    if result is None:
        return Verdict(False, False, ("no result",))
    expected = case["expected"]
    reasons: list[str] = []
    wrong = False
    if result.get("intent") != expected.get("intent"):
        reasons.append(f"intent {result.get('intent')!r} != {expected.get('intent')!r}")
    want, got = expected.get("answers") or {}, result.get("answers") or {}
    for key, value in want.items():
        if key not in got:
            reasons.append(f"missing {key}")
        elif not value_matches(value, got[key]):
            reasons.append(f"{key}: {got[key]!r} != {value!r}")
            wrong = True
    for key in got.keys() - want.keys():
        reasons.append(f"extra {key}: {got[key]!r}")
        wrong = True
    want_rsvp, got_rsvp = expected.get("rsvp"), result.get("rsvp")
    if want_rsvp:
        if not got_rsvp:
            reasons.append("missing rsvp")
        elif (got_rsvp.get("attending"), got_rsvp.get("guests", 0)) != (want_rsvp.get("attending"),
                                                                          want_rsvp.get("guests", 0)):
            reasons.append(f"rsvp {got_rsvp} != {want_rsvp}")
            wrong = True
    elif got_rsvp and result.get("intent") == "rsvp":
        reasons.append(f"extra rsvp {got_rsvp}")
        wrong = True
    return Verdict(not reasons, wrong, tuple(reasons))


def score(cases: list[dict], results: dict[str, dict]) -> Score:
    out = Score()
    for case in cases:
        verdict = judge(case, results.get(case["id"]))
        out.cases += 1
        out.right += verdict.right
        out.wrong += verdict.wrong_answer
        if not verdict.right:
            out.misses.append((case["id"], verdict.reasons))
    return out


def load(folder: Path) -> tuple[dict, list[dict]]:
    """(definitions, cases) of a corpus folder."""
    from conversations.definitions import parse_definitions

    definitions = parse_definitions(json.loads((folder / "definitions.json").read_text("utf-8")))
    cases = [json.loads(line) for line in (folder / "cases.jsonl").read_text("utf-8").splitlines() if line.strip()]
    return definitions, cases


def read_corpus(folder: Path) -> Score:
    """Read every case of a corpus with the reader and score the results."""
    from conversations.reply import read_reply

    definitions, cases = load(folder)
    results = {case["id"]: read_reply(case["channel"], case["message"], definitions[case["definition"]],
                                      awaiting=case.get("awaiting")).to_json(case["id"]) for case in cases}
    return score(cases, results)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m tests.conversations.scoring")
    ap.add_argument("folders", nargs="*", type=Path, help="corpus folders (default: all under corpora/)")
    ap.add_argument("--show", type=int, default=0, help="print the first N misses of each corpus")
    args = ap.parse_args(argv)
    for folder in args.folders or sorted(p for p in CORPORA.iterdir() if (p / "cases.jsonl").exists()):
        s = read_corpus(folder)
        print(f"{folder.name:14} cases {s.cases:4}  accuracy {s.accuracy:6.1%}  wrong-answer rate {s.wrong_rate:5.1%}")
        for case_id, reasons in s.misses[:args.show]:
            print(f"    {case_id}: {'; '.join(reasons)}")


if __name__ == "__main__":
    main()
