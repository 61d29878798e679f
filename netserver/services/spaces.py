"""Spaces of the network and plans (guest days per month)."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.credentials import SPACE_WIDTH

from ..db import Plan, Space
from ..db.sequence import exclusive
from .errors import Conflict, Invalid, NotFound

MAX_SPACE_ID = 32**SPACE_WIDTH - 1
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def add_space(
    session: Session,
    *,
    slug: str,
    name: str,
    town: str = "",
    space_id: int | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> Space:
    slug = slug.strip().lower()
    if not _SLUG.match(slug):
        raise Invalid(f"slug {slug!r}: use lower-case letters, digits and hyphens")
    if not name.strip():
        raise Invalid("a space needs a name")
    if space_id is not None and not 1 <= space_id <= MAX_SPACE_ID:
        raise Invalid(f"space id must be between 1 and {MAX_SPACE_ID}")
    exclusive(session, "space-ids")  # the max(id) below must not race another writer
    if space_id is None:  # explicit ids: an explicit id elsewhere never desynchronises a DB sequence
        space_id = int(session.scalar(select(func.coalesce(func.max(Space.id), 0))) or 0) + 1
    if session.scalar(select(Space.id).where(Space.slug == slug)) is not None:
        raise Conflict(f"a space with slug {slug!r} exists already")
    if space_id is not None and session.get(Space, space_id) is not None:
        raise Conflict(f"space {space_id} exists already")
    space = Space(id=space_id, slug=slug, name=name.strip(), town=town.strip(), lat=lat, lon=lon)
    session.add(space)
    if space.id > MAX_SPACE_ID:
        raise Invalid(f"no space id left below {MAX_SPACE_ID}")
    session.flush()
    return space


def get_space(session: Session, ref: int | str) -> Space:
    """A space by id, by slug (also a numeric string is taken as an id) or by its name, any
    case ("Stendal Altstadt"; a name two spaces share finds neither)."""
    space: Space | None
    if isinstance(ref, int) or (ref.isascii() and ref.isdigit()):
        number = int(ref)
        space = session.get(Space, number) if 0 < number <= MAX_SPACE_ID else None
    else:
        space = session.scalar(select(Space).where(Space.slug == ref.strip().lower()))
        if space is None:
            named = list(
                session.scalars(select(Space).where(func.lower(Space.name) == _folded(ref)).limit(2))
            )
            space = named[0] if len(named) == 1 else None
    if space is None:
        raise NotFound(f"no space {ref!r}")
    return space


def list_spaces(session: Session) -> list[Space]:
    return list(session.scalars(select(Space).order_by(Space.id)))


def add_plan(session: Session, *, code: str, name: str, guest_days_per_month: int) -> Plan:
    code = code.strip()
    if not code or len(code) > 64:
        raise Invalid("a plan needs a code of 1 to 64 characters")
    if guest_days_per_month < 0:
        raise Invalid("guest days per month cannot be negative")
    if session.get(Plan, code) is not None:
        raise Conflict(f"plan {code!r} exists already")
    plan = Plan(code=code, name=name.strip() or code, guest_days_per_month=guest_days_per_month)
    session.add(plan)
    session.flush()
    return plan


def _folded(text: str) -> str:
    return " ".join(text.split()).lower()


def get_plan(session: Session, code: str) -> Plan:
    """A plan by code, or by code or name in any case ("Flex" is `flex`)."""
    plan = session.get(Plan, code)
    if plan is None:
        folded = _folded(code)
        matches = list(
            session.scalars(
                select(Plan)
                .where((func.lower(Plan.code) == folded) | (func.lower(Plan.name) == folded))
                .limit(2)
            )
        )
        plan = matches[0] if len(matches) == 1 else None
    if plan is None:
        raise NotFound(f"no plan {code!r}")
    return plan


def list_plans(session: Session) -> list[Plan]:
    return list(session.scalars(select(Plan).order_by(Plan.code)))


def set_capacity(session: Session, ref: int | str, desks: int) -> Space:
    """How many desks a space has (the lobby shows how many are free); 0: not given."""
    if not 0 <= desks <= 10_000:
        raise Invalid("capacity: a number of desks from 0 to 10000")
    space = get_space(session, ref)
    space.capacity = desks
    session.flush()
    return space


def set_checkout_by_scan(session: Session, ref: int | str, on: bool) -> Space:
    """Turn check-out by scanning again on or off for a space (synced to its kiosks)."""
    space = get_space(session, ref)
    space.checkout_by_scan = on
    session.flush()
    return space


def set_opening_hours(session: Session, ref: int | str, text: str) -> Space:
    """Set a space's opening hours ("Mo-Fr 08:00-18:00; Sa 10:00-14:00"; "" clears them)."""
    from kiosk.core.opening_hours import OpeningHoursError, parse

    text = " ".join(text.split())
    try:
        parse(text)
    except OpeningHoursError as exc:
        raise Invalid(f"opening hours: {exc}") from None
    space = get_space(session, ref)
    space.opening_hours = text
    session.flush()
    return space
