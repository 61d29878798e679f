"""PIN pad and staff desk -> StaffGate and CheckinService (all calls in the pool).

Signals:
    unlocked(object): StaffSession
    locked()
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.core import messages
from kiosk.presenters import adapters
from kiosk.presenters.tasks import TaskRunner
from kiosk.store import presence
from kiosk.ui.desk_screen import DeskScreen
from kiosk.ui.pin_screen import PinScreen

log = logging.getLogger("kiosk.ui")


class DeskPresenter(QObject):
    unlocked = Signal(object)
    locked = Signal()

    def __init__(
        self,
        services: Any,
        pin: PinScreen,
        desk: DeskScreen,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.pin, self.desk, self.tasks = services, pin, desk, tasks
        self.session: Any = None
        self.lang = messages.DEFAULT_LANGUAGE
        pin.pin_entered.connect(self.try_pin)
        desk.lock_requested.connect(self.lock)
        m, t = desk.members, desk.today
        m.search_requested.connect(self.search)
        m.checkin_requested.connect(self.check_in_member)
        m.override_requested.connect(self.override)
        t.undo_requested.connect(self.undo)
        desk.equipment.status_requested.connect(self.set_equipment)
        desk.daypass.issue_requested.connect(self.issue_day_pass)

    # --- PIN -------------------------------------------------------------------------------
    def prepare_pin(self) -> None:
        self.pin.reset()
        self.tasks.run(self.services.staff.locked_until, self._show_lock)

    def _show_lock(self, until: Any) -> None:
        self.pin.show_locked(None if until is None else self._local(until))

    def try_pin(self, pin: str) -> None:
        self.tasks.run(
            lambda: (self.services.staff.unlock(pin), self.services.staff.locked_until()), self._pin_checked
        )

    def _pin_checked(self, answer: tuple[Any, Any]) -> None:
        session, until = answer
        if session is not None:
            self.session = session
            self.desk.open_for(session.display_name)
            self.refresh()
            self.unlocked.emit(session)
            return
        if until is not None:
            self.pin.show_locked(self._local(until))
        else:
            self.pin.show_wrong_pin()

    def lock(self) -> None:
        self.session = None
        self.desk.close_desk()
        self.locked.emit()

    # --- desk actions --------------------------------------------------------------------------
    def refresh(self) -> None:
        store = self.services.store

        def load() -> tuple[Any, ...]:
            names, cal, now = store.space_names(), store.calendar(), self.services.clock.now()
            ours = [q for q in store.equipment() if q.space_id == store.space_id]
            left = presence.checkouts(store, store.space_id or 0, cal.local_date(now))
            return (
                [adapters.checkin_row(c, cal, left) for c in store.todays_checkins(now)],
                adapters.conflict_rows(store.overshoots(), names),
                [adapters.equipment_item(q, names) for q in ours],
            )

        self.tasks.run(load, self._loaded)

    def _loaded(self, data: tuple[Any, ...]) -> None:
        today, conflicts, equipment = data
        self.desk.today.show_checkins(today)
        self.desk.conflicts.show_conflicts(conflicts)
        self.desk.equipment.show_equipment(equipment)

    def search(self, query: str) -> None:
        store = self.services.store
        self.tasks.run(
            lambda: (
                query,
                [adapters.member_row(m, store.space_names()) for m in store.search_members(query)],
            ),
            self._found,
        )

    def _found(self, answer: tuple[str, list[Any]]) -> None:
        query, rows = answer
        if query == self.desk.members.search.text():  # an older answer must not replace a newer one
            self.desk.members.show_members(rows)

    def _staff_id(self) -> int:
        return int(self.session.staff_id) if self.session is not None else 0

    def check_in_member(self, number: int) -> None:
        sid = self._staff_id()
        self.tasks.run(
            lambda: self.services.checkin.check_in_member(number, staff_id=sid),
            self._member_done,
            self._failed,
        )

    def override(self, number: int | None, reason: str, denied_nonce: str | None) -> None:
        sid = self._staff_id()
        self.tasks.run(
            lambda: self.services.checkin.override(
                member_number=number, staff_id=sid, reason=reason, denied_nonce=denied_nonce
            ),
            self._member_done,
            self._failed,
        )

    def _member_done(self, result: Any) -> None:
        title, detail = messages.explain(result.verdict, self.lang, self.services.store.space_names())
        mark = "✔ " if result.verdict.admitted else "✖ "
        self.desk.members.show_result(f"{mark}{title} {detail}")
        self.refresh()

    def undo(self, nonce: str, reason: str) -> None:
        sid = self._staff_id()
        self.tasks.run(
            lambda: self.services.checkin.undo(nonce, staff_id=sid, reason=reason),
            lambda _: self._after(
                self.desk.today.show_result, QCoreApplication.translate("DeskPresenter", "Check-in undone.")
            ),
            self._failed,
        )

    def set_equipment(self, equipment_id: int, status: str, note: str) -> None:
        sid = self._staff_id()
        target = (
            getattr(self.services, "set_equipment_status", None) or self.services.checkin.set_equipment_status
        )
        self.tasks.run(
            lambda: target(equipment_id, status, note, sid),
            lambda _: self._after(
                self.desk.equipment.show_result, QCoreApplication.translate("DeskPresenter", "Status saved.")
            ),
            self._failed,
        )

    def issue_day_pass(self, note: str) -> None:
        sid = self._staff_id()
        self.tasks.run(
            lambda: self.services.checkin.issue_day_pass(staff_id=sid, note=note),
            self._day_pass,
            self._failed,
        )

    def _day_pass(self, issued: Any) -> None:
        space = self.services.store.space_names().get(issued.space_id, "")
        self.desk.daypass.show_pass(issued.text, messages.short_date(issued.valid_on, self.lang), space)

    def _after(self, show: Any, text: str) -> None:
        show(text)
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        log.error("desk action failed", exc_info=exc)
        self.desk.members.show_result(
            QCoreApplication.translate("DeskPresenter", "That did not work: %1").replace("%1", str(exc))
        )

    def _local(self, moment: Any) -> Any:
        return self.services.store.calendar().local(moment)
