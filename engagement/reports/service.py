"""Reports: load a survey's invitations, answers and strata, weight them, and build the report.

What views, the bench and the CLI call.  The arithmetic is pure and lives
elsewhere (``results``, ``weighting``, ``terms``); this module turns rows
into those values.

Who counts
----------
* Invited: every panelist who is a ``CampaignRecipient`` of a campaign that
  sends this survey (once, however many campaigns).
* Respondent: every panelist with at least one current answer (replaced
  answers are history).  Answers of erased panelists have no panelist any
  more: they cannot be grouped into respondents, so they are left out of the
  report and counted (``SurveyData.anonymous_answers``).
* Strata: the ``RespondentProfile`` frozen for this survey, else the
  panelist's profile now (and it is frozen then).  A panelist who left
  before anything was frozen has no profile left: they count as "not given".
  ``freeze_profiles`` is public so the campaign and inbound pipelines can
  freeze at invitation and at the first answer; until they do, the report
  freezes whatever is still there when it is first computed.

Respondents appear under a pseudonym: an HMAC of the survey and the panelist
keyed by the secret key, the same in every export of one survey and not
linkable between surveys.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from conversations.definitions import Survey
from engagement.campaigns.models import Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.panel import gdpr
from engagement.panel.models import ERASED, LEFT, Panel, Panelist
from engagement.panel import features as profile_features
from engagement.panel.profile import age_band
from engagement.reports import results as res
from engagement.reports import terms as term_counts
from engagement.reports import weighting
from engagement.reports.models import RespondentProfile
from engagement.selection.models import PopulationTarget
from engagement.surveys.models import Answer, StoredDefinition
from engagement.surveys.service import load_definition

log = logging.getLogger(__name__)

#: the strata reports are broken down by and weighted on (when the panel has targets for them)
FEATURES = ("gender", "age", "area", "education", "housing", "employment")
PROFILE_COLUMNS = FEATURES  # the strata frozen per survey and shown in exports
FEATURE_LABELS = {key: feature.label for key, feature in profile_features.FEATURES.items()}


class ReportError(Exception):
    """Base of the report service's errors; the message is for staff (Danish)."""


class UnknownSurvey(ReportError):
    pass


class NotASurvey(ReportError):
    pass


# ---------------------------------------------------------------------------
# Strata snapshots
# ---------------------------------------------------------------------------

def profile_of(panelist: Panelist, today=None) -> dict[str, str | None]:
    return {"gender": panelist.gender, "age": age_band(panelist.birth_year, today), "area": panelist.area,
            "education": panelist.education, "housing": panelist.housing, "employment": panelist.employment}


def freeze_profiles(session: Session, panel_id: int, definition_id: int, panelist_ids: Iterable[int],
                    now: datetime | None = None) -> int:
    """Freeze the strata of these panelists for this survey (insert if missing). Returns how many new.

    Panelists who left or were erased have no profile to freeze and are skipped.
    Safe to call twice and from parallel processes (unique on survey and panelist).
    """
    now = now or utcnow()
    wanted = set(panelist_ids)
    if not wanted:
        return 0
    have = set(session.scalars(select(RespondentProfile.panelist_id).where(
        RespondentProfile.definition_id == definition_id)).all())
    missing = sorted(wanted - have)
    columns = [Panelist.id, Panelist.status, Panelist.birth_year,
               *[getattr(Panelist, c) for c in PROFILE_COLUMNS if c != "age"]]
    values = []
    for start in range(0, len(missing), 900):
        for row in session.execute(select(*columns).where(Panelist.id.in_(missing[start:start + 900]),
                                                          Panelist.panel_id == panel_id)):
            data = row._mapping
            if data["status"] in (LEFT, ERASED):
                continue
            values.append({"panel_id": panel_id, "definition_id": definition_id, "panelist_id": data["id"],
                           "recorded_at": now, "age": age_band(data["birth_year"], now.date()),
                           **{c: data[c] for c in PROFILE_COLUMNS if c != "age"}})
    if not values:
        return 0
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(RespondentProfile.__table__).on_conflict_do_nothing(
        index_elements=["definition_id", "panelist_id"])
    for start in range(0, len(values), 2000):
        session.execute(statement, values[start:start + 2000])  # executemany: compiled once
    return len(values)


def _erase_profiles(session: Session, panelist: Panelist, _now: datetime) -> None:
    for row in session.scalars(select(RespondentProfile).where(RespondentProfile.panelist_id == panelist.id)):
        session.delete(row)
    session.flush()


def _export_profiles(session: Session, panelist: Panelist) -> list:
    rows = session.scalars(select(RespondentProfile).where(RespondentProfile.panelist_id == panelist.id)
                           .order_by(RespondentProfile.id)).all()
    return [{"definition_id": r.definition_id, "recorded_at": r.recorded_at,
             **{c: getattr(r, c) for c in PROFILE_COLUMNS}} for r in rows]


