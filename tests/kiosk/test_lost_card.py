"""Re-issuing a lost card (docs/operations.md): the old card stops working with the next sync."""

from __future__ import annotations

from kiosk.core.verdicts import Reason

from .conftest import KioskFactory
from .netserver_proc import NetServer


def test_reissued_card_replaces_the_old_one_after_the_next_sync(
    own_server: NetServer, make_kiosk: KioskFactory
) -> None:
    here = own_server.add_space("Here")
    number, old = own_server.add_member("Lost Card", here.space_id)
    kiosk = make_kiosk(own_server, here.space_id)
    assert kiosk.engine.run_once().ok
    from netserver.services.passes import issue_pass

    with own_server.db.write() as session:
        new = issue_pass(session, number).text
    assert kiosk.engine.run_once().ok
    own_server.stop()  # decided here, on the synced roster
    assert kiosk.checkin.check_in(old).verdict.reason is Reason.PASS_REPLACED
    assert kiosk.checkin.check_in(new).verdict.admitted
