"""The demo panel: "Borgerpanelet i Demo Kommune" with 2,000 made-up panelists and an admin account.

``create_demo_panel`` does nothing on a database that already has a panel, so
``flask --app wsgi demo create`` (run by ``make run``) is safe to run every time.
The panelists follow the population margins shipped with the code
(``engagement/selection/data/population-margins.csv``): for gender, age band,
area, education and housing a list with each value's share of the panelists is
shuffled with a seeded ``random.Random``, so the panel matches the population
to within rounding and is the same on every machine.  Names are Danish-sounding,
addresses are at example.dk domains, mobile numbers are in the +4520/30/40
ranges, and memberships started over the past three years (some end soon).
"""
from __future__ import annotations

import random
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlmodel import Session, select

from engagement.audit import record_audit
from engagement.db import utcnow
from engagement.panel.consent import CURRENT_VERSION as CONSENT_VERSION
from engagement.panel.import_service import insert_rows, membership_end
from engagement.panel.models import ACTIVE, Panel
from engagement.selection.targets import Margin, default_margins, labels_of, replace_population_targets
from engagement.staff.models import ADMIN, StaffRole, StaffUser

DEMO_KEY = "demo"
DEMO_NAME = "Borgerpanelet"
DEMO_MUNICIPALITY = "Demo Kommune"
ADMIN_EMAIL = "admin@demo.example.dk"
SOURCE = "demo"
PANELISTS = 2000
SEED = 20250101
MEMBERSHIP_YEARS = 3

# Made-up postcodes of the demo municipality's areas.
POSTCODES = {
    "midtby": ("6700", "6705", "6710"),
    "nord": ("6715", "6720"),
    "syd": ("6731", "6740"),
    "vest": ("6750", "6753"),
    "land": ("6760", "6771", "6780", "6792"),
}
EMAIL_DOMAINS = ("example.dk", "post.example.dk", "mail.example.dk")
MOBILE_PREFIXES = ("20", "30", "40")

FEMALE_NAMES = ("Anne", "Kirsten", "Mette", "Hanne", "Anna", "Helle", "Susanne", "Lene", "Maria", "Marianne",
                "Inge", "Karen", "Lone", "Bente", "Camilla", "Pia", "Louise", "Charlotte", "Ida", "Emma",
                "Sofie", "Freja", "Julie", "Signe", "Astrid", "Birgitte", "Tove", "Ellen", "Line", "Maja")
MALE_NAMES = ("Peter", "Jens", "Lars", "Michael", "Henrik", "Søren", "Thomas", "Jan", "Niels", "Rasmus",
              "Morten", "Jesper", "Anders", "Mads", "Christian", "Martin", "Ole", "Poul", "Frederik", "Jørgen",
              "Kasper", "Mikkel", "Emil", "Oliver", "William", "Magnus", "Bent", "Erik", "Torben", "Claus")
SURNAMES = ("Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
            "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen",
            "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Frederiksen",
            "Lund", "Holm", "Schmidt", "Eriksen", "Kristiansen", "Simonsen", "Clausen", "Laursen", "Dahl",
            "Bach", "Østergaard", "Kjær", "Vestergaard", "Iversen", "Jepsen", "Lauridsen")
AGE_RANGES = {"18-29": (18, 29), "30-39": (30, 39), "40-49": (40, 49), "50-59": (50, 59),
              "60-69": (60, 69), "70+": (70, 94)}


@dataclass(frozen=True)
class DemoPanel:
    panel_id: int
    key: str
    name: str
    panelists: int
    admin_email: str
    admin_password: str


def quota_draw(rng: random.Random, shares: dict[str, float], count: int) -> list[str]:
    """``count`` values in the given shares (largest remainder), in random order."""
    total = sum(shares.values())
    exact = {value: share / total * count for value, share in shares.items()}
    counts = {value: int(amount) for value, amount in exact.items()}
    by_remainder = sorted(exact, key=lambda value: exact[value] - counts[value], reverse=True)
    for value in by_remainder[:count - sum(counts.values())]:
        counts[value] += 1
    values = [value for value, n in counts.items() for _ in range(n)]
    rng.shuffle(values)
    return values


