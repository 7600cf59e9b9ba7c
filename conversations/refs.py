"""How a reply names a question: "spm 2", "spørgsmål 3", "nr. 4", "det første", "det sidste"."""
from __future__ import annotations

import re

from .definitions import Question, Survey

SPM = r"(?:spm|spoergsmaal|spørgsmål|sporgsmal|spørgsmaal|sp|nr|q)"


def question_by_number(survey: Survey) -> dict[int, Question]:
    return {q.number: q for q in survey.questions}


ORDINALS = {"foerste": 1, "andet": 2, "anden": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6,
             "syvende": 7, "ottende": 8}
ORDINAL_REF_RE = re.compile(r"\b(?:til|i|om|paa|med|for|ved)\s+det\s+(foerste|andet|tredje|fjerde|femte|sjette|"
                             r"syvende|ottende|sidste)(?:\s+spoergsmaal)?\b(?!\s+(?:gang|sted|aar|halve|hus|barn)\b)")
