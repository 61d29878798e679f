"""What the admin's routes share: the space choice of a page, redirects after a change."""

from __future__ import annotations

from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from ...services import scope
from ...services.admin_sessions import SignedIn, actor
from ...services.spaces import list_spaces


def space_options(session: Session, who: SignedIn) -> list[tuple[str, str]]:
    """(slug, name) of the spaces the user may choose: all for the coordinator, theirs otherwise."""
    return [(s.slug, s.name) for s in list_spaces(session) if scope.is_network(who) or s.id == who.space_id]


def space_names(session: Session) -> dict[int, str]:
    return {s.id: s.name for s in list_spaces(session)}


def slug_of(session: Session, space_id: int | None) -> str:
    if space_id is None:
        return ""
    return next((s.slug for s in list_spaces(session) if s.id == space_id), "")


def who_actor(who: SignedIn) -> str:
    return actor(who.name)


def back(url: str, notice: str = "") -> RedirectResponse:
    sep = "&" if "?" in url else "?"
    return RedirectResponse(f"{url}{sep}notice={notice}" if notice else url, status_code=303)
