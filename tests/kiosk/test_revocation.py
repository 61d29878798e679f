"""A revoked kiosk (issue 18): it learns it on its next contact, shows out of order, admits
nobody (offline too, after a restart too), and still uploads what it recorded before the
revocation, which reaches the monthly report marked as such. Real server process, real store."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from kiosk.launch import must_enroll
from kiosk.services.checkin import KioskRevoked
from kiosk.services.composition import KioskServices
from kiosk.services.config import KeyringTokenStore
from kiosk.services.enroll import enroll
from netserver.services.clock import utc_now
from netserver.services.kiosks import kiosk_overview
from netserver.services.report import build_report

from .conftest import KioskFactory
from .netserver_proc import NetServer


def _report(server: NetServer) -> Counter[tuple[str, str, str]]:
    now = utc_now()
    with server.db.read() as session:
        rows = build_report(session, now.year, now.month)
    return Counter({(r.section, r.host_space, r.home_space): r.count for r in rows if not r.reason})


def test_revoked_kiosk_stops_admitting_and_its_earlier_checkins_reach_the_report(
    own_server: NetServer, make_kiosk: KioskFactory
) -> None:
    home, here = own_server.add_space("Home"), own_server.add_space("Here")
    passes = [own_server.add_member(f"Guest {i}", home.space_id)[1] for i in range(3)]
    staff_id = own_server.add_staff("Desk", here.space_id, "246810")
    kiosk = make_kiosk(own_server, here.space_id)
    assert kiosk.engine.run_once().ok
    own_server.stop()

    before = [kiosk.checkin.check_in(text) for text in passes[:2]]  # offline, queued
    assert all(r.verdict.admitted and r.verdict.offline for r in before)
    assert kiosk.config.kiosk_id is not None
    # the kiosk's corrected clock and the server's differ by the measured offset (~10 ms here):
    # keep the revocation clearly between the check-ins
    time.sleep(0.2)
    own_server.revoke_kiosk(kiosk.config.kiosk_id)  # the box was stolen while offline
    time.sleep(0.2)
    after = kiosk.checkin.check_in(passes[2])  # it does not know yet
    assert after.verdict.admitted

    own_server.start()
    report = kiosk.engine.run_once()
    assert not report.ok and report.error_key == "error.token_revoked"
    assert report.pushed == 2 and report.rejected == 1
    state = kiosk.sync_state()
    assert state.revoked and state.needs_enrollment and not state.online

    stored = {row["nonce"] for row in own_server.checkins(space_id=here.space_id)}
    assert stored == {r.nonce for r in before}  # the one after the revocation was refused
    assert kiosk.store.pending_count() == 0 and kiosk.store.rejected_count() == 1

    with pytest.raises(KioskRevoked):
        kiosk.checkin.check_in(passes[2])
    with pytest.raises(KioskRevoked):
        kiosk.checkin.override(member_number=None, staff_id=staff_id, reason="walk-in")
    with pytest.raises(KioskRevoked):
        kiosk.checkin.issue_day_pass(staff_id=staff_id)

    cells = _report(own_server)
    assert cells[("guest_days", here.slug, home.slug)] == 2
    assert cells[("revoked_uploads", here.slug, home.slug)] == 2
    assert cells[("revoked_uploads", "*", "*")] == 2

    with own_server.db.read() as session:
        (row,) = kiosk_overview(session, here.space_id)
    assert row.revoked_at is not None and not row.online
    assert row.version and row.queue == 3  # what it reported, before pushing

    # restarted and offline: still refuses
    config, kiosk_id = kiosk.config, kiosk.config.kiosk_id
    kiosk.close()
    own_server.stop()
    reopened = KioskServices.open(config, token_store=KeyringTokenStore())
    try:
        assert reopened.sync_state().revoked
        with pytest.raises(KioskRevoked):
            reopened.checkin.check_in(passes[0])
        assert not reopened.engine.run_once().ok
    finally:
        reopened.close()
    assert kiosk_id is not None and must_enroll(config)  # the restart shows the enrollment window

    # staff enroll the same box again with a new code: it admits again
    own_server.start()
    tokens = KeyringTokenStore()
    config = enroll(
        own_server.url, own_server.enrollment_code(here.space_id), config=config, token_store=tokens
    )
    assert not must_enroll(config)
    again = KioskServices.open(config, token_store=tokens)
    try:
        assert again.engine.run_once().ok and not again.sync_state().revoked
        assert again.checkin.check_in(passes[0]).verdict.admitted
    finally:
        again.close()


def test_replacement_kiosk_enrolled_with_a_new_code_admits(
    own_server: NetServer, make_kiosk: KioskFactory
) -> None:
    home, here = own_server.add_space("Home"), own_server.add_space("Here")
    _number, text = own_server.add_member("Guest", home.space_id)
    old = make_kiosk(own_server, here.space_id, "old")
    assert old.engine.run_once().ok and old.config.kiosk_id is not None
    own_server.revoke_kiosk(old.config.kiosk_id)
    assert not old.engine.run_once().ok and old.sync_state().revoked

    new = make_kiosk(own_server, here.space_id, "new")
    assert new.engine.run_once().ok and not new.sync_state().revoked
    assert new.checkin.check_in(text).verdict.admitted


def test_health_is_stored_per_kiosk_with_each_sync(own_server: NetServer, make_kiosk: KioskFactory) -> None:
    here = own_server.add_space("Here")
    kiosk = make_kiosk(own_server, here.space_id)
    kiosk.health.set_camera("out_of_order")
    assert kiosk.engine.run_once().ok
    assert kiosk.engine.run_once().ok  # the second report carries the first pass's last sync
    with own_server.db.read() as session:
        (row,) = kiosk_overview(session, here.space_id)
    assert row.online and row.revoked_at is None
    assert row.camera == "out_of_order" and row.queue == 0 and row.version == "0.1.0"
    assert row.last_sync is not None and row.offline_since is None and row.health_at is not None


def test_a_redeem_answered_revoked_stops_admitting_at_once(
    own_server: NetServer, make_kiosk: KioskFactory
) -> None:
    """Before any sync pass learns it: the online redeem's 401 token_revoked is enough."""
    home, here = own_server.add_space("Home"), own_server.add_space("Here")
    passes = [own_server.add_member(f"Guest {i}", home.space_id)[1] for i in range(2)]
    kiosk = make_kiosk(own_server, here.space_id)
    assert kiosk.engine.run_once().ok and kiosk.config.kiosk_id is not None
    own_server.revoke_kiosk(kiosk.config.kiosk_id)
    with pytest.raises(KioskRevoked):
        kiosk.checkin.check_in(passes[0])  # it would have admitted offline before
    assert kiosk.store.pending_count() == 0 and kiosk.sync_state().revoked
    own_server.stop()
    with pytest.raises(KioskRevoked):
        kiosk.checkin.check_in(passes[1])
