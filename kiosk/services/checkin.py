"""CheckinService: one scan → one durable check-in → one verdict (Qt-free, thread-safe).

Online first: the server redeems within the budget (about 0.8 s) and decides with the whole
network's history. Otherwise (offline, slow, failing) the kiosk decides with the same core
and the same nonce, on the synced roster plus its own queued check-ins. Either way the record
is committed to SQLite *before* the result is returned. Calls may block up to the budget:
run them off the GUI thread.
"""

from __future__ import annotations

import concurrent.futures
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk import logs
from kiosk.core import credentials
from kiosk.core.credentials import Credential, CredentialError, DayPass, MemberPass
from kiosk.core.models import DayPassRecord, new_nonce
from kiosk.core.presence import CHECKOUT_MIN_GAP
from kiosk.core.rules import decide, decide_member, staff_override
from kiosk.core.verdicts import Verdict
from kiosk.core.wire import iso_utc, parse_iso
from kiosk.services import presence
from kiosk.services.client import ApiClient, BadResponse, ClientError, TokenRevoked
from kiosk.services.clock import SKEW_REFUSE_SECONDS, ServerClock
from kiosk.services.connectivity import Connectivity
from kiosk.store import NewCheckin, Store

DEFAULT_BUDGET = 0.8
DAY_PASS_NUMBER_MAX = 2**20 - 1  # four symbols of the codec


class KioskRevoked(Exception):
    """The server revoked this kiosk: it admits nobody (online or offline) until enrolled anew;
    the check-in screen shows "out of order". What it recorded before is still uploaded."""

    key = "error.token_revoked"


class ClockWrong(Exception):
    """The local clock is off the server's by more than SKEW_REFUSE_SECONDS (time sync broken):
    the kiosk decides nothing until it is right, and the door says "please ask at the desk"."""

    key = "error.clock_wrong"


@dataclass(frozen=True)
class CheckinResult:
    nonce: str
    verdict: Verdict
    occurred_at: datetime
    method: str
    space_full: bool = False  # a guest admitted while every desk is taken (docs/presence.md)

    @property
    def checked_out(self) -> bool:
        """The scan was a check-out ("Goodbye"), not a check-in."""
        return presence.is_goodbye(self.verdict)

    @property
    def admitted(self) -> bool:
        return self.verdict.admitted


@dataclass(frozen=True)
class IssuedDayPass:
    text: str  # the QR code text
    valid_on: date
    number: int
    space_id: int


