"""Fuzz: hostile SMS and mails through the real inbound pipeline; nothing may be lost.

    .venv/bin/python bench/fuzz.py [--sms 6000] [--mails 4000] [--huge 5]
                                   [--database-url postgresql://root@127.0.0.1:5432/bench_fuzz]

Makes a fresh PostgreSQL database (dropped at the end unless
``--keep-database``), a panel with a survey campaign sent to members by SMS
and by email, and starts the real processes: ``gunicorn`` (production's
config) for the Twilio webhook, a Dovecot IMAP server on loopback with
``flask mail listen`` reading it, and ``--workers`` ``flask inbound work``
processes.  Then it sends ``--sms`` signed webhooks from many threads (some
sent twice, as Twilio retries) and appends ``--mails`` messages to the
mailbox, every one of them drawn from a catalogue of hostile input (NUL
bytes and control characters, 100 KB bodies, 200,000 nested brackets,
half a megabyte on one line, From addresses of 400 characters, CR/LF in
odd places, broken MIME, unknown charsets, 8-bit headers, a reused
Message-ID with other content, a thousand header lines, ``--huge`` mails of
14 MB ...) mixed with ordinary answers.

Lost means: a webhook that got 200 without its row, a mail that left the
inbox without its row, or a row still unread when the queue has drained.
Every row must end processed, ignored or failed, and a failed one must be
in the staff inbox with its reason.  Prints the counts, the outcomes, the
reasons of the failed ones, the webhook's latency and the readers' time;
exit status 1 if anything was lost.  ``tests/faults/test_fuzz.py`` runs a
few hundred of the same cases through the same code in the suite.
"""
from __future__ import annotations

import argparse
import base64
import http.client
import itertools
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# ---------------------------------------------------------------------------
# The catalogue
# ---------------------------------------------------------------------------

ORDINARY = ("4", "ja", "Nej tak", "3 tak", "5\nja", "Hvornår kommer resultaterne?", "STOP", "Afmeld",
            "jeg cykler hver dag", "1. 2\n2. nej", "Vi kommer to", "start")


def _nasty_text(rng: random.Random, n: int) -> str:
    kinds = [
        lambda: "ja\x00tak",
        lambda: "\x00" * rng.randint(1, 50),
        lambda: "".join(chr(rng.randint(1, 31)) for _ in range(200)),
        lambda: "ja " * 35_000,                                        # 100 KB
        lambda: "[" * 200_000,                                         # deep nesting
        lambda: "{" * 5000 + '"a":' * 1000,
        lambda: "9" * 5000,
        lambda: "4" + "\u0301" * 10_000,                               # combining marks
        lambda: "\u202eja\u202c tak \u200d\U0001F468\u200d\U0001F469\u200d\U0001F467",
        lambda: "\ufffe\uffff\U0010FFFF ja",
        lambda: "'; DROP TABLE inbound_message; --",
        lambda: "<script>alert(1)</script> 4",
        lambda: " \t\r\n ",
        lambda: "",
        lambda: "STOP\x00",
        lambda: "ja\r\n" * 3000,
        lambda: "æøå ÆØÅ " * 2000,
        lambda: "".join(chr(rng.choice([rng.randint(0x20, 0x7e), rng.randint(0xa0, 0xd7ff),
                                        rng.randint(0xe000, 0xfffd)])) for _ in range(rng.randint(1, 3000))),
        lambda: rng.choice(ORDINARY) + "\x00" + rng.choice(ORDINARY),
        lambda: "1. " + "5" * 400 + "\n2. " + "ja " * 400,
    ]
    return kinds[n % len(kinds)]()


