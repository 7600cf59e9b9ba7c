"""A private PostgreSQL cluster for one test: its own data folder, its own port, restartable.

``PrivatePostgres`` runs ``initdb`` / ``pg_ctl`` from ``/usr/lib/postgresql/*/bin`` as the
``postgres`` OS user (PostgreSQL refuses to run as root) in a folder made under the system's
temp folder and owned by that user (pytest's own folders are 0700, out of its reach).  Trust
authentication on loopback only.  ``restart()`` is ``pg_ctl restart -m fast``: every client
connection is cut, as in a failover or a crash-restart.  The system's PostgreSQL on 5432 is
never touched.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

from tests.campaigns.loopback import free_port


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def is_available() -> bool:
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return _bin_dir() is not None and os.geteuid() == 0


class PrivatePostgres:
    def __init__(self):
        self.bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="borgerpanel-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.port = free_port()
        user = pwd.getpwnam("postgres")
        os.chown(self.root, user.pw_uid, user.pw_gid)
        os.chmod(self.root, 0o700)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", str(self.bin / args[0]), *args[1:]],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def _pg_ctl(self, action: str, *extra: str) -> None:
        self._run("pg_ctl", action, "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  "-o", f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root} "
                        "-c fsync=off -c full_page_writes=off -c max_connections=50", *extra)

    def start(self) -> "PrivatePostgres":
        if not self.data.exists():
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--no-sync", "--locale=C")
        self._pg_ctl("start")
        self.wait_ready()
        return self

    def restart(self) -> None:
        self._pg_ctl("restart", "-m", "fast")
        self.wait_ready()

    def stop(self) -> None:
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w")

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                                     connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.SubprocessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)
