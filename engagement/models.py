"""Every table, imported in one place so metadata (and Alembic) sees them all."""
from sqlmodel import SQLModel

from engagement.audit.models import AuditEntry
from engagement.panel.models import Consent, Panel, Panelist, PrivacyNotice  # noqa: F401
from engagement.selection.models import PopulationTarget, SelectionDraw
from engagement.staff.models import LoginFailure, StaffRole, StaffUser
from engagement.surveys.models import Answer, Rsvp, StoredDefinition  # noqa: F401
from engagement.campaigns.models import Campaign, CampaignRecipient  # noqa: F401
from engagement.delivery.models import OutboxMessage  # noqa: F401
from engagement.reports.models import Feedback, RespondentProfile  # noqa: F401
from engagement.inbound.models import InboundMessage  # noqa: F401
from engagement.meetings.models import MeetingPlan, MeetingSeat  # noqa: F401
from engagement.monitoring.models import SchedulerHeartbeat  # noqa: F401
from engagement.web.models import RateLimitHit  # noqa: F401

metadata = SQLModel.metadata

__all__ = ["metadata", "AuditEntry", "Consent", "Panel", "Panelist", "PopulationTarget", "SelectionDraw",
           "LoginFailure", "StaffRole", "StaffUser"]