def _ascii(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _employment(rng: random.Random, age: int) -> str:
    if age >= 67:
        return rng.choices(("pensionist", "ansat", "andet"), (90, 6, 4))[0]
    if age < 25:
        return rng.choices(("studerende", "ansat", "ledig"), (60, 35, 5))[0]
    return rng.choices(("ansat", "selvstaendig", "ledig", "studerende", "andet"), (80, 8, 5, 3, 4))[0]


def synthetic_panelists(margins: list[Margin], *, count: int = PANELISTS, seed: int = SEED,
                        now: datetime | None = None, membership_years: int = MEMBERSHIP_YEARS) -> list[dict]:
    """Column values of ``count`` made-up active panelists (no panel id yet)."""
    rng = random.Random(seed)
    now = now or utcnow()
    today = now.date()
    shares = {feature: {m.value: m.share for m in margins if m.feature == feature}
              for feature in ("gender", "age", "area", "education", "housing")}
    drawn = {feature: quota_draw(rng, values, count) for feature, values in shares.items()}
    emails: set[str] = set()
    phones: set[str] = set()
    rows = []
    for i in range(count):
        gender, band, area = drawn["gender"][i], drawn["age"][i], drawn["area"][i]
        low, high = AGE_RANGES[band]
        age = rng.randint(low, high)
        first = rng.choice(FEMALE_NAMES if gender == "female" else MALE_NAMES)
        last = rng.choice(SURNAMES)
        local = f"{_ascii(first)}.{_ascii(last)}"
        email = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
        while email in emails:
            email = f"{local}{rng.randint(1, 999)}@{rng.choice(EMAIL_DOMAINS)}"
        emails.add(email)
        phone = None
        if rng.random() < 0.4:
            while phone is None or phone in phones:
                # +45 20 0x xx xx and the like are not in use: the third digit is 1-9
                phone = f"+45{rng.choice(MOBILE_PREFIXES)}{rng.randint(1, 9)}{rng.randint(0, 99999):05d}"
            phones.add(phone)
        channel = rng.choices(("email", "sms", "both"), (30, 30, 40))[0] if phone else "email"
        started = now - timedelta(days=rng.uniform(0, 365 * membership_years - 1))
        rows.append({
            "status": ACTIVE, "email": email, "phone": phone, "name": f"{first} {last}",
            "language": "en" if rng.random() < 0.04 else "da", "channel": channel,
            "email_status": "ok", "sms_status": "ok",
            "birth_year": today.year - age, "gender": gender, "postcode": rng.choice(POSTCODES[area]),
            "area": area, "education": drawn["education"][i], "housing": drawn["housing"][i],
            "employment": _employment(rng, age), "source": SOURCE,
            "created_at": started - timedelta(minutes=rng.randint(2, 600)), "confirmed_at": started,
            "membership_ends_at": membership_end(started, membership_years), "token_version": 1,
        })
    return rows


def _admin_account(session: Session, panel: Panel, password: str) -> StaffUser:
    password_hash = PasswordHasher().hash(password)
    staff = session.exec(select(StaffUser).where(StaffUser.email == ADMIN_EMAIL)).first()
    if staff is None:
        staff = StaffUser(email=ADMIN_EMAIL, name="Demo-administrator", password_hash=password_hash)
    else:  # left over from an earlier demo: a new password, so it can be shown
        staff.password_hash, staff.is_active = password_hash, True
    session.add(staff)
    session.flush()
    session.add(StaffRole(staff_id=staff.id, panel_id=panel.id, role=ADMIN))
    return staff


def has_panels(session: Session) -> bool:
    return session.exec(select(Panel.id).limit(1)).first() is not None


def create_demo_panel(session: Session, *, count: int = PANELISTS, seed: int = SEED,
                      now: datetime | None = None) -> DemoPanel | None:
    """Create the demo panel and commit; None (and nothing done) if any panel exists."""
    if has_panels(session):
        return None
    now = now or utcnow()
    margins = default_margins()
    area_labels = labels_of(margins, "area")
    panel = Panel(key=DEMO_KEY, name=DEMO_NAME, municipality=DEMO_MUNICIPALITY,
                  sender_name="Borgerpanelet i Demo Kommune", dpo_contact="dpo@demo.example.dk",
                  postcode_areas={code: area for area, codes in POSTCODES.items() for code in codes},
                  area_labels={area: area_labels.get(area, area) for area in POSTCODES},
                  membership_years=MEMBERSHIP_YEARS, created_at=now - timedelta(days=365 * MEMBERSHIP_YEARS))
    session.add(panel)
    session.flush()
    replace_population_targets(session, panel.id, margins)

    rows = synthetic_panelists(margins, count=count, seed=seed, now=now, membership_years=MEMBERSHIP_YEARS)
    for row in rows:
        row["panel_id"] = panel.id
    insert_rows(session, panel.id, rows, consent_version=CONSENT_VERSION, source=SOURCE)

    password = secrets.token_urlsafe(12)
    staff = _admin_account(session, panel, password)
    record_audit(session, panel_id=panel.id, action="panel.demo_create", actor="system",
                 target_type="panel", target_id=panel.id, panelists=len(rows))
    session.commit()
    return DemoPanel(panel_id=panel.id, key=panel.key, name=panel.display_name, panelists=len(rows),
                     admin_email=staff.email, admin_password=password)
