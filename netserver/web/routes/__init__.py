"""One router per area of the web admin."""

from __future__ import annotations

from fastapi import APIRouter

from . import audit, auth, dashboard, events, imports, kiosks, members, popups, report, staff, users

ROUTERS: list[APIRouter] = [
    auth.router,
    dashboard.router,
    members.router,
    imports.router,
    staff.router,
    kiosks.router,
    events.router,
    popups.router,
    report.router,
    audit.router,
    users.router,
]
