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
