"""Delta sync: every change since the kiosk's cursor, in pages, scoped to the kiosk's space.

Changes are ordered by their sync key `(txid, seq)` (netserver/db/sequence.py). The cursor is
``<instance>.<seq>`` (txid 0: SQLite, and rows written before PostgreSQL had its sequence) or
``<instance>.<txid>.<seq>``: the last key delivered. The upper bound of a page is the watermark
read first; every row keyed up to it has committed and no row will ever be keyed below it, so a
page never skips a change that commits late, and writers never wait for sync. A complete answer
leaves the cursor at the last key it saw (not at the watermark, which on PostgreSQL moves with
every transaction), so a cursor changes only with a change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Row, Select, and_, bindparam, or_, select, text, tuple_
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
    Popup,
    SkillBoardEntry,
    Space,
    Staff,
    Tombstone,
    sequence,
)
from ..db.sequence import Key
from .clock import utc_now
from .errors import Invalid, NotFound
from .network import get_calendar

DEFAULT_LIMIT = 2000
MAX_LIMIT = 5000
EVENT_WINDOW = timedelta(days=30)
_INSTANCE = text("SELECT instance_id FROM network WHERE id = 1")

Columns = tuple[InstrumentedAttribute[Any], ...]
Shape = Callable[[Any], dict[str, Any]]  # a fetched Row


def _previous_month_start(today: date) -> date:
    first = today.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


_SPACE: BindParameter[Any] = bindparam("space_id")
_USAGE_FROM: BindParameter[Any] = bindparam("usage_from")
_EVENTS_FROM: BindParameter[Any] = bindparam("events_from")
_TODAY: BindParameter[Any] = bindparam("today")
_AFTER: tuple[BindParameter[Any], ...] = (bindparam("after_txid"), bindparam("after_seq"))
_UPPER: tuple[BindParameter[Any], ...] = (bindparam("upper_txid"), bindparam("upper_seq"))
_LIMIT: BindParameter[Any] = bindparam("limit")

# (list name, model, columns after seq, scope filter, row -> dict) per synced kind; the scope's
# parameters are bound at each call (space_id, usage_from, events_from, today).
_KINDS: list[tuple[str, Any, Columns, ColumnElement[bool] | None, Shape]] = [
    ("network", Network, (Network.name, Network.timezone, Network.default_guest_days,
                          Network.popup_guest_day), None,
     lambda r: {"name": r[1], "timezone": r[2], "default_guest_days": r[3],
                "popup_guest_day": bool(r[4])}),
    ("spaces", Space, (Space.id, Space.slug, Space.name, Space.town, Space.lat, Space.lon,
                       Space.opening_hours, Space.capacity, Space.checkout_by_scan), None,
     lambda r: {"id": r[1], "slug": r[2], "name": r[3], "town": r[4], "lat": r[5], "lon": r[6],
                "opening_hours": r[7], "capacity": r[8], "checkout_by_scan": r[9]}),
    ("plans", Plan, (Plan.code, Plan.name, Plan.guest_days_per_month), None,
     lambda r: {"code": r[1], "name": r[2], "guest_days_per_month": r[3]}),
    ("members", Member, (Member.number, Member.display_name, Member.home_space_id, Member.state,
                         Member.plan_code, Member.pass_serial, Member.secret_hash), None,
     lambda r: {"number": r[1], "display_name": r[2], "home_space_id": r[3], "state": r[4],
                "plan": r[5], "pass_serial": r[6], "secret_hash": r[7]}),
    ("usage", Checkin, (Checkin.nonce, Checkin.member_number, Checkin.space_id, Checkin.day,
                        Checkin.counted, Checkin.annulled_at, Checkin.admitted, Checkin.occurred_at),
     and_(or_(Checkin.admitted.is_(True), Checkin.replaced_at.is_not(None)),
          Checkin.member_number.is_not(None), Checkin.day >= _USAGE_FROM),
     lambda r: {"nonce": r[1], "member_number": r[2], "space_id": r[3], "day": r[4].isoformat(),
                "counted": r[5] and r[7], "annulled": r[6] is not None or not r[7],
                "at": iso_utc(r[8])}),
    ("staff", Staff, (Staff.id, Staff.display_name, Staff.pin_hash, Staff.active),
     Staff.space_id == _SPACE,
     lambda r: {"id": r[1], "display_name": r[2], "pin_hash": r[3], "active": r[4]}),
    ("events", Event, (Event.id, Event.space_id, Event.title, Event.starts_at, Event.ends_at,
                       Event.description, Event.url, Event.series_key, Event.cancelled),
     Event.ends_at >= _EVENTS_FROM,
     lambda r: {"id": r[1], "space_id": r[2], "title": r[3], "starts_at": iso_utc(r[4]),
                "ends_at": iso_utc(r[5]), "description": r[6], "url": r[7], "series_key": r[8],
                "cancelled": r[9]}),
    ("popups", Popup, (Popup.id, Popup.space_id, Popup.place, Popup.address, Popup.town,
                       Popup.starts_at, Popup.ends_at, Popup.cancelled),
     Popup.ends_at >= _EVENTS_FROM,  # never the host: the lobby shows no names (DESIGN §9)
     lambda r: {"id": r[1], "space_id": r[2], "place": r[3], "address": r[4], "town": r[5],
                "starts_at": iso_utc(r[6]), "ends_at": iso_utc(r[7]), "cancelled": r[8]}),
    ("equipment", Equipment, (Equipment.id, Equipment.space_id, Equipment.name, Equipment.category,
                              Equipment.status, Equipment.note), None,
     lambda r: {"id": r[1], "space_id": r[2], "name": r[3], "category": r[4], "status": r[5],
                "note": r[6]}),
    ("day_passes", DayPassRow, (DayPassRow.space_id, DayPassRow.valid_on, DayPassRow.number,
                                DayPassRow.secret_hash, DayPassRow.revoked),
     DayPassRow.space_id == _SPACE,
     lambda r: {"space_id": r[1], "valid_on": r[2].isoformat(), "number": r[3], "secret_hash": r[4],
                "revoked": r[5]}),
    ("overshoots", Overshoot, (Overshoot.id, Overshoot.member_number, Overshoot.month,
                               Overshoot.space_ids, Overshoot.nonces, Overshoot.detected_at), None,
     lambda r: {"id": r[1], "member_number": r[2], "month": r[3], "space_ids": r[4], "nonces": r[5],
                "detected_at": iso_utc(r[6])}),
    ("skill_board", SkillBoardEntry, (SkillBoardEntry.id, SkillBoardEntry.day, SkillBoardEntry.first_name,
                                      SkillBoardEntry.topics, SkillBoardEntry.shown),
     and_(SkillBoardEntry.space_id == _SPACE, SkillBoardEntry.day >= _TODAY),
     lambda r: {"id": r[1], "day": r[2].isoformat(), "first_name": r[3],
                "topics": [t for t in r[4].split("\n") if t], "shown": r[5]}),
    ("deleted", Tombstone, (Tombstone.kind, Tombstone.object_id),
     or_(Tombstone.kind != "staff", Tombstone.space_id == _SPACE),
     lambda r: {"kind": r[1], "id": r[2]}),
]  # fmt: skip


def _statement(model: Any, columns: Columns, scope: ColumnElement[bool] | None) -> Select[Any]:
    """One kind's page query, built once: the rows keyed after the cursor up to the watermark,
    in key order (the seq first and the txid last in each row, see `_key`)."""
    key = tuple_(model.txid, model.seq)
    query = select(model.seq, *columns, model.txid).where(key > tuple_(*_AFTER), key <= tuple_(*_UPPER))
    if scope is not None:
        query = query.where(scope)
    return query.order_by(model.txid, model.seq).limit(_LIMIT)


# Built once at import: building the statements for every sync cost more CPU than running them.
_QUERIES = [(name, _statement(model, columns, scope), shape) for name, model, columns, scope, shape in _KINDS]


def _key(row: Row[Any]) -> Key:
    """The sync key of a fetched row (seq first, txid last: see `_statement`)."""
    return (int(row[-1]), int(row[0]))


def format_cursor(instance_id: str, key: Key) -> str:
    txid, seq = key
    return f"{instance_id}.{seq}" if txid == 0 else f"{instance_id}.{txid}.{seq}"


def parse_cursor(cursor: str | None, instance_id: str, upper: Key) -> Key:
    """The key after which to deliver; (0, 0) (from the beginning) for no cursor, a cursor of
    another database, or one ahead of this database (restored from a backup)."""
    if not cursor:
        return (0, 0)
    instance, _, rest = cursor.partition(".")
    parts = rest.split(".")
    if (
        not instance
        or not 1 <= len(parts) <= 2
        or not all(p.isascii() and p.isdigit() and len(p) <= 18 for p in parts)
    ):
        raise Invalid("malformed sync cursor")
    numbers = [int(p) for p in parts]
    after = (numbers[0], numbers[1]) if len(numbers) == 2 else (0, numbers[0])
    if instance != instance_id or after > upper:
        return (0, 0)
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
    upper = sequence.watermark(session)  # first: all rows keyed up to it have committed
    instance = session.execute(_INSTANCE).scalar()
    if instance is None:
        raise NotFound("the network is not initialised")
    instance_id = str(instance)
    after = parse_cursor(cursor, instance_id, upper)
    if after >= upper:
        return {"cursor": format_cursor(instance_id, upper), "has_more": False, "full": False}
    now = now or utc_now()
    today = get_calendar(session).local_date(now)
    rows: list[tuple[Key, str, dict[str, Any]]] = []
    complete_to = upper  # every in-scope row up to here has been fetched
    seen: list[Key] = []  # keys of every row fetched (in scope or not)
    params = {
        "space_id": space_id,
        "usage_from": _previous_month_start(today),
        "events_from": now - EVENT_WINDOW,
        "today": today,
        "after_txid": after[0],
        "after_seq": after[1],
        "upper_txid": upper[0],
        "upper_seq": upper[1],
        "limit": limit + 1,
    }
    connection = session.connection()  # Core statements of columns: no ORM execution needed
    for name, query, shape in _QUERIES:
        fetched: list[Any] = list(connection.execute(query, params))
        if len(fetched) > limit:
            complete_to = min(complete_to, _key(fetched[limit - 1]))
        keys = [_key(row) for row in fetched]
        seen += keys
        for key, row in zip(keys, fetched, strict=True):
            if name == "overshoots" and space_id not in (row[4] or []):
                continue  # only those involving this kiosk's space
            rows.append((key, name, shape(row)))
    rows.sort(key=lambda item: item[0])
    rows = [item for item in rows if item[0] <= complete_to]
    if len(rows) > limit:
        page, last = rows[:limit], rows[limit - 1][0]
    elif complete_to < upper:
        page, last = rows, complete_to
    else:  # all delivered: the cursor stays at the last key seen, so it only moves with changes
        page, last = rows, max([after, *seen]) if seen else after
    has_more = len(rows) > limit or complete_to < upper
    answer: dict[str, Any] = {
        "cursor": format_cursor(instance_id, last),
        "has_more": has_more,
        "full": bool(page),
    }
    if not page:
        return answer
    answer["network"] = None
    for _, name, item in page:
        if name == "network":
            answer["network"] = item
        else:
            answer.setdefault(name, []).append(item)
    return answer
