"""Closed word classes that several phenomena share (folded: ae/oe/aa)."""
from __future__ import annotations

# Words that negate what follows them in Danish.
NEGATIONS = {"ikke", "ik", "ikk", "ikkke", "aldrig", "ingen", "hverken", "ej"}
