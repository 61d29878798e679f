"""End to end on the server's own services: the demo's sample passes redeemed online, an offline
fact that overshoots, and the monthly report that counts both."""

from __future__ import annotations

from datetime import date, timedelta

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.models import new_nonce
from netserver import demo
from netserver.db import Database
from netserver.services.facts import CheckinFact, store_facts
from netserver.services.redeem import redeem
from netserver.services.report import build_report

TODAY = date(2026, 11, 18)


def test_samples_redeemed_online_then_reported(db: Database) -> None:
    network = demo.seed(db, TODAY, space="osterburg")
    noon = NetworkCalendar(demo.TIMEZONE).day_start(TODAY) + timedelta(hours=12)
    for key, sample in network.samples.items():
        with db.write() as session:
            answer = redeem(
                session,
                space_id=network.space_id,
                kiosk_id=None,
                nonce=new_nonce(),
                code=sample.text,
                scanned_at=noon,
                now=noon,
            )
        assert answer.verdict["reason"] == sample.expected.value, key

    # The free guest day is used now; an offline kiosk elsewhere admits the same guest later
    # the same day: admission stands, and the report shows the overshoot where it happened.
    guest = network.samples["guest_free"]
    elsewhere = next(s for s in demo.SPACES if s.slug not in (network.space_slug, guest.home_space))
    fact = CheckinFact(
        nonce=new_nonce(),
        occurred_at=noon + timedelta(hours=3),
        space_id=network.space_ids[elsewhere.slug],
        reason="guest_day",
        admitted=True,
        counted=True,
        offline=True,
        method="scan",
        member_number=guest.member_number,
        pass_serial=1,
    )
    with db.write() as session:
        assert (
            store_facts(session, [fact], space_id=network.space_ids[elsewhere.slug], kiosk_id=None)[0][
                "status"
            ]
            == "stored"
        )

    with db.read() as session:
        rows = build_report(session, TODAY.year, TODAY.month)
    cells = {(r.section, r.host_space, r.home_space, r.reason): r.count for r in rows}
    assert cells[("guest_days", network.space_slug, guest.home_space, "")] >= 1
    assert cells[("overshoot_days", elsewhere.slug, guest.home_space, "")] == 1
    assert cells[("overshoot_days", "*", "*", "")] == 1
    assert cells[("denials", network.space_slug, "*", "guest_days_used")] == 1
    assert cells[("denials", network.space_slug, "*", "pass_replaced")] == 1
    assert cells[("denials", network.space_slug, "*", "unknown_pass")] == 1
