"""The here-today skills board end to end: the opt-in on the member page (real server process),
the check-in that puts the member on that space's board, the kiosk's sync and store, the
withdrawal, and the expiry at the end of the day. Nothing shows without the opt-in."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2 as httpx
from sqlalchemy import select

from kiosk.core.models import new_nonce
from kiosk.store import Store
from netserver.db import SkillBoardEntry
from netserver.services import skills
from netserver.services.sync import sync_page

from .conftest import Site, enroll


def _token(html: str) -> str:
    match = re.search(r'action="[^"]*/skills[^"]*">\s*<input type="hidden" name="token" value="(\w+)"', html)
    assert match
    return match.group(1)


def _pull(client: httpx.Client, headers: dict[str, str], cursor: str | None) -> dict[str, Any]:
    params = {"cursor": cursor} if cursor else {}
    answer = client.get("/api/v1/sync", params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    page: dict[str, Any] = answer.json()
    return page


def _redeem(client: httpx.Client, headers: dict[str, str], code: str) -> None:
    body = {"nonce": new_nonce(), "code": code, "scanned_at": datetime.now(UTC).isoformat()}
    assert client.post("/api/v1/checkins/redeem", json=body, headers=headers).json()["verdict"]["admitted"]


def test_opt_in_shows_at_the_checked_in_space_only_and_withdrawing_removes_it(
    site: Site, tmp_path: Path
) -> None:
    client = httpx.Client(base_url=site.server.base_url, timeout=10)
    werben, stendal = enroll(client, site.world.werben_code), enroll(client, site.world.stendal_code, "S")
    store = Store(tmp_path / "werben.sqlite3")
    first = _pull(client, werben, None)
    store.apply_page(first, first["cursor"])
    # Ben never opted in: his check-in puts nothing on any board.
    _redeem(client, werben, site.world.ben.text)
    page = _pull(client, werben, first["cursor"])
    assert not page.get("skill_board")
    # Anna opts in on her page, then checks in at Werben.
    html = client.get(f"/me/{site.secret}").text
    form = {"token": _token(html), "first_name": " Anna ", "topic": ["Fotografie", "WordPress", "", "Extra"]}
    saved = client.post(f"/me/{site.secret}/skills", data=form)
    assert saved.status_code == 303
    assert "Angezeigt als: Anna – Fotografie, WordPress, Extra" in client.get(saved.headers["location"]).text
    _redeem(client, werben, site.world.anna.text)
    page = _pull(client, werben, page["cursor"])
    assert [(e["first_name"], e["topics"], e["shown"]) for e in page["skill_board"]] == [
        ("Anna", ["Fotografie", "WordPress", "Extra"], True)
    ]
    store.apply_page(page, page["cursor"])
    today = store.calendar().local_date(datetime.now(UTC))
    assert store.skills_board(today) == [("Anna", ["Fotografie", "WordPress", "Extra"])]
    # Not at Stendal, where she did not check in.
    assert not _pull(client, stendal, None).get("skill_board")
    # A forged form (no token of this link) changes nothing.
    assert client.post(f"/me/{site.secret}/skills", data={"action": "withdraw"}).status_code == 403
    # Withdrawing: the next refresh drops it, and the kiosk keeps no name.
    html = client.get(f"/me/{site.secret}").text
    gone = client.post(f"/me/{site.secret}/skills", data={"token": _token(html), "action": "withdraw"})
    assert "Du stehst nicht auf der Tafel." in client.get(gone.headers["location"]).text
    page = _pull(client, werben, page["cursor"])
    assert [(e["first_name"], e["topics"], e["shown"]) for e in page["skill_board"]] == [("", [], False)]
    store.apply_page(page, page["cursor"])
    assert store.skills_board(today) == []
    assert store.db.scalar("SELECT count(*) FROM skill_board WHERE first_name != ''") == 0
    # Checking in again after withdrawing shows nothing.
    _redeem(client, werben, site.world.anna.text)
    assert not [e for e in _pull(client, werben, page["cursor"]).get("skill_board", []) if e["shown"]]
    store.close()


def test_board_entries_last_for_their_day_only(site: Site, tmp_path: Path) -> None:
    w = site.world
    client = httpx.Client(base_url=site.server.base_url, timeout=10)
    werben = enroll(client, w.werben_code)
    with w.db.write() as session:
        skills.opt_in(session, w.anna.member_number, "Anna", ["Förderanträge"])
    _redeem(client, werben, w.anna.text)
    page = _pull(client, werben, None)
    store = Store(tmp_path / "werben.sqlite3")
    store.apply_page(page, page["cursor"])
    now = datetime.now(UTC)
    today = store.calendar().local_date(now)
    assert store.skills_board(today) == [("Anna", ["Förderanträge"])]
    assert store.skills_board(today + timedelta(days=1)) == []  # never shown the next day
    store.cleanup(now + timedelta(days=1), retention_days=14)  # the first clean-up of the next day
    assert store.db.scalar("SELECT count(*) FROM skill_board") == 0
    store.close()
    # The server no longer sends yesterday's entries to a kiosk syncing from scratch.
    with w.db.read() as session:
        space_id = session.scalars(select(SkillBoardEntry.space_id)).one()
        tomorrow = sync_page(session, space_id=space_id, cursor=None, now=now + timedelta(days=1))
        assert not tomorrow.get("skill_board")
    # A check-in uploaded a day late puts nobody on a board.
    with w.db.write() as session:
        skills.on_admitted(session, [(w.anna.member_number, space_id + 1, date(2020, 1, 1))])
    with w.db.read() as session:
        assert session.scalars(select(SkillBoardEntry.space_id)).all() == [space_id]
