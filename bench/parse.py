"""Start-up time and cases per second of the reply reader on one core.

    python bench/parse.py [CORPUS.jsonl] [DEFINITIONS.json]

Start-up = first import of the package + loading the spaCy pipeline.  The
rate is measured over the dev corpus after start-up (several passes, best
pass reported), the same work as `python -m conversations parse` minus JSON.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "conversations" / "corpora" / "dev"
sys.path.insert(0, str(ROOT))


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS / "cases.jsonl"
    defs_path = Path(sys.argv[2]) if len(sys.argv) > 2 else CORPUS / "definitions.json"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core

    t0 = time.perf_counter()
    from conversations import text as danish
    from conversations.definitions import parse_definitions
    from conversations.reply import read_reply
    danish.nlp()
    danish.lemma("bussen")
    startup = time.perf_counter() - t0

    definitions = parse_definitions(json.loads(defs_path.read_text("utf-8")))
    cases = [json.loads(l) for l in corpus.read_text("utf-8").splitlines() if l.strip()]

    def one_pass() -> float:
        start = time.perf_counter()
        for c in cases:
            read_reply(c["channel"], c["message"], definitions[c["definition"]], awaiting=c.get("awaiting"))
        return time.perf_counter() - start

    first = one_pass()  # cold caches (lemmas, regexes)
    best = min(one_pass() for _ in range(3))
    print(f"start-up (import + spaCy pipeline): {startup:.2f} s")
    print(f"first pass: {len(cases) / first:,.0f} cases/s ({len(cases)} cases, {first * 1000:.0f} ms)")
    print(f"steady:     {len(cases) / best:,.0f} cases/s (best of 3 passes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
