"""Borgerpanel: the service around the reading core.

``create_app`` wires settings, the database, Babel, CSRF and the feature
blueprints and commands.  Nothing here starts background work: the scheduler,
delivery workers and the mail listener run as their own processes.
"""
from __future__ import annotations

import logging
from typing import Mapping

from flask import Flask

from engagement.config import PROJECT_ROOT, Settings


def create_app(config: Settings | Mapping[str, object] | None = None) -> Flask:
    settings = config if isinstance(config, Settings) else Settings.from_env(overrides=config)
    app = Flask(__name__, instance_path=str(settings.instance_path),
                template_folder="web/templates", static_folder="web/static")
    app.config.update(
        SECRET_KEY=settings.secret_key,
        # Flask 3.1 accepts sessions signed with these; engagement.tokens does the same for links.
        SECRET_KEY_FALLBACKS=list(settings.secret_key_fallbacks),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.session_cookie_secure,
        SESSION_COOKIE_NAME="borgerpanel_session",
        PERMANENT_SESSION_LIFETIME=8 * 3600,
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        BABEL_DEFAULT_LOCALE=settings.default_language,
        BABEL_DEFAULT_TIMEZONE=settings.timezone,
        BABEL_TRANSLATION_DIRECTORIES=str(PROJECT_ROOT / "locales"),
    )
    app.extensions["borgerpanel.settings"] = settings
    settings.instance_path.mkdir(parents=True, exist_ok=True)
    from engagement.monitoring.logs import install_logging  # text or JSON lines; redacts addresses and numbers
    install_logging(settings.log_level, settings.log_format)
    for noisy in ("alembic", "fontTools"):  # fontTools logs every glyph it subsets
        logging.getLogger(noisy).setLevel(logging.WARNING)

    from engagement import db, i18n
    from engagement.web import security

    app.extensions["borgerpanel.engine"] = db.make_engine(settings.sqlalchemy_url)
    app.teardown_appcontext(db.close_session)
    i18n.init_app(app)
    from engagement.web import formatting, labels
    formatting.init_app(app)  # |number, |percent, |decimal in the page's locale
    labels.init_app(app)      # question_label, answer_label, source_label
    security.init_app(app)

    from engagement.web.views import bp as web_bp
    from engagement.panel.views import bp as panel_bp
    from engagement.staff.views import bp as staff_bp

    app.register_blueprint(web_bp)
    app.register_blueprint(panel_bp)
    app.register_blueprint(staff_bp)
    from engagement.panel.import_views import bp as panel_import_bp  # CSV import of panelists
    app.register_blueprint(panel_import_bp)
    from engagement.panel.admin_views import bp as panel_admin_bp  # staff's panelist pages, GDPR
    app.register_blueprint(panel_admin_bp)
    from engagement.audit.views import bp as audit_bp
    app.register_blueprint(audit_bp)

    from engagement.delivery.status_views import bp as delivery_status_bp; app.register_blueprint(delivery_status_bp)  # noqa: E702
    from engagement.selection.views import bp as selection_bp; app.register_blueprint(selection_bp)  # noqa: E702
    from engagement.reports import views as reports_views; app.register_blueprint(reports_views.bp); app.register_blueprint(reports_views.public_bp)  # noqa: E702

    from engagement.inbound.sms_webhook import bp as inbound_sms_bp; app.register_blueprint(inbound_sms_bp)  # noqa: E702
    from engagement.inbound.staff_views import bp as inbound_staff_bp; app.register_blueprint(inbound_staff_bp)  # noqa: E702

    from engagement.surveys.views import bp as surveys_bp; app.register_blueprint(surveys_bp)  # noqa: E702
    from engagement.campaigns.views import bp as campaigns_bp; app.register_blueprint(campaigns_bp)  # noqa: E702

    from engagement.meetings import views as meetings_views; app.register_blueprint(meetings_views.bp); app.register_blueprint(meetings_views.staff_bp)  # noqa: E702

    from engagement.staff.settings_views import bp as panel_settings_bp; app.register_blueprint(panel_settings_bp)  # noqa: E702
    from engagement.monitoring.views import bp as monitoring_bp; app.register_blueprint(monitoring_bp)  # noqa: E702
    from engagement.staff.team_views import bp as team_bp; app.register_blueprint(team_bp)  # noqa: E702

    from engagement import cli

    cli.init_app(app)
    return app


def get_settings() -> Settings:
    from flask import current_app

    return current_app.extensions["borgerpanel.settings"]
