"""Retention (DESIGN §9) in a kiosk that never restarts: time moves with an injected clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.services.clock import ServerClock
from kiosk.store import OutboxKind, Store

from .conftest import KioskFactory
from .netserver_proc import NetServer


class TravellingClock(ServerClock):
    """The server-corrected clock plus `shift`: the kiosk lives `shift` in the future."""

    def __init__(self) -> None:
        super().__init__()
        self.shift = timedelta(0)

    def now(self) -> datetime:
        return super().now() + self.shift


def outbox_ids(store: Store) -> set[str]:
    rows = store.db.query("SELECT id FROM outbox WHERE kind = ?", (OutboxKind.CHECKIN.value,))
    return {r[0] for r in rows}


def test_uploaded_checkins_are_deleted_after_the_retention_period(
    own_server: NetServer, make_kiosk: KioskFactory
) -> None:
    home, here = own_server.add_space("Home"), own_server.add_space("Here")
    _, text = own_server.add_member("Rita Retention", home.space_id)
    clock = TravellingClock()
    kiosk = make_kiosk(own_server, here.space_id, clock=clock)
    assert kiosk.config.retention_days == 7
    assert kiosk.engine.run_once().ok  # the roster
    kiosk.checkin.client = None  # decide here: every check-in goes through the outbox

    uploaded = kiosk.checkin.check_in(text)
    assert kiosk.engine.run_once().ok
    assert kiosk.store.pending_count() == 0
    assert kiosk.store.checkin(uploaded.nonce) is not None  # uploaded, but still recent

    own_server.stop()
    queued = kiosk.checkin.check_in(text)  # cannot be uploaded: kept however old it gets

    clock.shift = timedelta(days=6, hours=23)
    assert not kiosk.engine.run_once().ok
    assert kiosk.store.checkin(uploaded.nonce) is not None  # not yet older than 7 days

    clock.shift = timedelta(days=7, hours=1)
    assert not kiosk.engine.run_once().ok  # offline: the clean-up runs all the same
    assert kiosk.store.checkin(uploaded.nonce) is None
    assert uploaded.nonce not in outbox_ids(kiosk.store)
    assert kiosk.store.checkin(queued.nonce) is not None and kiosk.store.pending_count() == 1

    own_server.start()
    assert kiosk.engine.run_once().ok  # uploads the old check-in; the clean-up ran < 1 h ago
    assert kiosk.store.pending_count() == 0
    assert kiosk.store.checkin(queued.nonce) is not None

    clock.shift += timedelta(minutes=61)  # the next hourly clean-up
    assert kiosk.engine.run_once().ok
    assert kiosk.store.checkin(queued.nonce) is None  # uploaded and older than 7 days
    assert queued.nonce in outbox_ids(kiosk.store)  # its outbox row: 7 days after it was sent
    clock.shift += timedelta(days=7, minutes=1)
    assert kiosk.engine.run_once().ok
    assert outbox_ids(kiosk.store) == set()
    assert kiosk.store.counts()["checkins"] == 0