def sms_cases(count: int, seed: int, numbers: list[str]) -> list[dict]:
    """Twilio webhook forms: every fourth ordinary, the rest hostile (body, sender, extra fields)."""
    rng = random.Random(seed)
    cases = []
    for n in range(count):
        body = rng.choice(ORDINARY) if n % 4 == 0 else _nasty_text(rng, n)
        sender = numbers[n % len(numbers)]
        twist = n % 13
        if twist == 1:
            sender = "+45" + "2" * 400
        elif twist == 2:
            sender = sender + "\x00"
        elif twist == 3:
            sender = ""
        elif twist == 4:
            sender = "not a number ÆØÅ"
        form = {"MessageSid": f"SM{seed:04d}{n:028d}", "AccountSid": "AC" + "0" * 32, "From": sender,
                "To": "+4570701234", "Body": body, "NumMedia": "0"}
        if twist == 5:
            form["Extra\x00Field"] = "x\x00y"
        if twist == 6:
            form["FromCity"] = "Ærø" * 500
        cases.append(form)
    return cases


def _mail(to: str, body: bytes | str, *, subject: str | bytes = "Re: Trafik", sender: str | bytes = "Borger <borger@example.dk>",
          message_id: str | bytes | None = "", extra: bytes = b"", content_type: bytes = b"text/plain; charset=utf-8",
          n: int = 0) -> bytes:
    def b(value) -> bytes:
        return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")

    if message_id == "":
        message_id = f"<fuzz-{n}-{random.random()}@example.dk>"
    head = [b"X-Fuzz-Id: %d" % n, b"From: " + b(sender), b"To: " + b(to), b"Subject: " + b(subject),
            b"Date: Mon, 07 Dec 2026 10:00:00 +0100"]
    if message_id is not None:
        head.append(b"Message-ID: " + b(message_id))
    head += [b"MIME-Version: 1.0", b"Content-Type: " + content_type]
    return b"\r\n".join(head) + b"\r\n" + extra + b"\r\n" + b(body) + b"\r\n"


def mail_cases(count: int, seed: int, addresses: list[str], huge: int = 0) -> list[bytes]:
    """Raw RFC 5322 messages: every fourth ordinary, the rest hostile; ``huge`` of 14 MB."""
    rng = random.Random(seed)
    reused = f"<reused-{seed}@example.dk>"
    out = []
    for n in range(count):
        to = addresses[n % len(addresses)] if n % 17 else "svar+forged-token@localhost"
        k = n % 24
        if n % 4 == 0:
            raw = _mail(to, rng.choice(ORDINARY), n=n)
        elif k == 1:
            raw = _mail(to, "1. 4\n2. ja", subject="Re: Trafik\x00", n=n)
        elif k == 2:
            raw = _mail(to, "1. 4\n2. ja", message_id="<nul\x00id@example.dk>", n=n)
        elif k == 3:
            raw = _mail(to, "1. 2\n2. nej", sender="x" * 400 + "@example.dk", n=n)
        elif k == 5:
            raw = _mail(to, f"1. {n % 5 + 1}\n2. ja {n}", message_id=reused, n=n)   # one Message-ID, other bytes
        elif k == 6:
            raw = _mail(to, "ja tak " * 50_000, n=n)                           # 0.35 MB on one line
        elif k == 7:
            raw = _mail(to, "1. 4\n2. ja", content_type=b"text/plain; charset=x-klingon", n=n)
        elif k == 9:
            raw = _mail(to, b"1. 3\r\n2. nej\r\n--OTHER--", content_type=b'multipart/alternative; boundary="DECLARED"', n=n)
        elif k == 10:
            raw = _mail(to, "1. 2\n2. ja", sender=b"S\xf8ren \xff <soren@example.dk>", subject=b"Svar p\xe5 sp\xf8rgsm\xe5l", n=n)
        elif k == 11:
            raw = _mail(to, "", extra=b"".join(b"X-Fuzz-%d: %s\r\n" % (i, b"y" * 50) for i in range(1000)), n=n)
        elif k == 13:
            raw = _mail(to, ("> " * 500 + "ja\n") * 200, n=n)
        elif k == 14:
            raw = _mail(to, base64.b64encode(os.urandom(3000)).decode() + "!!!", n=n,
                        extra=b"Content-Transfer-Encoding: base64\r\n")
        elif k == 15:
            parts = b"".join(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i) for i in range(100))
            raw = _mail(to, parts + b"1. 4", content_type=b'multipart/mixed; boundary="b-1"', n=n)
        elif k == 17:
            raw = _mail(to, "1. 5\r2. ja\r\n\r\r\n", subject="Re:\r Trafik", n=n)
        elif k == 18:
            raw = _mail(to, "Jeg er på ferie", extra=b"Auto-Submitted: auto-replied\r\n", n=n)
        elif k == 19:
            raw = _mail(to, "--R\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                        "Final-Recipient: rfc822; \x00@example.dk\r\n--R--",
                        content_type=b'multipart/report; report-type=delivery-status; boundary="R"', n=n)
        elif k == 21:
            raw = _mail(to, "1. 4\n2. ja", subject="x" * 100_000, n=n)
        elif k == 22:
            raw = _mail(to, "BEGIN:VCALENDAR\nMETHOD:REPLY\nATTENDEE;PARTSTAT=ACCEPTED:\x00\nEND:VCALENDAR",
                        content_type=b'text/calendar; method=REPLY; charset="utf-8"', n=n)
        else:
            raw = _mail(to, _nasty_text(rng, n).replace("\x00", "\x00"), n=n)
        out.append(raw)
    for n in range(huge):
        payload = base64.encodebytes(os.urandom(10_000_000)).replace(b"\n", b"\r\n")   # 14 MB
        out.append(_mail(addresses[n % len(addresses)], b"--H\r\nContent-Type: text/plain\r\n\r\n1. 4\r\n2. ja\r\n"
                         b"--H\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n" + payload
                         + b"--H--", content_type=b'multipart/mixed; boundary="H"', n=10 ** 6 + n))
    return out


