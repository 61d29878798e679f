"""Admin: staff, enrollment codes, kiosks, events, equipment."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Response

from kiosk.core.qr import qr_png

from ...services import audit, enrollment, equipment, events, kiosks, staff
from ..admin_schemas import (
    EnrollmentCodeCreate,
    EnrollmentCodePublic,
    EquipmentCreate,
    EquipmentPublic,
    EquipmentUpdate,
    EventCreate,
    EventPublic,
    KioskPublic,
    StaffCreate,
    StaffPublic,
    StaffUpdate,
)
from ..deps import CurrentAdmin, ReadSession, WriteSession

router = APIRouter(prefix="/admin", tags=["admin"])
ObjectId = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.get("/staff", response_model=list[StaffPublic])
def list_staff(_: CurrentAdmin, session: ReadSession) -> list[StaffPublic]:
    return [StaffPublic.model_validate(s) for s in staff.list_staff(session)]


@router.post("/staff", response_model=StaffPublic, status_code=201)
def add_staff(body: StaffCreate, who: CurrentAdmin, session: WriteSession) -> StaffPublic:
    row = staff.add_staff(
        session,
        display_name=body.display_name,
        space=body.space,
        pin=body.pin,
        allow_same_name=body.allow_same_name,
    )
    audit.record(session, actor=who.actor, action="staff.add", detail=str(row.id), space_id=row.space_id)
    return StaffPublic.model_validate(row)


@router.patch("/staff/{staff_id}", response_model=StaffPublic)
def update_staff(
    staff_id: ObjectId, body: StaffUpdate, who: CurrentAdmin, session: WriteSession
) -> StaffPublic:
    row = staff.get_staff(session, staff_id)
    if body.pin is not None:
        staff.set_staff_pin(session, staff_id, body.pin)
    if body.active is not None:
        staff.set_staff_active(session, staff_id, body.active)
    audit.record(session, actor=who.actor, action="staff.update", detail=str(staff_id), space_id=row.space_id)
    return StaffPublic.model_validate(row)


@router.post("/enrollment-codes", response_model=EnrollmentCodePublic, status_code=201)
def create_code(body: EnrollmentCodeCreate, who: CurrentAdmin, session: WriteSession) -> EnrollmentCodePublic:
    code = enrollment.create_enrollment_code(session, body.space, valid_for=timedelta(days=body.valid_days))
    audit.record(session, actor=who.actor, action="enrollment_code.create", space_id=code.space_id)
    png = base64.b64encode(qr_png(code.text)).decode("ascii")
    return EnrollmentCodePublic(code=code.text, space_id=code.space_id, number=code.number, png_base64=png)


@router.get("/kiosks", response_model=list[KioskPublic])
def list_kiosks(_: CurrentAdmin, session: ReadSession) -> list[KioskPublic]:
    return [KioskPublic.model_validate(k) for k in kiosks.list_kiosks(session)]


@router.post("/kiosks/{kiosk_id}/revoke", response_model=KioskPublic)
def revoke_kiosk(kiosk_id: ObjectId, who: CurrentAdmin, session: WriteSession) -> KioskPublic:
    kiosk = kiosks.revoke_kiosk(session, kiosk_id)
    audit.record(
        session, actor=who.actor, action="kiosk.revoke", detail=str(kiosk_id), space_id=kiosk.space_id
    )
    return KioskPublic.model_validate(kiosk)


@router.get("/events", response_model=list[EventPublic])
def list_events(_: CurrentAdmin, session: ReadSession) -> list[EventPublic]:
    return [EventPublic.model_validate(e) for e in events.list_events(session)]


@router.post("/events", response_model=EventPublic, status_code=201)
def add_event(body: EventCreate, who: CurrentAdmin, session: WriteSession) -> EventPublic:
    event = events.add_event(session, **body.model_dump())
    audit.record(session, actor=who.actor, action="event.add", detail=str(event.id), space_id=event.space_id)
    return EventPublic.model_validate(event)


@router.post("/events/{event_id}/cancel", response_model=EventPublic)
def cancel_event(event_id: ObjectId, who: CurrentAdmin, session: WriteSession) -> EventPublic:
    event = events.cancel_event(session, event_id)
    audit.record(
        session, actor=who.actor, action="event.cancel", detail=str(event_id), space_id=event.space_id
    )
    return EventPublic.model_validate(event)


@router.delete("/events/{event_id}", status_code=204)
def delete_event(event_id: ObjectId, who: CurrentAdmin, session: WriteSession) -> Response:
    events.delete_event(session, event_id)
    audit.record(session, actor=who.actor, action="event.delete", detail=str(event_id))
    return Response(status_code=204)


@router.get("/equipment", response_model=list[EquipmentPublic])
def list_equipment(_: CurrentAdmin, session: ReadSession) -> list[EquipmentPublic]:
    return [EquipmentPublic.model_validate(e) for e in equipment.list_equipment(session)]


@router.post("/equipment", response_model=EquipmentPublic, status_code=201)
def add_equipment(body: EquipmentCreate, who: CurrentAdmin, session: WriteSession) -> EquipmentPublic:
    item = equipment.add_equipment(session, **body.model_dump())
    audit.record(
        session, actor=who.actor, action="equipment.add", detail=str(item.id), space_id=item.space_id
    )
    return EquipmentPublic.model_validate(item)


@router.patch("/equipment/{equipment_id}", response_model=EquipmentPublic)
def update_equipment(
    equipment_id: ObjectId, body: EquipmentUpdate, who: CurrentAdmin, session: WriteSession
) -> EquipmentPublic:
    item = equipment.set_equipment_status(session, equipment_id, body.status, body.note)
    audit.record(session, actor=who.actor, action="equipment.status", detail=str(equipment_id))
    return EquipmentPublic.model_validate(item)
