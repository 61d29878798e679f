"""One router per area of the web admin."""

from __future__ import annotations

from fastapi import APIRouter

from . import auth, dashboard, members

ROUTERS: list[APIRouter] = [auth.router, dashboard.router, members.router]
