"""Shared builders for the rules tests."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from kiosk.core.credentials import MemberPass
from kiosk.core.models import MemberRecord, MemberState, Policy, Visit
from kiosk.core.rules import decide
from kiosk.core.verdicts import Verdict

BERLIN = ZoneInfo("Europe/Berlin")
HOME, HOST_A, HOST_B = 1, 2, 3
POLICY = Policy(default_guest_days=1, plan_guest_days={"basis": 1, "flex": 3})
CARD = MemberPass(member_number=4711, serial=2, secret=0xBEEF_0000_1111_2222_3333)


def member(plan: str = "basis", state: MemberState = MemberState.ACTIVE, serial: int = 2) -> MemberRecord:
    return MemberRecord(
        number=CARD.member_number,
        display_name="Anna K.",
        home_space_id=HOME,
        state=state,
        plan=plan,
        pass_serial=serial,
        secret_hash=CARD.secret_hash(),
    )


def local(*args: int) -> datetime:
    """A Berlin wall-clock time as an aware UTC instant."""
    return datetime(*args, tzinfo=BERLIN).astimezone(UTC)


def scan(
    at: datetime,
    space: int,
    visits: list[Visit],
    record: MemberRecord | None = None,
    *,
    offline: bool = False,
    remember: bool = True,
) -> Verdict:
    """Decide a scan of CARD and, like a kiosk, remember an admission as a visit."""
    verdict = decide(
        CARD, space_id=space, now=at, policy=POLICY, member=record or member(), visits=visits, offline=offline
    )
    if remember and verdict.admitted:
        visits.append(Visit(CARD.member_number, space, verdict.day, verdict.counted))
    return verdict
