"""Events (list from today on, cancel, iCalendar import, feeds) and equipment (list, status)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, UploadFile
from fastapi.responses import Response

from ...importers.ical import EventImportError, apply_events, default_window
from ...importers.ical_parse import IcsError
from ...importers.ical_worker import parse_ics_bounded
from ...services import audit, equipment, event_admin, events, feeds, scope
from ...services.clock import utc_now
from ...services.errors import Invalid
from ...services.network import get_calendar
from ...services.spaces import get_space
from ..forms import EquipmentEdit, validate
from ..render import page
from ..session import Checked, Posted, Who, database, lang_of
from ..texts import text
from .common import back, slug_of, space_names, space_options, who_actor

router = APIRouter()
MAX_ICS = 5 * 1024 * 1024


def _events_page(
    request: Request, who: Who, space: str, notice: str = "", bad: bool = False, status: int = 200
) -> Response:
    now = utc_now()
    with database(request).read() as session:
        space_id = scope.space_filter(session, who, space)
        calendar = get_calendar(session)
        since = calendar.day_start(calendar.local_date(now))
        rows = event_admin.upcoming(session, space_id, since)
        subscribed = [f for f in feeds.list_feeds(session) if space_id is None or f.space_id == space_id]
        names = space_names(session)
        options = space_options(session, who)
        chosen = slug_of(session, space_id) if space else ""
    return page(
        request,
        "events.html",
        status,
        rows=rows,
        feeds=subscribed,
        names=names,
        options=options,
        chosen=chosen,
        notice=notice,
        bad=bad,
    )


@router.get("/admin/events")
def show(
    request: Request, who: Who, space: str = Query("", max_length=200), notice: str = Query("", max_length=40)
) -> Response:
    return _events_page(request, who, space, text(f"events.{notice}", lang_of(request)) if notice else "")


@router.post("/admin/events/{event_id}/cancel")
def cancel(request: Request, who: Checked, event_id: int, form: Posted) -> Response:
    cancelled = str(form.get("cancelled", "true")) == "true"
    with database(request).write() as session:
        event = events.get_event(session, event_id)
        scope.require_space(who, event.space_id)
        events.cancel_event(session, event_id, cancelled)
        audit.record(
            session,
            actor=who_actor(who),
            action="event.cancel" if cancelled else "event.uncancel",
            space_id=event.space_id,
            detail=f"event {event.id}",
        )
    return back("/admin/events", "updated")


@router.post("/admin/events/import")
def import_ics(request: Request, who: Checked, form: Posted, file: UploadFile | None = None) -> Response:
    lang = lang_of(request)
    slug = str(form.get("space", ""))
    data = file.file.read(MAX_ICS + 1) if file is not None else b""
    with database(request).read() as session:
        space_id = get_space(session, slug).id if slug else who.space_id
        scope.require_space(who, space_id)
        calendar = get_calendar(session)
        window = default_window(calendar.local_date(utc_now()), calendar.timezone)
        space_slug = slug_of(session, space_id)
    if not data or len(data) > MAX_ICS:
        return _events_page(request, who, "", text("import.no_file", lang), bad=True, status=422)
    try:
        parsed = parse_ics_bounded(data, timezone=calendar.timezone, window=window)
    except IcsError as exc:
        return _events_page(request, who, "", text("events.import_failed", lang, message=str(exc)), True, 422)
    try:
        with database(request).write() as session:
            if not scope.is_network(who):
                assert space_id is not None
                event_admin.check_import_space(session, parsed, space_id)
            summary = apply_events(session, parsed, default_space=space_slug or None)
            audit.record(
                session, actor=who_actor(who), action="event.import", space_id=space_id, detail=summary.line()
            )
    except EventImportError as exc:
        return _events_page(
            request, who, "", text("events.import_failed", lang, message=exc.message), True, 422
        )
    message = text("events.imported", lang, added=summary.created, updated=summary.updated)
    return _events_page(request, who, "", message)


@router.get("/admin/equipment")
def equipment_list(
    request: Request, who: Who, space: str = Query("", max_length=200), notice: str = Query("", max_length=40)
) -> Response:
    with database(request).read() as session:
        space_id = scope.space_filter(session, who, space)
        items = equipment.list_equipment(session, space_id)
        names = space_names(session)
        options = space_options(session, who)
        chosen = slug_of(session, space_id) if space else ""
    shown = text(f"events.{notice}", lang_of(request)) if notice else ""
    return page(
        request,
        "equipment.html",
        items=items,
        names=names,
        options=options,
        chosen=chosen,
        notice=shown,
        statuses=equipment.STATUSES,
    )


@router.post("/admin/equipment/{equipment_id}/status")
def equipment_status(request: Request, who: Checked, equipment_id: int, form: Posted) -> Response:
    model, errors = validate(
        EquipmentEdit, {k: str(form.get(k, "")) for k in ("status", "note")}, lang_of(request)
    )
    if model is None or model.status not in equipment.STATUSES:
        raise Invalid("unknown status")
    with database(request).write() as session:
        item = equipment.get_equipment(session, equipment_id)
        scope.require_space(who, item.space_id)
        equipment.set_equipment_status(session, equipment_id, model.status, model.note or "")
        audit.record(
            session,
            actor=who_actor(who),
            action="equipment.status",
            space_id=item.space_id,
            detail=f"equipment {item.id}: {model.status}",
        )
    return back("/admin/equipment", "updated")
