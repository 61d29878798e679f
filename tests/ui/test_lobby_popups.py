"""Pop-up coworking at the kiosk (docs/popups.md): a pop-up planned on the server reaches every
lobby board of the region with the next sync; a laptop enrolled with the pop-up's code admits
a guest without using a guest day, online and offline."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.cli import status_data
from kiosk.core import messages
from kiosk.core.calendar import NetworkCalendar, utc_now
from kiosk.core.verdicts import Reason
from kiosk.core.wire import iso_utc, parse_iso
from kiosk.services.checkin import KioskRevoked
from kiosk.services.client import RequestRejected, Unreachable
from kiosk.services.composition import KioskServices
from kiosk.services.config import KioskConfig, MemoryTokenStore
from kiosk.services.enroll import enroll
from netserver.services import popups

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))


CAL = NetworkCalendar("Europe/Berlin")


def _plan(world, place: str) -> tuple[int, str]:
    day = CAL.local_date(utc_now()) + timedelta(days=1)
    request = popups.PopupRequest(place, "Werben", day.isoformat(), "09:00", "13:00", host="Uta",
                                  address="Markt 3", space="werben")  # fmt: skip
    with world.server.db.write() as session:
        popup = popups.add_popup(session, request, actor="test")
        return popup.id, popups.popup_code(session, popup.id).text


def test_a_popup_appears_on_the_lobby_of_another_space(qtbot, world, services, make_app):
    app = make_app(services, camera=None, lobby=True)  # Stendal's kiosk
    # the demo's own pop-up (netserver/demo_popups.py), hosted by Werben
    qtbot.waitUntil(lambda: app.lobby.popups.isVisibleTo(app.lobby), timeout=10_000)
    assert "Café Kranich, Marktplatz 4, Werben (Elbe)" in texts(app.lobby.popups)
    popup_id, _ = _plan(world, "Landcafé Zichtau")
    assert services.engine.run_once().ok
    coming = services.store.popups(utc_now(), utc_now() + timedelta(days=14))
    assert [p.place for p in coming] == ["Café Kranich", "Landcafé Zichtau"]
    app.lobby_presenter.refresh()
    qtbot.waitUntil(lambda: "Landcafé Zichtau" in texts(app.lobby.popups), timeout=10_000)
    board = texts(app.lobby.popups)
    assert "POP-UP-COWORKING IN DER REGION" in board
    assert "09:00 – 13:00\nLandcafé Zichtau, Markt 3, Werben" in board
    with world.server.db.write() as session:  # cancelled: gone from the board with the next sync
        for popup in popups.list_popups(session):
            popups.cancel_popup(session, popup.id)
    assert services.engine.run_once().ok
    app.lobby_presenter.refresh()
    qtbot.waitUntil(lambda: not app.lobby.popups.isVisibleTo(app.lobby), timeout=10_000)
    assert popup_id not in [p.id for p in services.store.popups(utc_now(), utc_now() + timedelta(days=14))]


def test_the_popup_laptop_admits_a_guest_without_a_guest_day(world, tmp_path: Path):
    _, code = _plan(world, "Bibliothek")
    tokens = MemoryTokenStore()
    config = enroll(world.server.url, code, config=KioskConfig.load(tmp_path / "laptop"), token_store=tokens)
    laptop = KioskServices.open(config, token_store=tokens)
    try:
        assert laptop.engine.run_once().ok
        assert laptop.store.get_meta("popup_id") is not None and laptop.checkin.at_popup
        guest = world.pass_text("guest_free")  # a Stendal member with a free guest day
        online = laptop.checkin.check_in(guest)
        assert online.verdict.reason is Reason.POPUP_VISIT and not online.verdict.counted
        assert not online.verdict.offline
        laptop.connectivity.record_failure(Unreachable("the café's wifi dropped"))
        offline = laptop.checkin.check_in(world.pass_text("guest_used"))  # her day is used: still welcome
        assert offline.verdict.reason is Reason.POPUP_VISIT and offline.verdict.offline
        # at the pop-up's end the laptop stops by itself, still offline
        ends = parse_iso(str(laptop.store.get_meta("popup_ends_at")))
        assert ends.astimezone(CAL.tz).strftime("%H:%M") == "13:00"
        assert status_data(config)["popup_ends_at"] == iso_utc(ends)  # `coworking-kiosk status`
        laptop.store.set_meta("popup_ends_at", iso_utc(utc_now() - timedelta(seconds=1)))  # as at 13:00
        with pytest.raises(KioskRevoked):
            laptop.checkin.check_in(guest)
    finally:
        laptop.close()


def test_a_laptop_cannot_enroll_for_a_popup_that_is_over(world, tmp_path: Path):
    popup_id, code = _plan(world, "Dorfgemeinschaftshaus")
    with world.server.db.write() as session:
        popups.cancel_popup(session, popup_id)
    with pytest.raises(RequestRejected) as refused:
        enroll(
            world.server.url, code, config=KioskConfig.load(tmp_path / "late"), token_store=MemoryTokenStore()
        )
    assert refused.value.key == "error.enrollment_popup_over"
    title, detail = messages.text(refused.value.key, {}, "de")
    assert title == "Das Pop-up ist vorbei" and "abgesagt" in detail
