"""Benchmark: the first load of each staff page after the web server starts, with and without warming.

    .venv/bin/python bench/first_load.py [--database-url postgresql://root@127.0.0.1:5432/bench_first_load]
                                         [--panelists 500] [--repeat 2]

A web process loads some things the first time a page needs them: the Danish
lemma table for the results page's frequent terms (spaCy, seconds), the
reader of replies, Babel's locale data, every template's compiled code.
``WARM_UP=true`` (the default) loads them at start-up (``engagement.web.warmup``:
in gunicorn's master before the workers fork, see ``gunicorn.conf.py``; in
``flask serve`` before it listens), so no visitor waits for them.

What it does, ``--repeat`` times for each of ``WARM_UP=false`` and ``true``:
a fresh PostgreSQL database (migrated, the demo panel with ``--panelists``
members, a closed survey with answers and free text, its strata frozen as
the first look at the results leaves them), ``gunicorn wsgi:app``
with one worker, the time until ``/healthz`` answers (start-up), then a staff
login and the first GET of each page in order (results first: the slowest),
then every page again.  The second load is the baseline of the same run:
``first / again`` says how much slower a page is the first time.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import _servers  # noqa: E402
import requests  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

PANEL = "demo"
SURVEY = {
    "kind": "survey", "key": "trafik", "title": "Trafik i byen",
    "questions": [
        {"number": 1, "key": "bus", "type": "scale", "min": 1, "max": 5, "text": "Hvor tilfreds er du med busserne?",
         "labels": {"1": "Meget utilfreds", "5": "Meget tilfreds"}},
        {"number": 2, "key": "cykler", "type": "yes_no", "text": "Cykler du til arbejde?"},
        {"number": 3, "key": "ideer", "type": "text", "text": "Har du en idé til trafikken?"},
    ],
}
IDEAS = ["Flere cykelstier ved skolerne", "Billigere busser om aftenen", "Bedre lys på stierne",
         "Færre biler i midtbyen", "Sikre krydsninger for børn", "Flere bænke ved busstoppet"]
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
PAGES = [("results", f"/staff/{PANEL}/resultater/trafik"), ("dashboard", f"/staff/{PANEL}/"),
         ("panelists", f"/staff/{PANEL}/panelister"), ("selection", f"/staff/{PANEL}/udvaelgelse/"),
         ("survey editor", f"/staff/{PANEL}/undersoegelser/trafik"), ("settings", f"/staff/{PANEL}/indstillinger"),
         ("signup (citizen)", f"/p/{PANEL}/tilmeld")]


def seed(url: str, panelists: int) -> tuple[str, str]:
    from engagement import create_app
    from engagement.campaigns.models import CLOSED, Campaign, CampaignRecipient
    from engagement.db import utcnow
    from engagement.delivery import outbox
    from engagement.panel.demo import create_demo_panel
    from engagement.panel.models import ACTIVE, Panel, Panelist
    from engagement.reports.service import freeze_profiles
    from engagement.surveys.service import import_definitions, record_answers

    app = create_app({"database_url": url, "secret_key": _servers.SECRET, "log_level": "WARNING"})
    engine = app.extensions["borgerpanel.engine"]
    now = utcnow()
    rng = random.Random(7)
    with app.app_context(), Session(engine) as session:
        demo = create_demo_panel(session, count=panelists, now=now)
        panel = session.get(Panel, demo.panel_id)
        members = session.exec(select(Panelist).where(Panelist.panel_id == panel.id, Panelist.status == ACTIVE)
                               .order_by(Panelist.id)).all()
        survey = import_definitions(session, panel, SURVEY)[0]
        campaign = Campaign(panel_id=panel.id, kind="survey", title="Trafik", definition_id=survey.id,
                            starts_at=now - timedelta(days=14), deadline_at=now - timedelta(days=1), status=CLOSED)
        session.add(campaign)
        session.flush()
        session.add_all([CampaignRecipient(campaign_id=campaign.id, panelist_id=p.id, channel="email",
                                           reply_key=outbox.new_reply_key()) for p in members])
        for p in members[: len(members) * 2 // 3]:
            record_answers(session, panel.id, survey.id, p.id,
                           {"bus": rng.randint(1, 5), "cykler": rng.choice(["yes", "no"]),
                            "ideer": rng.choice(IDEAS)}, "email", now=now - timedelta(days=5))
        # The strata as the first look at the results froze them (that first look writes them once, which is
        # a cost of the data, not of a fresh process; the benchmark measures the process).
        freeze_profiles(session, panel.id, survey.id, [p.id for p in members], now)
        session.commit()
        credentials = demo.admin_email, demo.admin_password
    engine.dispose()
    return credentials


def csrf(text: str) -> str:
    match = CSRF_INPUT.search(text)
    return (match.group(1) or match.group(2)) if match else ""


def one_run(url: str, panelists: int, warm: bool) -> dict:
    database = _servers.fresh_database(url)
    port = _servers.free_port()
    env = _servers.app_environment(database, port, WARM_UP="true" if warm else "false")
    _servers.migrate(env)
    email, password = seed(database, panelists)
    started = time.perf_counter()
    process = _servers.start_gunicorn(env, port, workers=1)
    startup = time.perf_counter() - started
    base = f"http://127.0.0.1:{port}"
    try:
        http = requests.Session()
        page = http.get(base + "/staff/login", timeout=120)
        http.post(base + "/staff/login", data={"email": email, "password": password, "csrf_token": csrf(page.text)},
                  allow_redirects=False, timeout=120).raise_for_status()
        first, again = {}, {}
        for times in (first, again):
            for name, path in PAGES:
                t0 = time.perf_counter()
                response = http.get(base + path, timeout=120)
                times[name] = time.perf_counter() - t0
                if response.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {response.status_code}")
    finally:
        _servers.stop(process)
        _servers.drop_database(database)
    return {"startup": startup, "first": first, "again": again}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgresql://root@127.0.0.1:5432/bench_first_load")
    parser.add_argument("--panelists", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    runs = {False: [], True: []}
    for _round in range(args.repeat):
        for warm in (False, True):
            runs[warm].append(one_run(args.database_url, args.panelists, warm))
    print(f"first load of each page after gunicorn starts (1 worker, {args.panelists} panelists, "
          f"median of {args.repeat}); 'again' = the same page loaded a second time, same run")
    print(f"{'page':<18}{'WARM_UP=false':>16}{'':>10}{'WARM_UP=true':>16}{'':>10}")
    print(f"{'':<18}{'first s':>8}{'again s':>8}{'ratio':>10}{'first s':>8}{'again s':>8}{'ratio':>10}")
    for name, _path in PAGES:
        cells = []
        for warm in (False, True):
            first = statistics.median(r["first"][name] for r in runs[warm])
            again = statistics.median(r["again"][name] for r in runs[warm])
            cells.append(f"{first:8.3f}{again:8.3f}{first / again:9.1f}x")
        print(f"{name:<18}{cells[0]}{cells[1]}")
    for warm in (False, True):
        startup = statistics.median(r["startup"] for r in runs[warm])
        print(f"start-up until /healthz answers, WARM_UP={'true' if warm else 'false'}: {startup:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
