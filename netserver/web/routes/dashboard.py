"""The dashboard of a space (or of the whole network for the coordinator)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...services import dashboard, presence, scope
from ...services.clock import utc_now
from ...services.network import get_calendar
from ..render import page
from ..session import Who, database
from .common import slug_of, space_names, space_options

router = APIRouter()


@router.get("/admin/dashboard")
def show(request: Request, who: Who, space: str = Query("", max_length=200)) -> Response:
    now = utc_now()
    with database(request).read() as session:
        space_id = scope.space_filter(session, who, space)
        calendar = get_calendar(session)
        today = calendar.local_date(now)
        hours = dashboard.checkins_by_hour(session, space_id, today, calendar)
        here = presence.presence_by_hour(session, space_id, today, calendar)
        guests = dashboard.guests_by_home(session, space_id, today)
        kiosks = [k for k in dashboard.kiosk_states(session, space_id, now) if not k.revoked]
        options = space_options(session, who)
        names = space_names(session)
        chosen = slug_of(session, space_id)
    return page(
        request,
        "dashboard.html",
        hours=hours,
        here=[(n if n is not None else 0) for n in here] if any(n is not None for n in here) else None,
        top=max(hours) or 1,
        total=sum(hours),
        guests=guests,
        kiosks=kiosks,
        options=options,
        chosen=chosen,
        names=names,
        today=today,
    )
