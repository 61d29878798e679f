"""The member page over HTTP against a real server process: the pass, the secret link (hashed,
404 and rate-limited when wrong), rotation, "I lost my card"."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx2 as httpx
from sqlalchemy import select

from kiosk.core.credentials import display_groups
from kiosk.core.models import new_nonce
from netserver.db import AuditEntry, LinkFailure, Member, MemberLink
from netserver.services import link_limits, member_links

from .conftest import Site, enroll


def _token(html: str, action: str) -> str:
    match = re.search(
        rf'action="[^"]*/{action}[^"]*">\s*<input type="hidden" name="token" value="(\w+)"', html
    )
    assert match, html
    return match.group(1)


def test_page_shows_the_pass_and_the_link_is_only_stored_hashed(site: Site) -> None:
    response = httpx.get(site.page, timeout=10)
    assert response.status_code == 200
    html = response.text
    assert display_groups(site.world.anna.text) in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "Dein Ausweis" in html
    assert re.search(r'class="big">1</span>\s*von 1 Gasttagen im \w+ frei', html)
    assert "Werben" in html and "Tangermünde" in html
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    english = httpx.get(site.page, params={"lang": "en"}, timeout=10).text
    assert "Your pass" in english and "of 1 guest days free in" in english
    with site.world.db.read() as session:
        row = session.get(MemberLink, site.world.anna.member_number)
        assert row is not None
        assert row.link_hash == member_links.link_hash(site.secret)
        assert site.secret not in (row.link_hash, row.sealed_pass)
        assert site.world.anna.text not in row.sealed_pass
    manifest = httpx.get(f"{site.page}/manifest.webmanifest", timeout=10)
    assert manifest.status_code == 200 and manifest.json()["start_url"] == f"/me/{site.secret}"
    worker = httpx.get(f"{site.server.base_url}/me/sw.js", timeout=10)
    assert worker.status_code == 200 and "caches.open" in worker.text


def test_wrong_links_answer_404_without_member_data_then_429(site: Site) -> None:
    wrong = site.secret[:-4] + ("AAAA" if not site.secret.endswith("AAAA") else "BBBB")
    for path in (wrong, "x", wrong + "/lost", wrong + "/manifest.webmanifest"):
        response = httpx.get(f"{site.server.base_url}/me/{path}", timeout=10)
        assert response.status_code == 404
        assert "Anna" not in response.text and "Stendal" not in response.text
    for _ in range(link_limits.MAX_FAILURES - 4):
        assert httpx.get(f"{site.server.base_url}/me/{wrong}", timeout=10).status_code == 404
    # The count lives in the database: both server processes refuse, the right link too.
    for _ in range(4):
        limited = httpx.get(site.page, timeout=10)
        assert limited.status_code == 429 and "Anna" not in limited.text
        assert int(limited.headers["retry-after"]) > 0
    with site.world.db.read() as session:
        clients = set(session.scalars(select(LinkFailure.client)))
    assert clients == {link_limits.client_key("127.0.0.1")}  # the address itself is not stored


def test_rotating_the_link_keeps_the_pass_and_retires_the_old_link(site: Site) -> None:
    html = httpx.get(site.page, timeout=10).text
    response = httpx.post(f"{site.page}/rotate", data={"token": _token(html, "rotate")}, timeout=10)
    assert response.status_code == 303
    new_path = response.headers["location"].split("?")[0]
    assert new_path.startswith("/me/") and site.secret not in new_path
    assert httpx.get(site.page, timeout=10).status_code == 404
    fresh = httpx.get(site.server.base_url + response.headers["location"], timeout=10)
    assert fresh.status_code == 200 and display_groups(site.world.anna.text) in fresh.text
    assert "Neuer Link erstellt" in fresh.text


def test_lost_card_needs_the_links_token_then_blocks_the_card(site: Site) -> None:
    client = httpx.Client(base_url=site.server.base_url, timeout=10)
    werben = enroll(client, site.world.werben_code)

    def reason() -> str:
        body = {
            "nonce": new_nonce(),
            "code": site.world.anna.text,
            "scanned_at": datetime.now(UTC).isoformat(),
        }
        answer = client.post("/api/v1/checkins/redeem", json=body, headers=werben)
        assert answer.status_code == 200, answer.text
        return str(answer.json()["verdict"]["reason"])

    confirm = client.get(f"/me/{site.secret}/lost")
    assert confirm.status_code == 200 and "Karte sperren?" in confirm.text
    # Without the token bound to this link (a forged cross-site form), nothing happens.
    assert client.post(f"/me/{site.secret}/lost", data={"token": "0" * 32}).status_code == 403
    other = member_links.form_token("another-link", "lost")
    assert client.post(f"/me/{site.secret}/lost", data={"token": other}).status_code == 403
    assert reason() == "guest_day"
    done = client.post(f"/me/{site.secret}/lost", data={"token": _token(confirm.text, "lost")})
    assert done.status_code == 200 and "Deine Karte ist gesperrt" in done.text
    assert display_groups(site.world.anna.text) not in done.text  # no blocked pass on the page
    assert reason() == "pass_replaced"
    with site.world.db.read() as session:
        anna = session.get(Member, site.world.anna.member_number)
        assert anna is not None and anna.secret_hash == ""
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "member.card_lost"))
        assert entry is not None and entry.space_id == anna.home_space_id
