"""One router per area of the web admin."""

from __future__ import annotations

from fastapi import APIRouter

from . import (
    audit,
    auth,
    conflicts,
    dashboard,
    events,
    imports,
    kiosks,
    member_links,
    members,
    popups,
    report,
    staff,
    users,
)

ROUTERS: list[APIRouter] = [
    auth.router,
    dashboard.router,
    members.router,
    member_links.router,
    imports.router,
    staff.router,
    kiosks.router,
    events.router,
    popups.router,
    report.router,
    audit.router,
    conflicts.router,
    users.router,
]
