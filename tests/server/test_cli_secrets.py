"""The command line prints no secret: no pass code, no database password (issue 11, item 14)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.core.credentials import MemberPass, display_groups, parse
from netserver.cli import main
from netserver.settings import shown_database_url

REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _network(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    assert run(capsys, data, "init", "--name", "Altmark")[0] == 0
    assert run(capsys, data, "space", "add", "stendal", "Stendal")[0] == 0
    for name in ("Anna", "Ben"):
        assert run(capsys, data, "member", "add", name, "--home", "stendal")[0] == 0


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_pass_issue_writes_codes_only_to_private_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    _network(capsys, data)
    old = os.umask(0o022)  # the usual umask: plain files would be 0644, directories 0755
    try:
        code, out, err = run(
            capsys, data, "pass", "issue", "10001", "10002", "--out", str(tmp_path / "a" / "cards")
        )
    finally:
        os.umask(old)
    assert code == 0, err
    cards = tmp_path / "a" / "cards"
    pngs = sorted(cards.glob("pass-*.png"))
    codes, links = [], []
    for png in pngs:
        with Image.open(png) as image:
            read = [r.text for r in zxingcpp.read_barcodes(image) if r.valid]
        links += [t for t in read if t.startswith("http")]  # the small member page code
        codes += [t for t in read if not t.startswith("http")]
    assert [parse(c).member_number for c in codes] == [10001, 10002]  # type: ignore[union-attr]
    listed = (cards / "member-links.txt").read_text().splitlines()
    assert links == [line.split("\t")[1] for line in listed]  # the links made with these passes
    assert all(link not in out + err for link in links)
    assert all(isinstance(parse(c), MemberPass) for c in codes)
    printed = out + err
    for text in codes:
        assert text not in printed and display_groups(text) not in printed
        assert text[:-6] not in printed  # not even most of it
    assert "CWM1" not in printed
    assert out.splitlines()[:2] == ["pass 10001 serial 1 issued", "pass 10002 serial 1 issued"]
    assert {_mode(p) for p in cards.iterdir()} == {0o600}
    assert len(list(cards.glob("*.pdf"))) == 1
    assert _mode(cards) == 0o700 and _mode(cards.parent) == 0o700


def test_an_existing_directory_keeps_its_mode_and_its_cards_are_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    _network(capsys, data)
    shared = tmp_path / "print"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    old_card = shared / "pass-10001-1.png"
    old_card.write_bytes(b"an older file of that name")
    os.chmod(old_card, 0o644)
    assert run(capsys, data, "pass", "issue", "10001", "--out", str(shared))[0] == 0
    assert _mode(shared) == 0o755
    assert {_mode(p) for p in shared.iterdir()} == {0o600}


def test_pass_issue_without_out_issues_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    _network(capsys, data)
    code, out, err = run(capsys, data, "--lang", "en", "pass", "issue", "10001")
    assert code == 2 and out == ""
    assert err.startswith("coworking-netserver: Where should the passes go? Add --out DIR")
    assert "Nothing was issued." in err
    # Nothing was issued: the first pass written later is serial 1.
    assert run(capsys, data, "pass", "issue", "10001", "--out", str(tmp_path / "c"))[1].startswith(
        "pass 10001 serial 1 issued"
    )


def test_a_card_that_cannot_be_written_keeps_the_old_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    _network(capsys, data)
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    code, out, err = run(capsys, data, "pass", "issue", "10001", "--out", str(blocker))
    assert code == 2 and "Traceback" not in err and out == ""
    assert run(capsys, data, "pass", "issue", "10001", "--out", str(tmp_path / "c"))[1].startswith(
        "pass 10001 serial 1 issued"
    )


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://kiosk:s3cr%40t-Pw@db.example:5432/net", "postgresql+psycopg://kiosk:***@db.example:5432/net"),
        ("postgresql+psycopg://kiosk@/net?host=/run/pg&password=s3cr%40t-Pw", "postgresql+psycopg://kiosk@/net?host=%2Frun%2Fpg&password=***"),
        ("sqlite:////srv/net/network.db", "sqlite:////srv/net/network.db"),
    ],
)  # fmt: skip
def test_database_urls_are_shown_without_password(url: str, shown: str) -> None:
    assert shown_database_url(url) == shown


@pytest.mark.postgres
def test_init_does_not_print_the_database_password(tmp_path: Path) -> None:
    """A real `init` against PostgreSQL with a password in the URL, as a process."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from ..postgres_url import pg_base_url

    base = make_url(pg_base_url())
    name, role, password = f"cw_secret_{os.getpid()}", f"cw_role_{os.getpid()}", "s3cret-Pw-9137"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'"))
        conn.execute(text(f'CREATE DATABASE "{name}" OWNER {role}'))
    url = base.set(database=name, username=role, password=password).render_as_string(hide_password=False)
    try:
        env = {**os.environ, "PYTHONPATH": str(REPO), "COWORKING_DATABASE_URL": url}
        done = subprocess.run(
            [sys.executable, "-m", "netserver", "init", "--name", "Altmark"],
            env=env, cwd=REPO, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert password not in done.stdout + done.stderr
        assert f"Database: {shown_database_url(url)}" in done.stdout and ":***@" in done.stdout
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()