# ---------------------------------------------------------------------------
# Checking what the pipeline left
# ---------------------------------------------------------------------------

def settled(engine, timeout: float, inbox_empty=lambda: True) -> float:
    """Seconds until no row is left unread (and the mailbox is empty); raises after ``timeout``."""
    from sqlalchemy import func, select
    from sqlmodel import Session

    from engagement.inbound.models import RECEIVED, InboundMessage

    began = time.monotonic()
    while True:
        with Session(engine) as session:
            left = session.scalar(select(func.count()).select_from(InboundMessage)
                                  .where(InboundMessage.status == RECEIVED))
        if not left and inbox_empty():
            return time.monotonic() - began
        if time.monotonic() - began > timeout:
            raise TimeoutError(f"{left} rows still unread after {timeout:.0f} s")
        time.sleep(0.5)


def audit(engine, sms_sent: set[str], mails_stored: list[int]) -> dict:
    """What was lost, how each row ended, and why the failed ones failed."""
    from sqlmodel import Session, select

    from engagement.inbound.models import EMAIL, FAILED, RECEIVED, SMS, InboundMessage

    with Session(engine) as session:
        rows = session.exec(select(InboundMessage.id, InboundMessage.channel, InboundMessage.external_id,
                                   InboundMessage.status, InboundMessage.reason, InboundMessage.needs_staff,
                                   InboundMessage.raw)).all()
    sms_ids = Counter(r.external_id for r in rows if r.channel == SMS)
    mail_raws = Counter(fuzz_id(bytes(r.raw)) for r in rows if r.channel == EMAIL and r.raw is not None)
    expected_mails = Counter(mails_stored)
    lost_sms = sorted(sid for sid in sms_sent if sms_ids[sid] != 1)
    lost_mail = sum(1 for raw in expected_mails if mail_raws[raw] != 1)
    unread = [r.id for r in rows if r.status == RECEIVED]
    hidden = [r.id for r in rows if r.status == FAILED and not (r.needs_staff and r.reason)]
    reasons = Counter((r.channel, r.reason.split(":")[0] if r.reason else "") for r in rows if r.status == FAILED)
    return {"rows": len(rows), "status": Counter((r.channel, r.status) for r in rows), "lost_sms": lost_sms,
            "lost_mail": lost_mail, "unread": unread, "failed_without_reason": hidden, "failed_reasons": reasons,
            "extra_mail_rows": sum(mail_raws.values()) - len(expected_mails)}


