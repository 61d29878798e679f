"""The command line of the member page: `member link`, `pass issue` and `demo-seed` print links
that open the page; `space hours` sets what the page shows; the access log shows no link."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kiosk.core.credentials import display_groups
from netserver.api.app import create_app
from netserver.cli import main
from netserver.db import Database
from netserver.member.logs import RedactMemberLinks
from netserver.settings import Settings


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_links_printed_by_the_cli_open_the_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, out, _ = run(capsys, data, "demo-seed", "--today", "2026-11-24")
    assert code == 0
    lines = out.splitlines()
    link = lines[lines.index(next(x for x in lines if x.startswith("Member page of Anna K."))) + 1].strip()
    assert link.startswith("http://127.0.0.1:8765/me/")
    assert run(capsys, data, "space", "hours", "werben", "Mo-Fr 07:30-19:00")[0] == 0
    code, _, err = run(capsys, data, "space", "hours", "werben", "Mo 7-19")
    assert code == 2 and "opening hours" in err
    settings = Settings(data_dir=data)
    with TestClient(create_app(settings, db=Database(settings.url))) as client:
        html = client.get(link.removeprefix("http://127.0.0.1:8765")).text
        assert "Anna K." in html and "Mo–Fr 07:30–19:00" in html and "<svg" in html
        code, out, _ = run(capsys, data, "pass", "issue", "10002")
        number, serial, text, issued_link = out.strip().split("\t")
        page = client.get(issued_link.removeprefix("http://127.0.0.1:8765")).text
        assert display_groups(text) in page
        code, out, _ = run(capsys, data, "member", "link", "10002")
        bare = out.splitlines()[0].removeprefix("http://127.0.0.1:8765")
        assert client.get(issued_link.removeprefix("http://127.0.0.1:8765")).status_code == 404
        assert display_groups(text) not in client.get(bare).text  # the server cannot rebuild a card
        code, out, _ = run(capsys, data, "member", "link", "10002", "--new-pass")
        newest = out.splitlines()[1].split("\t")[2].split()[0]
        assert (
            display_groups(newest)
            in client.get(out.splitlines()[0].removeprefix("http://127.0.0.1:8765")).text
        )


def test_the_access_log_never_shows_a_member_link() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/me/Abc-_123xyz/lost?lang=en", "1.1", 200), None,
    )  # fmt: skip
    RedactMemberLinks().filter(record)
    assert "Abc-_123xyz" not in record.getMessage() and "/me/…/lost?lang=en" in record.getMessage()
    record.args = ("127.0.0.1:5", "GET", "/me/sw.js", "1.1", 200)
    RedactMemberLinks().filter(record)
    assert "/me/sw.js" in record.getMessage()


def test_every_text_key_the_templates_use_exists() -> None:
    import re

    from netserver.member import texts

    templates = Path(texts.__file__).parent / "templates"
    used = set()
    for path in templates.iterdir():
        used |= set(re.findall(r't\("([\w.]+)"', path.read_text()))
    routes = (Path(texts.__file__).parent / "routes.py").read_text()
    used |= set(re.findall(r'text\("([\w.]+)"', routes))
    used.discard("state.")  # "state." ~ the member state: the three below
    assert used and used <= texts.KEYS and {"state.active", "state.paused", "state.ended"} <= texts.KEYS
