"""The staff desk gate: PIN check against the synced hashes, with a persisted lock-out."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk import logs
from kiosk.core.models import new_nonce
from kiosk.core.pins import verify_pin
from kiosk.core.wire import iso_utc, parse_iso
from kiosk.services.clock import ServerClock
from kiosk.store import Store

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)


@dataclass(frozen=True)
class StaffSession:
    staff_id: int
    display_name: str
    started_at: datetime


class StaffGate:
    """`unlock(pin)` checks the synced PIN hashes of this space's staff (slow by design:
    call it off the GUI thread). Failures are counted in the store; after MAX_FAILURES the
    desk stays locked for LOCKOUT, across restarts."""

    def __init__(self, store: Store, clock: ServerClock) -> None:
        self._store = store
        self._clock = clock
        self._lock = threading.Lock()

    def locked_until(self) -> datetime | None:
        value = self._store.get_meta("staff_locked_until")
        if not value:
            return None
        until = parse_iso(value)
        return until if until > self._clock.now() else None

    def unlock(self, pin: str) -> StaffSession | None:
        with self._lock:
            if self.locked_until() is not None:
                return None
            now = self._clock.now()
            for staff in self._store.staff_records():
                if verify_pin(pin, staff.pin_hash):
                    self._store.set_meta_many({"staff_failures": "0", "staff_locked_until": None})
                    self._store.record_audit(
                        {
                            "id": new_nonce(),
                            "at": iso_utc(now),
                            "staff_id": staff.id,
                            "action": "unlock",
                            "detail": "",
                        },
                        now,
                    )
                    return StaffSession(staff.id, staff.display_name, now)
            failures = int(self._store.get_meta("staff_failures") or 0) + 1
            if failures >= MAX_FAILURES:
                logs.ui.warning("desk locked after %d wrong PINs", failures)
                self._store.set_meta_many(
                    {"staff_failures": "0", "staff_locked_until": iso_utc(now + LOCKOUT)}
                )
            else:
                self._store.set_meta("staff_failures", str(failures))
            return None