def lost(result: dict) -> int:
    return (len(result["lost_sms"]) + result["lost_mail"] + len(result["unread"])
            + len(result["failed_without_reason"]))


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------

def seed_panel(app, members: int):
    """A survey campaign sent to ``members`` by SMS and as many by email: (numbers, reply addresses)."""
    from sqlmodel import Session

    from tests.inbound.support import invite

    engine = app.extensions["borgerpanel.engine"]
    with app.app_context(), Session(engine, expire_on_commit=False) as session:
        panel, _campaign, texters = invite(session, count=members, channel="sms")
        _panel, _campaign, writers = invite(session, count=members, panel=panel)
        numbers = [who.panelist.phone for who in texters]
        addresses = [who.reply_address for who in writers]
        key = panel.key
    return numbers, addresses, key


def post_all(port: int, forms: list[dict], token: str, threads: int = 8) -> tuple[set[str], list[float], int]:
    """Signed webhooks from ``threads`` clients (every 20th sent twice, as Twilio retries)."""
    from twilio.request_validator import RequestValidator

    url = f"http://127.0.0.1:{port}/sms/inbound"
    validator = RequestValidator(token)
    ok: set[str] = set()
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = itertools.count()
    jobs = [(i, form) for i, form in enumerate(forms)] + [(i, forms[i]) for i in range(0, len(forms), 20)]

    def client():
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while (j := next(counter)) < len(jobs):
            _, form = jobs[j]
            headers = {"Content-Type": "application/x-www-form-urlencoded",
                       "X-Twilio-Signature": validator.compute_signature(url, form)}
            began = time.perf_counter()
            try:
                connection.request("POST", "/sms/inbound", body=urlencode(form), headers=headers)
                response = connection.getresponse()
                response.read()
                took = time.perf_counter() - began
                with lock:
                    latencies.append(took)
                    if response.status == 200:
                        ok.add(form["MessageSid"])
                    else:
                        errors += 1
            except (OSError, http.client.HTTPException):
                with lock:
                    errors += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.close()

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return ok, sorted(latencies), errors


def append_all(dovecot, mails: list[bytes]) -> list[int]:
    """Every mail into INBOX; returns their ``X-Fuzz-Id`` numbers (the server may change bytes:
    Dovecot stores a NUL as 0x80 and a bare CR or LF as CRLF, so a mail is found by its number)."""
    with dovecot.client() as client:
        for raw in mails:
            client.append("INBOX", raw)
    return [fuzz_id(raw) for raw in mails]


def fuzz_id(raw: bytes) -> int | None:
    import re

    found = re.match(rb"X-Fuzz-Id: (\d+)\r?\n", raw)
    return int(found.group(1)) if found else None


