"""The kiosk's SQLite store (Qt-free): synced cache, own check-ins, outbox. See docs/kiosk-data.md."""

from .connection import Database, DatabaseTooNew, StoreError, StoreUnavailable
from .pages import PageError
from .records import (
    CheckinRow,
    Equipment,
    Event,
    NewCheckin,
    OutboxItem,
    OutboxKind,
    Overshoot,
    Space,
    StaffRecord,
)
from .rows import checkin_fact
from .schema import SCHEMA_VERSION
from .store import Store

__all__ = [
    "SCHEMA_VERSION",
    "CheckinRow",
    "Database",
    "DatabaseTooNew",
    "Equipment",
    "Event",
    "NewCheckin",
    "OutboxItem",
    "OutboxKind",
    "Overshoot",
    "PageError",
    "Space",
    "StaffRecord",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "checkin_fact",
]
