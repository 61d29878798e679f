"""Pop-up coworking: a dated place of a hosting space, its expiring kiosk code, the network's
setting whether a check-in there uses a guest day (docs/popups.md).

Times are given as a local date and HH:MM in the network's time zone and stored in UTC.
Errors carry catalogue keys (kiosk/core/messages_popups.py), so the command line, the web
admin and the member page say them in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.credentials import EnrollmentCode

from ..db import EnrollmentCodeRow, Kiosk, Member, Popup
from . import enrollment
from .clock import utc_now
from .errors import Conflict, Invalid, NotFound
from .network import get_calendar, get_network
from .spaces import get_space

MAX_AHEAD = timedelta(days=366)
MAX_PER_MEMBER = 3  # upcoming pop-ups one member may host at a time (the member page)
_LIMITS = {"place": 200, "address": 300, "town": 200, "host": 200}


@dataclass(frozen=True, slots=True)
class PopupRequest:
    """What a person typed (CLI flags, a web form): texts, checked by `add_popup`."""

    place: str
    town: str
    day: str  # YYYY-MM-DD, network-local
    start: str  # HH:MM
    end: str  # HH:MM
    host: str  # a member number or a name
    address: str = ""
    space: str | int | None = None  # the hosting space; a member host's home space if not given


def _text(value: str, field: str) -> str:
    value = " ".join(value.split())
    if len(value) > _LIMITS[field]:
        raise Invalid(
            f"{field} too long", key="popup.text_too_long", params={"field": field, "max": _LIMITS[field]}
        )
    return value


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid(f"bad date {text!r}", key="popup.bad_date") from None


def _clock(text: str) -> time:
    try:
        hour, minute = text.strip().split(":")
        if len(minute) != 2 or not (hour.isdigit() and minute.isdigit()):
            raise ValueError(text)
        return time(int(hour), int(minute))
    except ValueError:
        raise Invalid(f"bad time {text!r}", key="popup.bad_time") from None


def add_popup(session: Session, request: PopupRequest, *, actor: str, now: datetime | None = None) -> Popup:
    """Check and store a new pop-up (it reaches every kiosk with the next sync)."""
    now = now or utc_now()
    place = _text(request.place, "place")
    town = _text(request.town, "town")
    address = _text(request.address, "address")
    host = _text(request.host, "host")
    if not place:
        raise Invalid("a pop-up needs a place", key="popup.place_missing")
    if not town:
        raise Invalid("a pop-up needs a town", key="popup.town_missing")
    if not host:
        raise Invalid("a pop-up needs a host", key="popup.host_missing")
    day, start, end = _day(request.day), _clock(request.start), _clock(request.end)
    times: dict[str, str | int] = {"start": request.start.strip(), "end": request.end.strip()}
    if end <= start:
        raise Invalid("the end must come after the start", key="popup.end_before_start", params=times)
    tz = get_calendar(session).tz
    starts_at = datetime.combine(day, start, tzinfo=tz)
    ends_at = datetime.combine(day, end, tzinfo=tz)
    if ends_at <= now:
        when = f"{day.isoformat()} {times['end']}"
        raise Invalid("the pop-up would be over already", key="popup.in_the_past", params={"end": when})
    if starts_at - now > MAX_AHEAD:
        raise Invalid("at most a year ahead", key="popup.too_far")
    host_member: Member | None = None
    if host.isascii() and host.isdigit():
        host_member = session.get(Member, int(host))
        if host_member is None:
            raise NotFound(f"no member {host}", key="popup.host_unknown", params={"number": host})
    if request.space is not None and str(request.space).strip():
        space_id = get_space(session, request.space).id
    elif host_member is not None:
        space_id = host_member.home_space_id
    else:
        raise Invalid("which space hosts the pop-up?", key="popup.space_missing")
    popup = Popup(
        space_id=space_id,
        place=place,
        address=address,
        town=town,
        starts_at=starts_at,
        ends_at=ends_at,
        host_member=host_member.number if host_member else None,
        host_name=host_member.display_name if host_member else host,
        cancelled=False,
        created_at=now,
        created_by=actor,
    )
    session.add(popup)
    session.flush()
    return popup


def get_popup(session: Session, popup_id: int) -> Popup:
    popup = session.get(Popup, popup_id)
    if popup is None:
        raise NotFound(f"no pop-up {popup_id}", key="popup.not_found", params={"id": popup_id})
    return popup


def list_popups(
    session: Session,
    *,
    upcoming: bool = True,
    space_id: int | None = None,
    host_member: int | None = None,
    now: datetime | None = None,
) -> list[Popup]:
    """Pop-ups in time order; `upcoming`: not cancelled and not over yet."""
    query = select(Popup).order_by(Popup.starts_at, Popup.id)
    if upcoming:
        query = query.where(Popup.cancelled.is_(False), Popup.ends_at > (now or utc_now()))
    if space_id is not None:
        query = query.where(Popup.space_id == space_id)
    if host_member is not None:
        query = query.where(Popup.host_member == host_member)
    return list(session.scalars(query))


def upcoming_count(session: Session, host_member: int, now: datetime | None = None) -> int:
    query = select(func.count()).where(
        Popup.host_member == host_member, Popup.cancelled.is_(False), Popup.ends_at > (now or utc_now())
    )
    return int(session.scalar(query) or 0)


def cancel_popup(session: Session, popup_id: int, *, now: datetime | None = None) -> Popup:
    """Cancel a pop-up: it leaves the boards with the next sync and its kiosks stop now."""
    popup = get_popup(session, popup_id)
    now = now or utc_now()
    popup.cancelled = True
    for kiosk in session.scalars(select(Kiosk).where(Kiosk.popup_id == popup.id)):
        if kiosk.expires_at is None or kiosk.expires_at > now:
            kiosk.expires_at = now
    session.flush()
    return popup


def popup_code(session: Session, popup_id: int, *, now: datetime | None = None) -> EnrollmentCode:
    """A one-time enrollment code for the pop-up's kiosk that expires with the pop-up (and so
    does the kiosk's token)."""
    popup = get_popup(session, popup_id)
    now = now or utc_now()
    if popup.cancelled:
        raise Conflict("the pop-up was cancelled", key="popup.cancelled", params={"id": popup.id})
    if popup.ends_at <= now:
        end = get_calendar(session).local(popup.ends_at).strftime("%Y-%m-%d %H:%M")
        raise Conflict("the pop-up is over", key="popup.ended", params={"id": popup.id, "end": end})
    code = enrollment.create_enrollment_code(session, popup.space_id, valid_for=popup.ends_at - now)
    row = session.scalar(
        select(EnrollmentCodeRow).where(
            EnrollmentCodeRow.space_id == code.space_id, EnrollmentCodeRow.number == code.number
        )
    )
    assert row is not None
    row.expires_at = popup.ends_at  # exactly the end, not now + (end - now) rounded
    row.popup_id = popup.id
    session.flush()
    return code


def set_popup_guest_day(session: Session, counts: bool) -> bool:
    """Whether a check-in at a pop-up uses a guest day (the network's setting)."""
    get_network(session).popup_guest_day = counts
    session.flush()
    return counts
