"""Pop-up coworking on the server (docs/popups.md): the command line, the expiring kiosk
enrollment, check-ins there (no guest day unless the network says so) and the report."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.models import new_nonce
from kiosk.core.wire import iso_utc
from netserver.cli import main
from netserver.db import Checkin, Popup
from netserver.services import clock, network, popups
from netserver.services.errors import DomainError
from netserver.services.report import build_report

from .conftest import World, enroll

CAL = NetworkCalendar("Europe/Berlin")


def _tomorrow() -> str:
    return (CAL.local_date(clock.utc_now()) + timedelta(days=1)).isoformat()


def _at(day: str, hhmm: str) -> datetime:
    hour, minute = hhmm.split(":")
    return datetime.fromisoformat(f"{day}T{hour}:{minute}").replace(tzinfo=CAL.tz)


def _popup(world: World, day: str, **changes: str) -> tuple[int, str]:
    """A pop-up of Werben, 09:00-13:00 on `day`, hosted by a coordinator; (id, kiosk code)."""
    fields = dict(place="Café Kranich", address="Markt 3", town="Werben", day=day, start="09:00",
                  end="13:00", host="Uta (Koordination)", space="werben")  # fmt: skip
    fields.update(changes)
    with world.db.write() as session:
        popup = popups.add_popup(session, popups.PopupRequest(**fields), actor="test")
        code = popups.popup_code(session, popup.id).text
        return popup.id, code


def _redeem(client: TestClient, headers: dict[str, str], code: str, at: datetime) -> dict[str, object]:
    body = {"nonce": new_nonce(), "code": code, "scanned_at": at.isoformat()}
    response = client.post("/api/v1/checkins/redeem", json=body, headers=headers)
    assert response.status_code == 200, response.text
    verdict: dict[str, object] = response.json()["verdict"]
    return verdict


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "--lang", "en", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_add_list_cancel_and_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(capsys, data, "init", "--name", "Altmark")[0] == 0
    assert run(capsys, data, "space", "add", "werben", "Werben", "--town", "Werben")[0] == 0
    day = _tomorrow()
    add = ("popup", "add", "--place", "Café Kranich", "--address", "Markt 3", "--town", "Werben",
           "--date", day, "--from", "09:00", "--to", "13:00", "--host", "Uta",
           "--space", "werben")  # fmt: skip
    code, out, err = run(capsys, data, *add)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"pop-up 1: Café Kranich, Werben, {day} 09:00-13:00 (space 1)"
    assert lines[1].startswith("CWE")  # the kiosk code, valid until the end
    assert f"valid until the pop-up ends: {day} 09:00-13:00" in lines[2]
    code, out, _ = run(capsys, data, "popup", "list")
    assert code == 0 and out.startswith("1\t") and "Café Kranich, Markt 3, Werben\thost Uta" in out
    code, out, _ = run(capsys, data, "popup", "code", "1")
    assert code == 0 and out.startswith("CWE") and out.splitlines()[0] != lines[1]
    assert run(capsys, data, "popup", "cancel", "1")[1] == "pop-up 1 (Café Kranich, Werben) cancelled\n"
    assert run(capsys, data, "popup", "list")[1] == ""  # upcoming only
    assert "cancelled" in run(capsys, data, "popup", "list", "--all")[1]
    code, _, err = run(capsys, data, "popup", "code", "1")
    assert code == 2 and "Pop-up 1 was cancelled" in err
    # validation, translated, one line and exit 2
    code, _, err = run(
        capsys, data, *add[:-6], "--from", "13:00", "--to", "09:00", "--host", "Uta", "--space", "1"
    )
    assert code == 2 and "End before start" in err
    past = ("popup", "add", "--place", "X", "--town", "Werben", "--date", "2020-01-02", "--from", "09:00",
            "--to", "10:00", "--host", "Uta", "--space", "werben")  # fmt: skip
    code, _, err = run(capsys, data, *past)
    assert code == 2 and "Already over" in err
    code, _, err = main(["--data-dir", str(data), "--lang", "de", *past]), "", capsys.readouterr().err
    assert code == 2 and "Schon vorbei" in err
    code, _, err = run(capsys, data, *add[:-2])  # a coordinator host without a space
    assert code == 2 and "Which space hosts this pop-up?" in err
    assert run(capsys, data, "popup", "guest-day", "on")[1] == "check-ins at pop-ups use a guest day\n"


def test_a_member_host_hosts_for_their_home_space(world: World) -> None:
    with world.db.write() as session:
        request = popups.PopupRequest("Bibliothek", "Stendal", _tomorrow(), "10:00", "12:00",
                                      host=str(world.anna.member_number))  # fmt: skip
        popup = popups.add_popup(session, request, actor="member")
        assert (popup.space_id, popup.host_name, popup.host_member) == (1, "Anna", world.anna.member_number)
        with pytest.raises(DomainError) as unknown:
            popups.add_popup(
                session, popups.PopupRequest("B", "S", _tomorrow(), "10:00", "12:00", host="99999"), actor="t"
            )
        assert unknown.value.key == "popup.host_unknown"


def test_enrollment_expires_with_the_popup(world: World, client: TestClient) -> None:
    day = _tomorrow()
    popup_id, code = _popup(world, day)
    during, after = _at(day, "10:00"), _at(day, "13:01")
    with clock.frozen(after):  # enrolling after the end is refused, with a clear reason
        refused = client.post("/api/v1/enroll", json={"code": code, "kiosk_name": "Laptop"})
        assert refused.status_code == 410, refused.text
        assert "pop-up is over" in refused.json()["error"]["message"]
    with clock.frozen(during):
        answer = client.post("/api/v1/enroll", json={"code": code, "kiosk_name": "Laptop"})
        assert answer.status_code == 200, answer.text
        assert answer.json()["popup"]["id"] == popup_id
        assert answer.json()["popup"]["ends_at"] == iso_utc(_at(day, "13:00"))
        headers = {"Authorization": f"Bearer {answer.json()['token']}"}
        assert client.get("/api/v1/sync", headers=headers).status_code == 200
    with clock.frozen(_at(day, "13:00")):  # the token ends at the pop-up's end
        stopped = client.get("/api/v1/sync", headers=headers)
        assert stopped.status_code == 401 and stopped.json()["error"]["code"] == "token_revoked"
        report = {"version": "1.0", "queue": 0, "camera": "ok"}  # the pass's first call says so too
        told = client.post("/api/v1/kiosk/health", json=report, headers=headers).json()
        assert told["revoked"] is True and told["revoked_at"] == iso_utc(_at(day, "13:00"))
    with clock.frozen(during):
        assert client.get("/api/v1/sync", headers=headers).status_code == 200
    with world.db.write() as session:  # cancelling stops its kiosk at once
        popups.cancel_popup(session, popup_id, now=during)
    with clock.frozen(during + timedelta(minutes=1)):
        assert client.get("/api/v1/sync", headers=headers).status_code == 401
        with world.db.write() as session, pytest.raises(DomainError) as cancelled:
            popups.popup_code(session, popup_id)
        assert cancelled.value.key == "popup.cancelled"


def test_checkin_at_a_popup_uses_no_guest_day_and_counts_as_a_visit(world: World, client: TestClient) -> None:
    day = _tomorrow()
    popup_id, code = _popup(world, day)
    at = _at(day, "10:00")
    with clock.frozen(at):
        kiosk = enroll(client, code, "Laptop")
        anna = _redeem(client, kiosk, world.anna.text, at)  # Stendal's member at Werben's pop-up
        assert (anna["reason"], anna["admitted"], anna["counted"]) == ("popup_visit", True, False)
        again = _redeem(client, kiosk, world.anna.text, at + timedelta(minutes=5))
        assert again["reason"] == "popup_visit"
        # the pop-up is a day with its hosting space: Werben itself welcomes her back, uncounted
        werben = enroll(client, world.werben_code)
        assert _redeem(client, werben, world.anna.text, at)["reason"] == "already_today"
        admin = {"Authorization": f"Bearer {world.admin_token}"}
        codes = client.post("/api/v1/admin/enrollment-codes", json={"space": "tangermuende"}, headers=admin)
        tanger = codes.json()["code"]
        assert _redeem(client, enroll(client, tanger), world.anna.text, at)["reason"] == "guest_day"
        # an offline check-in at the pop-up, uploaded later: a pop-up visit too
        fact = {"nonce": new_nonce(), "occurred_at": at.isoformat(), "space_id": 2,
                "member_number": world.ben.member_number, "pass_serial": world.ben.serial,
                "reason": "popup_visit", "admitted": True, "counted": False, "offline": True}  # fmt: skip
        uploaded = client.post("/api/v1/checkins", json={"items": [fact]}, headers=kiosk)
        assert uploaded.status_code == 200 and uploaded.json()["results"][0]["status"] == "stored"
    with world.db.read() as session:
        rows = list(session.scalars(select(Checkin).where(Checkin.popup_id == popup_id)))
        assert len(rows) == 3 and all(not r.counted for r in rows)
        target = CAL.local_date(at)
        report = build_report(session, target.year, target.month)
    visits = {(r.host_space, r.home_space): r.count for r in report if r.section == "popup_visits"}
    assert visits[("werben", "stendal")] == 2  # Anna once (twice scanned), Ben once
    guest = {(r.host_space, r.home_space): r.count for r in report if r.section == "guest_days"}
    assert guest == {
        ("tangermuende", "stendal"): 1,
        ("tangermuende", "*"): 1,
        ("*", "stendal"): 1,
        ("*", "*"): 1,
    }


def test_the_network_may_let_popups_use_a_guest_day(world: World, client: TestClient) -> None:
    day = _tomorrow()
    _, code = _popup(world, day)
    with world.db.write() as session:
        popups.set_popup_guest_day(session, True)
        assert network.get_policy(session).popup_guest_day is True
    at = _at(day, "10:00")
    with clock.frozen(at):
        kiosk = enroll(client, code, "Laptop")
        verdict = _redeem(client, kiosk, world.anna.text, at)
    assert (verdict["reason"], verdict["counted"]) == ("guest_day", True)


def test_popups_and_the_setting_reach_every_kiosk(world: World, client: TestClient) -> None:
    popup_id, _ = _popup(world, _tomorrow())
    stendal = enroll(client, world.stendal_code)  # a kiosk of another space of the region
    page = client.get("/api/v1/sync", headers=stendal).json()
    assert page["network"]["popup_guest_day"] is False
    (item,) = page["popups"]
    assert item["id"] == popup_id and item["place"] == "Café Kranich" and item["space_id"] == 2
    assert "host" not in item and "host_name" not in item  # the lobby shows no names
    with world.db.write() as session:
        popups.cancel_popup(session, popup_id)
    later = client.get("/api/v1/sync", params={"cursor": page["cursor"]}, headers=stendal).json()
    assert later["popups"][0]["cancelled"] is True
    with world.db.read() as session:
        assert session.get(Popup, popup_id) is not None


def test_the_demo_network_has_a_popup_and_its_kiosk_code(sqlite_url: str) -> None:
    from netserver import demo
    from netserver.api.app import create_app
    from netserver.db import Database
    from netserver.settings import Settings

    db = Database(sqlite_url)
    network_ = demo.seed(db, CAL.local_date(clock.utc_now()), space="stendal")
    with TestClient(create_app(Settings(database_url=sqlite_url, feed_fetch=False), db=db)) as client:
        answer = client.post("/api/v1/enroll", json={"code": network_.popup_code, "kiosk_name": "Laptop"})
        assert answer.status_code == 200, answer.text
        assert answer.json()["popup"]["place"] == "Café Kranich"
        assert answer.json()["space"]["slug"] == "werben"
        headers = {"Authorization": f"Bearer {answer.json()['token']}"}
        guest = network_.samples["guest_free"].text  # a Stendal member at Werben's pop-up
        verdict = _redeem(client, headers, guest, clock.utc_now())
        assert (verdict["reason"], verdict["counted"]) == ("popup_visit", False)
    db.dispose()


def test_after_the_end_the_laptop_still_uploads_what_it_recorded_during_the_popup(
    world: World, client: TestClient
) -> None:
    day = _tomorrow()
    popup_id, code = _popup(world, day)
    during = _at(day, "12:30")
    with clock.frozen(during):
        kiosk = enroll(client, code, "Laptop")

    def fact(at: datetime) -> dict[str, object]:
        return {"nonce": new_nonce(), "occurred_at": at.isoformat(), "space_id": 2,
                "member_number": world.anna.member_number, "pass_serial": world.anna.serial,
                "reason": "popup_visit", "admitted": True, "counted": False, "offline": True}  # fmt: skip

    with clock.frozen(_at(day, "15:00")):  # back online in the evening
        answer = client.post("/api/v1/checkins", json={"items": [fact(during), fact(_at(day, "13:05"))]},
                             headers=kiosk)  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["stored", "rejected"]
    with world.db.read() as session:
        (row,) = session.scalars(select(Checkin).where(Checkin.popup_id == popup_id))
        assert row.occurred_at == during
