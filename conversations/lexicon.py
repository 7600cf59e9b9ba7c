"""Closed word classes that several phenomena share (folded: ae/oe/aa)."""
from __future__ import annotations

# Words that negate what follows them, in Danish (and the unambiguous English and German ones).
NEGATIONS = {"ikke", "ik", "ikk", "ikkke", "aldrig", "ingen", "hverken", "ej", "not", "never", "nicht", "nie", "kein",
             "keine", "keinen"}


# Words that open a contrast ("A og B men ikke C"), and where a list is cut before one
CONTRAST = frozenset({"men", "but", "aber"})
BEFORE_CONTRAST = r"\s+(?=(?:men|but|aber)\s)"

# Words that narrow or correct what was listed before them: "A og B, men kun A", "men egentlig B"
RESTRICTING = frozenset({"kun", "bare", "egentlig", "faktisk", "rettere", "snarere", "only", "just", "actually",
                         "rather", "nur", "eigentlich"})
