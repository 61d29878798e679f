"""The command line of the member page: `member link`, `pass issue` and `demo-seed` print links
that open the page; `space hours` sets what the page shows; the access log shows no link."""

from __future__ import annotations

import logging
from pathlib import Path

import cv2
import pytest
import zxingcpp
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
        cards = tmp_path / "cards"
        code, out, _ = run(capsys, data, "pass", "issue", "10002", "--out", str(cards))
        assert code == 0 and "/me/" not in out  # links are secrets: in a private file, not on the terminal
        number, issued_link = (cards / "member-links.txt").read_text().strip().split("\t")
        assert number == "10002" and (cards / "member-links.txt").stat().st_mode & 0o777 == 0o600
        [png] = cards.glob("*10002*.png")
        # the printed card, read by the real decoder: the pass, and the small member page code
        read = {r.text for r in zxingcpp.read_barcodes(cv2.imread(str(png))) if r.valid}
        assert issued_link in read and len(read) == 2
        [text] = read - {issued_link}
        assert text.upper().startswith("CWM")  # a member pass (the terminal check below looks for this)
        page = client.get(issued_link.removeprefix("http://127.0.0.1:8765")).text
        assert display_groups(text) in page
        code, out, _ = run(capsys, data, "member", "link", "10002")
        bare = out.splitlines()[0].removeprefix("http://127.0.0.1:8765")
        assert client.get(issued_link.removeprefix("http://127.0.0.1:8765")).status_code == 404
        assert display_groups(text) not in client.get(bare).text  # the server cannot rebuild a card
        code, out, _ = run(capsys, data, "member", "link", "10002", "--new-pass")
        assert code == 0 and "CWM" not in out.upper().replace("/ME/", "")  # no pass code on the terminal
        newest = client.get(out.splitlines()[0].removeprefix("http://127.0.0.1:8765")).text
        assert "<svg" in newest and display_groups(text) not in newest  # a new pass, shown on the page


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
