"""Accounts of the web admin: the CLI, sign-in and its cookie, throttling, idle expiry, sign-out."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from netserver.api.app import create_app
from netserver.cli import main
from netserver.db import AdminSession, AdminUser, AuditEntry
from netserver.services import admin_users
from netserver.settings import Settings

from .conftest import PASSWORD, AdminWorld, pre_token, sign_in


def test_cli_user_add_reads_the_password_from_stdin_list_and_disable(
    admin_world: AdminWorld, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = admin_world.world.url
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert main(["--database-url", url, "user", "add", "Gabi", "--role", "space", "--space", "werben"]) == 0
    assert main(["--database-url", url, "user", "add", "newbie", "--role", "network", "--link"]) == 0
    link = re.search(r"http://\S+/admin/setup/(\S+)", capsys.readouterr().out)
    assert link
    assert main(["--database-url", url, "user", "list"]) == 0
    listed = capsys.readouterr().out
    assert "gabi\tspace\twerben\tactive" in listed
    assert "newbie\tnetwork\t-\tno password yet" in listed
    with admin_world.client() as client:
        sign_in(client, "gabi", "a long enough password")
        assert main(["--database-url", url, "user", "disable", "gabi"]) == 0
        assert client.get("/admin/dashboard", follow_redirects=False).status_code == 303  # session ended
        # the one-time link sets a password once
        form = client.get(f"/admin/setup/{link.group(1)}")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert csrf
        data = {"csrf": csrf.group(1), "password": "another long one", "password2": "another long one"}
        assert (
            client.post(f"/admin/setup/{link.group(1)}", data=data, follow_redirects=False).status_code == 303
        )
        assert client.get(f"/admin/setup/{link.group(1)}").status_code == 404
        sign_in(client, "newbie", "another long one")
    with admin_world.world.db.read() as session:
        hashes = list(session.scalars(select(AdminUser.password_hash)))
    assert all(h.startswith("$argon2id$") for h in hashes)


def test_cli_refuses_a_space_manager_without_a_space(admin_world: AdminWorld) -> None:
    url = admin_world.world.url
    assert main(["--database-url", url, "user", "add", "x1", "--role", "space", "--link"]) == 2


def test_sign_in_sets_an_httponly_samesite_cookie_and_records_it(admin_world: AdminWorld) -> None:
    with admin_world.client() as client:
        response = client.post(
            "/admin/signin",
            data={"name": "Coord", "password": PASSWORD, "csrf": pre_token(client)},
            follow_redirects=False,
        )
        assert response.status_code == 303
        cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("cw_admin="))
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/admin" in cookie
        assert "Secure" not in cookie  # plain HTTP, and X-Forwarded-Proto is not trusted by default
    with admin_world.world.db.read() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.actor == "web:coord")))
    assert actions == ["admin.signin"]


@pytest.mark.parametrize("trusted", [False, True])
def test_secure_cookie_behind_tls_only_when_the_proxy_is_trusted(
    admin_world: AdminWorld, trusted: bool
) -> None:
    world = admin_world.world
    app = create_app(Settings(database_url=world.url, trust_forwarded_proto=trusted), db=world.db)
    with TestClient(app) as client:
        response = client.post(
            "/admin/signin",
            data={"name": "coord", "password": PASSWORD, "csrf": pre_token(client)},
            headers={"X-Forwarded-Proto": "https"},
            follow_redirects=False,
        )
        cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("cw_admin="))
        assert ("Secure" in cookie) is trusted


def test_sign_in_without_the_form_token_is_refused(admin_world: AdminWorld) -> None:
    with admin_world.client() as client:
        client.get("/admin/signin")
        response = client.post("/admin/signin", data={"name": "coord", "password": PASSWORD})
        assert response.status_code == 403
        assert "cw_admin" not in response.headers.get("set-cookie", "")


def test_repeated_failures_lock_the_name_for_every_server_process(admin_world: AdminWorld) -> None:
    world = admin_world.world
    with admin_world.client() as client:
        for _ in range(3):
            wrong = {"name": "coord", "password": "wrong password!", "csrf": pre_token(client)}
            assert client.post("/admin/signin", data=wrong).status_code == 401
    # another process (another app on the same database) sees the lock: the right password is refused
    other = create_app(Settings(database_url=world.url), db=world.db)
    with TestClient(other) as client:
        right = {"name": "coord", "password": PASSWORD, "csrf": pre_token(client)}
        locked = client.post("/admin/signin", data=right, follow_redirects=False)
        assert locked.status_code == 429
        assert "Fehlversuche" in locked.text
    with world.db.read() as session:
        failed = session.scalars(select(AuditEntry).where(AuditEntry.action == "admin.signin_failed")).all()
    assert len(failed) == 3


def test_an_idle_session_expires_and_sign_out_ends_it(admin_world: AdminWorld) -> None:
    world = admin_world.world
    with admin_world.client() as client:
        csrf = sign_in(client, "coord")
        with world.db.write() as session:
            for row in session.scalars(select(AdminSession)):
                row.last_seen_at -= timedelta(minutes=31)
        expired = client.get("/admin/members?q=Anna", follow_redirects=False)
        assert expired.status_code == 303
        assert expired.headers["location"].startswith("/admin/signin?reason=expired&next=/admin/members")
        csrf = sign_in(client, "coord")
        token = client.cookies.get("cw_admin")
        assert client.post("/admin/signout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
        client.cookies.set("cw_admin", token or "", path="/admin")
        assert client.get("/admin/dashboard", follow_redirects=False).status_code == 303


def test_a_disabled_user_cannot_sign_in(admin_world: AdminWorld) -> None:
    with admin_world.world.db.write() as session:
        admin_users.disable_user(session, "werben")
    with admin_world.client() as client:
        data = {"name": "werben", "password": PASSWORD, "csrf": pre_token(client)}
        assert client.post("/admin/signin", data=data).status_code == 401
