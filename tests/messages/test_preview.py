"""The preview command: every message a citizen can receive is plain Danish, SMS-fit and says how to stop.

Measured with the product's own rules (engagement.messages.readability / gsm); where ../shared is beside
the checkout, they must agree with the measuring tool there (tools/plain_language.py).
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from engagement.messages.gsm import is_gsm7, segment_count
from engagement.messages.readability import LIX_LIMIT, lix
from engagement.messages.render import TEMPLATES
from tests.conftest import SHARED

TOOL = SHARED / "tools" / "plain_language.py"
CORPUS_DEFINITIONS = Path(__file__).resolve().parents[1] / "conversations" / "corpora" / "dev" / "definitions.json"
# Messages that need no way to stop: the person has just left, or the mail goes to an address
# that is not (yet) theirs in the panel.
NO_STOP_NEEDED = {"leaving_confirmation", "panel/goodbye", "panel/email_change"}


def shared_tool():
    """The shared measuring tool, when ../shared is beside the checkout (else None)."""
    if not TOOL.exists():
        return None
    spec = importlib.util.spec_from_file_location("plain_language", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def preview(runner):
    result = runner.invoke(args=["messages", "preview", "--definitions", str(CORPUS_DEFINITIONS)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_preview_is_plain_danish_and_sms_fit(preview):
    assert {(m["language"], m["channel"]) for m in preview} == {("da", "email"), ("da", "sms"),
                                                               ("en", "email"), ("en", "sms")}
    for m in preview:
        assert set(m) == {"template", "channel", "language", "subject", "text"}
        where = f"{m['template']} {m['channel']} {m['language']}"
        if m["language"] == "da":
            assert lix(m["text"]) < LIX_LIMIT, where
        if m["channel"] == "sms":
            assert is_gsm7(m["text"]), where
            assert segment_count(m["text"]) <= 3, where
        else:
            assert m["subject"], where


def test_every_message_says_how_to_stop(preview):
    for m in preview:
        if m["template"] in NO_STOP_NEEDED:
            continue
        if m["channel"] == "email":
            assert "/udmeld/" in m["text"], m["template"]
        else:
            assert "STOP" in m["text"], m["template"]


def test_preview_covers_every_template_and_definition(preview):
    templates = {m["template"] for m in preview}
    assert set(TEMPLATES) <= templates
    texts = "\n".join(m["text"] for m in preview)
    for title in ("Trafik i byen", "Biblioteket", "Borgermøde om den nye havn", "Workshop om kommunens klimaplan"):
        assert title in texts
    # The citizens' own emails (signup confirmation, welcome, profile link, goodbye), when they exist.
    panel_emails = Path(__file__).resolve().parents[2] / "engagement/panel/templates/panel/email"
    for name in ("confirm", "welcome", "profile_link", "goodbye"):
        if (panel_emails / f"{name}.txt").exists():
            assert f"panel/{name}" in templates


def test_product_rules_measure_as_the_tool_does(preview):
    # LIX by hand: 11 words in 2 sentences, 1 word over six letters ("Rådhussalen") -> 11/2 + 100*1/11
    assert lix("Tak for dit svar. Vi glæder os til mødet i Rådhussalen.") == pytest.approx(11 / 2 + 100 * 1 / 11)
    assert is_gsm7("Hej Åse, æ ø å er GSM") and not is_gsm7("Hej – med en tankestreg")
    assert segment_count("x" * 160) == 1 and segment_count("x" * 161) == 2 and segment_count("–" * 71) == 2
    tool = shared_tool()
    if tool is not None:
        for m in preview:
            assert lix(m["text"]) == pytest.approx(tool.lix(m["text"]))
            if m["channel"] == "sms":
                assert (is_gsm7(m["text"]), segment_count(m["text"])) == tool.sms_shape(m["text"])


def test_preview_of_a_bad_file_fails_clearly(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"kind": "survey", "key": "x", "title": "T", "questions": []}), encoding="utf-8")
    result = runner.invoke(args=["messages", "preview", "--definitions", str(bad)])
    assert result.exit_code != 0 and "at least one question" in result.output


def test_preview_filters_by_language_and_channel(runner, tmp_path):
    defs = tmp_path / "defs.json"
    defs.write_text(json.dumps({"kind": "meeting", "key": "m", "title": "Møde", "starts_at": "2027-06-10T19:00:00+02:00",
                                "ends_at": "2027-06-10T21:00:00+02:00", "location": "Rådhuset"}), encoding="utf-8")
    result = runner.invoke(args=["messages", "preview", "--definitions", str(defs), "--language", "da",
                                 "--channel", "sms"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and {(r["language"], r["channel"]) for r in rows} == {("da", "sms")}
    assert any("torsdag den 10. juni 2027 kl. 19.00-21.00" in r["text"] for r in rows)
