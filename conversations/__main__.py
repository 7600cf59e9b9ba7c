"""python -m conversations parse --definitions FILE  (spec/reply-corpus.md)

Reads JSON Lines cases on stdin, writes one JSON result per case on stdout.
A malformed case gets {"id": ..., "intent": "unclear", "error": "..."}; the
batch never stops for one case, and the exit status is 0.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys

log = logging.getLogger("conversations")


def _error(case_id, message: str) -> dict:
    return {"id": case_id, "intent": "unclear", "answers": {}, "unclear": [], "error": message}


def parse_case(line: str, definitions: dict) -> dict:
    from .reply import read_reply

    try:
        case = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(None, f"not JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(case, dict):
        return _error(None, "a case must be a JSON object")
    case_id = case.get("id")
    if not isinstance(case_id, (str, int)) or isinstance(case_id, bool):
        return _error(case_id if isinstance(case_id, (str, int)) else None, "missing or invalid 'id'")
    defn = definitions.get(case.get("definition")) if isinstance(case.get("definition"), str) else None
    if defn is None:
        return _error(case_id, f"unknown definition {case.get('definition')!r}")
    channel = case.get("channel")
    if channel not in ("email", "sms"):
        return _error(case_id, f"unknown channel {channel!r}")
    message = case.get("message")
    if not isinstance(message, str):
        return _error(case_id, "'message' must be a string")
    awaiting = case.get("awaiting")
    if awaiting is not None and (not isinstance(awaiting, str) or channel != "sms"
                                 or not hasattr(defn, "questions") or defn.question(awaiting) is None):
        return _error(case_id, f"invalid 'awaiting' {awaiting!r}")
    try:
        reading = read_reply(channel, message, defn, awaiting=awaiting)
    except Exception as exc:  # our fault: log it, keep the batch going
        log.exception("case %s failed", case_id)
        return _error(case_id, f"internal error: {type(exc).__name__}")
    return reading.to_json(case_id)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m conversations")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="read JSONL cases on stdin, write JSONL results on stdout")
    p.add_argument("--definitions", required=True, help="JSON object: key -> survey or meeting definition")
    args = ap.parse_args(argv)

    from .definitions import DefinitionError, parse_definitions

    try:
        with open(args.definitions, encoding="utf-8") as f:
            definitions = parse_definitions(json.load(f))
    except (OSError, json.JSONDecodeError, DefinitionError) as exc:
        print(f"error: cannot read definitions: {exc}", file=sys.stderr)
        return 2
    stdin = open(sys.stdin.fileno(), encoding="utf-8", errors="surrogateescape", closefd=False)
    out = sys.stdout
    for line in stdin:
        if not line.strip():
            continue
        result = parse_case(line, definitions)
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
