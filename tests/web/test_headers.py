"""The admin's answers carry the security headers; the kiosk API's do not pay for them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netserver.web.headers import SECURITY_HEADERS

from .conftest import AdminWorld


def test_admin_pages_carry_the_security_headers_and_the_api_does_not(
    coord: tuple[TestClient, str], admin_world: AdminWorld
) -> None:
    client, _ = coord
    for path in ("/admin/members", "/admin/signin", "/admin/no-such-page"):
        answer = client.get(path, follow_redirects=False)
        for name, value in SECURITY_HEADERS.items():
            assert answer.headers.get(name) == value, (path, name)
    health = client.get("/api/v1/health")
    assert health.status_code == 200
    assert "content-security-policy" not in health.headers
    assert "referrer-policy" not in health.headers


def test_a_header_the_page_set_itself_is_kept(coord: tuple[TestClient, str]) -> None:
    client, _ = coord
    css = client.get("/admin/static/admin.css")
    assert css.status_code == 200
    assert css.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert len(css.headers.get_list("cache-control")) == 1  # never two Cache-Control headers
