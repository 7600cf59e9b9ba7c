"""Benchmark: a mixed load on the web app behind gunicorn, on PostgreSQL, for a fixed time.

    .venv/bin/python bench/load.py --seconds 30
    .venv/bin/python bench/load.py --seconds 60 --clients 32 --workers 8 --worker-class gthread --threads 4

What it does:

1. makes a fresh PostgreSQL database (``--database-url``, default
   ``postgresql://root@127.0.0.1:5432/bench_load``; dropped at the end unless
   ``--keep-database``) and migrates it with ``flask --app wsgi db upgrade``;
2. seeds the demo panel (``engagement/panel/demo.py``) with ``--panelists``
   members and its admin account, a two-question survey campaign whose SMS
   invitations are already recorded (so replies are matched), and a meeting
   (first come, first served) with a signed RSVP link for every member;
3. starts ``gunicorn wsgi:app`` on 127.0.0.1 (``--workers``, ``--worker-class``
   sync or gthread) and, as in production, a second one for Twilio's webhooks
   (``--webhook-workers`` sync workers; the proxy routes ``/sms/`` there; 0
   sends them to the main pool), with ``TRUSTED_PROXIES=1``: every simulated citizen sends
   an ``X-Forwarded-For`` address of its own, each staff member one, so the
   per-address rate limits are on but do not refuse ordinary load;
4. logs every client's staff member in and warms the workers up, unrecorded:
   rounds of an SMS from every client at once until a round is quick (each
   worker loads the Danish reader on first use), every staff page from as
   many clients as there are workers, then ``--warmup`` seconds of the mix;
   then the baseline: ``GET /healthz`` (one ``SELECT 1``) from the same
   ``--clients`` threads for ``--baseline-seconds``; then the mixed load for
   ``--seconds``.  A request fails after ``--timeout`` seconds (30).
   Each client repeatedly picks an action by weight (``--mix``):

   * signup: ``GET /p/demo/tilmeld``, then POST the form with its CSRF token
     and a new email address (a pending member and a confirmation mail);
   * sms: ``POST /sms/inbound`` signed like Twilio, from a member's number,
     with an answer (stored and answered at once; an inbound worker process,
     ``flask --app wsgi inbound work``, started beside gunicorn as in
     production, reads it, records the answer and promises the reply);
   * rsvp: a member's one-click link ``GET /p/demo/moede/<token>/<choice>``,
     then POST its button (the RSVP and a seat or the waitlist);
   * staff: one of the dashboard, the panelist list, the campaign page and the
     survey results (weighted), in a logged-in session.

How to read it: one row per endpoint with its requests, requests per second
*within the mix*, median and 99th percentile latency in milliseconds, and
errors (any status but the one expected, timeouts, refused connections).
``vs /healthz`` divides a row's req/s by the baseline's: for an endpoint that
is its share of the mix, for the total line it is how much of the trivial
endpoint's throughput the real mix keeps on the same server and clients.
The client threads share the machine with the server, as in the baseline.
After the load the benchmark waits until the inbound worker has read every
stored SMS and prints how long an SMS waited between stored and read (p50,
p99).  The checks after the table compare the database with what the server
answered; the exit status is 1 when any request failed or a check did not
hold, so tests can run a short load and trust ``$?``.
"""
from __future__ import annotations

import argparse
import itertools
import math
import os
import platform
import random
import re
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import _servers  # noqa: E402
import requests  # noqa: E402  (a dependency of twilio)
from sqlalchemy import create_engine, func  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

PANEL = "demo"
SURVEY = {
    "kind": "survey", "key": "trafik", "title": "Trafik i byen",
    "questions": [
        {"number": 1, "key": "bus", "type": "scale", "min": 1, "max": 5, "text": "Hvor tilfreds er du med busserne?"},
        {"number": 2, "key": "cykler", "type": "yes_no", "text": "Cykler du til arbejde?"}]}
SMS_BODIES = ("4", "ja", "3 tak", "Nej", "5", "jeg cykler hver dag", "2", "Hvornår kommer resultaterne?")
DEFAULT_MIX = "signup=3,sms=3,rsvp=2,staff=2"
ROW_ORDER = ["GET  signup page", "POST signup form", "POST sms webhook", "GET  rsvp link", "POST rsvp button",
             "GET  staff dashboard", "GET  staff panelists", "GET  staff campaign", "GET  staff results"]
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


