"""Manual check-in at the desk (staff found the member by name) against a real server process:
decided by the server with the network's usage while online, locally with the same nonce when not."""

from __future__ import annotations

from kiosk.core.verdicts import Reason

from .conftest import KioskFactory
from .netserver_proc import NetServer


def test_online_manual_checkin_sees_usage_the_kiosk_has_not_synced(
    server: NetServer, make_kiosk: KioskFactory
) -> None:
    home, here, there = (server.add_space(n) for n in ("Home", "Here", "There"))
    number, text = server.add_member("Greta Gast", home.space_id)
    staff_id = server.add_staff("Desk", here.space_id, "246810")
    desk = make_kiosk(server, here.space_id, "here")
    other = make_kiosk(server, there.space_id, "there")
    assert desk.engine.run_once().ok and other.engine.run_once().ok

    elsewhere = other.checkin.check_in(text)  # the last guest day, used at another space
    assert elsewhere.verdict.reason is Reason.GUEST_DAY and not elsewhere.verdict.offline
    assert desk.store.visits(number, elsewhere.verdict.day) == []  # not synced to this kiosk

    manual = desk.checkin.check_in_member(number, staff_id=staff_id)
    assert manual.verdict.reason is Reason.GUEST_DAYS_USED and not manual.verdict.admitted
    assert not manual.verdict.offline
    row = server.checkins(nonce=manual.nonce)
    assert len(row) == 1
    assert (row[0]["method"], row[0]["staff_id"], row[0]["space_id"]) == ("manual", staff_id, here.space_id)
    assert desk.store.pending_count() == 1  # only the audit entry; the check-in is on the server
    assert desk.engine.run_once().ok
    assert desk.store.pending_count() == 0
    assert len(server.checkins(nonce=manual.nonce)) == 1


def test_manual_checkin_offline_falls_back_and_uploads_once(
    own_server: NetServer, make_kiosk: KioskFactory
) -> None:
    home, here = own_server.add_space("Home"), own_server.add_space("Here")
    number, _text = own_server.add_member("Otto Offline", home.space_id)
    staff_id = own_server.add_staff("Desk", here.space_id, "246810")
    kiosk = make_kiosk(own_server, here.space_id)
    assert kiosk.engine.run_once().ok and kiosk.sync_state().online
    own_server.stop()

    manual = kiosk.checkin.check_in_member(number, staff_id=staff_id)  # tries online, then local
    assert manual.verdict.reason is Reason.GUEST_DAY and manual.verdict.admitted
    assert manual.verdict.offline and not kiosk.sync_state().online
    assert kiosk.store.pending_count() == 2  # the check-in and its audit entry

    own_server.start()
    assert kiosk.engine.run_once().ok
    assert kiosk.engine.run_once().ok  # a second pass changes nothing
    rows = own_server.checkins(member_number=number)
    assert [r["nonce"] for r in rows] == [manual.nonce]
    assert (rows[0]["method"], rows[0]["staff_id"], rows[0]["offline"]) == ("manual", staff_id, True)
    assert rows[0]["counted"] and kiosk.store.pending_count() == 0
