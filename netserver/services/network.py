"""The network itself: name, time zone, default guest days; and the policy the rules read."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.calendar import NetworkCalendar, valid_timezone
from kiosk.core.models import Policy

from ..db import Network, Plan
from .clock import utc_now
from .errors import Conflict, Invalid, NotFound

DEFAULT_PLAN = "standard"  # created by init_network with the default guest days


def init_network(session: Session, *, name: str, timezone: str, default_guest_days: int) -> Network:
    if session.get(Network, 1) is not None:
        raise Conflict("the network is already initialised")
    name = name.strip()
    if not name:
        raise Invalid("the network needs a name")
    try:
        valid_timezone(timezone)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    if default_guest_days < 0:
        raise Invalid("guest days per month cannot be negative")
    network = Network(
        id=1,
        name=name,
        timezone=timezone,
        default_guest_days=default_guest_days,
        instance_id=secrets.token_hex(8),
        created_at=utc_now(),
    )
    session.add(network)
    session.add(Plan(code=DEFAULT_PLAN, name="Standard", guest_days_per_month=default_guest_days))
    session.flush()
    return network


def get_network(session: Session) -> Network:
    network = session.get(Network, 1)
    if network is None:
        raise NotFound("the network is not initialised: run `coworking-netserver init` first")
    return network


def get_policy(session: Session) -> Policy:
    network = get_network(session)
    plans = {code: days for code, days in session.execute(select(Plan.code, Plan.guest_days_per_month))}
    return Policy(
        timezone=network.timezone,
        default_guest_days=network.default_guest_days,
        plan_guest_days=plans,
        popup_guest_day=bool(network.popup_guest_day),
    )


def get_calendar(session: Session) -> NetworkCalendar:
    return NetworkCalendar(get_network(session).timezone)
