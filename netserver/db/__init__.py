"""Database layer: typed models, engines/sessions, change sequence, migrations."""

from . import name_key as _name_key
from .base import Base, Synced, UTCDateTime, sync_key_indexes
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
from .models_guard import ClosedMonth, EnrollAttempt, FactConflict
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
from .models_popup import Popup
from .models_presence import PresenceCount

sync_key_indexes(Base.metadata)
_name_key.install(Member)

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
    "ClosedMonth",
    "Checkin",
    "Database",
    "DayPassRow",
    "EnrollAttempt",
    "EnrollmentCodeRow",
    "Equipment",
    "EquipmentChange",
    "Event",
    "FactConflict",
    "Kiosk",
    "LinkFailure",
    "Member",
    "MemberLink",
    "Network",
    "Overshoot",
    "PresenceCount",
    "Pass",
    "Plan",
    "Popup",
    "SkillBoardEntry",
    "SkillOptIn",
    "Space",
    "Staff",
    "Synced",
    "Tombstone",
    "UTCDateTime",
]
