"""Settings: the only place that reads ``os.environ``.

Every setting has a safe embedded default for a developer's machine (SQLite and
a generated secret key under ``instance/``, local outbox files instead of SMTP
and Twilio).  ``Settings.from_env`` validates everything at start-up and raises
``ConfigError`` with a message that names the variable, so a bad deployment
fails at once instead of at the first email.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the variable."""


def _bool(name: str, raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def _int(name: str, raw: str, minimum: int = 0) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


@dataclass(frozen=True)
class Settings:
    instance_path: Path
    database_url: str
    secret_key: str
    public_base_url: str = "http://127.0.0.1:5000"
    # Outgoing mail: SMTP when smtp_host is set, else .eml files in outbox_dir.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"  # starttls | ssl | none
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_timeout: int = 30
    mail_from: str = "Borgerpanelet <borgerpanel@localhost>"
    reply_domain: str = "localhost"
    outbox_dir: Path = field(default=Path("outbox"))
    # SMS: Twilio when an account is set, else JSON lines in sms_outbox_file.
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_messaging_service_sid: str = ""
    twilio_from_number: str = ""
    sms_outbox_file: Path = field(default=Path("sms-outbox.jsonl"))
    # Web
    session_cookie_secure: bool = False
    login_max_failures: int = 5
    login_window_minutes: int = 15
    default_language: str = "da"
    timezone: str = "Europe/Copenhagen"
    # Start-up
    create_demo_panel: bool = True
    log_level: str = "INFO"

    @property
    def uses_smtp(self) -> bool:
        return bool(self.smtp_host)

    @property
    def uses_twilio(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None,
                 overrides: Mapping[str, object] | None = None) -> "Settings":
        env = dict(os.environ if environ is None else environ)
        instance = Path(env.get("BORGERPANEL_INSTANCE", PROJECT_ROOT / "instance")).resolve()
        get = env.get
        values: dict[str, object] = {
            "instance_path": instance,
            "database_url": get("DATABASE_URL") or f"sqlite:///{instance / 'borgerpanel.sqlite3'}",
            "secret_key": get("SECRET_KEY") or "",
            "public_base_url": get("PUBLIC_BASE_URL", cls.public_base_url),
            "smtp_host": get("SMTP_HOST", ""),
            "smtp_port": _int("SMTP_PORT", get("SMTP_PORT", "587"), 1),
            "smtp_security": get("SMTP_SECURITY", "starttls").lower(),
            "smtp_username": get("SMTP_USERNAME", ""),
            "smtp_password": get("SMTP_PASSWORD", ""),
            "smtp_timeout": _int("SMTP_TIMEOUT", get("SMTP_TIMEOUT", "30"), 1),
            "mail_from": get("MAIL_FROM", cls.mail_from),
            "reply_domain": get("REPLY_DOMAIN", cls.reply_domain),
            "outbox_dir": Path(get("OUTBOX_DIR") or instance / "outbox"),
            "twilio_account_sid": get("TWILIO_ACCOUNT_SID", ""),
            "twilio_auth_token": get("TWILIO_AUTH_TOKEN", ""),
            "twilio_messaging_service_sid": get("TWILIO_MESSAGING_SERVICE_SID", ""),
            "twilio_from_number": get("TWILIO_FROM_NUMBER", ""),
            "sms_outbox_file": Path(get("SMS_OUTBOX_FILE") or instance / "sms-outbox.jsonl"),
            "session_cookie_secure": _bool("SESSION_COOKIE_SECURE", get("SESSION_COOKIE_SECURE", "")),
            "login_max_failures": _int("LOGIN_MAX_FAILURES", get("LOGIN_MAX_FAILURES", "5"), 1),
            "login_window_minutes": _int("LOGIN_WINDOW_MINUTES", get("LOGIN_WINDOW_MINUTES", "15"), 1),
            "default_language": get("DEFAULT_LANGUAGE", "da"),
            "timezone": get("TIMEZONE", cls.timezone),
            "create_demo_panel": _bool("CREATE_DEMO_PANEL", get("CREATE_DEMO_PANEL", "true")),
            "log_level": get("LOG_LEVEL", "INFO").upper(),
        }
        if overrides:
            known = {f.name for f in fields(cls)}
            unknown = set(overrides) - known
            if unknown:
                raise ConfigError(f"unknown settings: {', '.join(sorted(unknown))}")
            values.update(overrides)
        settings = cls(**values)  # type: ignore[arg-type]
        if not settings.secret_key:
            settings = replace(settings, secret_key=_instance_secret(settings.instance_path))
        settings.validate()
        return settings

    def validate(self) -> None:
        if not self.database_url.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:")):
            raise ConfigError("DATABASE_URL must be a sqlite:/// or postgresql:// URL")
        parts = urlsplit(self.public_base_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ConfigError(f"PUBLIC_BASE_URL must be an http(s) URL, not {self.public_base_url!r}")
        if self.smtp_security not in {"starttls", "ssl", "none"}:
            raise ConfigError("SMTP_SECURITY must be starttls, ssl or none")
        if self.twilio_account_sid and not (self.twilio_messaging_service_sid or self.twilio_from_number):
            raise ConfigError("TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER is needed with a Twilio account")
        if self.default_language not in {"da", "en"}:
            raise ConfigError("DEFAULT_LANGUAGE must be da or en")
        if len(self.secret_key) < 32:
            raise ConfigError("SECRET_KEY must be at least 32 characters")
        if "@" not in self.mail_from:
            raise ConfigError("MAIL_FROM must contain an email address")
        try:
            from zoneinfo import ZoneInfo
            ZoneInfo(self.timezone)
        except Exception:
            raise ConfigError(f"TIMEZONE {self.timezone!r} is not a known time zone") from None

    @property
    def sqlalchemy_url(self) -> str:
        """The URL with the psycopg 3 driver named, so plain postgresql:// works."""
        if self.database_url.startswith("postgresql://"):
            return "postgresql+psycopg://" + self.database_url[len("postgresql://"):]
        return self.database_url


def _instance_secret(instance: Path) -> str:
    """A secret key generated once and kept under instance/ (development default)."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
