"""Start-up time and cases per second of the reply reader on one core.

    python bench/parse.py [CORPUS.jsonl] [DEFINITIONS.json]

1. A parse of one case, the way a CLI run or a fresh worker pays it: a new
   ``python -m conversations parse`` process reading one case that needs the
   lemma table, its wall time and peak RSS (from ``wait4``), best of three;
   beside it, in the same run, what the same machine pays for a bare
   interpreter, for ``import spacy; spacy.blank("da")``, and for the old way of
   loading the lemmas (spaCy's lookup lemmatizer: ``nlp.initialize()`` fills a
   Table with 553,116 entries).  Goal: < 1 s and < 120 MB.
2. The rate over the dev corpus after start-up (several passes, best pass
   reported), the same work as ``python -m conversations parse`` minus JSON.
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


OLD_LEMMAS = ("import spacy; nlp = spacy.blank('da'); nlp.add_pipe('lemmatizer', config={'mode': 'lookup'}); "
              "nlp.initialize(); nlp.get_pipe('lemmatizer').lookups.get_table('lemma_lookup').get('bussen')")


def measure(command: list[str], stdin: bytes = b"") -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one fresh process, best of three."""
    import subprocess

    runs = []
    for _ in range(3):
        began = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, cwd=ROOT)
        process.stdin.write(stdin)
        process.stdin.close()
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        assert process.returncode == 0, command
        runs.append((time.perf_counter() - began, usage.ru_maxrss / 1024))
    return min(r[0] for r in runs), min(r[1] for r in runs)


def startup(corpus: Path, defs_path: Path) -> None:
    lines = corpus.read_bytes().splitlines()
    case = next(line for line in lines if b'"dev-003"' in line) if any(b'"dev-003"' in l for l in lines) else lines[0]
    python = sys.executable
    rows = [
        ("parse one case (python -m conversations parse)",
         measure([python, "-m", "conversations", "parse", "--definitions", str(defs_path)], case + b"\n")),
        ("baseline: bare interpreter (python -c pass)", measure([python, "-c", "pass"])),
        ("baseline: import spacy; spacy.blank('da')", measure([python, "-c", "import spacy; spacy.blank('da')"])),
        ("baseline: the old lemmas (spaCy lookup lemmatizer)", measure([python, "-c", OLD_LEMMAS])),
    ]
    for name, (seconds, megabytes) in rows:
        print(f"{name:52} {seconds:6.2f} s  {megabytes:6.0f} MB peak RSS")
    seconds, megabytes = rows[0][1]
    print(f"one case: {seconds:.2f} s, {megabytes:.0f} MB (goal < 1 s, < 120 MB): "
          f"{'ok' if seconds < 1 and megabytes < 120 else 'MISSED'}")


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS / "cases.jsonl"
    defs_path = Path(sys.argv[2]) if len(sys.argv) > 2 else CORPUS / "definitions.json"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    startup(corpus, defs_path)

    t0 = time.perf_counter()
    from conversations import text as danish
    from conversations.definitions import parse_definitions
    from conversations.reply import read_reply
    danish.lemma("bussen")
    loaded = time.perf_counter() - t0

    definitions = parse_definitions(json.loads(defs_path.read_text("utf-8")))
    cases = [json.loads(l) for l in corpus.read_text("utf-8").splitlines() if l.strip()]

    def one_pass() -> float:
        start = time.perf_counter()
        for c in cases:
            read_reply(c["channel"], c["message"], definitions[c["definition"]], awaiting=c.get("awaiting"))
        return time.perf_counter() - start

    first = one_pass()  # cold caches (lemmas, regexes)
    best = min(one_pass() for _ in range(3))
    print(f"start-up in this process (import + lemma table): {loaded:.2f} s")
    print(f"first pass: {len(cases) / first:,.0f} cases/s ({len(cases)} cases, {first * 1000:.0f} ms)")
    print(f"steady:     {len(cases) / best:,.0f} cases/s (best of 3 passes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
