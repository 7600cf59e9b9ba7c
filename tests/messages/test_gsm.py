"""GSM 03.38: which texts fit the 7-bit alphabet, how many segments, and the plain forms of offenders."""
from __future__ import annotations

import pytest

from engagement.messages.gsm import is_gsm7, segment_count, to_gsm7


@pytest.mark.parametrize("text, expected", [
    ("Hej Mette. Svar JA, NEJ eller MÅSKE.", True),
    ("æøå ÆØÅ é ü @ £ € [ ]", True),
    ("Kl. 19.00-21.00", True),
    ("Kl. 19.00–21.00", False),           # en dash
    ("Svar “ja”", False),                 # curly quotes
    ("Det er alt…", False),               # ellipsis
    ("62\u00a0%", False),                 # Babel's non-breaking space
    ("Tak 👍", False),
])
def test_is_gsm7(text, expected):
    assert is_gsm7(text) is expected


def test_segment_count_gsm7():
    assert segment_count("a" * 160) == 1
    assert segment_count("a" * 161) == 2
    assert segment_count("a" * 306) == 2
    assert segment_count("a" * 307) == 3
    assert segment_count("€" * 80) == 1      # an extension character takes two septets
    assert segment_count("€" * 81) == 2
    assert segment_count("æøå" * 53 + "x") == 1


def test_segment_count_ucs2():
    assert segment_count("–" + "a" * 69) == 1
    assert segment_count("–" + "a" * 70) == 2
    assert segment_count("–" + "a" * 133) == 2
    assert segment_count("–" + "a" * 134) == 3
    assert segment_count("👍" * 35) == 1       # an emoji is two UTF-16 units


@pytest.mark.parametrize("text, expected", [
    ("Borgermøde – den nye havn", "Borgermøde - den nye havn"),
    ("Svar “ja” eller ‘nej’", "Svar \"ja\" eller 'nej'"),
    ("Og så videre…", "Og så videre..."),
    ("62\u00a0%", "62 %"),
    ("Tak 👍 for hjælpen", "Tak for hjælpen"),
    ("Zoë og Renée", "Zoe og Renée"),
    ("Allerede fint: æøå", "Allerede fint: æøå"),
])
def test_to_gsm7(text, expected):
    assert to_gsm7(text) == expected
    assert is_gsm7(to_gsm7(text))
