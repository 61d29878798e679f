"""A redeem the server completed but whose answer the kiosk never got (reset after processing,
or over budget): the kiosk decides locally with the same nonce. If its sync pulled the server's
record of that very check-in meanwhile, that record is not an earlier visit: the person is here
for the first time today. (Found by tests/ui/test_fault_proxy_gui.py: the door said "already
checked in today" to a first-time guest, and that fact, the door's truth, then replaced the
server's counted guest day: the guest day was counted zero times.)"""

from __future__ import annotations

from typing import Any

from kiosk.core.verdicts import Reason
from kiosk.services.client import ApiClient, Timeout

from .conftest import KioskFactory
from .netserver_proc import NetServer


class LostAnswer(ApiClient):
    """The server redeems; the answer is lost after the kiosk's sync pulled the new record."""

    pull: Any = None

    def redeem(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        super().redeem(*args, **kwargs)
        self.pull()
        raise Timeout("the answer was lost on the way back")


def test_a_lost_redeem_answer_is_not_an_earlier_visit(server: NetServer, make_kiosk: KioskFactory) -> None:
    home, here = server.add_space("Home"), server.add_space("Lost answer")
    number, card = server.add_member("Gast", home.space_id)
    services = make_kiosk(server, here.space_id, "lost-answer")
    assert services.engine.run_once().ok
    client = services.checkin.client
    assert client is not None
    lost = LostAnswer(client.base_url, token=client._token, clock=client.clock, read_timeout=5.0)
    lost.pull = lambda: services.engine.pull()
    services.checkin.client = lost
    services.checkin.budget = 30.0  # the lost answer, not the budget, sends it to the local decision
    result = services.checkin.check_in(card)
    assert result.verdict.offline  # decided locally
    assert result.verdict.reason == Reason.GUEST_DAY and result.verdict.admitted, result.verdict
    assert services.engine.run_once().ok and services.sync_state().pending == 0
    rows = server.checkins(space_id=here.space_id)
    assert [r["nonce"] for r in rows] == [result.nonce]
    assert [r["counted"] for r in rows] == [True], "the guest day was not counted"
