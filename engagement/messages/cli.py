"""``flask --app wsgi messages ...``: preview every message a citizen can receive."""
from __future__ import annotations

from flask.cli import AppGroup

messages_cli = AppGroup("messages", help="Messages to citizens.")
