"""python -m conversations parse, run as the corpus tools run it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFS = {
    "fest": {"kind": "meeting", "key": "fest", "title": "Sommerfest",
             "starts_at": "2027-06-20T15:00:00+02:00", "ends_at": "2027-06-20T18:00:00+02:00",
             "location": "Byparken", "max_guests": 1},
    "affald": {"kind": "survey", "key": "affald", "title": "Affald", "questions": [
        {"number": 1, "key": "sortering", "type": "scale", "min": 1, "max": 5, "text": "Hvor tilfreds?"},
        {"number": 2, "key": "kompost", "type": "yes_no", "text": "Komposterer du?"}]},
}


def run(tmp_path, lines, defs=DEFS):
    path = tmp_path / "defs.json"
    path.write_text(json.dumps(defs), "utf-8")
    proc = subprocess.run([sys.executable, "-m", "conversations", "parse", "--definitions", str(path)],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120)
    return proc, [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]


def test_parse_cases_and_survive_malformed_ones(tmp_path):
    email = ("From: A <a@example.dk>\r\nTo: svar+x@example.dk\r\nSubject: Re: Affald\r\n"
             "Message-ID: <1@example.dk>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n1: 4\r\n2: nej\r\n")
    lines = [
        json.dumps({"id": "a", "definition": "fest", "channel": "sms", "message": "Vi kommer to"}),
        json.dumps({"id": "b", "definition": "affald", "channel": "sms", "message": "4", "awaiting": "sortering"}),
        json.dumps({"id": "c", "definition": "affald", "channel": "email", "message": email}),
        "{not json",
        json.dumps({"id": "d", "definition": "nope", "channel": "sms", "message": "ja"}),
        json.dumps({"id": "e", "definition": "fest", "channel": "fax", "message": "ja"}),
        json.dumps({"id": "f", "definition": "fest", "channel": "sms"}),
        json.dumps({"id": "g", "definition": "affald", "channel": "sms", "message": "4", "awaiting": "x"}),
        json.dumps(["a list"]),
        json.dumps({"id": "h", "definition": "affald", "channel": "sms", "message": "STOP"}),
    ]
    proc, out = run(tmp_path, lines)
    assert proc.returncode == 0, proc.stderr
    by_id = {r["id"]: r for r in out if r["id"] is not None}
    assert len(out) == len(lines)
    assert by_id["a"]["intent"] == "rsvp" and by_id["a"]["rsvp"] == {"attending": "yes", "guests": 1}
    assert by_id["b"]["answers"] == {"sortering": 4}
    assert by_id["c"]["answers"] == {"sortering": 4, "kompost": "no"}
    for bad in ("d", "e", "f", "g"):
        assert by_id[bad]["intent"] == "unclear" and by_id[bad]["error"], bad
    assert by_id["h"]["intent"] == "unsubscribe"
    assert sum(1 for r in out if r["id"] is None and r.get("error")) == 2


def test_bad_definitions_file_is_reported(tmp_path):
    proc, out = run(tmp_path, ["{}"], defs={"x": {"kind": "poll"}})
    assert proc.returncode != 0
    assert "definitions" in proc.stderr
    assert out == []


def test_every_line_gets_an_answer_whatever_it_holds(tmp_path):
    """Lone surrogates, 200,000 nested brackets, bytes that are not UTF-8, an overlong line and a
    100 KB SMS: one result line each, valid UTF-8 JSON, and the cases after them still read."""
    from conversations.__main__ import MAX_LINE_BYTES

    path = tmp_path / "defs.json"
    path.write_text(json.dumps(DEFS), "utf-8")
    good = json.dumps({"id": "last", "definition": "affald", "channel": "sms", "message": "4",
                       "awaiting": "sortering"}).encode()
    lines = [
        json.dumps({"id": "sur\ud800", "definition": "affald", "channel": "sms", "message": "ja"}).encode(),
        b"[" * 200_000,
        b'{"id": "bad\xff", "definition": "affald", "channel": "sms", "message": "4 \xfe"}',
        b'{"id": "huge", "definition": "affald", "channel": "sms", "message": "' + b"a" * (MAX_LINE_BYTES + 10) + b'"}',
        json.dumps({"id": "long", "definition": "affald", "channel": "sms", "message": "ja " * 35_000}).encode(),
        b'{"id": "nul", "definition": "affald", "channel": "sms", "message": "ja\\u0000tak"}',
        good,
    ]
    proc = subprocess.run([sys.executable, "-m", "conversations", "parse", "--definitions", str(path)],
                          input=b"\n".join(lines) + b"\n", capture_output=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(lines)
    assert out[0]["id"] == "sur\ud800"
    assert out[1] == {"id": None, "intent": "unclear", "answers": {}, "unclear": [],
                      "error": "not readable: JSON nested too deep"}
    assert out[2]["id"] == "bad\udcff"
    assert out[3]["id"] is None and "longer than" in out[3]["error"]
    assert out[4]["id"] == "long" and out[4]["intent"] == "other" and "a person" in out[4]["error"]
    assert out[5]["id"] == "nul" and "error" not in out[5]
    assert out[6] == {"id": "last", "intent": "answers", "answers": {"sortering": 4}, "unclear": []}
