"""How fast `conversations.mail.read_message` reads whole emails, on one core.

    python bench/mail.py [CORPUS.jsonl ...]

The emails of the labelled corpora (dev and the heldout sets by default) are
read several times; the best pass is reported as messages per second and as
a ratio to the baseline measured in the same run: the standard library
parsing the same bytes (`email.message_from_bytes`, compat32) and decoding
their text parts, which any reader has to do.
"""
from __future__ import annotations

import email
import json
import os
import sys
import time
from email import policy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = sorted(ROOT.glob("tests/conversations/corpora/*/cases.jsonl"))


def baseline(raw: bytes) -> None:
    msg = email.message_from_bytes(raw, policy=policy.compat32)
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            data = part.get_payload(decode=True) or b""
            data.decode(part.get_content_charset() or "utf-8", "replace")


def best_rate(fn, raws: list[bytes], passes: int = 5) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for raw in raws:
            fn(raw)
        best = min(best, time.perf_counter() - start)
    return len(raws) / best


def main() -> int:
    paths = [Path(p) for p in sys.argv[1:]] or [p for p in DEFAULT if p.exists()]
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    from conversations.mail import read_message

    raws = [json.loads(line)["message"].encode("utf-8", "surrogateescape")
            for path in paths for line in path.read_text("utf-8").splitlines()
            if line.strip() and json.loads(line)["channel"] == "email"]
    if not raws:
        print("no emails found")
        return 1
    for raw in raws:  # warm up: regexes, lazy imports
        read_message(raw)
    base = best_rate(baseline, raws)
    ours = best_rate(read_message, raws)
    print(f"{len(raws)} emails from {len(paths)} corpora, best of 5 passes")
    print(f"stdlib parse + decode (baseline): {base:,.0f} messages/s")
    print(f"read_message:                     {ours:,.0f} messages/s ({base / ours:.1f}x the baseline's time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