def main() -> int:
    import _servers
    from tests.conftest import TEST_SECRET
    from tests.dovecot import DovecotServer, is_available

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sms", type=int, default=6000)
    parser.add_argument("--mails", type=int, default=4000)
    parser.add_argument("--huge", type=int, default=5, help="14 MB mails besides --mails")
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="inbound worker processes")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--timeout", type=float, default=3600, help="longest wait for the queue to drain (s)")
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgresql://root@127.0.0.1:5432/bench_fuzz"))
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()
    if not is_available():
        raise SystemExit("needs Dovecot (apt-get install dovecot-imapd) and root")

    url = _servers.fresh_database(args.database_url)
    processes: list[subprocess.Popen] = []
    root = Path(tempfile.mkdtemp(prefix="bench-fuzz-dovecot-"))
    dovecot = DovecotServer(root).start()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-fuzz-") as instance:
            port = _servers.free_port()
            env = _servers.app_environment(url, port, BORGERPANEL_INSTANCE=instance, SECRET_KEY=TEST_SECRET,
                                           REPLY_DOMAIN="localhost", IMAP_HOST="127.0.0.1",
                                           IMAP_PORT=str(dovecot.port), IMAP_SSL="false",
                                           IMAP_USERNAME=dovecot.username, IMAP_PASSWORD=dovecot.password,
                                           IMAP_POLL_SECONDS="1", LOG_LEVEL="WARNING")
            _servers.migrate(env)
            from engagement import create_app

            app = create_app({"database_url": url, "secret_key": TEST_SECRET, "instance_path": Path(instance),
                              "reply_domain": "localhost", "log_level": "WARNING"})
            engine = app.extensions["borgerpanel.engine"]
            numbers, addresses, key = seed_panel(app, args.members)
            env["INBOUND_PANEL"] = key
            server = _servers.start_gunicorn(env, port, 4)
            processes.append(server)
            flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
            processes.append(subprocess.Popen([*flask, "mail", "listen", "--idle-seconds", "2"], cwd=ROOT, env=env))
            for _ in range(args.workers):
                processes.append(subprocess.Popen([*flask, "inbound", "work", "--poll-seconds", "0.2"], cwd=ROOT, env=env))

            forms = sms_cases(args.sms, args.seed, numbers)
            mails = mail_cases(args.mails, args.seed, addresses, huge=args.huge)
            began = time.monotonic()
            sender = threading.Thread(target=lambda: results.update(zip(("ok", "latencies", "errors"),
                                                                        post_all(port, forms, _servers.TWILIO_TOKEN))))
            results: dict = {}
            sender.start()
            stored_mails = append_all(dovecot, mails)
            sender.join()
            sent_seconds = time.monotonic() - began
            drained = settled(engine, args.timeout, inbox_empty=lambda: dovecot.count("INBOX") == 0)
            stops = []
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                try:
                    stops.append(process.wait(60))
                except subprocess.TimeoutExpired:
                    process.kill()
                    stops.append("hung")
            processes.clear()
            result = audit(engine, results["ok"], stored_mails)
            reading = reading_times(engine)
            engine.dispose()
    finally:
        for process in processes:
            process.kill()
        dovecot.stop()
        if not args.keep_database:
            _servers.drop_database(url)

    latencies = results["latencies"]
    print(f"sent {len(forms)} SMS webhooks (+{len(range(0, len(forms), 20))} Twilio retries; "
          f"{results['errors']} not answered 200) and {len(mails)} mails ({args.huge} of 14 MB) in {sent_seconds:.0f} s; "
          f"the queue drained {drained:.0f} s later ({args.workers} inbound workers)")
    print(f"webhook latency: p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms, max {latencies[-1] * 1000:.0f} ms")
    print(f"stored -> read: p50 {reading['p50']:.2f} s, p99 {reading['p99']:.2f} s")
    print(f"rows: {result['rows']}; " + ", ".join(f"{c} {s}: {n}" for (c, s), n in sorted(result["status"].items())))
    print("failed, by reason: " + (", ".join(f"{c} '{r}': {n}" for (c, r), n in result["failed_reasons"].most_common())
                                   or "none"))
    print(f"processes stopped by SIGTERM: {stops}")
    print(f"LOST: {len(result['lost_sms'])} SMS, {result['lost_mail']} mails, {len(result['unread'])} rows never read, "
          f"{len(result['failed_without_reason'])} failed without a reason for staff  => {lost(result)} lost")
    return 0 if lost(result) == 0 and all(code == 0 for code in stops) and not results["errors"] else 1


def reading_times(engine) -> dict:
    from sqlmodel import Session, select

    from engagement.inbound.models import InboundMessage

    with Session(engine) as session:
        delays = sorted((done - stored).total_seconds() for stored, done in session.exec(
            select(InboundMessage.received_at, InboundMessage.processed_at)
            .where(InboundMessage.processed_at.is_not(None))).all())
    if not delays:
        return {"p50": 0.0, "p99": 0.0}
    return {"p50": delays[len(delays) // 2], "p99": delays[min(len(delays) - 1, int(len(delays) * 0.99))]}


if __name__ == "__main__":
    sys.exit(main())