class CheckinService:
    """See module docstring. `listeners` are called (from the calling thread) after anything
    was queued for upload; the SyncWorker uses that to push within seconds."""

    def __init__(
        self,
        store: Store,
        *,
        space_id: int,
        clock: ServerClock,
        connectivity: Connectivity,
        client: ApiClient | None = None,
        budget: float = DEFAULT_BUDGET,
    ) -> None:
        self.store = store
        self.space_id = space_id
        self.clock = clock
        self.connectivity = connectivity
        self.client = client
        self.budget = budget
        self.listeners: list[Callable[[], None]] = []
        self.checkout_gap = CHECKOUT_MIN_GAP  # a second scan sooner is not a check-out
        self._decide_lock = threading.Lock()  # two local decisions for one member never overlap
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="redeem")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -- scanning -------------------------------------------------------------------------------

    def check_in(self, text: str, *, method: str = "scan") -> CheckinResult:
        """Never raises for bad input (a bad code is a denied verdict). StoreUnavailable if the
        record cannot be stored: then no verdict may be shown. KioskRevoked after a revocation."""
        self._refuse_if_revoked()
        nonce = new_nonce()
        now = self.clock.now()
        try:
            scanned: Credential | CredentialError = credentials.parse(text)
        except CredentialError as exc:
            scanned = exc
        if isinstance(scanned, MemberPass | DayPass):
            with self._decide_lock:
                goodbye = presence.try_checkout(self.store, self.space_id, scanned, now, self.checkout_gap)
            if goodbye is not None:
                logs.checkin.info("%s check-out member=%s", nonce, goodbye.member_number)
                self._notify()
                return CheckinResult(nonce, goodbye, now, method)
        if isinstance(scanned, MemberPass | DayPass) and self._may_go_online():
            verdict = self._redeem_online(nonce, scanned, now, method)
            if verdict is not None:
                self.store.record_checkin(self._new(nonce, now, scanned, verdict, method, on_server=True))
                logs.checkin.info("%s online %s member=%s", nonce, verdict.reason, verdict.member_number)
                return self._result(nonce, verdict, now, method)
        with self._decide_lock:
            verdict = self._decide_locally(scanned, now, nonce)
            self.store.record_checkin(self._new(nonce, now, scanned, verdict, method))
        logs.checkin.info("%s local %s member=%s", nonce, verdict.reason, verdict.member_number)
        self._notify()
        return self._result(nonce, verdict, now, method)

    def _result(self, nonce: str, verdict: Verdict, now: datetime, method: str) -> CheckinResult:
        full = presence.full_for_guest(self.store, self.space_id, verdict, now)
        return CheckinResult(nonce, verdict, now, method, space_full=full)

    @property
    def at_popup(self) -> bool:
        """This kiosk was enrolled for a pop-up (docs/popups.md): the rules say so."""
        return self.store.get_meta("popup_id") is not None

    def _may_go_online(self) -> bool:
        return self.client is not None and self.connectivity.online

    def _redeem_online(
        self, nonce: str, scanned: MemberPass | DayPass, now: datetime, method: str
    ) -> Verdict | None:
        assert self.client is not None
        call = self.client.redeem
        extra: dict[str, Any] = {}
        if isinstance(scanned, DayPass) and scanned.space_id == self.space_id:
            sold_here = self.store.unsent_day_pass(scanned.space_id, scanned.valid_on, scanned.number)
            if sold_here is not None:  # sold here, not uploaded yet: the server learns it first
                extra["day_pass"] = sold_here
        return self._online(
            nonce, call, nonce, scanned.text, now, timeout=self.budget, method=method, **extra
        )

    def _online(
        self, nonce: str, call: Callable[..., dict[str, Any]], *args: Any, **kwargs: Any
    ) -> Verdict | None:
        """The server's verdict from `call` within the budget; None (and the connectivity told)
        when it fails, is slow or answers nonsense. A call over budget keeps running in the pool:
        a late success on the server is deduplicated by the nonce when the local record uploads."""
        started = time.monotonic()
        future = self._pool.submit(call, *args, **kwargs)
        try:
            answer = future.result(timeout=self.budget)
            verdict = Verdict.from_dict(answer["verdict"])
        except concurrent.futures.TimeoutError:
            logs.checkin.info("%s redeem over budget; deciding locally", nonce)
            self.connectivity.record_failure(_over_budget())
            return None
        except TokenRevoked as exc:  # the server says so: not one more admission here
            self.connectivity.record_failure(exc)
            self._mark_revoked()
            raise KioskRevoked("this kiosk was revoked; enroll it again") from exc
        except ClientError as exc:
            logs.checkin.info("%s redeem failed (%s); deciding locally", nonce, exc.code)
            self.connectivity.record_failure(exc)
            return None
        except (KeyError, ValueError, TypeError) as exc:
            logs.checkin.warning("%s unreadable redeem answer: %r", nonce, exc)
            self.connectivity.record_failure(BadResponse(str(exc)))
            return None
        self.connectivity.record_success(time.monotonic() - started)
        return verdict

    def _decide_locally(self, scanned: Credential | CredentialError, now: datetime, nonce: str) -> Verdict:
        policy = self.store.policy()
        offline = not isinstance(scanned, CredentialError)
        member = day_pass = None
        visits = []
        if isinstance(scanned, MemberPass):
            member = self.store.member(scanned.member_number)
            if member is not None:
                visits = self.store.visits(
                    member.number, self.store.calendar().local_date(now), deciding=nonce
                )
        elif isinstance(scanned, DayPass):
            day_pass = self.store.day_pass(scanned.space_id, scanned.valid_on, scanned.number)
        return decide(
            scanned,
            space_id=self.space_id,
            now=now,
            policy=policy,
            member=member,
            day_pass=day_pass,
            visits=visits,
            offline=offline,
            at_popup=self.at_popup,
        )

    def _new(
        self,
        nonce: str,
        now: datetime,
        scanned: Credential | CredentialError,
        verdict: Verdict,
        method: str,
        *,
        on_server: bool = False,
    ) -> NewCheckin:
        member_number = pass_serial = dp_number = None
        dp_valid_on = None
        if isinstance(scanned, MemberPass):
            member_number, pass_serial = scanned.member_number, scanned.serial
        elif isinstance(scanned, DayPass):
            dp_valid_on, dp_number = scanned.valid_on, scanned.number
        return NewCheckin(
            nonce=nonce,
            occurred_at=now,
            space_id=self.space_id,
            verdict=verdict,
            method=method,
            member_number=member_number,
            pass_serial=pass_serial,
            day_pass_valid_on=dp_valid_on,
            day_pass_number=dp_number,
            on_server=on_server,
        )

    # -- the desk -------------------------------------------------------------------------------

    def check_in_member(self, member_number: int, *, staff_id: int) -> CheckinResult:
        """Staff found a member by name (forgot the pass). Online (within the budget) the server
        decides with the whole network's usage; otherwise the member rules are decided here, on
        the synced roster, with the same nonce (a late server-side success and the later upload
        are deduplicated by it). LookupError if the member is not in the roster."""
        self._refuse_if_revoked()
        member = self.store.member(member_number)
        if member is None:
            raise LookupError(f"member {member_number} is not in the roster")
        nonce = new_nonce()
        now = self.clock.now()
        audit = self._audit(now, staff_id, "manual_checkin", f"nonce={nonce}")
        if self._may_go_online():
            assert self.client is not None
            online = self._online(
                nonce, self.client.redeem_member, nonce, member_number, staff_id, now, timeout=self.budget
            )
            if online is not None:
                self.store.record_checkin(
                    self._manual(nonce, now, member_number, staff_id, online, True), audit
                )
                logs.checkin.info("%s online manual %s member=%s", nonce, online.reason, member_number)
                self._notify()
                return CheckinResult(nonce, online, now, "manual")
        with self._decide_lock:
            visits = self.store.visits(member_number, self.store.calendar().local_date(now), deciding=nonce)
            verdict = decide_member(
                member,
                space_id=self.space_id,
                now=now,
                policy=self.store.policy(),
                visits=visits,
                offline=not self.connectivity.online,
                at_popup=self.at_popup,
            )
            self.store.record_checkin(self._manual(nonce, now, member_number, staff_id, verdict), audit)
        logs.checkin.info("%s local manual %s member=%s", nonce, verdict.reason, member_number)
        self._notify()
        return CheckinResult(nonce, verdict, now, "manual")

    def _manual(
        self,
        nonce: str,
        now: datetime,
        member_number: int,
        staff_id: int,
        verdict: Verdict,
        on_server: bool = False,
    ) -> NewCheckin:
        return NewCheckin(
            nonce=nonce,
            occurred_at=now,
            space_id=self.space_id,
            verdict=verdict,
            method="manual",
            member_number=member_number,
            staff_id=staff_id,
            on_server=on_server,
        )

    def override(
        self, *, member_number: int | None, staff_id: int, reason: str, denied_nonce: str | None = None
    ) -> CheckinResult:
        """Staff admit someone despite a denial (never counts a guest day)."""
        self._refuse_if_revoked()
        member = self.store.member(member_number) if member_number is not None else None
        nonce = new_nonce()
        now = self.clock.now()
        verdict = staff_override(
            member,
            space_id=self.space_id,
            now=now,
            policy=self.store.policy(),
            offline=not self.connectivity.online,
        )
        record = NewCheckin(
            nonce=nonce,
            occurred_at=now,
            space_id=self.space_id,
            verdict=verdict,
            method="override",
            member_number=member_number,
            staff_id=staff_id,
            override_reason=reason,
        )
        detail = f"nonce={nonce} denied={denied_nonce or '-'} reason={reason}"
        self.store.record_checkin(record, self._audit(now, staff_id, "override", detail))
        self._notify()
        return CheckinResult(nonce, verdict, now, "override")

    def undo(self, nonce: str, *, staff_id: int, reason: str) -> None:
        """Annul a check-in by its nonce; queued for upload (pushed within seconds when online)."""
        now = self.clock.now()
        self.store.record_annulment(
            item_id=new_nonce(),
            nonce=nonce,
            staff_id=staff_id,
            reason=reason,
            at=now,
            audit=self._audit(now, staff_id, "undo", f"nonce={nonce} reason={reason}"),
        )
        self._notify()

    def issue_day_pass(self, *, staff_id: int, note: str = "") -> IssuedDayPass:
        """A day pass for a walk-in visitor, valid here today; works offline."""
        self._refuse_if_revoked()
        now = self.clock.now()
        valid_on = self.store.calendar().local_date(now)
        taken = self.store.day_pass_numbers(self.space_id, valid_on)
        number = secrets.randbelow(DAY_PASS_NUMBER_MAX) + 1
        while number in taken:
            number = secrets.randbelow(DAY_PASS_NUMBER_MAX) + 1
        code = DayPass(
            secret=credentials.new_secret(), space_id=self.space_id, valid_on=valid_on, number=number
        )
        record = DayPassRecord(self.space_id, valid_on, number, code.secret_hash())
        item_id = new_nonce()
        payload: dict[str, object] = {
            "id": item_id,
            "space_id": self.space_id,
            "valid_on": valid_on.isoformat(),
            "number": number,
            "secret_hash": record.secret_hash,
            "issued_at": iso_utc(now),
            "staff_id": staff_id,
            "note": note,
        }
        self.store.record_day_pass(
            record, payload, now, self._audit(now, staff_id, "day_pass", f"number={number}")
        )
        self._notify()
        return IssuedDayPass(code.text, valid_on, number, self.space_id)

    def set_equipment_status(self, equipment_id: int, status: str, note: str, staff_id: int) -> None:
        if status not in ("ok", "out_of_order", "maintenance"):
            raise ValueError(f"unknown equipment status {status!r}")
        now = self.clock.now()
        payload: dict[str, object] = {
            "id": new_nonce(),
            "equipment_id": equipment_id,
            "status": status,
            "note": note,
            "staff_id": staff_id,
            "at": iso_utc(now),
        }
        detail = f"equipment={equipment_id} status={status}"
        self.store.record_equipment_status(payload, now, self._audit(now, staff_id, "equipment", detail))
        self._notify()

    # -- helpers -------------------------------------------------------------------------------

    @property
    def revoked(self) -> bool:
        return self.store.get_meta("revoked_at") is not None

    def _mark_revoked(self) -> None:
        logs.checkin.warning("the server revoked this kiosk (answer to a redeem)")
        if not self.revoked:
            self.store.set_meta_many({"revoked_at": iso_utc(self.clock.now()), "needs_enrollment": "1"})

    def _refuse_if_revoked(self) -> None:
        """Also refuses while the local clock is badly off (ClockWrong)."""
        if self.revoked:
            logs.checkin.warning("refused: this kiosk was revoked")
            raise KioskRevoked("this kiosk was revoked; enroll it again")
        ends = self.store.get_meta("popup_ends_at")
        if ends is not None and self.clock.now() >= parse_iso(ends):
            # a pop-up's laptop stops at the pop-up's end by itself, offline too (docs/popups.md)
            logs.checkin.warning("refused: the pop-up this kiosk was enrolled for is over")
            raise KioskRevoked("the pop-up is over; this kiosk admits nobody any more")
        skew = self.clock.offset_seconds
        if skew is not None and abs(skew) > SKEW_REFUSE_SECONDS:
            logs.checkin.warning("refused: the local clock is %.0f s off the server's", -skew)
            raise ClockWrong(f"the local clock is {abs(skew):.0f} s off the server's")

    @staticmethod
    def _audit(now: datetime, staff_id: int, action: str, detail: str) -> dict[str, object]:
        return {
            "id": new_nonce(),
            "at": iso_utc(now),
            "staff_id": staff_id,
            "action": action,
            "detail": detail,
        }

    def _notify(self) -> None:
        for listener in list(self.listeners):
            try:
                listener()
            except Exception:  # a listener must never break a check-in
                logs.checkin.exception("outbox listener failed")


def _over_budget() -> ClientError:
    from kiosk.services.client import Timeout

    return Timeout("online redeem over budget")
