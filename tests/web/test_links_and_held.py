"""The web admin's new member link (shown once, with its QR code and the card PDF carrying both
codes; afterwards only its date) and the held facts page (count or dismiss), over HTTP with a
session and the CSRF token."""

from __future__ import annotations

import base64
import io
import re
import subprocess
from datetime import timedelta
from pathlib import Path

import zxingcpp
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import func, select

from kiosk.core.credentials import MemberPass, parse
from netserver.db import AuditEntry, Checkin
from netserver.services import conflicts, members
from netserver.services.clock import utc_now
from netserver.services.kiosks import list_kiosks
from netserver.settings import Settings
from tests.server.conftest import backdate_kiosk, enroll
from tests.server.test_facts import fact, upload

from .conftest import AdminWorld, sign_in

LINK = re.compile(r"http://[^<\s\"]+/me/([A-Za-z0-9_-]{43})")


def _pdf_text(pdf: bytes, tmp: Path) -> str:
    path = tmp / "card.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_a_new_member_link_is_shown_once_with_its_qr_and_the_card(
    coord: tuple[TestClient, str], admin_world: AdminWorld, tmp_path: Path
) -> None:
    client, csrf = coord
    number = admin_world.world.anna.member_number
    before = client.get(f"/admin/members/{number}")
    assert "Noch kein Link zum Mitgliederbereich." in before.text
    shown = client.post(f"/admin/members/{number}/link", data={"csrf": csrf, "new_pass": "1"})
    assert shown.status_code == 200, shown.text
    assert "Nur dieses eine Mal sichtbar" in shown.text
    found = LINK.search(shown.text)
    assert found, shown.text
    url, secret = found.group(0), found.group(1)
    assert url == f"http://testserver/me/{secret}"  # no COWORKING_PUBLIC_URL: the address used
    qr = re.search(r'src="data:image/png;base64,([^"]+)"', shown.text)
    assert qr
    image = Image.open(io.BytesIO(base64.b64decode(qr.group(1))))
    assert [r.text for r in zxingcpp.read_barcodes(image) if r.valid] == [url]
    pdf = re.search(r'download="pass-\d+-2.pdf" href="data:application/pdf;base64,([^"]+)"', shown.text)
    assert pdf, shown.text
    card = base64.b64decode(pdf.group(1))
    words = _pdf_text(card, tmp_path)
    assert "Dein Mitgliederbereich" in words and "Your member page" in words and "Anna" in words
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", str(tmp_path / "card.pdf"), str(tmp_path / "p")], check=True
    )
    with Image.open(tmp_path / "p-1.png") as page:
        codes = {r.text for r in zxingcpp.read_barcodes(page) if r.valid}
    assert url in codes
    (pass_text,) = codes - {url}
    credential = parse(pass_text)
    assert isinstance(credential, MemberPass) and credential.serial == 2  # the old card stops working

    member_page = client.get(f"/me/{secret}")
    assert member_page.status_code == 200 and "Anna" in member_page.text
    after = client.get(f"/admin/members/{number}")
    assert secret not in after.text and "/me/" not in after.text  # never shown again
    assert "Aktueller Link erzeugt am" in after.text
    with admin_world.world.db.read() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "member.link_new"))
        assert entry is not None and entry.actor == "web:coord"
        assert secret not in entry.detail and "serial 2" in entry.detail
        assert members.get_member(session, number).pass_serial == 2

    again = client.post(f"/admin/members/{number}/link", data={"csrf": csrf})  # a link only
    newer = LINK.search(again.text)
    assert newer and newer.group(1) != secret and "application/pdf" not in again.text
    assert client.get(f"/me/{secret}").status_code == 404  # the old link stopped working
    assert client.get(f"/me/{newer.group(1)}").status_code == 200
    with admin_world.world.db.read() as session:
        assert members.get_member(session, number).pass_serial == 2  # the card stays valid


def test_the_public_url_setting_makes_the_links() -> None:
    assert Settings(public_url="https://netz.example.org/").member_page_url("S", seen_at="http://x/") == (
        "https://netz.example.org/me/S"
    )
    assert Settings(port=9000).member_page_url("S") == "http://127.0.0.1:9000/me/S"


