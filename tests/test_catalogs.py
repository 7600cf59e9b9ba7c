"""Every string a person reads is in both catalogs (Danish source, English translation)."""
from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
METHOD_MAP = [("**.py", "python"), ("**/templates/**.html", "jinja2"), ("**/templates/**.txt", "jinja2")]
# As the Makefile's `pybabel extract`: Babel's default keywords plus -k _l -k lazy_gettext -k ngettext:1,2.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}


def extracted_ids() -> set[str]:
    ids: set[str] = set()
    for package in ("engagement", "conversations"):
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT / package, METHOD_MAP, keywords=KEYWORDS,
                options_map={"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}):
            ids.add(message[0] if isinstance(message, (tuple, list)) else message)
    return ids


def catalog(language: str):
    with open(ROOT / "locales" / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


@pytest.fixture(scope="module")
def ids():
    found = extracted_ids()
    assert found, "no translatable strings found: is the extractor set up?"
    return found


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_string_is_in_the_catalog(ids, language):
    known = {message.id if isinstance(message.id, str) else message.id[0] for message in catalog(language) if message.id}
    missing = sorted(ids - known)
    assert not missing, f"{len(missing)} strings missing from locales/{language}: run `make update-catalogs`: {missing[:10]}"


def test_english_catalog_translates_every_string(ids):
    untranslated = []
    for message in catalog("en"):
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if msgid in ids and (not all(strings) or message.fuzzy):
            untranslated.append(msgid)
    assert not untranslated, f"{len(untranslated)} strings lack an English translation: {untranslated[:10]}"
