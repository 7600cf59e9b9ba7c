"""conversations.lemmas: spaCy's Danish lemma table, prebuilt, memory-mapped, binary search."""
from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
from pathlib import Path

from conversations import lemmas
from conversations import text as danish

ROOT = Path(__file__).resolve().parents[2]


def test_every_sampled_entry_matches_the_source_table():
    with gzip.open(lemmas.source_path(), "rt", encoding="utf-8") as f:
        table = json.load(f)
    keys = random.Random(5).sample(sorted(table), 20_000)
    assert [lemmas.lemma(key) for key in keys] == [table[key] for key in keys]
    assert lemmas.lemma("bussen") == "bus" and lemmas.lemma("børn") == "barn"


def test_words_outside_the_table_give_none():
    for word in ("xyzzyq", "", "æææææææ", "a\ud800b", "\x00"):
        assert lemmas.lemma(word) is None
    assert danish.lemma("xyzzyq") == "xyzzyq"  # the reader keeps the surface form


def test_build_writes_a_sorted_file_atomically(tmp_path):
    source = tmp_path / "da_lemma_lookup.json.gz"
    with gzip.open(source, "wt", encoding="utf-8") as f:
        json.dump({"bussen": "bus", "aften": "aften", "Æbler": "æble", "b": "b"}, f)
    path = lemmas.build(source, tmp_path / "out" / "table.bin")
    table = lemmas._Table(path)
    assert table.count == 4 and table.get("bussen") == "bus" and table.get("Æbler") == "æble"
    assert table.get("bus") is None and table.get("c") is None
    assert [p.name for p in path.parent.iterdir()] == ["table.bin"]  # no temporary file left


def test_a_fresh_process_reads_lemmas_without_loading_spacy():
    code = ("import sys; from conversations import lemmas, text as danish; lemmas.preload(); "
            "print(lemmas.lemma('aftenen'), danish.lemma('bussen'), 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["aften", "bus", "False"]  # its time and memory: bench/parse.py
