"""Staff management from the shell: list, disable, change PIN, and the PIN and name rules."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from kiosk.core.pins import verify_pin
from netserver.cli import main
from netserver.db import Database
from netserver.services import errors, staff
from netserver.services.staff_rules import is_trivial

from .conftest import World

REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    assert run(capsys, data, "init", "--name", "Altmark")[0] == 0
    assert run(capsys, data, "space", "add", "stendal", "Stendal")[0] == 0
    assert run(capsys, data, "space", "add", "werben", "Werben")[0] == 0
    return data


TRIVIAL = ["123456", "000000", "111111", "654321", "987654", "890123", "210987", "121212", "123123",
           "0123456789", "9876543210", "4444444"]  # fmt: skip
FINE = ["248163", "135792", "902714", "12345670", "112358", "192837"]


@pytest.mark.parametrize("pin", TRIVIAL)
def test_trivial_pins_are_trivial(pin: str) -> None:
    assert is_trivial(pin)


@pytest.mark.parametrize("pin", FINE)
def test_ordinary_pins_are_not(pin: str) -> None:
    assert not is_trivial(pin)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", "PIN zu leicht zu erraten: Wiederholte Ziffern"),
        ("en", "PIN too easy to guess: Repeated digits"),
    ],
)
@pytest.mark.parametrize("pin", ["123456", "000000", "654321"])
def test_a_trivial_pin_is_refused_with_a_translated_message(
    data: Path, capsys: pytest.CaptureFixture[str], pin: str, lang: str, expected: str
) -> None:
    code, out, err = run(
        capsys, data, "--lang", lang, "staff", "add", "Maria", "--space", "werben", "--pin", pin
    )
    assert code == 2 and out == ""
    assert err.startswith(f"coworking-netserver: {expected}"), err
    assert run(capsys, data, "staff", "list")[1] == ""  # nobody was added


def test_the_language_follows_the_locale(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    err = run(capsys, data, "staff", "add", "Maria", "--space", "werben", "--pin", "12345")[2]
    assert "A staff PIN has 6 to 32 digits and nothing else." in err
    monkeypatch.setenv("LANG", "C.UTF-8")  # no language: German, the project's default
    err = run(capsys, data, "staff", "add", "Maria", "--space", "werben", "--pin", "12345")[2]
    assert "Eine Team-PIN hat 6 bis 32 Ziffern und sonst nichts." in err


def test_a_pin_is_used_once_per_space(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, data, "staff", "add", "Maria", "--space", "werben", "--pin", "248163")[0] == 0
    code, _, err = run(
        capsys, data, "--lang", "de", "staff", "add", "Jonas", "--space", "werben", "--pin", "248163"
    )
    assert code == 2
    assert "PIN schon vergeben: Eine andere Person im Team von Werben hat diese PIN." in err
    code, _, err = run(
        capsys, data, "--lang", "en", "staff", "add", "Jonas", "--space", "werben", "--pin", "248163"
    )
    assert "PIN already in use: Another staff member of Werben has this PIN." in err
    # Another space may use it: its kiosks never see Werben's hashes.
    assert run(capsys, data, "staff", "add", "Jonas", "--space", "stendal", "--pin", "248163")[0] == 0
    # A disabled colleague's PIN stays taken (enabling them again must not collide).
    assert run(capsys, data, "staff", "disable", "1")[0] == 0
    assert run(capsys, data, "staff", "add", "Jonas", "--space", "werben", "--pin", "248163")[0] == 2
    # Changing a PIN follows the same rules; keeping one's own PIN is fine.
    assert run(capsys, data, "staff", "add", "Jonas", "--space", "werben", "--pin", "902714")[0] == 0
    code, _, err = run(capsys, data, "--lang", "en", "staff", "pin", "3", "--pin", "248163")
    assert code == 2 and "PIN already in use" in err
    assert run(capsys, data, "--lang", "en", "staff", "pin", "3", "--pin", "111111")[2].startswith(
        "coworking-netserver: PIN too easy to guess"
    )
    assert run(capsys, data, "staff", "pin", "3", "--pin", "902714")[0] == 0


def test_the_same_name_in_one_space_is_refused_off_a_terminal(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, data, "staff", "add", "Maria Schulz", "--space", "werben", "--pin", "248163")[0] == 0
    code, out, err = run(
        capsys, data, "--lang", "en", "staff", "add", " maria  SCHULZ", "--space", "werben", "--pin", "902714"
    )
    assert code == 2 and out == ""
    assert "Name already in the team: Werben already has a staff member called Maria Schulz (number 1)" in err
    assert "--allow-same-name" in err
    code, _, err = run(capsys, data, "--lang", "de", "staff", "add", "Maria Schulz", "--space", "werben",
                       "--pin", "902714")  # fmt: skip
    assert "Name schon im Team: In Werben gibt es schon Maria Schulz im Team (Nummer 1)." in err
    assert run(capsys, data, "staff", "add", "Maria Schulz", "--space", "stendal", "--pin", "902714")[0] == 0
    code, out, _ = run(capsys, data, "staff", "add", "Maria Schulz", "--space", "werben", "--pin", "902714",
                       "--allow-same-name")  # fmt: skip
    assert code == 0 and out.startswith("staff 3 Maria Schulz")


def _on_a_terminal(data: Path, argv: list[str], answer: bytes) -> tuple[int, str]:
    """Run the real command with stdin, stdout and stderr on a pseudo-terminal; answer its
    question; (exit code, everything it wrote)."""
    main_fd, tty_fd = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "LANG": "de_DE.UTF-8", "LC_ALL": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "netserver", "--data-dir", str(data), *argv],
        stdin=tty_fd, stdout=tty_fd, stderr=tty_fd, cwd=REPO, env=env, close_fds=True,
    )  # fmt: skip
    os.close(tty_fd)
    seen = b""
    answered = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main_fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        if not answered and b"[j/N]" in seen:
            os.write(main_fd, answer)
            answered = True
        if proc.poll() is not None and not ready:
            break
    os.close(main_fd)
    return proc.wait(timeout=10), seen.decode(errors="replace")


@pytest.mark.parametrize(("answer", "added"), [(b"j\n", True), (b"\n", False)])
def test_the_same_name_on_a_terminal_asks(
    data: Path, capsys: pytest.CaptureFixture[str], answer: bytes, added: bool
) -> None:
    assert run(capsys, data, "staff", "add", "Maria", "--space", "werben", "--pin", "248163")[0] == 0
    code, seen = _on_a_terminal(
        data, ["staff", "add", "Maria", "--space", "werben", "--pin", "902714"], answer
    )
    assert (
        "In Werben gibt es schon Maria im Team (Nummer 1). Eine weitere Person dieses Namens anlegen?" in seen
    )
    listed = run(capsys, data, "staff", "list")[1].splitlines()
    if added:
        assert code == 0 and "staff 2 Maria" in seen
        assert listed == ["1\twerben\tMaria\tactive", "2\twerben\tMaria\tactive"]
    else:
        assert code == 2 and "Nicht angelegt" in seen
        assert listed == ["1\twerben\tMaria\tactive"]


def test_list_disable_enable_and_change_pin(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, data, "staff", "add", "Maria", "--space", "werben", "--pin", "248163")[0] == 0
    assert run(capsys, data, "staff", "add", "Olaf", "--space", "stendal", "--pin", "902714")[0] == 0
    assert run(capsys, data, "staff", "list")[1].splitlines() == [
        "1\twerben\tMaria\tactive",
        "2\tstendal\tOlaf\tactive",
    ]
    assert run(capsys, data, "staff", "list", "--space", "stendal")[1] == "2\tstendal\tOlaf\tactive\n"
    code, out, _ = run(capsys, data, "staff", "disable", "1")
    assert code == 0 and "Maria disabled" in out
    assert run(capsys, data, "staff", "list", "--space", "werben")[1] == "1\twerben\tMaria\tdisabled\n"
    assert run(capsys, data, "staff", "enable", "1")[0] == 0
    assert run(capsys, data, "staff", "pin", "1", "--pin", "135792")[0] == 0
    db = Database(f"sqlite:///{data / 'network.db'}")
    with db.read() as session:
        row = staff.get_staff(session, 1)
        assert row.active and verify_pin("135792", row.pin_hash) and not verify_pin("248163", row.pin_hash)
    db.dispose()
    code, _, err = run(capsys, data, "--lang", "en", "staff", "disable", "99")
    assert (
        code == 2
        and err == "coworking-netserver: No such staff member: There is no staff member with the number 99.\n"
    )
    assert run(capsys, data, "staff", "pin", "99", "--pin", "135792")[0] == 2


def test_the_service_gives_the_web_admin_keys_to_translate(data: Path) -> None:
    db = Database(f"sqlite:///{data / 'network.db'}")
    with db.write() as session:
        staff.add_staff(session, display_name="Maria", space="werben", pin="248163")
        with pytest.raises(errors.Invalid) as trivial:
            staff.add_staff(session, display_name="Jonas", space="werben", pin="000000")
        with pytest.raises(errors.Conflict) as taken:
            staff.add_staff(session, display_name="Jonas", space="werben", pin="248163")
        with pytest.raises(errors.Conflict) as same:
            staff.add_staff(session, display_name="MARIA", space="werben", pin="902714")
    db.dispose()
    assert (trivial.value.key, taken.value.key, same.value.key) == (
        "staff.pin_trivial",
        "staff.pin_taken",
        "staff.name_taken",
    )
    assert same.value.details == {"reason": "name_taken", "staff_id": 1}


def test_the_admin_api_applies_the_same_rules(client: TestClient, world: World) -> None:
    h = {"Authorization": f"Bearer {world.admin_token}"}

    def add(**body: object) -> httpx.Response:
        return client.post("/api/v1/admin/staff", headers=h, json={"space": "werben", **body})

    trivial = add(display_name="Jonas", pin="000000")
    assert trivial.status_code == 422 and trivial.json()["error"]["details"] == {"reason": "pin_trivial"}
    taken = add(display_name="Jonas", pin="248163")  # Maria's (tests/server/conftest.py)
    assert taken.status_code == 409 and taken.json()["error"]["details"] == {"reason": "pin_taken"}
    same = add(display_name="maria", pin="902714")
    assert same.status_code == 409 and same.json()["error"]["details"]["reason"] == "name_taken"
    assert add(display_name="maria", pin="902714", allow_same_name=True).status_code == 201
    change = client.patch(f"/api/v1/admin/staff/{world.staff_id}", headers=h, json={"pin": "987654"})
    assert change.status_code == 422
