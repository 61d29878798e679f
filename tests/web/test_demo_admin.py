"""The demo shows the whole network: demo-seed prints the admin sign-ins, and the embedded demo
server of `coworking-kiosk --demo` serves the admin, where those sign-ins work."""

from __future__ import annotations

import re
from pathlib import Path

import httpx2 as httpx
import pytest

from kiosk import demo as kiosk_demo
from netserver.cli import main


def test_demo_seed_prints_the_coordinator_and_the_stendal_manager(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "demo-seed"]) == 0
    printed = capsys.readouterr().out
    assert "user koordination  password altmark-koordination  (network coordinator)" in printed
    assert "user stendal       password altmark-stendal  (manager of Stendal)" in printed
    assert main(["--data-dir", str(tmp_path), "user", "list"]) == 0
    users = capsys.readouterr().out
    assert "koordination\tnetwork\t-\tactive" in users and "stendal\tspace\tstendal\tactive" in users


def test_the_kiosk_demo_prints_the_admin_address_and_its_sign_ins_work(tmp_path: Path) -> None:
    server = kiosk_demo.start_server(tmp_path)
    try:
        lines = kiosk_demo.admin_lines(server)
        assert lines[0] == f"Web admin of the demo network: {server.url}/admin/"
        found = re.search(r"user (\S+), password (\S+) \(manager of Stendal\)", "\n".join(lines))
        assert found
        with httpx.Client(base_url=server.url, timeout=10) as client:
            form = client.get("/admin/signin")
            token = re.search(r'name="csrf" value="([^"]+)"', form.text)
            assert token
            signed = client.post(
                "/admin/signin", data={"name": found[1], "password": found[2], "csrf": token[1]}
            )
            assert signed.status_code == 303
            page = client.get("/admin/members?q=a")
            assert page.status_code == 200 and "Leitung Stendal" in page.text
            assert client.get("/admin/members?space=werben").status_code == 403
    finally:
        server.stop()
