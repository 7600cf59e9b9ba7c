"""Reading what citizens write: email, Danish text, survey answers and RSVPs.

Pure code: values in, values out.  The heavy parts (spaCy) load lazily.
"""
from .definitions import (
    DefinitionError,
    Meeting,
    Option,
    Question,
    Survey,
    definition_to_dict,
    parse_definition,
    parse_definitions,
)


def __getattr__(name):  # the reader pulls in spaCy lazily
    if name in ("Reading", "Rsvp"):
        from . import reading
        return getattr(reading, name)
    if name == "understand_text":
        from .reader import understand_text
        return understand_text
    if name == "read_reply":
        from .reply import read_reply
        return read_reply
    raise AttributeError(name)


__all__ = ["DefinitionError", "Meeting", "Option", "Question", "Survey", "definition_to_dict",
           "parse_definition", "parse_definitions", "Reading", "Rsvp", "understand_text", "read_reply"]
