"""Who is here (issue 19): check-out by scanning again (on and off, the minimum gap), the end at
closing time, the kindly "all desks are taken" for guests, and the hourly counts reaching the
server and its dashboard. A real server process with the demo network, real kiosk stores."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import requests
from sqlalchemy import select

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.presence import by_hour
from kiosk.core.wire import iso_utc
from kiosk.services.client import ApiClient, RequestRejected
from kiosk.store import OutboxKind, presence
from netserver.db import PresenceCount
from netserver.services import spaces

from .conftest import QT_NOISE
from .test_desk_denials import at_the_door
from .test_desk_flow import unlock

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)
ALWAYS_OPEN = "Mo-Su 00:00-24:00"


def settle(world, services, *, hours=ALWAYS_OPEN, capacity=10, checkout=False):
    """The demo space's presence settings on the server, synced to the kiosk."""
    with world.server.db.write() as session:
        spaces.set_opening_hours(session, "stendal", hours)
        spaces.set_capacity(session, "stendal", capacity)
        spaces.set_checkout_by_scan(session, "stendal", checkout)
    assert services.engine.run_once().ok
    assert presence.settings(services.store, world.network.space_id).checkout_by_scan is checkout


def here_now(services) -> int:
    return presence.occupancy(services.store, services.store.space_id, services.clock.now()).present


def counted(world, number: int) -> int:
    return sum(1 for c in world.server.checkins(member_number=number) if c["counted"])


def test_with_check_out_on_a_second_scan_after_the_gap_says_goodbye(qtbot, world, services, make_app):
    settle(world, services, checkout=True)
    app = make_app(services, camera=None, scanner=True)
    guest = world.network.samples["guest_free"]
    arrival = at_the_door(qtbot, app, guest.text)
    assert arrival.admitted and not arrival.checked_out
    days_counted, here = counted(world, guest.member_number), here_now(services)
    # The same pass a moment later (a double scan at arrival): not a check-out.
    double = at_the_door(qtbot, app, guest.text)
    assert double.admitted and not double.checked_out and app.checkin.card.kind == "admitted"
    assert here_now(services) == here
    services.checkin.checkout_gap = timedelta(0)  # the seam: "two minutes later"
    leaving = at_the_door(qtbot, app, guest.text)
    assert leaving.checked_out and leaving.admitted and not leaving.verdict.counted
    card = app.checkin.card
    assert card.kind == "goodbye" and card.headline.text() == f"Tschüss, {guest.display_name}!"
    assert "ausgecheckt" in card.detail.text() and card.icon.accessibleName() == "Ausgecheckt"
    assert app.sounds.played[-1] == "goodbye"
    assert here_now(services) == here - 1
    qtbot.waitUntil(lambda: f"Jetzt {here - 1} da" in app.lobby.occupancy.line.text(), timeout=10_000)
    # Back in the afternoon: a check-in again, still one guest day for the day.
    back = at_the_door(qtbot, app, guest.text)
    assert back.admitted and not back.checked_out and here_now(services) == here
    assert services.engine.run_once().ok
    assert counted(world, guest.member_number) == days_counted == 1
    # The desk's list of today shows when the guest left (after the check-ins before it).
    unlock(qtbot, app, world.pin)
    table = app.desk.today.table
    qtbot.waitUntil(lambda: table.rowCount() >= 3, timeout=10_000)
    notes = [table.item(row, 4).text() for row in range(table.rowCount())]
    went = [n for n in notes if n.startswith("gegangen ")]
    assert len(went) == 2 and went[0] == went[1]  # the arrival and the double scan, not the return


def test_a_day_pass_visitor_checks_out_too(qtbot, world, services, make_app):
    settle(world, services, checkout=True)
    app = make_app(services, camera=None, scanner=True)
    visitor = services.checkin.issue_day_pass(staff_id=services.store.staff_records()[0].id)
    arrival = at_the_door(qtbot, app, visitor.text)
    assert arrival.admitted and not arrival.checked_out
    here = here_now(services)
    services.checkin.checkout_gap = timedelta(0)
    leaving = at_the_door(qtbot, app, visitor.text)
    assert leaving.checked_out and app.checkin.card.kind == "goodbye"
    assert app.checkin.card.headline.text() == "Tschüss!" and here_now(services) == here - 1


