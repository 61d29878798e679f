"""The here-today skills board on the lobby: the demo's opted-in members of today, with first
name and topics only; a withdrawal reaches the board with the next sync and refresh."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from netserver.services import skills, spaces

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))


def test_opted_in_members_show_with_their_topics_until_they_withdraw(qtbot, world, services, make_app):
    app = make_app(services, camera=None, lobby=True)
    qtbot.waitUntil(lambda: app.lobby.skills.isVisibleTo(app.lobby), timeout=10_000)
    board = texts(app.lobby.skills)
    assert "HEUTE HIER: SPRICH UNS AN ZU" in board
    shown = [line for line in board.splitlines() if "·" in line]
    assert len(shown) == 2 and any(line.endswith("Fotografie, WordPress, Förderanträge") for line in shown)
    first = shown[0].split("  ·  ")[0]
    full_names = [services.store.member(n).display_name for n in world.network.passes]
    assert not [n for n in full_names if n in texts(app.lobby)]  # first names only, never a full name
    named = [n for n in world.network.passes if services.store.member(n).display_name.startswith(first + " ")]
    number = named[0]
    with world.server.db.write() as session:
        skills.withdraw(session, number)
    assert services.engine.run_once().ok
    app.skills_presenter.refresh()
    qtbot.waitUntil(lambda: first not in texts(app.lobby.skills), timeout=10_000)
    qtbot.waitUntil(lambda: len([x for x in texts(app.lobby.skills).splitlines() if "·" in x]) == 1)


def test_the_lobby_counts_who_is_in_today_against_the_desks(qtbot, world, services, make_app):
    with world.server.db.write() as session:  # open all day: the count must not depend on the hour
        spaces.set_opening_hours(session, "stendal", "Mo-Su 00:00-24:00")
    assert services.engine.run_once().ok
    app = make_app(services, camera=None, lobby=True)
    # The demo: two members of Stendal checked in this morning; Stendal has 10 desks.
    qtbot.waitUntil(lambda: "Jetzt 2 da · 8 von 10 Plätzen frei" in texts(app.lobby.occupancy), timeout=9000)
    assert services.checkin.check_in(world.network.samples["guest_free"].text).admitted
    assert services.checkin.check_in(world.network.samples["guest_free"].text).admitted  # once only
    app.skills_presenter.refresh()
    qtbot.waitUntil(lambda: "Jetzt 3 da · 7 von 10 Plätzen frei" in texts(app.lobby.occupancy), timeout=9000)
