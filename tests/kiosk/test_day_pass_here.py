"""A day pass sold at this kiosk and scanned here before its upload reached the server."""

from __future__ import annotations

from kiosk.core.verdicts import Reason

from .conftest import KioskFactory
from .netserver_proc import NetServer


def test_a_day_pass_sold_here_is_admitted_online_before_its_upload_and_counted_once(
    server: NetServer, make_kiosk: KioskFactory
) -> None:
    from netserver.services.report import build_report

    here = server.add_space("Tangermünde")
    staff_id = server.add_staff("Desk", here.space_id, "482915")
    kiosk = make_kiosk(server, here.space_id, "daypass")
    assert kiosk.engine.run_once().ok
    issued = kiosk.checkin.issue_day_pass(staff_id=staff_id, note="walk-in")
    assert kiosk.store.pending_count() >= 1  # the pass waits for upload
    # The visitor walks straight to the door: the kiosk is online and asks the server.
    first = kiosk.checkin.check_in(issued.text)
    assert first.verdict.reason is Reason.DAY_PASS and first.verdict.admitted
    assert not first.verdict.offline  # the server decided, knowing the pass now
    assert server.checkins(nonce=first.nonce)[0]["reason"] == "day_pass"
    again = kiosk.checkin.check_in(issued.text, method="wedge")  # back from lunch
    assert again.verdict.admitted and not again.verdict.offline
    # The upload that follows finds the pass there already: a duplicate, nothing rejected.
    report = kiosk.engine.run_once()
    assert report.ok, report
    assert kiosk.store.pending_count() == 0 and kiosk.store.rejected_count() == 0
    with server.db.read() as session:
        from sqlalchemy import func, select

        from netserver.db import DayPassRow

        assert session.scalar(select(func.count()).select_from(DayPassRow)) == 1
        rows = build_report(session, issued.valid_on.year, issued.valid_on.month)
    slug = server_slug(server, here.space_id)
    day_passes = [r for r in rows if r.section == "day_passes" and r.host_space == slug]
    assert day_passes and all(r.count == 1 for r in day_passes), day_passes  # one pass, two scans


def server_slug(server: NetServer, space_id: int) -> str:
    from netserver.db import Space

    with server.db.read() as session:
        space = session.get(Space, space_id)
        assert space is not None
        return str(space.slug)
