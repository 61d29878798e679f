"""Schema migrations of the kiosk database; MIGRATIONS[n - 1] brings version n - 1 to n.

Tables mirror what the server syncs (docs/api.md, "Delta sync") plus the kiosk's own
records: `checkins` (this kiosk's check-ins, for today's list and offline decisions) and
`outbox` (everything that still has to reach the server). See docs/kiosk-data.md.
"""

from __future__ import annotations

V1 = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE spaces (
        id INTEGER PRIMARY KEY, slug TEXT NOT NULL, name TEXT NOT NULL, town TEXT,
        lat REAL, lon REAL)""",
    "CREATE TABLE plans (code TEXT PRIMARY KEY, name TEXT, guest_days_per_month INTEGER NOT NULL)",
    """CREATE TABLE members (
        number INTEGER PRIMARY KEY, display_name TEXT NOT NULL, home_space_id INTEGER NOT NULL,
        state TEXT NOT NULL, plan TEXT NOT NULL, pass_serial INTEGER NOT NULL,
        secret_hash TEXT NOT NULL)""",
    """CREATE TABLE usage (
        nonce TEXT PRIMARY KEY, member_number INTEGER NOT NULL, space_id INTEGER NOT NULL,
        day TEXT NOT NULL, counted INTEGER NOT NULL, annulled INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX usage_member ON usage (member_number, day)",
    """CREATE TABLE staff (
        id INTEGER PRIMARY KEY, display_name TEXT NOT NULL, pin_hash TEXT NOT NULL,
        active INTEGER NOT NULL)""",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY, space_id INTEGER NOT NULL, title TEXT NOT NULL,
        starts_at TEXT NOT NULL, ends_at TEXT NOT NULL, description TEXT, url TEXT,
        series_key TEXT, cancelled INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX events_time ON events (starts_at)",
    """CREATE TABLE equipment (
        id INTEGER PRIMARY KEY, space_id INTEGER NOT NULL, name TEXT NOT NULL, category TEXT,
        status TEXT NOT NULL, note TEXT)""",
    """CREATE TABLE day_passes (
        space_id INTEGER NOT NULL, valid_on TEXT NOT NULL, number INTEGER NOT NULL,
        secret_hash TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (space_id, valid_on, number))""",
    """CREATE TABLE overshoots (
        id INTEGER PRIMARY KEY, member_number INTEGER NOT NULL, month TEXT NOT NULL,
        space_ids TEXT NOT NULL, nonces TEXT NOT NULL, detected_at TEXT)""",
    """CREATE TABLE checkins (
        nonce TEXT PRIMARY KEY, occurred_at TEXT NOT NULL, day TEXT NOT NULL,
        space_id INTEGER NOT NULL, member_number INTEGER, pass_serial INTEGER,
        day_pass_valid_on TEXT, day_pass_number INTEGER, reason TEXT NOT NULL,
        admitted INTEGER NOT NULL, counted INTEGER NOT NULL, offline INTEGER NOT NULL,
        method TEXT NOT NULL, staff_id INTEGER, override_reason TEXT, verdict TEXT NOT NULL,
        annulled INTEGER NOT NULL DEFAULT 0, on_server INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX checkins_member ON checkins (member_number, day)",
    "CREATE INDEX checkins_time ON checkins (occurred_at)",
    """CREATE TABLE outbox (
        id TEXT NOT NULL, kind TEXT NOT NULL, priority INTEGER NOT NULL, payload TEXT NOT NULL,
        created_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, sent_at TEXT,
        PRIMARY KEY (kind, id))""",
    "CREATE INDEX outbox_pending ON outbox (state, priority, created_at)",
)

# Issue 19: the here-today skills board (this space's entries, today's only) and opening hours.
V2 = (
    """CREATE TABLE skill_board (
        id INTEGER PRIMARY KEY, day TEXT NOT NULL, first_name TEXT NOT NULL, topics TEXT NOT NULL,
        shown INTEGER NOT NULL)""",
    "ALTER TABLE spaces ADD COLUMN opening_hours TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE spaces ADD COLUMN capacity INTEGER NOT NULL DEFAULT 0",
)

# Issue 19, who is here: check-out by scanning again (per space, synced), the check-outs of
# this kiosk, and the check-in time of synced usage (the hourly presence counts need it).
V3 = (
    "ALTER TABLE spaces ADD COLUMN checkout_by_scan INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE usage ADD COLUMN at TEXT",
    """CREATE TABLE checkouts (
        nonce TEXT PRIMARY KEY, space_id INTEGER NOT NULL, day TEXT NOT NULL,
        member_number INTEGER, day_pass_number INTEGER, left_at TEXT NOT NULL)""",
    "CREATE INDEX checkouts_day ON checkouts (space_id, day)",
    "CREATE INDEX usage_space_day ON usage (space_id, day)",  # who is here today, by space
)

# Issue 19: pop-up coworking, the region's upcoming pop-ups for the lobby board (docs/popups.md).
V4_POPUPS = (
    """CREATE TABLE popups (
        id INTEGER PRIMARY KEY, space_id INTEGER NOT NULL, place TEXT NOT NULL, address TEXT,
        town TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
        cancelled INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX popups_time ON popups (ends_at)",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (V1, V2, V3, V4_POPUPS)
SCHEMA_VERSION = len(MIGRATIONS)
