"""Offline periods against a real server process that is stopped and started again."""

from __future__ import annotations

from kiosk.core.verdicts import Reason

from .conftest import KioskFactory
from .netserver_proc import NetServer


def test_server_down_200_checkins_delivered_once(own_server: NetServer, make_kiosk: KioskFactory) -> None:
    home, here = own_server.add_space("Home"), own_server.add_space("Here")
    members = [own_server.add_member(f"Member {i}", home.space_id) for i in range(20)]
    kiosk = make_kiosk(own_server, here.space_id)
    assert kiosk.engine.run_once().ok
    own_server.stop()

    nonces = []
    for i in range(200):
        result = kiosk.checkin.check_in(members[i % len(members)][1])
        assert result.verdict.offline and result.verdict.admitted
        nonces.append(result.nonce)
    assert kiosk.store.pending_count() == 200
    failed = kiosk.engine.run_once()
    assert not failed.ok and failed.error_key == "error.unreachable"
    assert not kiosk.sync_state().online and kiosk.sync_state().next_attempt is not None

    own_server.start()
    assert kiosk.engine.run_once().ok
    assert kiosk.engine.run_once().ok  # a second pass changes nothing
    rows = own_server.checkins(space_id=here.space_id)
    assert sorted(r["nonce"] for r in rows) == sorted(nonces)
    counted = [r for r in rows if r["counted"]]
    assert len(counted) == 20  # one guest day per member; the rest were "already today"
    assert kiosk.store.pending_count() == 0 and kiosk.sync_state().online


def test_two_spaces_offline_overshoot(own_server: NetServer, make_kiosk: KioskFactory) -> None:
    home, east, west = (own_server.add_space(n) for n in ("Home", "East", "West"))
    number, text = own_server.add_member("Dora Doppelt", home.space_id)
    k_east = make_kiosk(own_server, east.space_id, "east")
    k_west = make_kiosk(own_server, west.space_id, "west")
    assert k_east.engine.run_once().ok and k_west.engine.run_once().ok
    own_server.stop()

    a = k_east.checkin.check_in(text)
    b = k_west.checkin.check_in(text)
    for result in (a, b):
        assert result.verdict.reason is Reason.GUEST_DAY and result.verdict.offline

    own_server.start()
    assert k_east.engine.run_once().ok and k_west.engine.run_once().ok
    overshoots = own_server.overshoots()
    assert len(overshoots) == 1 and overshoots[0]["member_number"] == number
    assert set(overshoots[0]["space_ids"]) >= {east.space_id, west.space_id}
    assert k_east.engine.run_once().ok  # the east kiosk sees what the west upload caused
    for kiosk in (k_east, k_west):
        found = kiosk.store.overshoots()
        assert [o.member_number for o in found] == [number]
        assert set(found[0].nonces) == {a.nonce, b.nonce}
        # and the next guest visit this month is denied offline too
        assert kiosk.store.visits(number, a.verdict.day)


def test_overshoot_resolved_by_an_undo_leaves_both_kiosks(
    own_server: NetServer, make_kiosk: KioskFactory
) -> None:
    home, east, west = (own_server.add_space(n) for n in ("Home", "East", "West"))
    number, text = own_server.add_member("Olga Ohnegrenze", home.space_id)
    k_east = make_kiosk(own_server, east.space_id, "east")
    k_west = make_kiosk(own_server, west.space_id, "west")
    assert k_east.engine.run_once().ok and k_west.engine.run_once().ok
    own_server.stop()
    k_east.checkin.check_in(text)
    wrong = k_west.checkin.check_in(text)
    own_server.start()
    assert k_east.engine.run_once().ok and k_west.engine.run_once().ok and k_east.engine.run_once().ok
    assert [o.member_number for o in k_east.store.overshoots()] == [number]

    # Staff at West undo their check-in: usage is back within the allowance everywhere.
    staff = own_server.add_staff("Wera", west.space_id, "246813")  # staff of West (issue 13: bound)
    k_west.checkin.undo(wrong.nonce, staff_id=staff, reason="scanned the wrong card")
    assert k_west.engine.run_once().ok and k_east.engine.run_once().ok
    assert own_server.overshoots() == []
    for kiosk in (k_east, k_west):
        assert kiosk.store.overshoots() == []