gdpr.register_export_section("respondent_profiles", _export_profiles)
gdpr.register_erasure_step(_erase_profiles)


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

def pseudonym(secret_key: str, definition_id: int, panelist_id: int) -> str:
    key = hashlib.sha256(f"borgerpanel.respondent:{secret_key}".encode()).digest()
    digest = hmac.new(key, f"{definition_id}:{panelist_id}".encode(), hashlib.sha256).digest()
    return "R" + base64.b32encode(digest).decode("ascii")[:10]


def get_survey(session: Session, panel: Panel, key: str) -> StoredDefinition:
    stored = session.scalars(select(StoredDefinition).where(StoredDefinition.panel_id == panel.id,
                                                            StoredDefinition.key == key)).first()
    if stored is None:
        raise UnknownSurvey(_("Spørgeskemaet findes ikke."))
    if stored.kind != "survey":
        raise NotASurvey(_("Det er et møde, ikke et spørgeskema."))
    return stored


@dataclass
class SurveyData:
    stored: StoredDefinition
    survey: Survey
    campaigns: list[Campaign]
    invitees: list[res.Invitee]
    respondents: list[res.Respondent]
    respondent_ids: list[int]
    anonymous_answers: int = 0
    first_answer_at: dict[int, datetime] = field(default_factory=dict)


def load_survey_data(session: Session, panel: Panel, stored: StoredDefinition, *, secret_key: str,
                     now: datetime | None = None, freeze: bool = True) -> SurveyData:
    now = now or utcnow()
    survey = load_definition(stored)
    campaigns = list(session.scalars(select(Campaign).where(Campaign.definition_id == stored.id,
                                                            Campaign.panel_id == panel.id)
                                     .order_by(Campaign.starts_at, Campaign.id)).all())
    invited_ids: set[int] = set()
    if campaigns:
        invited_ids = set(session.scalars(select(CampaignRecipient.panelist_id).where(
            CampaignRecipient.campaign_id.in_([c.id for c in campaigns]))).all())
    answers: dict[int, dict] = {}
    first_at: dict[int, datetime] = {}
    anonymous = 0
    rows = session.execute(select(Answer.panelist_id, Answer.question_key, Answer.value, Answer.recorded_at)
                           .where(Answer.definition_id == stored.id, Answer.replaced_at.is_(None))
                           .order_by(Answer.id))
    for panelist_id, question_key, value, recorded_at in rows:
        if panelist_id is None:
            anonymous += 1
            continue
        answers.setdefault(panelist_id, {})[question_key] = value
        if panelist_id not in first_at or recorded_at < first_at[panelist_id]:
            first_at[panelist_id] = recorded_at
    respondent_ids = sorted(answers)
    everyone = invited_ids | set(respondent_ids)
    if freeze:
        freeze_profiles(session, panel.id, stored.id, everyone, now)
    strata = load_strata(session, stored.id, everyone, now)
    invitees = [res.Invitee(strata.get(pid, {}), pid in answers) for pid in sorted(invited_ids)]
    respondents = [res.Respondent(pseudonym(secret_key, stored.id, pid), strata.get(pid, {}), answers[pid])
                   for pid in respondent_ids]
    return SurveyData(stored, survey, campaigns, invitees, respondents, respondent_ids, anonymous, first_at)


def load_strata(session: Session, definition_id: int, panelist_ids: set[int],
                now: datetime) -> dict[int, dict[str, str | None]]:
    """Frozen strata where there are some, else the panelist's profile now."""
    out: dict[int, dict[str, str | None]] = {}
    frozen = [RespondentProfile.panelist_id, *[getattr(RespondentProfile, c) for c in PROFILE_COLUMNS]]
    for row in session.execute(select(*frozen).where(RespondentProfile.definition_id == definition_id)):
        if row[0] in panelist_ids:
            out[row[0]] = dict(zip(PROFILE_COLUMNS, row[1:]))
    missing = sorted(panelist_ids - set(out))
    for start in range(0, len(missing), 900):
        for p in session.scalars(select(Panelist).where(Panelist.id.in_(missing[start:start + 900]))):
            out[p.id] = profile_of(p, now.date())
    return out


def load_targets(session: Session, panel_id: int) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, str]]]:
    targets: dict[str, dict[str, float]] = {}
    labels: dict[str, dict[str, str]] = {}
    for row in session.scalars(select(PopulationTarget).where(PopulationTarget.panel_id == panel_id)
                               .order_by(PopulationTarget.id)):
        targets.setdefault(row.feature, {})[row.value] = row.share
        labels.setdefault(row.feature, {})[row.value] = row.label or row.value
    return targets, labels


