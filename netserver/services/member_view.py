"""What a member's page shows: guest days left, the partner spaces and their hours, the
region's upcoming events, the skills board setting. Read-only; the routes render it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.opening_hours import OpeningHoursError, describe, parse

from ..db import Event, Member, SkillOptIn, Space
from .clock import utc_now
from .network import get_calendar, get_network, get_policy
from .usage import counted_uses

EVENT_DAYS = 30
MAX_EVENTS = 12


@dataclass(frozen=True, slots=True)
class SpaceLine:
    name: str
    town: str
    home: bool
    hours: list[tuple[str, str]]  # (days, times); empty: not given


@dataclass(frozen=True, slots=True)
class EventLine:
    title: str
    space: str
    starts_local: datetime
    ends_local: datetime
    url: str


@dataclass(frozen=True, slots=True)
class MemberPage:
    network: str
    timezone: str
    display_name: str
    number: int
    home_space: str
    state: str
    guest_days_allowed: int
    guest_days_left: int
    month: int
    year: int
    spaces: list[SpaceLine]
    events: list[EventLine]
    skills_first_name: str | None  # None: not opted in
    skills_topics: list[str] = field(default_factory=list)


def guest_days(session: Session, member: Member, now: datetime) -> tuple[int, int]:
    """(allowed, left) this calendar month across the network, as the rules count them."""
    today = get_calendar(session).local_date(now)
    allowed = get_policy(session).guest_days_for(member.plan_code)
    uses = counted_uses(session, [member.number], today)[member.number]
    used = len({(u.space_id, u.day) for u in uses if u.space_id != member.home_space_id})
    return allowed, max(allowed - used, 0)


def _hours(text: str, lang: str) -> list[tuple[str, str]]:
    try:
        return describe(parse(text), lang)
    except OpeningHoursError:
        return []


def member_page(session: Session, member: Member, lang: str, now: datetime | None = None) -> MemberPage:
    now = now or utc_now()
    calendar = get_calendar(session)
    today = calendar.local_date(now)
    allowed, left = guest_days(session, member, now)
    spaces = list(session.scalars(select(Space).order_by(Space.name)))
    names = {s.id: s.name for s in spaces}
    lines = [
        SpaceLine(s.name, s.town, s.id == member.home_space_id, _hours(s.opening_hours, lang)) for s in spaces
    ]
    lines.sort(key=lambda line: (not line.home, line.name))
    until = now + timedelta(days=EVENT_DAYS)
    rows = session.scalars(
        select(Event)
        .where(Event.ends_at >= now, Event.starts_at < until, Event.cancelled.is_(False))
        .order_by(Event.starts_at)
        .limit(MAX_EVENTS)
    )
    events = [
        EventLine(
            e.title, names.get(e.space_id, ""), calendar.local(e.starts_at), calendar.local(e.ends_at), e.url
        )
        for e in rows
    ]
    optin = session.get(SkillOptIn, member.number)
    return MemberPage(
        network=get_network(session).name,
        timezone=calendar.timezone,
        display_name=member.display_name,
        number=member.number,
        home_space=names.get(member.home_space_id, ""),
        state=member.state,
        guest_days_allowed=allowed,
        guest_days_left=left,
        month=today.month,
        year=today.year,
        spaces=lines,
        events=events,
        skills_first_name=optin.first_name if optin else None,
        skills_topics=[t for t in optin.topics.split("\n") if t] if optin else [],
    )
