"""The admin accounts (coordinator only); accounts are added on the server's command line."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...services import admin_users, scope
from ..render import page
from ..session import Who, database
from .common import space_names

router = APIRouter()


@router.get("/admin/users")
def show(request: Request, who: Who) -> Response:
    scope.require_network(who)
    with database(request).read() as session:
        users = [
            {
                "name": u.name,
                "role": u.role,
                "space_id": u.space_id,
                "active": u.active,
                "set": bool(u.password_hash),
            }
            for u in admin_users.list_users(session)
        ]
        names = space_names(session)
    return page(request, "users.html", users=users, names=names)
