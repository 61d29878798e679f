"""The online redeem's statements, built once at import and run as Core on the session's
connection: plain rows, no ORM objects, no unit of work (issue 14: the ORM was most of a
redeem's server CPU).

A Core statement does not autoflush: `redeem()` flushes the session once before the first of
them. The check-in insert bypasses the `before_flush` hook (netserver/db/sequence.py), so it
allocates its sync key itself, like the bulk inserts.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Row, Table, bindparam, insert, select, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.core.models import MemberRecord, MemberState, Policy, Visit

from ..db import Checkin, Member, Network, Plan, SkillOptIn, Staff, sequence
from .usage import month_bounds

MemberRow = Row[int, str, int, str, str, int, str]
StaffRow = Row[int, bool]

_MEMBER = (
    select(
        Member.number,
        Member.display_name,
        Member.home_space_id,
        Member.state,
        Member.plan_code,
        Member.pass_serial,
        Member.secret_hash,
    )
    .where(Member.number == bindparam("number"))
    .with_for_update()  # PostgreSQL; SQLite renders nothing (its write transaction serialises)
)
# what is stored under a nonce: its space and offline flag (nonces.Prior) and what
# redeem.stored_verdict needs to answer a repeat (the fields of `Stored`)
_STORED = (
    Checkin.space_id,
    Checkin.offline,
    Checkin.verdict,
    Checkin.reason,
    Checkin.day,
    Checkin.counted,
    Checkin.member_number,
)
_PRIOR = select(*_STORED).where(Checkin.nonce == bindparam("nonce"))
# the network row with every plan (one row per plan, or one with no plan columns if there is
# none) and the check-in stored under the nonce if any (in each row): network.get_policy and
# `_PRIOR` in one statement
_PRIOR_AND_POLICY = (
    select(
        Network.timezone,
        Network.default_guest_days,
        Network.popup_guest_day,
        Plan.code,
        Plan.guest_days_per_month,
        *_STORED,
    )
    .select_from(Network)
    .outerjoin(Plan, true())
    .outerjoin(Checkin, Checkin.nonce == bindparam("nonce"))
    .where(Network.id == 1)
)
_VISITS = select(Checkin.space_id, Checkin.day, Checkin.counted).where(
    Checkin.member_number == bindparam("number"),
    Checkin.admitted.is_(True),
    Checkin.annulled_at.is_(None),
    Checkin.day >= bindparam("first"),
    Checkin.day < bindparam("following"),
)
_STAFF = select(Staff.space_id, Staff.active).where(Staff.id == bindparam("staff_id"))
_OPTED_IN = select(SkillOptIn.member_number).where(SkillOptIn.member_number == bindparam("number"))
# a concurrent insert of the same nonce makes this a no-op (no row returned) instead of an error
# that would abort a PostgreSQL transaction: no savepoint needed. PostgreSQL keys the row in the
# insert itself; SQLite bumps its counter first (sequence.allocate).
_CHECKINS = Checkin.__table__
assert isinstance(_CHECKINS, Table)
_INSERT_SQLITE = (
    sqlite.insert(_CHECKINS).on_conflict_do_nothing(index_elements=["nonce"]).returning(_CHECKINS.c.id)
)
_INSERT_PG = (
    postgresql.insert(_CHECKINS)
    .values(txid=sequence.PG_TXID, seq=sequence.PG_SEQ)
    .on_conflict_do_nothing(index_elements=["nonce"])
    .returning(_CHECKINS.c.id)
)
_PLAIN_INSERT = insert(_CHECKINS)


def lock_member(session: Session, number: int) -> MemberRow | None:
    """The member's row (number, display_name, home_space_id, state, plan_code, pass_serial,
    secret_hash), locked until commit on PostgreSQL."""
    return session.connection().execute(_MEMBER, {"number": number}).first()


def member_record(row: MemberRow) -> MemberRecord:
    """The kiosk core's record of a row from `lock_member` (like members.member_record)."""
    number, display_name, home_space_id, state, plan_code, pass_serial, secret_hash = row
    return MemberRecord(
        number=number,
        display_name=display_name,
        home_space_id=home_space_id,
        state=MemberState(state),
        plan=plan_code,
        pass_serial=pass_serial,
        secret_hash=secret_hash,
    )


class Stored(NamedTuple):
    """A stored check-in, as far as a repeat of its nonce needs it."""

    space_id: int
    offline: bool
    verdict: dict[str, object] | None
    reason: str
    day: date
    counted: bool
    member_number: int | None


def prior(session: Session, nonce: str) -> Stored | None:
    """The check-in stored under `nonce`, or None."""
    row = session.connection().execute(_PRIOR, {"nonce": nonce}).first()
    return None if row is None else Stored(*row)


def prior_and_policy(session: Session, nonce: str) -> tuple[Stored | None, Policy | None]:
    """`prior(nonce)` and network.get_policy (None if the network is not initialised)."""
    rows = session.connection().execute(_PRIOR_AND_POLICY, {"nonce": nonce}).all()
    if not rows:
        return prior(session, nonce), None
    (
        timezone,
        default_guest_days,
        popup_guest_day,
        _,
        _,
        space_id,
        offline,
        verdict,
        reason,
        day,
        counted,
        number,
    ) = rows[0]
    policy = Policy(
        timezone=timezone,
        default_guest_days=default_guest_days,
        plan_guest_days={row[3]: row[4] for row in rows if row[3] is not None},
        popup_guest_day=bool(popup_guest_day),
    )
    stored = None if space_id is None else Stored(space_id, offline, verdict, reason, day, counted, number)
    return stored, policy


def member_visits(session: Session, number: int, day: date) -> list[Visit]:
    """usage.member_visits as one prebuilt statement."""
    first, following = month_bounds(day)
    rows = session.connection().execute(_VISITS, {"number": number, "first": first, "following": following})
    return [Visit(number, space_id, visit_day, counted) for space_id, visit_day, counted in rows]


def staff(session: Session, staff_id: int) -> StaffRow | None:
    """(space_id, active) of a staff member, or None."""
    return session.connection().execute(_STAFF, {"staff_id": staff_id}).first()


def opted_in(session: Session, number: int) -> bool:
    """Whether the member opted in to the skills board (services/skills.py)."""
    return session.connection().execute(_OPTED_IN, {"number": number}).first() is not None


def insert_checkin(session: Session, values: dict[str, Any]) -> bool:
    """Insert one check-in with a new sync key; False (nothing inserted) if its nonce is stored
    already, committed by a concurrent transaction meanwhile."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return connection.execute(_INSERT_PG, values).first() is not None
    ((txid, seq),) = sequence.allocate(session, 1)
    return connection.execute(_INSERT_SQLITE, {**values, "txid": txid, "seq": seq}).first() is not None


def insert_checkin_plain(session: Session, values: dict[str, Any]) -> None:
    """Insert one check-in; an IntegrityError if its nonce is stored (see redeem._store)."""
    ((txid, seq),) = sequence.allocate(session, 1)
    session.connection().execute(_PLAIN_INSERT, {**values, "txid": txid, "seq": seq})
