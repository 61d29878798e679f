"""The door's truth wins: a redeem that the server completed after the kiosk's budget ran out
is replaced on the server by what the kiosk decided locally and showed (real server process)."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from kiosk.core.verdicts import Reason
from kiosk.services.client import ApiClient
from kiosk.services.config import KeyringTokenStore

from .conftest import KioskFactory
from .netserver_proc import NetServer


class LateRedeem(ApiClient):
    """The server answers, but only after the kiosk's budget: the redeem is recorded there."""

    def __init__(self, *args: Any, late: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.late = late
        self.answers: list[dict[str, Any]] = []

    def redeem(
        self, nonce: str, code: str, scanned_at: datetime, *, timeout: float, method: str = "scan"
    ) -> dict[str, Any]:
        answer = super().redeem(nonce, code, scanned_at, timeout=timeout, method=method)
        self.answers.append(answer)
        time.sleep(self.late)
        return answer


def test_late_server_denial_is_replaced_by_the_admission_at_the_door(
    server: NetServer, make_kiosk: KioskFactory
) -> None:
    home, here, there = (server.add_space(n) for n in ("Home", "Here", "There"))
    number, text = server.add_member("Lena Langsam", home.space_id)
    k_here = make_kiosk(server, here.space_id, "here")
    k_there = make_kiosk(server, there.space_id, "there")
    assert k_here.engine.run_once().ok and k_there.engine.run_once().ok
    # Lena uses her one guest day There (online); Here has not synced since.
    assert k_there.checkin.check_in(text).verdict.reason is Reason.GUEST_DAY

    tokens = KeyringTokenStore()
    account = k_here.config.token_account
    late = LateRedeem(
        server.url, token=lambda: tokens.get(account), clock=k_here.clock, late=k_here.checkin.budget + 0.4
    )
    k_here.checkin.client = late
    result = k_here.checkin.check_in(text)
    assert result.verdict.reason is Reason.GUEST_DAY and result.verdict.offline  # what the door showed
    [answer] = late.answers
    assert answer["verdict"]["reason"] == "guest_days_used"  # what the server decided and stored
    [row] = server.checkins(nonce=result.nonce)
    assert (row["reason"], row["admitted"], row["offline"]) == ("guest_days_used", False, False)

    k_here.checkin.client = k_here.client
    assert k_here.engine.run_once().ok
    [row] = server.checkins(nonce=result.nonce)
    assert (row["reason"], row["admitted"], row["counted"], row["offline"]) == ("guest_day", True, True, True)
    [overshoot] = [o for o in server.overshoots() if o["member_number"] == number]
    assert result.nonce in overshoot["nonces"]
    assert k_here.engine.run_once().ok and k_here.store.pending_count() == 0
    counted = [v for v in k_here.store.visits(number, result.verdict.day) if v.counted]
    assert {v.space_id for v in counted} == {here.space_id, there.space_id}
    late.close()
