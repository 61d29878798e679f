"""Kiosk batches besides check-ins: annulments, day passes, equipment status, audit entries.

All idempotent by the client's id; a rejected item never fails the batch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from ..db import Annulment, AuditEntry, EquipmentChange
from .day_passes import DayPassItem, store_day_pass
from .equipment import check_status, get_equipment, set_equipment_status
from .errors import Conflict, DomainError, Forbidden
from .facts import annulment_space, apply_annulment, item_result
from .redeem import find_checkin
from .staff import check_staff_of_space
from .usage import check_overshoot, lock_member

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class AnnulmentItem:
    id: str
    nonce: str
    staff_id: int | None
    reason: str
    at: datetime


@dataclass(frozen=True, slots=True)
class EquipmentStatusItem:
    id: str
    equipment_id: int
    status: str
    note: str
    staff_id: int | None
    at: datetime


@dataclass(frozen=True, slots=True)
class AuditItem:
    id: str
    at: datetime
    staff_id: int | None
    action: str
    detail: str


def run_batch(
    session: Session, items: Sequence[T], key: Callable[[T], str], store: Callable[[T], str]
) -> list[dict[str, Any]]:
    results = []
    for item in items:
        try:
            with session.begin_nested():
                status = store(item)
            results.append(item_result(key(item), status))
        except DomainError as exc:
            results.append(item_result(key(item), "rejected", exc))
    return results


def store_annulments(
    session: Session, items: Sequence[AnnulmentItem], *, space_id: int, kiosk_id: int | None
) -> list[dict[str, Any]]:
    def store(item: AnnulmentItem) -> str:
        existing = session.get(Annulment, item.id)
        if existing is not None:
            if annulment_space(session, existing) != space_id:
                raise Conflict("this id belongs to an annulment of another space")
            return "duplicate"
        check_staff_of_space(session, item.staff_id, space_id)
        checkin = find_checkin(session, item.nonce)
        if checkin is not None and checkin.space_id != space_id:
            raise Forbidden("a kiosk may undo only its own space's check-ins")
        if checkin is not None and checkin.member_number is not None:
            # lock order as everywhere: the member, then its check-in (a concurrent upload may
            # replace it); read it again under the lock
            lock_member(session, checkin.member_number)
            session.refresh(checkin, with_for_update=True)
        annulment = Annulment(
            id=item.id,
            checkin_nonce=item.nonce,
            staff_id=item.staff_id,
            reason=item.reason,
            at=item.at,
            kiosk_id=kiosk_id,
            space_id=space_id,  # applies only to a check-in at this space, also one that comes later
        )
        session.add(annulment)
        if checkin is not None:  # otherwise applied when the check-in arrives
            counted_before = checkin.counted and checkin.annulled_at is None
            apply_annulment(checkin, annulment)
            if counted_before and checkin.member_number is not None:
                member = lock_member(session, checkin.member_number)
                assert member is not None  # foreign key
                check_overshoot(session, member, checkin.day, shrink=True)
        session.flush()
        return "stored"

    return run_batch(session, items, lambda item: item.id, store)


def store_day_passes(
    session: Session, items: Sequence[DayPassItem], *, space_id: int
) -> list[dict[str, Any]]:
    return run_batch(
        session, items, lambda item: item.id, lambda item: store_day_pass(session, item, space_id=space_id)
    )


def store_equipment_changes(
    session: Session, items: Sequence[EquipmentStatusItem], *, space_id: int, kiosk_id: int | None
) -> list[dict[str, Any]]:
    def store(item: EquipmentStatusItem) -> str:
        if session.get(EquipmentChange, item.id) is not None:
            return "duplicate"
        equipment = get_equipment(session, item.equipment_id)
        if equipment.space_id != space_id:
            raise Forbidden("a kiosk may change only its own space's equipment")
        check_status(item.status)
        session.add(
            EquipmentChange(
                id=item.id,
                equipment_id=item.equipment_id,
                status=item.status,
                note=item.note,
                staff_id=item.staff_id,
                at=item.at,
                kiosk_id=kiosk_id,
            )
        )
        set_equipment_status(session, item.equipment_id, item.status, item.note, item.at)
        return "stored"

    return run_batch(session, items, lambda item: item.id, store)


def store_audit(
    session: Session, items: Sequence[AuditItem], *, space_id: int, kiosk_id: int
) -> list[dict[str, Any]]:
    def store(item: AuditItem) -> str:
        existing = session.get(AuditEntry, item.id)
        if existing is not None:
            if existing.space_id != space_id:
                raise Conflict("this id belongs to an audit entry of another space")
            return "duplicate"
        check_staff_of_space(session, item.staff_id, space_id)
        session.add(
            AuditEntry(
                id=item.id,
                at=item.at,
                actor=f"kiosk:{kiosk_id}",
                space_id=space_id,
                staff_id=item.staff_id,
                action=item.action,
                detail=item.detail,
            )
        )
        session.flush()
        return "stored"

    return run_batch(session, items, lambda item: item.id, store)
