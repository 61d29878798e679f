"""Issue 13 evidence: fuzzed codes redeemed online (the server's roster and history), none
admitted, none a 5xx; the real card still is. 300 codes per database in CI; the full-size run
through the core is `python -m bench.fuzz_codes`."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from bench.fuzz_codes import Roster, fuzzed
from kiosk.core.models import new_nonce

from .conftest import World, enroll


def test_fuzzed_codes_are_not_admitted_online(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    cards = [world.anna, world.ben]
    r = Roster(cards, {}, frozenset(c.text for c in cards))
    now = datetime.now(UTC).isoformat()
    wrong = []
    for kind, code in fuzzed(random.Random(1313), r, 300):
        body = {"nonce": new_nonce(), "code": code, "scanned_at": now}
        answer = client.post("/api/v1/checkins/redeem", json=body, headers=werben)
        if answer.status_code == 422:  # refused at the schema (control characters, too long)
            continue
        if answer.status_code != 200 or answer.json()["verdict"]["admitted"]:
            wrong.append((kind, code, answer.status_code, answer.text[:200]))
    assert not wrong, wrong
    real = {"nonce": new_nonce(), "code": world.anna.text, "scanned_at": now}
    assert client.post("/api/v1/checkins/redeem", json=real, headers=werben).json()["verdict"]["admitted"]
