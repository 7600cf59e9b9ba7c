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


def _float(name: str, raw: str, minimum: float = 0.0) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from None
    if not value >= minimum:  # also refuses nan
        raise ConfigError(f"{name} must be at least {minimum:g}, not {raw}")
    return value


def _int(name: str, raw: str, minimum: int = 0) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


_PERIOD_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(name: str, raw: str) -> tuple[int, int]:
    """``"20/1h"`` -> (20, 3600): at most 20 requests in any 3600 seconds."""
    count, _, period = raw.strip().partition("/")
    unit = period[-1:].lower()
    if not (count.isdigit() and int(count) >= 1 and unit in _PERIOD_UNITS
            and period[:-1].isdigit() and int(period[:-1]) >= 1):
        raise ConfigError(f"{name} must look like 20/1h (count/period in s, m, h or d), not {raw!r}")
    return int(count), int(period[:-1]) * _PERIOD_UNITS[unit]


@dataclass(frozen=True)
class Settings:
    instance_path: Path
    database_url: str
    secret_key: str
    # Old secret keys still accepted (never used to sign) after a rotation; see README "Rotating the secret key".
    secret_key_fallbacks: tuple[str, ...] = ()
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
    # Delivery workers: messages a second per worker (0 = no limit) and the claim lease.
    delivery_email_rate: float = 0.0
    delivery_sms_rate: float = 10.0
    delivery_lease_seconds: int = 300
    # Campaign defaults when a campaign does not set its own: SMS quiet hours (local time)
    # and contact fatigue (days without a second survey invitation; 0 = off).
    sms_quiet_start: str = "20:00"
    sms_quiet_end: str = "09:00"
    contact_fatigue_days: int = 14
    # Incoming mail: the panel's mailbox, read by `flask mail listen` (IMAP IDLE, polling otherwise).
    imap_host: str = ""
    imap_port: int = 993
    imap_ssl: bool = True
    imap_username: str = ""
    imap_password: str = ""
    imap_folder: str = "INBOX"
    imap_processed_folder: str = "Behandlet"
    imap_poll_seconds: int = 60       # without IDLE; also the longest IDLE wait before a fresh look
    imap_timeout: int = 60
    # The panel whose mailbox and SMS number these are (key); empty: the only panel there is.
    inbound_panel: str = ""
    # Loop guard: at most this many automatic replies to one sender in 24 hours.
    inbound_replies_per_day: int = 5
    # Web
    session_cookie_secure: bool = False
    login_max_failures: int = 5
    login_window_minutes: int = 15
    # Behind nginx: how many proxies' X-Forwarded-For to trust (0 = use the socket address).
    trusted_proxies: int = 0
    # Per-client-address limits ("count/period", period like 30s, 15m, 1h), shared via the database.
    rate_limits_enabled: bool = True
    rate_limit_signup: str = "20/1h"
    rate_limit_link: str = "10/15m"
    rate_limit_login: str = "30/15m"
    rate_limit_token_links: str = "120/10m"
    default_language: str = "da"
    timezone: str = "Europe/Copenhagen"
    log_level: str = "INFO"
    # Monitoring (engagement.monitoring): log lines as text or JSON; who may read /metrics
    # (with a token only `Authorization: Bearer <token>`, without one only loopback clients);
    # prometheus-client's multiprocess folder (gunicorn), shared by the processes of one machine.
    log_format: str = "text"
    metrics_token: str = ""
    prometheus_multiproc_dir: str = ""
    # Load what first page loads need when a web process starts (engagement.web.warmup).
    warm_up: bool = True

    @property
    def uses_smtp(self) -> bool:
        return bool(self.smtp_host)

    @property
    def uses_twilio(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token)

    @property
    def uses_imap(self) -> bool:
        return bool(self.imap_host)

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
            "secret_key_fallbacks": tuple(key.strip() for key in get("SECRET_KEY_FALLBACKS", "").split(",")
                                          if key.strip()),
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
            "imap_host": get("IMAP_HOST", ""),
            "imap_port": _int("IMAP_PORT", get("IMAP_PORT", "993"), 1),
            "imap_ssl": _bool("IMAP_SSL", get("IMAP_SSL", "true")),
            "imap_username": get("IMAP_USERNAME", ""),
            "imap_password": get("IMAP_PASSWORD", ""),
            "imap_folder": get("IMAP_FOLDER", cls.imap_folder),
            "imap_processed_folder": get("IMAP_PROCESSED_FOLDER", cls.imap_processed_folder),
            "imap_poll_seconds": _int("IMAP_POLL_SECONDS", get("IMAP_POLL_SECONDS", "60"), 1),
            "imap_timeout": _int("IMAP_TIMEOUT", get("IMAP_TIMEOUT", "60"), 1),
            "inbound_panel": get("INBOUND_PANEL", ""),
            "inbound_replies_per_day": _int("INBOUND_REPLIES_PER_DAY", get("INBOUND_REPLIES_PER_DAY", "5"), 1),
            "delivery_email_rate": _float("DELIVERY_EMAIL_RATE", get("DELIVERY_EMAIL_RATE", "0")),
            "delivery_sms_rate": _float("DELIVERY_SMS_RATE", get("DELIVERY_SMS_RATE", "10")),
            "delivery_lease_seconds": _int("DELIVERY_LEASE_SECONDS", get("DELIVERY_LEASE_SECONDS", "300"), 10),
            "sms_quiet_start": get("SMS_QUIET_START", cls.sms_quiet_start).strip(),
            "sms_quiet_end": get("SMS_QUIET_END", cls.sms_quiet_end).strip(),
            "contact_fatigue_days": _int("CONTACT_FATIGUE_DAYS", get("CONTACT_FATIGUE_DAYS", "14"), 0),
            "session_cookie_secure": _bool("SESSION_COOKIE_SECURE", get("SESSION_COOKIE_SECURE", "")),
            "login_max_failures": _int("LOGIN_MAX_FAILURES", get("LOGIN_MAX_FAILURES", "5"), 1),
            "login_window_minutes": _int("LOGIN_WINDOW_MINUTES", get("LOGIN_WINDOW_MINUTES", "15"), 1),
            "trusted_proxies": _int("TRUSTED_PROXIES", get("TRUSTED_PROXIES", "0"), 0),
            "rate_limits_enabled": _bool("RATE_LIMITS_ENABLED", get("RATE_LIMITS_ENABLED", "true")),
            "rate_limit_signup": get("RATE_LIMIT_SIGNUP", cls.rate_limit_signup).strip(),
            "rate_limit_link": get("RATE_LIMIT_LINK", cls.rate_limit_link).strip(),
            "rate_limit_login": get("RATE_LIMIT_LOGIN", cls.rate_limit_login).strip(),
            "rate_limit_token_links": get("RATE_LIMIT_TOKEN_LINKS", cls.rate_limit_token_links).strip(),
            "default_language": get("DEFAULT_LANGUAGE", "da"),
            "timezone": get("TIMEZONE", cls.timezone),
            "log_level": get("LOG_LEVEL", "INFO").upper(),
            "log_format": get("LOG_FORMAT", "text").strip().lower(),
            "metrics_token": get("METRICS_TOKEN", "").strip(),
            "prometheus_multiproc_dir": get("PROMETHEUS_MULTIPROC_DIR", "").strip(),
            "warm_up": _bool("WARM_UP", get("WARM_UP", "true")),
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
        if self.imap_host and not (self.imap_username and self.imap_password):
            raise ConfigError("IMAP_USERNAME and IMAP_PASSWORD are needed with IMAP_HOST")
        if self.imap_host and (not self.imap_folder or self.imap_folder == self.imap_processed_folder):
            raise ConfigError("IMAP_FOLDER and IMAP_PROCESSED_FOLDER must be set and differ")
        if self.default_language not in {"da", "en"}:
            raise ConfigError("DEFAULT_LANGUAGE must be da or en")
        if len(self.secret_key) < 32:
            raise ConfigError("SECRET_KEY must be at least 32 characters")
        if any(len(key) < 32 for key in self.secret_key_fallbacks):
            raise ConfigError("every key in SECRET_KEY_FALLBACKS must be at least 32 characters")
        if "@" not in self.mail_from:
            raise ConfigError("MAIL_FROM must contain an email address")
        for name, value in (("SMS_QUIET_START", self.sms_quiet_start), ("SMS_QUIET_END", self.sms_quiet_end)):
            hours, _, minutes = value.partition(":")
            if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2
                    and int(hours) < 24 and int(minutes) < 60):
                raise ConfigError(f"{name} must be a time of day like 20:00, not {value!r}")
        if self.delivery_lease_seconds < 10:
            raise ConfigError("DELIVERY_LEASE_SECONDS must be at least 10")
        if self.delivery_email_rate < 0 or self.delivery_sms_rate < 0:
            raise ConfigError("DELIVERY_EMAIL_RATE and DELIVERY_SMS_RATE cannot be negative")
        for name in ("rate_limit_signup", "rate_limit_link", "rate_limit_login", "rate_limit_token_links"):
            parse_rate(name.upper(), getattr(self, name))
        if self.trusted_proxies < 0:
            raise ConfigError("TRUSTED_PROXIES cannot be negative")
        if self.log_format not in {"text", "json"}:
            raise ConfigError(f"LOG_FORMAT must be text or json, not {self.log_format!r}")
        if self.metrics_token and len(self.metrics_token) < 16:
            raise ConfigError("METRICS_TOKEN must be at least 16 characters (or unset: loopback only)")
        if self.prometheus_multiproc_dir and not Path(self.prometheus_multiproc_dir).is_dir():
            raise ConfigError(f"PROMETHEUS_MULTIPROC_DIR {self.prometheus_multiproc_dir!r} is not a folder")
        if self.contact_fatigue_days < 0:
            raise ConfigError("CONTACT_FATIGUE_DAYS cannot be negative")
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
