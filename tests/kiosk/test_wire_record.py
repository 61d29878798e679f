"""The check-in record has one definition (kiosk.core.wire): what the kiosk's store queues for
upload is what the server's batch parser reads back, field for field."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from kiosk.core.models import new_nonce
from kiosk.core.verdicts import Reason, Verdict
from kiosk.core.wire import CheckinRecord
from kiosk.store import NewCheckin, OutboxKind, Store
from kiosk.store.rows import checkin_record
from netserver.api.routers.checkins import checkin_records
from netserver.api.schemas import CheckinBatch

AT = datetime(2026, 11, 22, 9, 15, 2, 123000, tzinfo=UTC)


def test_kiosk_upload_and_server_parser_round_trip(tmp_path: Path) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    try:
        checkins = [
            NewCheckin(
                new_nonce(), AT, 2,
                Verdict(Reason.STAFF_OVERRIDE, AT.date(), "verdict.staff_override", offline=True),
                "override", member_number=10001, pass_serial=3, staff_id=7, override_reason="Karte vergessen",
            ),
            NewCheckin(
                new_nonce(), AT, 2,
                Verdict(Reason.DAY_PASS, date(2026, 11, 22), "verdict.day_pass", offline=True),
                "scan", day_pass_valid_on=date(2026, 11, 22), day_pass_number=77,
            ),
        ]  # fmt: skip
        for c in checkins:
            store.record_checkin(c)
        queued = [item for item in store.next_batch() if item.kind is OutboxKind.CHECKIN]
    finally:
        store.close()
    sent = json.loads(json.dumps({"items": [item.payload for item in queued]}))  # over the wire
    parsed = checkin_records(CheckinBatch.model_validate(sent))
    assert sorted(parsed, key=lambda r: r.nonce) == sorted(
        map(checkin_record, checkins), key=lambda r: r.nonce
    )
    assert all(isinstance(r, CheckinRecord) for r in parsed)
    assert parsed[0].occurred_at == AT  # milliseconds survive
