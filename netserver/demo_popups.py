"""The demo network's pop-up (docs/popups.md): Café Kranich in Werben, tomorrow 9-13, hosted by
the network's coordination for Werben, so every demo lobby board shows it and a second laptop
can be enrolled as its kiosk with the code `demo-seed` prints (valid until the pop-up ends)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from kiosk.core.calendar import NetworkCalendar

from .services import audit, popups

PLACE = "Café Kranich"


def plan_demo_popup(session: Session, today: date, timezone: str) -> tuple[int, str]:
    """(pop-up id, its kiosk enrollment code). Checked against the demo's `today`, so a demo
    seeded for another date gets its pop-up on the day after that date."""
    calendar = NetworkCalendar(timezone)
    now = calendar.day_start(today)
    request = popups.PopupRequest(
        place=PLACE,
        address="Marktplatz 4",
        town="Werben (Elbe)",
        day=(today + timedelta(days=1)).isoformat(),
        start="09:00",
        end="13:00",
        host="Netzwerk-Koordination",
        space="werben",
    )
    popup = popups.add_popup(session, request, actor="cli", now=now)
    code = popups.popup_code(session, popup.id, now=now)
    audit.record(
        session, actor="cli", action="popup.add", space_id=popup.space_id, detail=f"popup {popup.id}"
    )
    return popup.id, code.text
