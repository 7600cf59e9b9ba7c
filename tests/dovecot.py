"""A real Dovecot IMAP server on loopback for tests: its own config in a temporary folder.

``DovecotServer(root).start()`` writes ``dovecot.conf`` (own ``base_dir``,
log file and state under ``root``), a passwd-file with one ``{PLAIN}`` user
and a Maildir owned by the mail user, then runs ``dovecot -F`` (foreground)
on a free port and waits until it greets.  ``stop()`` terminates it.  The
system's Dovecot is never touched.  Tests are skipped when Dovecot is not
installed (``.ci/run`` installs ``dovecot-imapd``).
"""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USERNAME = "panel@kommune.example.dk"
PASSWORD = "imap-test-password"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
mail_location = maildir:{root}/mail/%n
mail_uid = {uid}
mail_gid = {gid}
mail_max_userip_connections = 50
protocol imap {{
  imap_idle_notify_interval = 1 secs
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%n
}}
"""


def is_available() -> bool:
    return os.path.exists(DOVECOT) and os.geteuid() == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class DovecotServer:
    root: Path
    port: int = 0
    process: subprocess.Popen | None = None
    username: str = USERNAME
    password: str = PASSWORD

    def start(self, timeout: float = 15.0) -> "DovecotServer":
        self.port = self.port or free_port()
        mail_user = pwd.getpwnam("mail")
        uid, gid = mail_user.pw_uid, mail_user.pw_gid
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        os.chown(self.root / "mail", uid, gid)
        os.chmod(self.root, 0o755)
        (self.root / "passwd").write_text(f"{self.username}:{{PLAIN}}{self.password}\n", encoding="utf-8")
        (self.root / "dovecot.conf").write_text(CONFIG.format(root=self.root, port=self.port, uid=uid, gid=gid),
                                                encoding="utf-8")
        self.process = subprocess.Popen([DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot exited: {self.process.stderr.read().decode(errors='replace')}"
                                   f"{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"dovecot did not start: {self.log()}")

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stderr:
            self.process.stderr.close()
        self.process = None

    def client(self):
        from imapclient import IMAPClient

        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        client.login(self.username, self.password)
        return client

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        with self.client() as client:
            client.append(folder, raw)

    def count(self, folder: str) -> int:
        with self.client() as client:
            if not client.folder_exists(folder):
                return 0
            return int(client.folder_status(folder, ["MESSAGES"])[b"MESSAGES"])
