"""The rules at a pop-up (docs/popups.md): a guest is welcomed without a guest day unless the
network's policy says a pop-up uses one; the home space's members and inactive members as ever."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kiosk.core import messages
from kiosk.core.models import MemberState, Visit
from kiosk.core.rules import decide, decide_member
from kiosk.core.verdicts import Reason

from .rules_helpers import CARD, HOME, HOST_A, POLICY, local, member

NOW = local(2026, 12, 10, 10, 0)


def test_a_guest_at_a_popup_uses_no_guest_day_even_when_the_days_are_used() -> None:
    used = [Visit(CARD.member_number, 3, date(2026, 12, 2), counted=True)]
    verdict = decide(
        CARD, space_id=HOST_A, now=NOW, policy=POLICY, member=member(), visits=used, at_popup=True
    )
    assert verdict.reason is Reason.POPUP_VISIT and verdict.admitted and not verdict.counted
    assert verdict.guest_days_left is None
    title, detail = messages.text(verdict.message_key, {**verdict.params, "home": "Stendal"}, "de")
    assert title == "Willkommen, Anna K. (Stendal)!" and "keinen Gasttag" in detail
    assert "no guest day" in messages.text(verdict.message_key, {**verdict.params, "home": "S"}, "en")[1]
    away = decide(CARD, space_id=HOST_A, now=NOW, policy=POLICY, member=member(), visits=used)
    assert away.reason is Reason.GUEST_DAYS_USED  # the same scan at the space itself


def test_the_network_may_count_a_popup_as_a_guest_day() -> None:
    policy = replace(POLICY, popup_guest_day=True)
    verdict = decide(CARD, space_id=HOST_A, now=NOW, policy=policy, member=member(), at_popup=True)
    assert verdict.reason is Reason.GUEST_DAY and verdict.counted


def test_home_members_and_inactive_members_at_a_popup() -> None:
    home = decide_member(member(), space_id=HOME, now=NOW, policy=POLICY, at_popup=True)
    assert home.reason is Reason.HOME_MEMBER
    paused = decide_member(
        member(state=MemberState.PAUSED), space_id=HOST_A, now=NOW, policy=POLICY, at_popup=True
    )
    assert paused.reason is Reason.MEMBERSHIP_INACTIVE and not paused.admitted
