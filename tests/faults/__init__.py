"""Faults, each a test with real processes and real servers (issue 10): nothing lost, nothing sent twice.

Every test here starts the service's own processes (``flask --app wsgi delivery run``,
``scheduler run``, ``mail listen``) as subprocesses with ``tests.scheduling.test_processes.Proc``
and real servers on loopback; waits poll with deadlines; backoffs of a minute are "passed" by
moving ``next_attempt_at`` in the database, never slept.  All run on SQLite and on PostgreSQL
(``.ci/run``); the PostgreSQL restart brings its own private cluster, so it runs in both.

=====================================  ==========================================================
fault                                  test
=====================================  ==========================================================
PostgreSQL restarted during a          ``test_postgres_restart``: private cluster
campaign                               (``tests.faults.postgres``), scheduler + worker processes,
                                       ``pg_ctl stop -m immediate`` mid-send, start; one invitation
                                       each, both processes still up.
SMTP answering 421, then 550           ``test_smtp_421_550``: aiosmtpd answers MAIL with 421 three
                                       times, then 550 for five recipients; 421 waits (no attempt
                                       spent on the rest of the batch), 550 fails once and bounces.
Twilio answering 429 and 500           ``test_twilio_429_500``: ``tests.twilio_standin``
                                       (``answer_next``) and a worker process
                                       (``tests.faults.twilio_worker``); requests counted per number.
IMAP server restarted while the        ``test_imap_restart``: ``mail listen`` in a 30 s IDLE on
listener idles                         Dovecot; every Dovecot process SIGKILLed, started again on
                                       the same store; later replies handled, each exactly once.
A delivery worker killed mid-batch     ``test_worker_killed``: three workers, the one holding the
                                       message in flight SIGKILLed; that message arrives twice
                                       (the documented window), every other exactly once.  See
                                       also ``tests/delivery/test_worker.py`` (in-process, simulated
                                       kill) and ``tests/scheduling/test_processes.py`` (scheduler
                                       and worker SIGKILLed and restarted twice).
The mail listener killed mid-pass      ``tests/inbound/test_listener_crash.py`` (200 replies).
=====================================  ==========================================================
"""