# ---------------------------------------------------------------------------
# The database: a panel to load
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Population:
    panelists: int
    phones: list[str]          # members invited to the survey by SMS
    rsvp_tokens: list[str]     # one per active member
    campaign_id: int
    staff_email: str
    staff_password: str


def seed(url: str, panelists: int) -> Population:
    """The demo panel, an SMS survey campaign with its invitations, a meeting with RSVP tokens."""
    from engagement import create_app
    from engagement.campaigns.models import SENDING, Campaign, CampaignRecipient
    from engagement.db import utcnow
    from engagement.delivery import outbox
    from engagement.meetings import service as meetings
    from engagement.meetings.links import make_rsvp_token
    from engagement.meetings.models import FIRST_COME
    from engagement.panel.demo import create_demo_panel
    from engagement.panel.models import ACTIVE, Panel, Panelist
    from engagement.surveys.service import import_definitions

    app = create_app({"database_url": url, "secret_key": _servers.SECRET,
                      "log_level": "WARNING"})
    engine = app.extensions["borgerpanel.engine"]
    now = utcnow()
    with app.app_context(), Session(engine) as session:
        demo = create_demo_panel(session, count=panelists, now=now)
        if demo is None:
            raise SystemExit("the benchmark database already has a panel")
        panel = session.get(Panel, demo.panel_id)
        members = session.exec(select(Panelist).where(Panelist.panel_id == panel.id, Panelist.status == ACTIVE)
                               .order_by(Panelist.id)).all()
        texters = [p for p in members if p.phone and p.channel in ("sms", "both")]
        if not texters:
            raise SystemExit("no member takes SMS: use more --panelists")

        survey = import_definitions(session, panel, SURVEY)[0]
        campaign = Campaign(panel_id=panel.id, kind="survey", title="Trafik", definition_id=survey.id,
                            starts_at=now - timedelta(days=1), deadline_at=now + timedelta(days=10),
                            status=SENDING, channel_mode="sms")
        session.add(campaign)
        session.flush()
        session.add_all([CampaignRecipient(campaign_id=campaign.id, panelist_id=p.id, channel="sms",
                                           reply_key=outbox.new_reply_key(), sms_question="bus") for p in texters])

        starts = (now + timedelta(days=60)).replace(hour=17, minute=0, second=0, microsecond=0)
        meeting = import_definitions(session, panel, {
            "kind": "meeting", "key": "havn", "title": "Borgermøde om den nye havn",
            "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat(),
            "location": "Kulturhuset, Store Sal", "max_guests": 1})[0]
        # Staff plan the meeting before the links go out (the plan row exists before the first click).
        meetings.configure_meeting(session, meeting, capacity=max(20, panelists // 10), seat_mode=FIRST_COME,
                                   rsvp_deadline_at=None, now=now)
        tokens = [make_rsvp_token(p, meeting.id) for p in members]
        session.commit()
        population = Population(panelists=len(members), phones=[p.phone for p in texters], rsvp_tokens=tokens,
                                campaign_id=campaign.id, staff_email=demo.admin_email,
                                staff_password=demo.admin_password)
    engine.dispose()
    return population


def complete_schema(url: str) -> list[str]:
    """Create tables the migration does not have yet; their names (empty when the migration is complete).

    The benchmark measures the app, not the migration (``tests/test_migrations.py`` does that), so a
    table added to a model before the migration is regenerated is made here and named in the output.
    """
    from sqlalchemy import inspect

    from engagement.models import metadata

    engine = create_engine(url)
    missing = sorted(set(metadata.tables) - set(inspect(engine).get_table_names()))
    metadata.create_all(engine, tables=[metadata.tables[name] for name in missing])
    engine.dispose()
    return missing


def start_inbound_worker(env: dict[str, str], log_path: Path):
    import subprocess

    log = open(log_path, "wb")
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "inbound", "work",
                             "--poll-seconds", "0.2"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def count_rows(url: str) -> dict[str, int]:
    """What the load left in the database: inbound SMS (all, processed) and pending signups."""
    from engagement.inbound.models import InboundMessage
    from engagement.panel.models import PENDING, Panelist

    engine = create_engine(url)
    with Session(engine) as session:
        statuses = Counter(session.exec(select(InboundMessage.status).where(InboundMessage.channel == "sms")).all())
        pending = session.exec(select(func.count()).select_from(Panelist).where(Panelist.status == PENDING)).one()
    engine.dispose()
    return {"sms stored": sum(statuses.values()), "sms processed": statuses.get("processed", 0),
            "pending signups": pending}


# ---------------------------------------------------------------------------
# The clients
# ---------------------------------------------------------------------------

@dataclass
class Tally:
    """Latencies and failures per endpoint, for one phase."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def merge(self, other: Tally) -> None:
        for name, values in other.latencies.items():
            self.latencies[name].extend(values)
        for name, kinds in other.errors.items():
            self.errors[name].update(kinds)

    def ok(self, name: str) -> int:
        return len(self.latencies[name]) - sum(self.errors[name].values())


class Client:
    """One simulated person at a time: a citizen (new browser and address each action) or the staff member."""

    _citizens = itertools.count(1)

    def __init__(self, base: str, index: int, population: Population, mix: dict[str, int], seed: int,
                 timeout: float, webhook_base: str | None = None):
        from twilio.request_validator import RequestValidator

        self.base, self.population, self.timeout = base, population, timeout
        self.webhook_base = webhook_base or base  # where Twilio's requests go (the proxy's /sms/ route)
        self.rng = random.Random(seed * 1000 + index)
        self.mix = mix
        self.actions = [getattr(self, f"do_{name}") for name in mix]
        self.weights = list(mix.values())
        self.validator = RequestValidator(_servers.TWILIO_TOKEN)
        self.citizen = requests.Session()
        self.staff = requests.Session()
        self.staff.headers["X-Forwarded-For"] = f"192.168.{index // 250}.{index % 250 + 1}"
        self.tally = Tally()

    # -- plumbing --------------------------------------------------------

    def call(self, http: requests.Session, name: str, method: str, path: str, expect: int,
             base: str | None = None, **kwargs) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = http.request(method, (base or self.base) + path, timeout=self.timeout,
                                    allow_redirects=False, **kwargs)
        except requests.Timeout:
            response, problem = None, "timeout"
        except requests.RequestException as exc:
            response, problem = None, type(exc).__name__
        else:
            problem = None if response.status_code == expect else f"HTTP {response.status_code}"
        self.tally.latencies[name].append(time.perf_counter() - started)
        if problem:
            self.tally.errors[name][problem] += 1
            return None
        return response

    def new_citizen(self) -> None:
        """A fresh browser (no cookies) at an address of its own."""
        n = next(self._citizens)
        self.citizen.cookies.clear()
        self.citizen.headers["X-Forwarded-For"] = f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"

    @staticmethod
    def csrf(response: requests.Response) -> str:
        match = CSRF_INPUT.search(response.text)
        return (match.group(1) or match.group(2)) if match else ""

    def log_in(self) -> None:
        page = self.call(self.staff, "GET /staff/login", "GET", "/staff/login", 200)
        form = {"email": self.population.staff_email, "password": self.population.staff_password,
                "csrf_token": self.csrf(page) if page is not None else ""}
        if self.call(self.staff, "POST /staff/login", "POST", "/staff/login", 302, data=form) is None:
            raise SystemExit(f"staff login failed: {dict(self.tally.errors)}")

    def run(self, until: float) -> Tally:
        self.tally = Tally()
        while time.perf_counter() < until:
            self.rng.choices(self.actions, self.weights)[0]()
        return self.tally

    def run_baseline(self, until: float) -> Tally:
        self.tally = Tally()
        while time.perf_counter() < until:
            self.call(self.citizen, "GET /healthz", "GET", "/healthz", 200)
        return self.tally

    # -- the actions -----------------------------------------------------

    def do_signup(self) -> None:
        self.new_citizen()
        path = f"/p/{PANEL}/tilmeld"
        page = self.call(self.citizen, "GET  signup page", "GET", path, 200)
        if page is None:
            return
        form = {"csrf_token": self.csrf(page), "email": f"ny-{uuid.uuid4().hex[:16]}@example.dk",
                "name": "Ny Borger", "channel": "email", "language": "da", "consent": "yes",
                "birth_year": str(self.rng.randint(1940, 2005)), "gender": self.rng.choice(("female", "male")),
                "postcode": "6700"}
        self.call(self.citizen, "POST signup form", "POST", path, 302, data=form)

    def do_sms(self) -> None:
        url = self.base + "/sms/inbound"  # the public address Twilio signs, whichever pool answers
        form = {"MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": "AC" + "0" * 32,
                "From": self.rng.choice(self.population.phones), "To": "+4570701234",
                "Body": self.rng.choice(SMS_BODIES), "NumMedia": "0"}
        headers = {"X-Twilio-Signature": self.validator.compute_signature(url, form)}
        self.call(self.citizen, "POST sms webhook", "POST", "/sms/inbound", 200, data=form, headers=headers,
                  base=self.webhook_base)

    def do_rsvp(self) -> None:
        self.new_citizen()
        token = self.rng.choice(self.population.rsvp_tokens)
        path = f"/p/{PANEL}/moede/{token}/{self.rng.choice(('yes', 'yes', 'no', 'maybe'))}"
        page = self.call(self.citizen, "GET  rsvp link", "GET", path, 200)
        if page is None:
            return
        self.call(self.citizen, "POST rsvp button", "POST", path, 200,
                  data={"csrf_token": self.csrf(page), "guests": "0"})

    def staff_pages(self) -> dict[str, str]:
        return {"dashboard": f"/staff/{PANEL}/", "panelists": f"/staff/{PANEL}/panelister",
                "campaign": f"/staff/{PANEL}/kampagner/{self.population.campaign_id}",
                "results": f"/staff/{PANEL}/resultater/{SURVEY['key']}"}

    def do_staff(self) -> None:
        page, path = self.rng.choice(list(self.staff_pages().items()))
        self.call(self.staff, f"GET  staff {page}", "GET", path, 200)

    def visit_staff_pages(self) -> None:
        for page, path in self.staff_pages().items():
            self.call(self.staff, f"GET  staff {page}", "GET", path, 200)


def warm_up(clients: list[Client], seconds: float, workers: int, rounds: int = 10) -> Tally:
    """Load what each worker loads lazily (the Danish reader), open every staff page, then run the mix.

    All clients send an SMS at once, so every worker gets one of the first slow requests; rounds
    repeat until a whole round is quick.  Then as many clients as there are workers open every
    staff page once, and ``seconds`` of the mix follow.  Nothing here is in the table.
    """
    warmed = Tally()
    if "sms" in clients[0].mix:
        for _ in range(rounds):
            tally, _ = run_phase(clients, 0, action=Client.do_sms)
            warmed.merge(tally)
            if max(itertools.chain.from_iterable(tally.latencies.values()), default=0.0) < 1.0:
                break
    if "staff" in clients[0].mix:
        warmed.merge(run_phase(clients[:workers], 0, action=Client.visit_staff_pages)[0])
    if seconds > 0:
        warmed.merge(run_phase(clients, seconds)[0])
    return warmed


def run_phase(clients: list[Client], seconds: float, baseline: bool = False,
              action=None) -> tuple[Tally, float]:
    """Every client in its own thread until the deadline (or once through ``action``); merged tally, wall time."""
    results: list[Tally] = []
    lock = threading.Lock()
    started = time.perf_counter()
    until = started + seconds

    def work(client: Client) -> None:
        if action is not None:
            client.tally = Tally()
            action(client)
            tally = client.tally
        else:
            tally = client.run_baseline(until) if baseline else client.run(until)
        with lock:
            results.append(tally)

    threads = [threading.Thread(target=work, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    merged = Tally()
    for tally in results:
        merged.merge(tally)
    return merged, elapsed


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------

def percentile(ordered: list[float], share: float) -> float:
    """Nearest-rank percentile of sorted values."""
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def row(name: str, latencies: list[float], errors: int, seconds: float, baseline_rps: float) -> str:
    ordered = sorted(latencies)
    rps = len(ordered) / seconds
    p50 = percentile(ordered, 0.50) * 1000 if ordered else 0.0
    p99 = percentile(ordered, 0.99) * 1000 if ordered else 0.0
    return (f"{name:24} {len(ordered):9d} {rps:9.1f} {p50:9.1f} {p99:9.1f} {errors:7d} "
            f"{rps / baseline_rps if baseline_rps else 0.0:11.3f}")


def report(args, database: str, warm: Tally, baseline: tuple[Tally, float], mixed: tuple[Tally, float],
           checks: list[tuple[str, int, int, int]]) -> bool:
    """Print the settings, the table and the checks (label, low, high, found); True when nothing failed."""
    base_tally, base_seconds = baseline
    tally, seconds = mixed
    base_latencies = base_tally.latencies["GET /healthz"]
    base_errors = sum(base_tally.errors["GET /healthz"].values())
    baseline_rps = len(base_latencies) / base_seconds

    print("Borgerpanel load benchmark")
    print(f"machine:  {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, {database}")
    print(f"          load average {args.load_before:.2f} before the run (1 min; other work on the machine), "
          "clients on the same machine as the server")
    threads = f" x {args.threads} threads" if args.worker_class == "gthread" else ""
    webhooks = (f"; the Twilio webhooks on a pool of their own, {args.webhook_workers} sync workers"
                if args.webhook_workers else "; the Twilio webhooks on the same pool")
    print(f"server:   gunicorn wsgi:app, {args.workers} {args.worker_class} workers{threads}{webhooks}")
    print(f"load:     {args.clients} clients, mix {args.mix}, {args.panelists} panelists; "
          f"warm-up {args.warmup:g} s, baseline {args.baseline_seconds:g} s, mixed {args.seconds:g} s "
          f"(measured {base_seconds:.1f} s and {seconds:.1f} s)")
    print()
    header = (f"{'endpoint':24} {'requests':>9} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7} "
              f"{'vs /healthz':>11}")
    print(header)
    print("-" * len(header))
    print(row("GET  /healthz baseline", base_latencies, base_errors, base_seconds, baseline_rps))
    everything: list[float] = []
    failed = base_errors
    ordered = sorted(tally.latencies, key=lambda name: (ROW_ORDER.index(name) if name in ROW_ORDER else 99, name))
    for name in ordered:
        errors = sum(tally.errors[name].values())
        failed += errors
        everything.extend(tally.latencies[name])
        print(row(name, tally.latencies[name], errors, seconds, baseline_rps))
    print("-" * len(header))
    print(row("total (mixed load)", everything, failed - base_errors, seconds, baseline_rps))

    warm_errors = {f"{name} (warm-up)": kinds for name, kinds in warm.errors.items() if kinds}
    failed += sum(sum(kinds.values()) for kinds in warm_errors.values())
    problems = {name: kinds for name, kinds in {**warm_errors, **base_tally.errors, **tally.errors}.items() if kinds}
    if problems:
        print()
        print("errors:")
        for name, kinds in sorted(problems.items()):
            print(f"  {name}: " + ", ".join(f"{n} x {kind}" for kind, n in kinds.most_common()))
    print()
    print("checks:")
    wrong = 0
    for label, low, high, found in checks:
        mark = "ok" if low <= found <= high else "MISMATCH"
        wrong += mark != "ok"
        expected = f"{low}" if low == high else f"{low}..{high}"
        print(f"  {label:16} expected {expected:>11}  found {found:6d}  {mark}")
    return failed == 0 and wrong == 0


# ---------------------------------------------------------------------------

def parse_mix(raw: str) -> dict[str, int]:
    mix = {}
    for part in raw.split(","):
        name, _, weight = part.partition("=")
        name = name.strip()
        if name not in ("signup", "sms", "rsvp", "staff") or not weight.strip().isdigit():
            raise argparse.ArgumentTypeError(f"--mix wants name=weight for signup, sms, rsvp, staff; not {part!r}")
        if int(weight):
            mix[name] = int(weight)
    if not mix:
        raise argparse.ArgumentTypeError("--mix needs at least one weight above 0")
    return mix


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30, help="length of the mixed load (30)")
    parser.add_argument("--baseline-seconds", type=float, default=10, help="length of the /healthz baseline (10)")
    parser.add_argument("--warmup", type=float, default=5, help="unrecorded mixed load first (5)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent client threads (16)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--worker-class", choices=_servers.WORKER_CLASSES, default="sync")
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker (4)")
    parser.add_argument("--webhook-workers", type=int, default=2,
                        help="sync workers of the webhook pool, a second gunicorn that takes the Twilio "
                             "requests as in production (README, Production); 0: the webhooks go to the "
                             "main pool (2)")
    parser.add_argument("--panelists", type=int, default=2000, help="members of the seeded panel (2000)")
    parser.add_argument("--mix", default=DEFAULT_MIX, help=f"action weights ({DEFAULT_MIX})")
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a request counts as failed (30)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgresql://root@127.0.0.1:5432/bench_load"),
        help="a PostgreSQL database the benchmark may drop and create (bench_load on loopback)")
    parser.add_argument("--keep-database", action="store_true", help="leave the database for a look afterwards")
    args = parser.parse_args()
    args.load_before = os.getloadavg()[0]
    try:
        mix = parse_mix(args.mix)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))

    url = _servers.fresh_database(args.database_url)
    server = webhooks = inbound = None
    try:
        with tempfile.TemporaryDirectory(prefix="bench-load-") as instance:
            port = _servers.free_port()
            env = _servers.app_environment(url, port, INBOUND_PANEL=PANEL, TRUSTED_PROXIES="1",
                                           BORGERPANEL_INSTANCE=instance)
            _servers.migrate(env)
            not_migrated = complete_schema(url)
            population = seed(url, args.panelists)
            server = _servers.start_gunicorn(env, port, args.workers, worker_class=args.worker_class,
                                             threads=args.threads)
            webhook_base = None
            if args.webhook_workers:
                webhook_port = _servers.free_port()
                webhooks = _servers.start_gunicorn(env, webhook_port, args.webhook_workers)
                webhook_base = f"http://127.0.0.1:{webhook_port}"
            inbound = start_inbound_worker(env, Path(instance) / "inbound.log")
            base = f"http://127.0.0.1:{port}"
            clients = [Client(base, i, population, mix, args.seed, args.timeout, webhook_base)
                       for i in range(args.clients)]
            if "staff" in mix:
                for client in clients:
                    client.log_in()
            warm = warm_up(clients, args.warmup, args.workers)
            baseline = run_phase(clients, args.baseline_seconds, baseline=True)
            mixed = run_phase(clients, args.seconds)
            for process in (server, webhooks):
                if process is not None:
                    _servers.stop(process)
            server = webhooks = None
            drained, delays = _servers.drain_inbound(url)
            _servers.stop(inbound)
            inbound = None

            # Every webhook call that got 200 is one stored row, processed; every signup one pending member.
            # A failed call (a timeout, say) may still have done its work: it widens the range.
            done = Tally()
            done.merge(warm)
            done.merge(mixed[0])
            found = count_rows(url)
            checks = [(label, done.ok(name), done.ok(name) + sum(done.errors[name].values()), found[label])
                      for label, name in (("sms stored", "POST sms webhook"), ("sms processed", "POST sms webhook"),
                                          ("pending signups", "POST signup form"))]
            database = (f"PostgreSQL {_servers.server_version(url)} on loopback "
                        f"(database {urlsplit(url).path.lstrip('/')})")
            passed = report(args, database, warm, baseline, mixed, checks)
            if delays:
                print(f"inbound worker (1 process): {len(delays)} SMS read; stored -> read p50 "
                      f"{delays[len(delays) // 2]:.2f} s, p99 {delays[min(len(delays) - 1, int(len(delays) * 0.99))]:.2f} s; "
                      f"the queue was empty {drained:.1f} s after the load ended")
            if not_migrated:
                print(f"note: not in the migration yet, made with create_all: {', '.join(not_migrated)}")
    finally:
        for process in (server, webhooks, inbound):
            if process is not None:
                _servers.stop(process)
        if not args.keep_database:
            _servers.drop_database(url)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
