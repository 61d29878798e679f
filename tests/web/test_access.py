"""The access rule of EVERY admin route, over HTTP, enumerated from `app.routes`:

- without a session: a redirect to the sign-in page (nothing else);
- a space manager on another space's object or list, or on a coordinator's page: 403;
- a state-changing request without the session's CSRF token: 403, nothing changed;
- no refused answer carries anything of the database (names, e-mail, titles).

A new route without an entry in RULES fails `test_every_admin_route_has_a_rule`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from netserver.api.app import create_app
from netserver.services import conflicts, equipment, events, popups, staff
from netserver.services.clock import utc_now
from netserver.settings import Settings
from tests.server.conftest import enroll
from tests.server.test_facts import fact, upload

from .conftest import AdminWorld, sign_in

# Everything of Stendal a Werben manager must never see in a refused answer.
SECRETS = (
    "Anna",
    "anna@example.org",
    "Ben",
    "Stendal Desk Kim",
    "Eingang Stendal",
    "Stendal Salon",
    "Lötstation",
    "Lesecafé Altstadt",
)


@dataclass
class Objects:
    member: int
    staff: int
    kiosk: int
    event: int
    equipment: int
    conflict: int = 1  # a fact of Stendal held for staff
    popup: int = 1


@pytest.fixture
def stendal(admin_world: AdminWorld) -> Objects:
    world = admin_world.world
    with world.client() as client:
        kiosk = enroll(client, world.stendal_code, "Eingang Stendal")
        later = utc_now() + timedelta(days=30)  # later than the server's time: held for staff
        upload(client, kiosk, fact(1, world.anna.member_number, at=later))
    start = utc_now() + timedelta(days=1)
    with world.db.write() as session:
        kim = staff.add_staff(session, display_name="Stendal Desk Kim", space="stendal", pin="654329")
        event = events.add_event(
            session,
            space="stendal",
            title="Stendal Salon",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
        )
        tool = equipment.add_equipment(session, space="stendal", name="Lötstation")
        held = conflicts.held(session, 1)
        assert len(held) == 1
        day = (start + timedelta(days=1)).date().isoformat()
        request = popups.PopupRequest(
            "Lesecafé Altstadt", "Stendal", day, "09:00", "13:00", "Kim", space="stendal"
        )
        popup = popups.add_popup(session, request, actor="test")
        ids = Objects(world.anna.member_number, kim.id, 1, event.id, tool.id, held[0].id, popup.id)
    return ids


PUBLIC = {
    ("GET", "/admin"),
    ("GET", "/admin/"),
    ("GET", "/admin/signin"),
    ("POST", "/admin/signin"),
    ("GET", "/admin/setup/{token}"),
    ("POST", "/admin/setup/{token}"),
    ("GET", "/admin/lang/{code}"),
}


# (method, path) -> how a Werben manager reaches Stendal's data there: (url, form) or a reason
# why the route is scoped another way (tested in test_scope.py).
def rules(o: Objects) -> dict[tuple[str, str], tuple[str, dict[str, str]] | str]:
    return {
        ("POST", "/admin/signout"): "own session only",
        ("GET", "/admin/dashboard"): ("/admin/dashboard?space=stendal", {}),
        ("GET", "/admin/members"): ("/admin/members?space=stendal&q=a", {}),
        ("GET", "/admin/members/{number}"): (f"/admin/members/{o.member}", {}),
        ("POST", "/admin/members/{number}"): (
            f"/admin/members/{o.member}",
            {"display_name": "X", "plan": "standard"},
        ),
        ("POST", "/admin/members/{number}/state"): (f"/admin/members/{o.member}/state", {"state": "paused"}),
        ("POST", "/admin/members/{number}/reissue"): (f"/admin/members/{o.member}/reissue", {}),
        ("GET", "/admin/members/{number}/data"): (f"/admin/members/{o.member}/data", {}),
        ("POST", "/admin/members/{number}/erase"): (f"/admin/members/{o.member}/erase", {"confirm": "ERASE"}),
        ("POST", "/admin/members/{number}/link"): (f"/admin/members/{o.member}/link", {"new_pass": "1"}),
        ("GET", "/admin/conflicts"): ("/admin/conflicts?space=stendal", {}),
        ("POST", "/admin/conflicts/{conflict_id}/count"): (f"/admin/conflicts/{o.conflict}/count", {}),
        ("POST", "/admin/conflicts/{conflict_id}/dismiss"): (f"/admin/conflicts/{o.conflict}/dismiss", {}),
        ("GET", "/admin/import"): "a form only",
        ("POST", "/admin/import/preview"): "other spaces' lines are refused (test_scope.py)",
        ("POST", "/admin/import/commit"): "other spaces' lines are refused (test_scope.py)",
        ("GET", "/admin/staff"): ("/admin/staff?space=stendal", {}),
        ("POST", "/admin/staff"): (
            "/admin/staff",
            {"display_name": "Neu", "space": "stendal", "pin": "111111"},
        ),
        ("POST", "/admin/staff/{staff_id}/pin"): (f"/admin/staff/{o.staff}/pin", {"pin": "222222"}),
        ("POST", "/admin/staff/{staff_id}/active"): (f"/admin/staff/{o.staff}/active", {"active": "false"}),
        ("GET", "/admin/kiosks"): ("/admin/kiosks?space=stendal", {}),
        ("POST", "/admin/kiosks/code"): ("/admin/kiosks/code", {"space": "stendal"}),
        ("POST", "/admin/kiosks/{kiosk_id}/revoke"): (f"/admin/kiosks/{o.kiosk}/revoke", {}),
        ("POST", "/admin/kiosks/{kiosk_id}/replace"): (f"/admin/kiosks/{o.kiosk}/replace", {}),
        ("GET", "/admin/events"): ("/admin/events?space=stendal", {}),
        ("POST", "/admin/events/{event_id}/cancel"): (
            f"/admin/events/{o.event}/cancel",
            {"cancelled": "true"},
        ),
        ("POST", "/admin/events/import"): ("/admin/events/import", {"space": "stendal"}),
        ("GET", "/admin/equipment"): ("/admin/equipment?space=stendal", {}),
        ("POST", "/admin/equipment/{equipment_id}/status"): (
            f"/admin/equipment/{o.equipment}/status",
            {"status": "out_of_order", "note": ""},
        ),
        ("GET", "/admin/report"): "rows of the own space only (test_scope.py)",
        ("GET", "/admin/report/download"): "rows of the own space only (test_scope.py)",
        ("GET", "/admin/audit"): ("/admin/audit?space=stendal", {}),
        ("GET", "/admin/audit/export"): ("/admin/audit/export?space=stendal", {}),
        ("GET", "/admin/users"): ("/admin/users", {}),
        ("GET", "/admin/popups"): "rows of the own space only (test_popups_admin.py)",
        ("POST", "/admin/popups"): (
            "/admin/popups",
            {
                "place": "X",
                "town": "Y",
                "date": "2030-01-02",
                "start": "09:00",
                "end": "10:00",
                "host": "Z",
                "space": "stendal",
            },
        ),  # fmt: skip
        ("POST", "/admin/popups/{popup_id}/cancel"): (f"/admin/popups/{o.popup}/cancel", {}),
        ("POST", "/admin/popups/{popup_id}/code"): (f"/admin/popups/{o.popup}/code", {}),
        ("POST", "/admin/popups/setting"): ("/admin/popups/setting", {"guest_day": "on"}),
    }


def _walk(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    """Every APIRoute with its full path (FastAPI >= 0.16x wraps included routers)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):
            inner = getattr(getattr(route, "include_context", None), "prefix", "") or ""
            yield from _walk(route.original_router.routes, prefix + inner)


