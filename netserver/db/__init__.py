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
from .models_feeds import CalendarFeed
from .models_member import LinkFailure, MemberLink, SkillBoardEntry, SkillOptIn
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
    "LinkFailure",
    "Member",
    "MemberLink",
    "Network",
    "Overshoot",
    "Pass",
    "Plan",
    "SkillBoardEntry",
    "SkillOptIn",
    "Space",
    "Staff",
    "Synced",
    "Tombstone",
    "UTCDateTime",
]
