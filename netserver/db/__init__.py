"""Database layer: typed models, engines/sessions, change sequence, migrations."""

from .base import Base, Synced, UTCDateTime
from .engine import Database
from .models_activity import (
    Annulment,
    Checkin,
    DayPassRow,
    Equipment,
    EquipmentChange,
    Event,
    Overshoot,
    Tombstone,
)
from .models_admin import AdminSession, AdminUser, SignInThrottle
from .models_feeds import CalendarFeed
from .models_org import (
    AdminToken,
    AuditEntry,
    ChangeCounter,
    EnrollmentCodeRow,
    Kiosk,
    Member,
    Network,
    Pass,
    Plan,
    Space,
    Staff,
)

__all__ = [
    "AdminSession",
    "AdminUser",
    "SignInThrottle",
    "AdminToken",
    "Annulment",
    "AuditEntry",
    "Base",
    "CalendarFeed",
    "ChangeCounter",
    "Checkin",
    "Database",
    "DayPassRow",
    "EnrollmentCodeRow",
    "Equipment",
    "EquipmentChange",
    "Event",
    "Kiosk",
    "Member",
    "Network",
    "Overshoot",
    "Pass",
    "Plan",
    "Space",
    "Staff",
    "Synced",
    "Tombstone",
    "UTCDateTime",
]
