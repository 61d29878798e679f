"""Delta sync: every change since the kiosk's cursor, in pages, scoped to the kiosk's space.

The cursor is ``<instance>.<seq>``: the last change sequence delivered. Upper bound of a page
is the counter value read first; every row numbered up to it has committed (see
netserver/db/sequence.py), so a page never skips a change that commits late.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, or_, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from kiosk.core.wire import iso_utc

from ..db import (
    Checkin,
    DayPassRow,
    Equipment,
    Event,
    Member,
    Network,
    Overshoot,
    Plan,
    SkillBoardEntry,
    Space,
    Staff,
    Tombstone,
)
from .clock import utc_now
from .errors import Invalid, NotFound
from .network import get_calendar

DEFAULT_LIMIT = 2000
MAX_LIMIT = 5000
EVENT_WINDOW = timedelta(days=30)
_HEAD = text("SELECT n.instance_id, c.value FROM network n, change_counter c WHERE n.id = 1 AND c.id = 1")

Columns = tuple[InstrumentedAttribute[Any], ...]
Shape = Callable[[Row[Any]], dict[str, Any]]


def _previous_month_start(today: date) -> date:
    first = today.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def _kinds(
    space_id: int, usage_from: date, events_from: datetime, today: date
) -> list[tuple[str, Any, Columns, ColumnElement[bool] | None, Shape]]:
    """(list name, model, columns after seq, scope filter, row -> dict) per synced kind."""
    return [
        ("network", Network, (Network.name, Network.timezone, Network.default_guest_days), None,
         lambda r: {"name": r[1], "timezone": r[2], "default_guest_days": r[3]}),
        ("spaces", Space, (Space.id, Space.slug, Space.name, Space.town, Space.lat, Space.lon,
                           Space.opening_hours, Space.capacity), None,
         lambda r: {"id": r[1], "slug": r[2], "name": r[3], "town": r[4], "lat": r[5], "lon": r[6],
                    "opening_hours": r[7], "capacity": r[8]}),
        ("plans", Plan, (Plan.code, Plan.name, Plan.guest_days_per_month), None,
         lambda r: {"code": r[1], "name": r[2], "guest_days_per_month": r[3]}),
        ("members", Member, (Member.number, Member.display_name, Member.home_space_id, Member.state,
                             Member.plan_code, Member.pass_serial, Member.secret_hash), None,
         lambda r: {"number": r[1], "display_name": r[2], "home_space_id": r[3], "state": r[4],
                    "plan": r[5], "pass_serial": r[6], "secret_hash": r[7]}),
        ("usage", Checkin, (Checkin.nonce, Checkin.member_number, Checkin.space_id, Checkin.day,
                            Checkin.counted, Checkin.annulled_at, Checkin.admitted),
         and_(or_(Checkin.admitted.is_(True), Checkin.replaced_at.is_not(None)),
              Checkin.member_number.is_not(None), Checkin.day >= usage_from),
         lambda r: {"nonce": r[1], "member_number": r[2], "space_id": r[3], "day": r[4].isoformat(),
                    "counted": r[5] and r[7], "annulled": r[6] is not None or not r[7]}),
        ("staff", Staff, (Staff.id, Staff.display_name, Staff.pin_hash, Staff.active),
         Staff.space_id == space_id,
         lambda r: {"id": r[1], "display_name": r[2], "pin_hash": r[3], "active": r[4]}),
        ("events", Event, (Event.id, Event.space_id, Event.title, Event.starts_at, Event.ends_at,
                           Event.description, Event.url, Event.series_key, Event.cancelled),
         Event.ends_at >= events_from,
         lambda r: {"id": r[1], "space_id": r[2], "title": r[3], "starts_at": iso_utc(r[4]),
                    "ends_at": iso_utc(r[5]), "description": r[6], "url": r[7], "series_key": r[8],
                    "cancelled": r[9]}),
        ("equipment", Equipment, (Equipment.id, Equipment.space_id, Equipment.name, Equipment.category,
                                  Equipment.status, Equipment.note), None,
         lambda r: {"id": r[1], "space_id": r[2], "name": r[3], "category": r[4], "status": r[5],
                    "note": r[6]}),
        ("day_passes", DayPassRow, (DayPassRow.space_id, DayPassRow.valid_on, DayPassRow.number,
                                    DayPassRow.secret_hash, DayPassRow.revoked),
         DayPassRow.space_id == space_id,
         lambda r: {"space_id": r[1], "valid_on": r[2].isoformat(), "number": r[3], "secret_hash": r[4],
                    "revoked": r[5]}),
        ("overshoots", Overshoot, (Overshoot.id, Overshoot.member_number, Overshoot.month,
                                   Overshoot.space_ids, Overshoot.nonces, Overshoot.detected_at), None,
         lambda r: {"id": r[1], "member_number": r[2], "month": r[3], "space_ids": r[4], "nonces": r[5],
                    "detected_at": iso_utc(r[6])}),
        ("skill_board", SkillBoardEntry, (SkillBoardEntry.id, SkillBoardEntry.day, SkillBoardEntry.first_name,
                                          SkillBoardEntry.topics, SkillBoardEntry.shown),
         and_(SkillBoardEntry.space_id == space_id, SkillBoardEntry.day >= today),
         lambda r: {"id": r[1], "day": r[2].isoformat(), "first_name": r[3],
                    "topics": [t for t in r[4].split("\n") if t], "shown": r[5]}),
        ("deleted", Tombstone, (Tombstone.kind, Tombstone.object_id),
         or_(Tombstone.kind != "staff", Tombstone.space_id == space_id),
         lambda r: {"kind": r[1], "id": r[2]}),
    ]  # fmt: skip


def parse_cursor(cursor: str | None, instance_id: str, upper: int) -> int:
    """The sequence after which to deliver; 0 (from the beginning) for no cursor, a cursor of
    another database, or one ahead of this database (restored from a backup)."""
    if not cursor:
        return 0
    instance, _, seq = cursor.partition(".")
    if not (seq.isascii() and seq.isdigit()) or len(seq) > 18 or not instance:
        raise Invalid("malformed sync cursor")
    after = int(seq)
    if instance != instance_id or after > upper:
        return 0
    return after


def sync_page(
    session: Session,
    *,
    space_id: int,
    cursor: str | None,
    limit: int = DEFAULT_LIMIT,
    now: datetime | None = None,
) -> dict[str, Any]:
    if not 1 <= limit <= MAX_LIMIT:
        raise Invalid(f"limit must be between 1 and {MAX_LIMIT}")
    head = session.execute(_HEAD).first()
    if head is None:
        raise NotFound("the network is not initialised")
    instance_id, upper = str(head[0]), int(head[1])
    after = parse_cursor(cursor, instance_id, upper)
    if after >= upper:
        return {"cursor": f"{instance_id}.{upper}", "has_more": False, "full": False}
    now = now or utc_now()
    today = get_calendar(session).local_date(now)
    rows: list[tuple[int, str, dict[str, Any]]] = []
    complete_to = upper  # every in-scope row up to here has been fetched
    for name, model, columns, scope, shape in _kinds(
        space_id, _previous_month_start(today), now - EVENT_WINDOW, today
    ):
        query = select(model.seq, *columns).where(model.seq > after, model.seq <= upper)
        if scope is not None:
            query = query.where(scope)
        fetched = session.execute(query.order_by(model.seq).limit(limit + 1)).all()
        if len(fetched) > limit:
            complete_to = min(complete_to, int(fetched[limit - 1][0]))
        for row in fetched:
            if name == "overshoots" and space_id not in (row[4] or []):
                continue  # only those involving this kiosk's space
            rows.append((int(row[0]), name, shape(row)))
    rows.sort(key=lambda item: item[0])
    rows = [item for item in rows if item[0] <= complete_to]
    if len(rows) > limit:
        page, last = rows[:limit], rows[limit - 1][0]
    else:
        page, last = rows, complete_to
    has_more = last < upper
    answer: dict[str, Any] = {"cursor": f"{instance_id}.{last}", "has_more": has_more, "full": bool(page)}
    if not page:
        return answer
    answer["network"] = None
    for _, name, item in page:
        if name == "network":
            answer["network"] = item
        else:
            answer.setdefault(name, []).append(item)
    return answer
