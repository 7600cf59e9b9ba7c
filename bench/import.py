"""Rows per second of the CSV import of panelists, through the real import path.

    .venv/bin/python bench/import.py [--rows N] [--seed S]

Writes a CSV file of N made-up panelists (default 100,000) the way Excel saves
a Danish spreadsheet (semicolon, Windows-1252, Danish column names and labels),
with about one line in ten invalid (bad email, birth year, gender, phone,
postcode) and a few emails twice.  Then imports it into a fresh SQLite
database in a temporary folder, and also into PostgreSQL when DATABASE_URL is
set (in a schema of its own, dropped afterwards; no existing table is touched),
and prints the rate of reading (parse), of saving (save) and of both (total),
and the time of importing the same file a second time (nothing new to save).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADER = "E-mail;Navn;Mobil;Fødselsår;Køn;Postnummer;Uddannelse;Bolig;Beskæftigelse;Sprog;Kanal"
GENDERS = ("Kvinde", "Mand", "K", "M", "female", "")
EDUCATIONS = ("Grundskole", "Gymnasial uddannelse", "Erhvervsfaglig uddannelse", "Kort videregående uddannelse",
              "Mellemlang videregående uddannelse", "Lang videregående uddannelse", "lvu", "")
HOUSINGS = ("Ejerbolig", "Privat lejebolig", "Almen bolig", "Andelsbolig", "Privat udlejning", "")
EMPLOYMENTS = ("I arbejde", "Selvstændig", "Under uddannelse", "Ledig", "Pensionist eller efterlønner", "")
FIRST = ("Anne", "Søren", "Mette", "Jørgen", "Åse", "Ærtebjerg", "Lars", "Maja", "Mads", "Ida")
LAST = ("Nielsen", "Jensen", "Møller", "Sørensen", "Østergaard", "Kjær", "Hansen", "Lund", "Dahl", "Bach")
POSTCODES = ("6700", "6705", "6710", "6715", "6720", "6731", "6740", "6750", "6760", "8000", "")
INVALID = (
    lambda r: r.__setitem__(0, f"ikke-en-mail-{r[0].split('@')[0]}"),
    lambda r: r.__setitem__(3, "19x5"),
    lambda r: r.__setitem__(4, "hest"),
    lambda r: r.__setitem__(2, "12345678"),
    lambda r: r.__setitem__(5, "12"),
    lambda r: (r.__setitem__(2, ""), r.__setitem__(10, "SMS")),
)


def generate_csv(rows: int, seed: int) -> tuple[bytes, int]:
    """The file's bytes and how many of its lines are invalid or repeated."""
    rng = random.Random(seed)
    lines = [HEADER]
    bad = 0
    for i in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        phone = f"{rng.choice(('20', '30', '40'))}{rng.randint(1, 9)}{rng.randint(0, 99999):05d}" \
            if rng.random() < 0.4 else ""
        row = [f"borger{i}@example.dk", f"{first} {last}", phone, str(rng.randint(1930, 2006)),
               rng.choice(GENDERS), rng.choice(POSTCODES), rng.choice(EDUCATIONS), rng.choice(HOUSINGS),
               rng.choice(EMPLOYMENTS), rng.choice(("dansk", "", "en")),
               rng.choice(("E-mail", "Begge", "SMS")) if phone else ""]
        roll = rng.random()
        if roll < 0.10:
            rng.choice(INVALID)(row)
            bad += 1
        elif roll < 0.12 and i > 0:
            row[0] = f"borger{rng.randrange(i)}@example.dk"  # the same person twice in the file
            bad += 1
        lines.append(";".join(row))
    return ("\r\n".join(lines) + "\r\n").encode("cp1252"), bad


def run(label: str, database_url: str, data: bytes, rows: int, instance: Path) -> None:
    from engagement import create_app
    from engagement.db import session_scope
    from engagement.models import metadata
    from engagement.panel.demo import POSTCODES as DEMO_POSTCODES
    from engagement.panel.import_service import save_import
    from engagement.panel.importing import read_panelists_csv
    from engagement.panel.models import Panel

    app = create_app({"database_url": database_url, "instance_path": instance, "log_level": "WARNING",
                      "secret_key": "bench-secret-key-that-is-long-enough-for-the-checks"})
    engine = app.extensions["borgerpanel.engine"]
    metadata.create_all(engine)
    with app.app_context():
        with session_scope(engine) as session:
            panel = Panel(key="bench", name="Benchmark Kommune",
                          postcode_areas={c: a for a, codes in DEMO_POSTCODES.items() for c in codes})
            session.add(panel)
            session.flush()

            start, cpu = time.perf_counter(), time.process_time()
            parsed = read_panelists_csv(data)
            parse_seconds, parse_cpu = time.perf_counter() - start, time.process_time() - cpu
            start, cpu = time.perf_counter(), time.process_time()
            result = save_import(session, panel, parsed, actor="bench")
            save_seconds, save_cpu = time.perf_counter() - start, time.process_time() - cpu

            start = time.perf_counter()
            again = save_import(session, panel, read_panelists_csv(data), actor="bench")
            again_seconds = time.perf_counter() - start
    engine.dispose()

    total = parse_seconds + save_seconds
    print(f"{label}: {rows:,} lines, {result.imported:,} imported, {len(result.rejected):,} rejected")
    print(f"  parse  {parse_seconds:6.2f} s  {rows / parse_seconds:10,.0f} rows/s   (CPU {parse_cpu:.2f} s)")
    print(f"  save   {save_seconds:6.2f} s  {result.imported / save_seconds:10,.0f} rows/s   "
          f"(CPU in this process {save_cpu:.2f} s)")
    print(f"  total  {total:6.2f} s  {rows / total:10,.0f} rows/s")
    print(f"  same file again: {again_seconds:.2f} s, {again.imported} imported, "
          f"{len(again.already_in_panel):,} already in the panel")


def run_postgresql(database_url: str, data: bytes, rows: int, instance: Path) -> None:
    """Import into a schema of its own, so no existing table is touched; drop it afterwards."""
    from sqlalchemy import create_engine, text

    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"bench_import_{os.getpid()}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        separator = "&" if "?" in database_url else "?"
        run("PostgreSQL", f"{database_url}{separator}options=-csearch_path%3D{schema}", data, rows, instance)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    start = time.perf_counter()
    data, bad = generate_csv(args.rows, args.seed)
    print(f"Generated {args.rows:,} lines ({len(data) / 1e6:.1f} MB, Windows-1252, semicolon; "
          f"{bad:,} invalid or repeated) in {time.perf_counter() - start:.1f} s")

    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        instance = Path(folder)
        run("SQLite", f"sqlite:///{instance / 'bench.sqlite3'}", data, args.rows, instance)
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith("postgresql"):
            run_postgresql(database_url, data, args.rows, instance)
    return 0


if __name__ == "__main__":
    sys.exit(main())
