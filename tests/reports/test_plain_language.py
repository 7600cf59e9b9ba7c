"""Every feedback message passes the project's plain-language tool through ``messages preview``,
and a real summary (a long title, a real link) does too."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from engagement.messages.readability import LIX_LIMIT
from engagement.reports.feedback import format_day, render_feedback
from tests.conftest import SHARED

TOOL = SHARED / "tools" / "plain_language.py"
DEFINITION = {"kind": "survey", "key": "trafik", "title": "Trafik i byen", "questions": [
    {"number": 1, "key": "bus", "type": "scale", "min": 1, "max": 5, "text": "Hvor tilfreds er du med busserne?"}]}


def _measure(lines: list[str]) -> list[dict]:
    """LIX, GSM 7-bit and segments of each message by the product's rules; where ../shared is beside the
    checkout, its measuring tool must say the same."""
    from engagement.messages.gsm import is_gsm7, segment_count
    from engagement.messages.readability import lix

    rows = []
    for line in lines:
        m = json.loads(line)
        rows.append({**m, "lix": lix(m["text"]), "gsm7": is_gsm7(m["text"]), "segments": segment_count(m["text"])})
    if TOOL.exists():
        done = subprocess.run([sys.executable, str(TOOL), "--json"], input="\n".join(lines), text=True,
                              capture_output=True, check=True)
        for ours, theirs in zip(rows, json.loads(done.stdout)["messages"]):
            assert ours["lix"] == pytest.approx(theirs["lix"], abs=0.051)  # the tool rounds to one decimal
            if ours["channel"] == "sms":
                assert (ours["gsm7"], ours["segments"]) == (theirs["gsm7"], theirs["segments"])
    return rows


def test_feedback_messages_in_the_preview_pass_the_tool(runner, tmp_path):
    path = tmp_path / "defs.json"
    path.write_text(json.dumps(DEFINITION), encoding="utf-8")
    result = runner.invoke(args=["messages", "preview", "--definitions", str(path)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if '"feedback_' in line]
    rows = _measure(lines)
    assert {(r["template"], r["channel"]) for r in rows} == {
        (t, c) for t in ("feedback_summary", "feedback_followup") for c in ("email", "sms")}
    for row in rows:
        if row["language"] == "da":
            assert row["lix"] < LIX_LIMIT, row
        if row["channel"] == "sms":
            assert row["gsm7"] and row["segments"] <= 2, row


def test_a_real_summary_with_a_long_title_and_link(ctx):
    from datetime import datetime, timezone

    link = "http://localhost/p/kommune/resultater/eyJmIjoxMjN9.Z0c5mA.n3pYk0b8hG2cXJm6s1t7aQ9wVbE"
    lines = []
    for kind in ("summary", "followup"):
        for channel in ("email", "sms"):
            message = render_feedback(
                kind, channel=channel, language="da", title="Fremtidens trafik og parkering i midtbyen – 2027",
                respondents=1234, rate=0.617, surveys_answered=4, results_url=link, leave_url=link,
                answered_on=format_day(datetime(2027, 1, 14, 9, tzinfo=timezone.utc), "da"),
                figures=[{"question": "Hvor tilfreds er du med busserne?", "answer": "4", "percent": 0.62}],
                note="Byrådet ser på svarene i marts. Vi skriver igen, når vi ved mere.", name="Mette")
            if kind == "summary" and channel == "email":
                flat = " ".join(message.text.split())
                assert "I alt svarede 1.234. Det er 62 % af dem, vi spurgte." in flat
                assert "Du svarede den 14. januar 2027." in flat and "Flest svarede: 4 (62 %)." in flat
            lines.append(json.dumps(message.as_dict(), ensure_ascii=False))
    for row in _measure(lines):
        assert row["lix"] < LIX_LIMIT, row
        if row["channel"] == "sms":
            assert row["gsm7"] and row["segments"] <= 2, row