def test_with_check_out_off_a_second_scan_is_a_check_in_again(qtbot, world, services, make_app):
    settle(world, services, checkout=False)
    app = make_app(services, camera=None, scanner=True)
    services.checkin.checkout_gap = timedelta(0)
    home = world.network.samples["home_member"]
    first = at_the_door(qtbot, app, home.text)
    here = here_now(services)
    second = at_the_door(qtbot, app, home.text)
    assert first.admitted and second.admitted
    assert not first.checked_out and not second.checked_out and app.checkin.card.kind == "admitted"
    assert here_now(services) == here >= 1


def test_a_forged_or_replaced_card_checks_nobody_out(qtbot, world, services, make_app):
    settle(world, services, checkout=True)
    services.checkin.checkout_gap = timedelta(0)
    for key in ("forged", "replaced"):
        result = services.checkin.check_in(world.pass_text(key))
        assert not result.admitted and not result.checked_out


def test_a_stay_ends_at_closing_time(world, services):
    calendar = services.store.calendar()
    now = services.clock.now()
    local = calendar.local(now)
    closing_at = local.replace(second=0, microsecond=0) + timedelta(minutes=2)
    closing = "24:00" if closing_at.date() != local.date() else closing_at.strftime("%H:%M")
    settle(world, services, hours=f"Mo-Su 00:00-{closing}")
    assert services.checkin.check_in(world.pass_text("home_member")).admitted
    end = calendar.day_start(local.date() + timedelta(days=1)) if closing == "24:00" else closing_at
    sid = services.store.space_id
    assert presence.occupancy(services.store, sid, end - timedelta(seconds=1)).present >= 1
    assert presence.occupancy(services.store, sid, end + timedelta(seconds=1)).present == 0


def test_a_guest_hears_kindly_that_every_desk_is_taken(qtbot, world, services, make_app):
    settle(world, services)
    here = here_now(services)
    settle(world, services, capacity=max(here, 1))
    app = make_app(services, camera=None, scanner=True)
    if here == 0:  # nobody in yet: the home member takes the one desk
        assert at_the_door(qtbot, app, world.pass_text("home_member")).admitted
    staff_id = services.store.staff_records()[0].id
    visitor = services.checkin.issue_day_pass(staff_id=staff_id)
    result = at_the_door(qtbot, app, visitor.text)
    assert result.admitted and result.space_full  # admitted: the team finds them a place
    card = app.checkin.card
    assert not card.full.isHidden() and "alle Plätze belegt" in card.full.text()
    assert "alle Plätze belegt" in card.accessibleDescription()
    qtbot.waitUntil(lambda: "alle" in app.lobby.occupancy.line.text(), timeout=10_000)
    home = at_the_door(qtbot, app, world.pass_text("home_member"))  # a member of the space: no note
    assert home.admitted and not home.space_full and card.full.isHidden()


