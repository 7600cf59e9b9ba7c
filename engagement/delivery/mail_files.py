"""The local outbox folder: each message an ``.eml`` file, written atomically, named to sort by time
(development, tests, and a mail system that picks up files)."""
from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import datetime, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path


def message_id_of(message: EmailMessage) -> str:
    return str(message["Message-ID"] or "")


def id_hash(message_id: str) -> str:
    return hashlib.sha256(message_id.encode("utf-8")).hexdigest()[:16]


def outbox_file_name(message: EmailMessage | str, now: datetime | None = None) -> str:
    """``20250301T101502123456Z-<hash of Message-ID>.eml``: sorts by time, unique per message."""
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    message_id = message if isinstance(message, str) else message_id_of(message)
    return f"{moment:%Y%m%dT%H%M%S%fZ}-{id_hash(message_id)}.eml"


def write_outbox_file(message: EmailMessage, outbox_dir: Path, now: datetime | None = None) -> Path:
    return write_outbox_bytes(message.as_bytes(policy=policy.default), message_id_of(message), outbox_dir, now)


def write_outbox_bytes(data: bytes, message_id: str, outbox_dir: Path, now: datetime | None = None) -> Path:
    """Write the message atomically: a temporary file in the same folder, then a rename."""
    outbox_dir = Path(outbox_dir)
    outbox_dir.mkdir(parents=True, exist_ok=True)
    target = outbox_dir / outbox_file_name(message_id, now)
    fd, temp_name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=outbox_dir)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    return target


def read_outbox(outbox_dir: Path) -> list[EmailMessage]:
    """Every message in the outbox folder, oldest first (for tests and the dev console)."""
    folder = Path(outbox_dir)
    if not folder.is_dir():
        return []
    return [message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[misc]
            for path in sorted(folder.glob("*.eml"))]
