"""Pop-up coworking on the member page: the region's coming pop-ups, and hosting one (a member
host hosts for their home space; at most popups.MAX_PER_MEMBER coming ones at a time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.core import messages

from ..db import Member
from ..services import audit, popups
from ..services.errors import DomainError, Invalid
from ..services.network import get_calendar
from ..services.spaces import list_spaces

SHOWN = 10  # the next pop-ups listed on the page


@dataclass(frozen=True, slots=True)
class PopupLine:
    place: str
    where: str  # address and town
    space: str  # the hosting space's name
    starts_local: datetime
    ends_local: datetime
    mine: bool  # hosted by this member


def coming(session: Session, member_number: int) -> list[PopupLine]:
    calendar = get_calendar(session)
    names = {s.id: s.name for s in list_spaces(session)}
    return [
        PopupLine(
            p.place,
            ", ".join(part for part in (p.address, p.town) if part),
            names.get(p.space_id, ""),
            calendar.local(p.starts_at),
            calendar.local(p.ends_at),
            p.host_member == member_number,
        )
        for p in popups.list_popups(session)[:SHOWN]
    ]


def host(session: Session, member: Member, form: dict[str, list[str]], lang: str) -> str | None:
    """Plan the member's pop-up from the posted form; None when done, else the message why not
    (in `lang`, from the shared catalogue)."""

    def field(name: str) -> str:
        return (form.get(name) or [""])[0][:400]

    try:
        if member.state != "active":
            raise Invalid("an inactive member cannot host", key="popup.member_inactive")
        hosted = popups.upcoming_count(session, member.number)
        if hosted >= popups.MAX_PER_MEMBER:
            raise Invalid("too many pop-ups", key="popup.too_many", params={"count": hosted})
        request = popups.PopupRequest(
            place=field("place"), address=field("address"), town=field("town"), day=field("date"),
            start=field("start"), end=field("end"), host=str(member.number),
        )  # fmt: skip
        popup = popups.add_popup(session, request, actor=f"member:{member.number}")
    except DomainError as exc:
        if not exc.key:
            raise
        title, detail = messages.text(exc.key, exc.params, lang)
        return f"{title}: {detail}"
    audit.record(
        session,
        actor=f"member:{member.number}",
        action="popup.add",
        space_id=popup.space_id,
        detail=f"popup {popup.id}: {popup.place}, {popup.town}",
    )
    return None
