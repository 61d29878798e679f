"""Who is here, at the door: check-out by scanning again, and "the space is full" for guests.

Check-out (a space setting, `coworking-netserver space checkout SPACE on`, synced): a member
or day-pass visitor who is present here today (checked in, stay not ended) and scans again, at least
CHECKOUT_MIN_GAP after their last check-in, is recorded as left and sees "Goodbye". Nothing
goes to the server for it except the hourly counts; guest days are never touched. The pass is
checked against the synced roster exactly as for a check-in (kiosk.core.rules.decide): a
replaced, forged or unknown card checks nobody out. See docs/presence.md.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.core.credentials import DayPass, MemberPass
from kiosk.core.models import new_nonce
from kiosk.core.presence import CHECKOUT_MIN_GAP, GOODBYE_KEY, is_goodbye_key, is_present
from kiosk.core.rules import decide
from kiosk.core.verdicts import Reason, Verdict
from kiosk.store import Store
from kiosk.store import presence as stored


def try_checkout(
    store: Store,
    space_id: int,
    scanned: MemberPass | DayPass,
    now: datetime,
    min_gap: timedelta = CHECKOUT_MIN_GAP,
) -> Verdict | None:
    """The "Goodbye" verdict (admitted, nothing counted) if this scan checks the member or
    day-pass visitor out; None if it is an ordinary check-in. The check-out is recorded before
    it is returned."""
    space = stored.settings(store, space_id)
    if not space.checkout_by_scan:
        return None
    day = store.calendar().local_date(now)
    member = None
    if isinstance(scanned, MemberPass):
        member = store.member(scanned.member_number)
        if member is None:
            return None
        who = stored.who_key(member.number, None)
        visits = store.visits(member.number, day)
        record = None
    else:
        who = stored.who_key(None, scanned.number)
        visits = []
        record = store.day_pass(scanned.space_id, scanned.valid_on, scanned.number)
    verdict = decide(
        scanned,
        space_id=space_id,
        now=now,
        policy=store.policy(),
        member=member,
        day_pass=record,
        visits=visits,
        offline=True,
    )
    if not verdict.admitted:  # a card that would not get in checks nobody out
        return None
    arrived = stored.last_arrival(store, space_id, day, who)
    if arrived is None or now - arrived < min_gap:
        return None  # not here today, or the same arrival scanned twice
    if not is_present(stored.day_stays(store, space_id, day, space.opening_hours), who, now):
        return None  # already left (or the space has closed): this scan is a new arrival
    stored.record_checkout(
        store,
        nonce=new_nonce(),
        space_id=space_id,
        day=day,
        at=now,
        member_number=member.number if member else None,
        day_pass_number=scanned.number if isinstance(scanned, DayPass) else None,
    )
    if member is None:
        return Verdict(Reason.DAY_PASS, day, GOODBYE_KEY + ".visitor")
    return Verdict(
        reason=Reason.HOME_MEMBER if member.home_space_id == space_id else Reason.ALREADY_TODAY,
        day=day,
        message_key=GOODBYE_KEY,
        params={"name": member.display_name, "home_space_id": member.home_space_id},
        member_number=member.number,
        display_name=member.display_name,
        home_space_id=member.home_space_id,
    )


def is_goodbye(verdict: Verdict) -> bool:
    return is_goodbye_key(verdict.message_key)


def full_for_guest(store: Store, space_id: int, verdict: Verdict, now: datetime) -> bool:
    """After an admission: is this a guest (a member of another space, or a day-pass visitor)
    for whom no desk is free (more people present than the space has desks)?"""
    if stored.settings(store, space_id).capacity <= 0:
        return False  # no desks given: nothing to be full
    if not verdict.admitted or is_goodbye(verdict) or verdict.reason is Reason.ALREADY_TODAY:
        return False  # a guest back the same day had a desk this morning
    guest = verdict.reason is Reason.DAY_PASS or (
        verdict.home_space_id is not None and verdict.home_space_id != space_id
    )
    if not guest:
        return False
    here = stored.occupancy(store, space_id, now)
    return 0 < here.capacity < here.present