def admin_routes() -> list[tuple[str, str]]:
    app = create_app(Settings(database_url="sqlite://"))
    found = []
    for path, route in _walk(list(app.routes)):
        if path == "/admin" or path.startswith("/admin/"):
            found += [(method, path) for method in sorted(route.methods)]
    return sorted(set(found))


ROUTES = admin_routes()
PROTECTED = [route for route in ROUTES if route not in PUBLIC]
EXAMPLE = Objects(10001, 1, 1, 1, 1)


def url_for(route: tuple[str, str], o: Objects) -> tuple[str, dict[str, str]]:
    rule = rules(o)[route]
    if isinstance(rule, tuple):
        return rule
    path = route[1].replace("{number}", str(o.member)).replace("{staff_id}", str(o.staff))
    path = path.replace("{kiosk_id}", str(o.kiosk)).replace("{event_id}", str(o.event))
    path = path.replace("{conflict_id}", str(o.conflict))
    path = path.replace("{popup_id}", str(o.popup))
    return path.replace("{equipment_id}", str(o.equipment)), {}


def assert_nothing_of_the_database(body: str) -> None:
    for secret in SECRETS:
        assert secret not in body


def test_every_admin_route_has_a_rule() -> None:
    assert len(ROUTES) > 30
    missing = [route for route in PROTECTED if route not in rules(EXAMPLE)]
    assert missing == []