def test_hourly_counts_reach_the_server_and_its_dashboard(world, services):
    settle(world, services)
    staff_id = services.store.staff_records()[0].id
    visitor = services.checkin.issue_day_pass(staff_id=staff_id)
    assert services.checkin.check_in(visitor.text).admitted
    now = services.clock.now()
    calendar: NetworkCalendar = services.store.calendar()
    sid = services.store.space_id
    assert services.engine.run_once().ok  # this hour has not ended: nothing sent for it yet
    this_hour = calendar.local(now).replace(minute=0, second=0, microsecond=0)
    if calendar.local(services.clock.now()).hour == this_hour.hour:  # (not at hh:59:59)
        assert server_count(world, this_hour) is None
    an_hour_later = now + timedelta(hours=1)  # what the next pass does once the hour has ended
    assert presence.queue_hourly_counts(services.store, sid, [calendar.local_date(now)], an_hour_later)
    assert services.engine.run_once().ok
    hour = calendar.local(now).replace(minute=0, second=0, microsecond=0)
    expected = presence.day_stays(services.store, services.store.space_id, calendar.local_date(now))
    count = by_hour(expected, calendar.local_date(now), calendar)[hour.hour]
    assert count >= 1
    assert server_count(world, hour) == count
    assert services.engine.run_once().ok and server_count(world, hour) == count  # nothing sent twice
    assert not presence.queue_hourly_counts(services.store, sid, [calendar.local_date(now)], an_hour_later)
    # One more visitor this hour (the kiosk learns it late): the hour is sent again, new count.
    assert services.checkin.check_in(services.checkin.issue_day_pass(staff_id=staff_id).text).admitted
    assert presence.queue_hourly_counts(services.store, sid, [calendar.local_date(now)], an_hour_later)
    assert services.engine.run_once().ok
    assert server_count(world, hour) == count + 1
    # The dashboard of the space shows it at that hour.
    page = signed_in_dashboard(world)
    row = re.search(rf"<td>{hour.hour:02d}:00</td>.*?<td class=\"num\" data-present>(\d+)</td>", page, re.S)
    assert row and int(row.group(1)) == count + 1, page
    assert "Anwesend" in page


def test_the_server_refuses_a_count_that_is_not_an_hour(world, services):
    client = services.client
    start = services.store.calendar().local(services.clock.now()).replace(minute=30, second=0, microsecond=0)
    results = client.post_batch("/api/v1/presence", [{"id": "x:1", "hour": iso_utc(start), "present": 3}])
    assert results[0]["status"] == "rejected"


def server_count(world, hour: datetime) -> int | None:
    with world.server.db.read() as session:
        rows = list(session.scalars(select(PresenceCount).where(PresenceCount.hour == hour)))
    return max((r.present for r in rows), default=None)


def signed_in_dashboard(world) -> str:
    name, password = "stendal", "altmark-stendal"
    with requests.Session() as http:
        form = http.get(f"{world.server.url}/admin/signin", timeout=10).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', form)
        assert csrf
        data = {"name": name, "password": password, "csrf": csrf.group(1)}
        signed = http.post(f"{world.server.url}/admin/signin", data=data, timeout=30, allow_redirects=False)
        assert signed.status_code == 303, signed.text
        page = http.get(f"{world.server.url}/admin/dashboard", timeout=10)
        assert page.status_code == 200
        return page.text


class ServerWithoutPresence(ApiClient):
    """An older server: no POST /api/v1/presence (the seam: the kiosk's client)."""

    def post_batch(self, path, items):  # type: ignore[no-untyped-def]
        if path == OutboxKind.PRESENCE.path:
            raise RequestRejected("not_found", "HTTP 404", status=404)
        return super().post_batch(path, items)


def test_an_older_server_without_presence_counts_holds_up_no_other_upload(world, services):
    settle(world, services)
    old = services.engine.client
    services.engine.client = ServerWithoutPresence(old.base_url, token=old._token, clock=old.clock)
    staff_id = services.store.staff_records()[0].id
    visitor = services.checkin.issue_day_pass(staff_id=staff_id)
    assert services.checkin.check_in(visitor.text).admitted
    assert services.checkin.check_in(world.pass_text("forged")).verdict.reason.value == "unknown_pass"
    now, calendar = services.clock.now(), services.store.calendar()
    hour_ended = now + timedelta(hours=1)
    assert presence.queue_hourly_counts(
        services.store, services.store.space_id, [calendar.local_date(now)], hour_ended
    )
    report = services.engine.run_once()
    assert report.ok and services.store.pending_count() == 0 and services.store.rejected_count() == 0
    denied = [c for c in world.server.checkins(space_id=services.store.space_id) if not c["admitted"]]
    assert denied  # the denied scan (uploaded after the counts) reached the server


def test_two_people_admitted_by_staff_without_a_pass_are_two(world, services):
    settle(world, services)
    here, staff_id = here_now(services), services.store.staff_records()[0].id
    for _ in range(2):
        services.checkin.override(member_number=None, staff_id=staff_id, reason="Besuch ohne Ausweis")
    assert here_now(services) == here + 2
