"""The preview command: every message a citizen can receive is plain Danish, SMS-fit and says how to stop.

Measured with the project's own tool (/work/shared/tools/plain_language.py, imported by path) and with
the product's copy of its rules (engagement.messages.readability / gsm), which must agree.
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
CORPUS_DEFINITIONS = SHARED / "corpus" / "definitions.json"
# Messages that need no way to stop: the person has just left, or the mail goes to an address
# that is not (yet) theirs in the panel.
NO_STOP_NEEDED = {"leaving_confirmation", "panel/goodbye", "panel/email_change"}


@pytest.fixture(scope="module")
def tool():
    if not TOOL.exists():
        pytest.skip("/work/shared is not here")
    spec = importlib.util.spec_from_file_location("plain_language", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def preview(runner):
    if not CORPUS_DEFINITIONS.exists():
        pytest.skip("/work/shared is not here")
    result = runner.invoke(args=["messages", "preview", "--definitions", str(CORPUS_DEFINITIONS)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_preview_is_plain_danish_and_sms_fit(tool, preview):
    assert {(m["language"], m["channel"]) for m in preview} == {("da", "email"), ("da", "sms"),
                                                               ("en", "email"), ("en", "sms")}
    for m in preview:
        assert set(m) == {"template", "channel", "language", "subject", "text"}
        where = f"{m['template']} {m['channel']} {m['language']}"
        if m["language"] == "da":
            assert tool.lix(m["text"]) < 35, where
        if m["channel"] == "sms":
            fits, segments = tool.sms_shape(m["text"])
            assert fits, where
            assert segments <= 3, where
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


def test_product_rules_agree_with_the_tool(tool, preview):
    for m in preview:
        assert lix(m["text"]) == pytest.approx(tool.lix(m["text"]))
        if m["channel"] == "sms":
            assert (is_gsm7(m["text"]), segment_count(m["text"])) == tool.sms_shape(m["text"])
    assert LIX_LIMIT == 35


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