@pytest.fixture
def anonymous(admin_world: AdminWorld) -> Iterator[TestClient]:
    with admin_world.client() as client:
        yield client


@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: f"{r[0]} {r[1]}")
def test_no_session_is_sent_to_sign_in(
    anonymous: TestClient, stendal: Objects, route: tuple[str, str]
) -> None:
    url, form = url_for(route, stendal)
    response = anonymous.request(route[0], url, data=form or None, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/admin/signin")
    assert response.content == b""


@pytest.fixture
def werben(admin_world: AdminWorld) -> Iterator[tuple[TestClient, str]]:
    with admin_world.client() as client:
        yield client, sign_in(client, "werben")


SPACE_BOUND = [route for route in PROTECTED if isinstance(rules(EXAMPLE)[route], tuple)]


@pytest.mark.parametrize("route", SPACE_BOUND, ids=lambda r: f"{r[0]} {r[1]}")
def test_another_space_is_refused_403(
    werben: tuple[TestClient, str], stendal: Objects, route: tuple[str, str], admin_world: AdminWorld
) -> None:
    client, csrf = werben
    url, form = url_for(route, stendal)
    data = {**form, "csrf": csrf} if route[0] == "POST" else None
    files = (
        {"file": ("x.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")}
        if url.endswith("/events/import")
        else None
    )
    response = client.request(route[0], url, data=data, files=files, follow_redirects=False)
    assert response.status_code == 403, response.text[:500]
    assert_nothing_of_the_database(response.text)
    # and the Stendal member is untouched
    with admin_world.world.db.read() as session:
        from netserver.services.members import get_member

        anna = get_member(session, stendal.member)
        assert (anna.display_name, anna.state, anna.pass_serial) == ("Anna", "active", 1)


POSTS = [route for route in PROTECTED if route[0] == "POST"]


@pytest.mark.parametrize("route", POSTS, ids=lambda r: f"{r[0]} {r[1]}")
def test_a_post_without_the_csrf_token_is_refused(
    coord: tuple[TestClient, str], stendal: Objects, route: tuple[str, str], admin_world: AdminWorld
) -> None:
    client, csrf = coord
    url, form = url_for(route, stendal)
    for token in (None, "wrong-" + csrf):
        data = {**form, **({"csrf": token} if token else {})}
        response = client.post(url, data=data or {"x": "1"}, follow_redirects=False)
        assert response.status_code == 403, response.text[:300]
        assert_nothing_of_the_database(response.text)
    with admin_world.world.db.read() as session:
        from netserver.services.members import get_member

        anna = get_member(session, stendal.member)
        assert (anna.display_name, anna.state, anna.pass_serial) == ("Anna", "active", 1)
    assert client.get("/admin/dashboard").status_code == 200  # still signed in


@pytest.mark.parametrize("route", [r for r in PROTECTED if r[0] == "GET"], ids=lambda r: f"{r[0]} {r[1]}")
def test_the_coordinator_reaches_every_page(
    coord: tuple[TestClient, str], stendal: Objects, route: tuple[str, str]
) -> None:
    client, _csrf = coord
    url, _form = url_for(route, stendal)
    response = client.get(url)
    assert response.status_code == 200, response.text[-800:]