def value_labels(panel: Panel, target_labels: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    return profile_features.value_labels(panel, target_labels)


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class RepresentationRow:
    value: str
    respondents: int
    share: float
    weighted_share: float
    population_share: float | None


@dataclass
class Report:
    panel: Panel
    stored: StoredDefinition
    survey: Survey
    data: SurveyData
    weighting: weighting.Weighting | None
    rates: res.ResponseRates
    representation: dict[str, list[RepresentationRow]]
    results: list[res.QuestionResult]
    terms: dict[str, list[term_counts.Term]]
    targets: dict[str, dict[str, float]]
    labels: dict[str, dict[str, str]]
    generated_at: datetime

    @property
    def weights(self):
        return self.weighting.weights if self.weighting is not None else None

    @property
    def respondents(self) -> int:
        return len(self.data.respondents)

    def feature_label(self, feature: str) -> str:
        return profile_features.feature_label(feature)

    def value_label(self, feature: str, value: str) -> str:
        return profile_features.value_label(self.labels_now(), feature, value)

    def labels_now(self) -> dict[str, dict[str, str]]:
        """The value labels in the current language (``labels`` holds those of the language it was built in)."""
        from engagement.web.formatting import current_locale

        cache = self.__dict__.setdefault("_labels_by_locale", {})
        locale = current_locale()
        if locale not in cache:
            cache[locale] = profile_features.value_labels(self.panel, self.labels)
        return cache[locale]

    def crosstab(self, question_key: str, feature: str) -> res.CrossTab | None:
        question = self.survey.question(question_key)
        if question is None or question.type == "text" or feature not in PROFILE_COLUMNS:
            return None
        order = list(self.targets.get(feature, {})) or list(self.labels.get(feature, {}))
        return res.crosstab(question, feature, self.data.respondents, self.weights, order)


def build_report(session: Session, panel: Panel, key: str, *, secret_key: str, now: datetime | None = None,
                 with_terms: bool = True, trim: tuple[float, float] = (weighting.DEFAULT_LOWER,
                                                                       weighting.DEFAULT_UPPER)) -> Report:
    now = now or utcnow()
    stored = get_survey(session, panel, key)
    data = load_survey_data(session, panel, stored, secret_key=secret_key, now=now)
    targets, target_labels = load_targets(session, panel.id)
    respondents = data.respondents
    weights = None
    if respondents:
        columns = {f: [r.strata.get(f) for r in respondents] for f in FEATURES if f in targets}
        weights = weighting.rake(columns, targets, lower=trim[0], upper=trim[1]) if columns \
            else weighting.unweighted(len(respondents))
    order = {f: list(targets.get(f, {})) for f in FEATURES}
    rates = res.response_rates(data.invitees, FEATURES, order)
    representation: dict[str, list[RepresentationRow]] = {}
    w = weights.weights if weights is not None else None
    for feature in FEATURES:
        values = [r.strata.get(feature) for r in respondents]
        if not values:
            continue
        plain = weighting.weighted_shares(values)
        weighted = weighting.weighted_shares(values, w)
        population = targets.get(feature, {})
        ordered = [v for v in population if v in plain or population[v] > 0] + \
            sorted(v for v in plain if v not in population)
        counts = {v: sum(1 for x in values if (x or res.UNKNOWN) == v) for v in ordered}
        representation[feature] = [RepresentationRow(v, counts[v], plain.get(v, 0.0), weighted.get(v, 0.0),
                                                     population.get(v)) for v in ordered]
    results = res.survey_results(data.survey, respondents, w)
    found_terms = {}
    if with_terms:
        for question in data.survey.questions:
            if question.type == "text":
                texts = [text for _key, text in res.text_answers(question, respondents)]
                found_terms[question.key] = term_counts.frequent_terms(texts) if texts else []
    return Report(panel, stored, data.survey, data, weights, rates, representation, results, found_terms,
                  targets, value_labels(panel, target_labels), now)


@dataclass(frozen=True)
class SurveyRow:
    stored: StoredDefinition
    campaigns: list[Campaign]
    respondents: int

    @property
    def is_closed(self) -> bool:
        return bool(self.campaigns) and all(c.status in ("closed", "cancelled") for c in self.campaigns)


def list_surveys(session: Session, panel: Panel) -> list[SurveyRow]:
    stored = list(session.scalars(select(StoredDefinition).where(StoredDefinition.panel_id == panel.id,
                                                                 StoredDefinition.kind == "survey")
                                  .order_by(StoredDefinition.created_at.desc(), StoredDefinition.id.desc())))
    counts = dict(session.execute(
        select(Answer.definition_id, func.count(func.distinct(Answer.panelist_id)))
        .where(Answer.panel_id == panel.id, Answer.replaced_at.is_(None), Answer.panelist_id.is_not(None))
        .group_by(Answer.definition_id)).all())
    campaigns: dict[int, list[Campaign]] = {}
    for c in session.scalars(select(Campaign).where(Campaign.panel_id == panel.id,
                                                    Campaign.definition_id.is_not(None))):
        campaigns.setdefault(c.definition_id, []).append(c)
    return [SurveyRow(s, campaigns.get(s.id, []), counts.get(s.id, 0)) for s in stored]