def test_the_stendal_manager_makes_a_link_for_a_stendal_member(admin_world: AdminWorld) -> None:
    number = admin_world.world.anna.member_number
    with admin_world.client() as client:
        csrf = sign_in(client, "stendal")
        assert LINK.search(client.post(f"/admin/members/{number}/link", data={"csrf": csrf}).text)
        csrf = sign_in(client, "werben")
        refused = client.post(f"/admin/members/{number}/link", data={"csrf": csrf})
        assert refused.status_code == 403 and "/me/" not in refused.text


def _held(admin_world: AdminWorld) -> dict[str, int]:
    """Three facts of Stendal held for staff: before enrollment, in the future, and one
    of Werben; returns problem -> id."""
    world = admin_world.world
    with world.client() as client:
        stendal = enroll(client, world.stendal_code, "Eingang Stendal")
        werben = enroll(client, world.werben_code, "Eingang Werben")
    with world.db.read() as session:
        kiosk_ids = [k.id for k in list_kiosks(session)]
    for kiosk_id in kiosk_ids:
        backdate_kiosk(world.db, kiosk_id, utc_now() - timedelta(hours=2))
    with world.client() as client:
        ben = world.ben.member_number
        upload(
            client,
            stendal,
            fact(1, ben, at=utc_now() - timedelta(days=1), reason="home_member", counted=False),
        )
        upload(
            client,
            stendal,
            fact(1, ben, at=utc_now() + timedelta(days=3), reason="home_member", counted=False),
        )
        upload(client, werben, fact(2, ben, at=utc_now() + timedelta(days=3)))
    with world.db.read() as session:
        return {f"{c.space_id}:{c.problem}": c.id for c in conflicts.held(session)}


def _checkins(admin_world: AdminWorld) -> int:
    with admin_world.world.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Checkin)) or 0)


def test_held_facts_are_listed_per_space_and_decided(admin_world: AdminWorld) -> None:
    held = _held(admin_world)
    assert set(held) == {"1:before_enrollment", "1:in_future", "2:in_future"}
    with admin_world.client() as client:
        csrf = sign_in(client, "stendal")
        listed = client.get("/admin/conflicts")
        assert listed.status_code == 200
        assert "datiert vor der Einrichtung des Terminals" in listed.text
        assert f"/admin/conflicts/{held['1:in_future']}/count" in listed.text
        assert f"/admin/conflicts/{held['2:in_future']}/" not in listed.text  # Werben's is not shown
        assert client.get("/admin/conflicts?space=werben").status_code == 403
        other = client.post(f"/admin/conflicts/{held['2:in_future']}/dismiss", data={"csrf": csrf})
        assert other.status_code == 403

        before = _checkins(admin_world)
        refused = client.post(f"/admin/conflicts/{held['1:in_future']}/count", data={"csrf": csrf})
        assert refused.status_code == 422 and "Nicht gezählt" in refused.text
        assert _checkins(admin_world) == before
        counted = client.post(
            f"/admin/conflicts/{held['1:before_enrollment']}/count",
            data={"csrf": csrf},
            follow_redirects=False,
        )
        assert counted.status_code == 303
        assert _checkins(admin_world) == before + 1
        dismissed = client.post(
            f"/admin/conflicts/{held['1:in_future']}/dismiss", data={"csrf": csrf}, follow_redirects=False
        )
        assert dismissed.status_code == 303
        twice = client.post(f"/admin/conflicts/{held['1:in_future']}/count", data={"csrf": csrf})
        assert twice.status_code == 422  # decided already
        assert "Keine zurückgehaltenen Check-ins warten." in client.get("/admin/conflicts").text
        decided = client.get("/admin/conflicts?decided=true").text
        assert "gezählt" in decided and "verworfen" in decided and "web:stendal" in decided
    with admin_world.world.db.read() as session:
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("conflict.%"))))
        stored = session.scalar(select(Checkin).order_by(Checkin.id.desc()).limit(1))
    assert actions == {"conflict.counted", "conflict.dismissed"}
    assert stored is not None and stored.kiosk_id is not None  # the check-in names its kiosk
