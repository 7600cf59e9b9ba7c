"""python -m conversations parse --definitions FILE  (spec/reply-corpus.md)

Reads JSON Lines cases on stdin, writes one JSON result per case on stdout.
A malformed case gets {"id": ..., "intent": "unclear", "error": "..."}; the
batch never stops for one case, and the exit status is 0.  Every line gets
exactly one result line, whatever it holds: not JSON, JSON nested too deep
to read (RecursionError), bytes that are not UTF-8 (read as lone surrogates,
never a crash), a line over ``MAX_LINE_BYTES`` (the rest of it is skipped
unread), a lone surrogate in ``id`` (written back as a JSON escape, so the output
is always valid UTF-8).  One reading is bounded in size and time
(``conversations.limits``).
"""
from __future__ import annotations

import argparse
import json
import logging
import sys

log = logging.getLogger("conversations")


def _error(case_id, message: str) -> dict:
    return {"id": case_id, "intent": "unclear", "answers": {}, "unclear": [], "error": message}


MAX_LINE_BYTES = 16 * 1024 * 1024


def parse_case(line: str, definitions: dict) -> dict:
    try:
        return _parse_case(line, definitions)
    except Exception as exc:  # our fault, or a case no check foresaw: one error line, the batch goes on
        log.exception("a case could not be parsed")
        return _error(None, f"internal error: {type(exc).__name__}")


def _parse_case(line: str, definitions: dict) -> dict:
    from .reply import read_reply

    try:
        case = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(None, f"not JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return _error(None, "not readable: JSON nested too deep")
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
    from .reply import warm_up

    warm_up(definitions.values())  # start-up: the first cases read as fast as the rest
    out = open(sys.stdout.fileno(), "wb", closefd=False)
    for raw, complete in read_lines(open(sys.stdin.fileno(), "rb", closefd=False)):
        if not complete:
            result = _error(None, f"line longer than {MAX_LINE_BYTES} bytes: not read")
        else:
            line = raw.decode("utf-8", "surrogateescape")
            if not line.strip():
                continue
            result = parse_case(line, definitions)
        out.write(encode_result(result))
    out.flush()
    return 0


def read_lines(stream, limit: int = MAX_LINE_BYTES):
    """(line bytes, True) per line; (b"", False) for a line over ``limit`` (its rest is skipped)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the overlong line, a chunk at a time
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield b"", False
            continue
        yield line, True


def encode_result(result: dict) -> bytes:
    """One result line as UTF-8; a lone surrogate (from the input) is written as a JSON escape."""
    text = json.dumps(result, ensure_ascii=False) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(result, ensure_ascii=True) + "\n").encode("ascii")


if __name__ == "__main__":
    sys.exit(main())
