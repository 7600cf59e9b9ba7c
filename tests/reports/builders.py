"""Builders for report tests: a panel with targets, a survey, a closed campaign and answers."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import timedelta

from engagement.campaigns.models import CLOSED, Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.selection.models import PopulationTarget
from engagement.surveys.service import import_definitions, record_answers
from tests.factories import make_panelist

SURVEY = {
    "kind": "survey", "key": "trafik", "title": "Trafik i byen",
    "questions": [
        {"number": 1, "key": "bus", "type": "scale", "min": 1, "max": 5,
         "text": "Hvor tilfreds er du med busserne?", "labels": {"1": "Meget utilfreds", "5": "Meget tilfreds"}},
        {"number": 2, "key": "cykler", "type": "yes_no", "text": "Cykler du til arbejde?"},
        {"number": 3, "key": "transport", "type": "choice", "multiple": True, "text": "Hvordan kommer du rundt?",
         "options": [{"key": "bus", "label": "Bus"}, {"key": "cykel", "label": "Cykel"},
                     {"key": "bil", "label": "Bil"}]},
        {"number": 4, "key": "ideer", "type": "text", "text": "Har du en idé til trafikken?"},
    ],
}

TARGETS = {"gender": {"female": 0.5, "male": 0.5}, "area": {"midtby": 0.6, "vest": 0.4}}
# The hand-made example: respondents per (gender, area), and whether they cycle.
CELLS = {("female", "midtby"): 30, ("female", "vest"): 20, ("male", "midtby"): 10, ("male", "vest"): 40}
TEXTS = ["Flere cykelstier ved skolen", "Bedre cykelstier og lys", "Sikre cykelstier til skolen",
         "Billigere busser", "Lys på stien ved skolen"]

_keys = itertools.count(1)


def add_targets(session, panel, targets=TARGETS):
    for feature, shares in targets.items():
        for value, share in shares.items():
            session.add(PopulationTarget(panel_id=panel.id, feature=feature, value=value, label=value.title(),
                                         share=share))
    session.commit()


@dataclass
class Built:
    stored: object
    campaign: Campaign
    respondents: list
    non_respondents: list


def build_survey(session, panel, *, cells=CELLS, non_respondents=20, texts=TEXTS) -> Built:
    """Invite everyone in ``cells`` plus some who never answer; female respondents cycle, males do not."""
    stored = import_definitions(session, panel, SURVEY)[0]
    now = utcnow()
    campaign = Campaign(panel_id=panel.id, kind="survey", title=stored.title, definition_id=stored.id,
                        starts_at=now - timedelta(days=14), deadline_at=now - timedelta(days=1), status=CLOSED,
                        closed_at=now - timedelta(days=1))
    session.add(campaign)
    session.commit()
    respondents, silent = [], []
    text_iter = itertools.cycle(texts)
    for (gender, area), count in cells.items():
        for i in range(count):
            p = make_panelist(session, panel, gender=gender, area=area)
            respondents.append(p)
            answers = {"bus": 4 if gender == "female" else 2, "cykler": "yes" if gender == "female" else "no",
                       "transport": ["bus", "cykel"] if area == "midtby" else ["bil"]}
            if i < 2 and texts:
                answers["ideer"] = next(text_iter)
            record_answers(session, panel.id, stored.id, p.id, answers, "email", now=now - timedelta(days=5))
    for i in range(non_respondents):
        silent.append(make_panelist(session, panel, gender="male", area="vest"))
    for p in respondents + silent:
        session.add(CampaignRecipient(campaign_id=campaign.id, panelist_id=p.id, channel=p.channel,
                                      reply_key=f"k{next(_keys):011d}"))
    session.commit()
    return Built(stored, campaign, respondents, silent)
