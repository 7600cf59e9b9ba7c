"""Benchmark: survey results with weighting for 10,000 respondents and 20 questions.

    .venv/bin/python bench/results.py [--respondents 10000] [--no-db] [--exports]

1. Pure: raking (gender, age, area, education, housing; trimmed to [0.2, 5]) and every
   question's distribution, weighted and unweighted, plus a cross-tabulation per question.
2. With the database (a temporary SQLite file): the same survey stored as panelists,
   a closed campaign, recipients and 200,000 answers; ``service.build_report`` loads,
   freezes strata, weights and aggregates (frequent terms of the text question included).
3. ``--exports``: CSV, XLSX and PDF of that report.
Times are printed; goal: the report in a few seconds.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conversations.definitions import parse_definition  # noqa: E402
from engagement.reports import results as res  # noqa: E402
from engagement.reports import weighting  # noqa: E402
from engagement.selection.targets import default_margins, margins_by_feature  # noqa: E402

FEATURES = ["gender", "age", "area", "education", "housing"]
WORDS = ["cykelsti", "bus", "skole", "lys", "parkering", "fortov", "trafik", "børn", "støj", "bænke"]


def definition(questions: int = 20) -> dict:
    kinds = ["scale", "yes_no", "choice", "choice-multi", "number"]
    items = []
    for n in range(1, questions):
        kind = kinds[(n - 1) % len(kinds)]
        q = {"number": n, "key": f"q{n}", "text": f"Spørgsmål {n}?"}
        if kind == "scale":
            q.update(type="scale", min=1, max=5)
        elif kind == "yes_no":
            q.update(type="yes_no")
        elif kind.startswith("choice"):
            q.update(type="choice", multiple=kind == "choice-multi",
                     options=[{"key": k, "label": k.title()} for k in ("a", "b", "c", "d")])
        else:
            q.update(type="number", min=0, max=100)
        items.append(q)
    items.append({"number": questions, "key": f"q{questions}", "type": "text", "text": "Har du en idé?"})
    return {"kind": "survey", "key": "bench", "title": "Benchmark", "questions": items}


def answer_for(question: dict, rng: random.Random):
    kind = question["type"]
    if kind == "scale":
        return rng.randint(1, 5)
    if kind == "yes_no":
        return rng.choice(["yes", "no"])
    if kind == "choice":
        keys = [o["key"] for o in question["options"]]
        return sorted(rng.sample(keys, rng.randint(1, 3))) if question.get("multiple") else rng.choice(keys)
    if kind == "number":
        return rng.randint(0, 100)
    return " ".join(rng.sample(WORDS, 3)) + " og mere af det"


def synthetic(count: int, seed: int = 1):
    rng = random.Random(seed)
    targets = margins_by_feature(default_margins())
    defn = definition()
    strata, answers = [], []
    for _ in range(count):
        row = {}
        for feature in FEATURES:
            values, shares = zip(*targets[feature].items())
            skewed = [s * (1.5 if i == 0 else 1.0) for i, s in enumerate(shares)]  # a biased panel
            row[feature] = rng.choices(values, weights=skewed)[0] if rng.random() > 0.03 else None
        strata.append(row)
        answers.append({q["key"]: answer_for(q, rng) for q in defn["questions"] if rng.random() > 0.05})
    return targets, defn, strata, answers


def bench_pure(count: int) -> None:
    targets, defn, strata, answers = synthetic(count)
    survey = parse_definition(defn)
    respondents = [res.Respondent(f"R{i}", s, a) for i, (s, a) in enumerate(zip(strata, answers))]
    start = time.perf_counter()
    result = weighting.rake({f: [s[f] for s in strata] for f in FEATURES}, targets)
    raked = time.perf_counter()
    questions = res.survey_results(survey, respondents, result.weights)
    crosstabs = [res.crosstab(q, "age", respondents, result.weights) for q in survey.questions if q.type != "text"]
    done = time.perf_counter()
    print(f"pure: {count:,} respondents, {len(survey.questions)} questions")
    print(f"  raking        {raked - start:7.3f} s  (iterations {result.iterations}, converged {result.converged}, "
          f"max margin error {result.max_margin_error:.2e}, n_eff {result.n_effective:,.0f}, "
          f"deff {result.design_effect:.2f}, trimmed {result.trimmed})")
    print(f"  results       {done - raked:7.3f} s  ({len(questions)} distributions, {len(crosstabs)} cross-tabs)")
    print(f"  total         {done - start:7.3f} s")


def bench_db(count: int, with_exports: bool) -> None:
    from sqlalchemy import insert
    from sqlmodel import Session

    from engagement import create_app
    from engagement.campaigns.models import CLOSED, Campaign, CampaignRecipient
    from engagement.db import make_engine, utcnow
    from engagement.models import metadata
    from engagement.panel.models import ACTIVE, Panel, Panelist
    from engagement.reports import exports, service
    from engagement.selection.targets import replace_population_targets
    from engagement.surveys.models import Answer
    from engagement.surveys.service import import_definitions

    targets, defn, strata, answers = synthetic(count)
    tmp = Path(tempfile.mkdtemp(prefix="bench-results-"))
    url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    engine = make_engine(url)
    metadata.create_all(engine)
    secret = "bench-secret-key-that-is-long-enough-for-the-checks"
    app = create_app({"database_url": url, "secret_key": secret, "instance_path": tmp / "instance",
                      "log_level": "WARNING"})
    now = utcnow()
    birth = {"18-29": 2000, "30-39": 1990, "40-49": 1980, "50-59": 1970, "60-69": 1960, "70+": 1945}
    with app.app_context():
        setup = time.perf_counter()
        with Session(engine, expire_on_commit=False) as session:
            panel = Panel(key="bench", name="Benchmark Kommune")
            session.add(panel)
            session.flush()
            replace_population_targets(session, panel.id, default_margins())
            stored = import_definitions(session, panel, defn)[0]
            campaign = Campaign(panel_id=panel.id, kind="survey", title="Benchmark", definition_id=stored.id,
                                starts_at=now - timedelta(days=20), deadline_at=now - timedelta(days=1),
                                status=CLOSED)
            session.add(campaign)
            session.flush()
            rows = [{"panel_id": panel.id, "status": ACTIVE, "email": f"b{i}@example.dk", "language": "da",
                     "channel": "email", "email_status": "ok", "sms_status": "ok", "source": "import",
                     "token_version": 1, "created_at": now, "confirmed_at": now,
                     "gender": s["gender"], "area": s["area"], "education": s["education"], "housing": s["housing"],
                     "birth_year": birth.get(s["age"]) if s["age"] else None} for i, s in enumerate(strata)]
            session.execute(insert(Panelist), rows)
            ids = [pid for (pid,) in session.execute(Panelist.__table__.select().with_only_columns(
                Panelist.__table__.c.id).order_by(Panelist.__table__.c.id))]
            session.execute(insert(CampaignRecipient), [
                {"campaign_id": campaign.id, "panelist_id": pid, "channel": "email", "reply_key": f"r{pid:011d}",
                 "created_at": now} for pid in ids])
            answer_rows = [{"panel_id": panel.id, "definition_id": stored.id, "panelist_id": pid, "question_key": k,
                            "value": v, "source": "email", "recorded_at": now}
                           for pid, a in zip(ids, answers) for k, v in a.items()]
            for start in range(0, len(answer_rows), 20000):
                session.execute(insert(Answer), answer_rows[start:start + 20000])
            session.commit()
        print(f"database: {count:,} panelists and {len(answer_rows):,} answers stored in "
              f"{time.perf_counter() - setup:.1f} s (not timed below)")
        with Session(engine, expire_on_commit=False) as session:
            panel = session.get(Panel, panel.id)
            from conversations.lemmas import preload

            t = time.perf_counter()
            preload()
            print(f"  Danish lemma table mapped once    {time.perf_counter() - t:7.3f} s")
            start = time.perf_counter()
            report = service.build_report(session, panel, "bench", secret_key=secret, with_terms=False)
            session.commit()
            first = time.perf_counter()
            report = service.build_report(session, panel, "bench", secret_key=secret)
            second = time.perf_counter()
            print(f"  report (first, freezes strata)   {first - start:7.3f} s")
            print(f"  report (strata frozen, + terms)  {second - first:7.3f} s  "
                  f"(respondents {report.respondents:,}, n_eff {report.weighting.n_effective:,.0f})")
            if with_exports:
                for name, fn in (("csv", exports.to_csv), ("xlsx", exports.to_xlsx), ("pdf", exports.to_pdf)):
                    t = time.perf_counter()
                    data = fn(report)
                    print(f"  export {name:4}                      {time.perf_counter() - t:7.3f} s  "
                          f"({len(data) / 1024:,.0f} KiB)")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--respondents", type=int, default=10_000)
    parser.add_argument("--no-db", action="store_true", help="only the pure aggregation")
    parser.add_argument("--exports", action="store_true", help="also time CSV, XLSX and PDF")
    args = parser.parse_args()
    bench_pure(args.respondents)
    if not args.no_db:
        bench_db(args.respondents, args.exports)


if __name__ == "__main__":
    main()
