"""The desk after a busy minute at the door: several denials, today's list as staff read it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from .conftest import QT_NOISE
from .test_desk_flow import unlock

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def at_the_door(qtbot, app, text):
    with qtbot.waitSignal(app.checkin_presenter.result_shown, timeout=10_000) as blocker:
        app.checkin_presenter.check_in(text, "wedge")
    app.checkin.show_scanning()
    return blocker.args[0]


def admit_selected(qtbot, members, reason):
    members.result.setText("")
    qtbot.keyClicks(members.reason, reason)
    qtbot.mouseClick(members.override, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: members.result.text().startswith("✔"), timeout=10_000)


def test_two_denials_in_a_row_can_each_be_admitted(qtbot, world, services, make_app):
    app = make_app(services, camera=None, scanner=True)
    first = at_the_door(qtbot, app, world.pass_text("replaced"))
    second = at_the_door(qtbot, app, world.pass_text("forged"))
    assert not first.verdict.admitted and not second.verdict.admitted
    unlock(qtbot, app, world.pin)
    members = app.desk.members
    denials = members.denials
    assert [d.nonce for d in denials.denials] == [second.nonce, first.nonce]  # newest first
    assert not denials.isHidden() and denials.rowCount() == 2
    # The first person comes to the desk after the second: staff pick them from the list.
    denials.selectRow(1)
    assert members._denied == (first.verdict.member_number, first.nonce)
    admit_selected(qtbot, members, "new card is in the post")
    assert [d.nonce for d in denials.denials] == [second.nonce]
    assert members._denied == (second.verdict.member_number, second.nonce)
    admit_selected(qtbot, members, "joined this morning")
    assert denials.denials == () and denials.isHidden()
    overrides = [r for r in services.store.todays_checkins(services.clock.now()) if r.method == "override"]
    assert sorted(r.override_reason for r in overrides) == ["joined this morning", "new card is in the post"]


def test_today_counts_people_shows_override_reasons_and_never_a_forged_codes_name(
    qtbot, world, services, make_app
):
    app = make_app(services, camera=None, scanner=True)
    for key in ("home_member", "home_member", "forged", "replaced"):  # Anna twice: one person
        at_the_door(qtbot, app, world.pass_text(key))
    unlock(qtbot, app, world.pin)
    members = app.desk.members
    assert members._denied is not None and members.denials.selected().who == "Paul W."
    admit_selected(qtbot, members, "Karte vergessen, bar bezahlt")
    today = app.desk.today
    qtbot.waitUntil(lambda: today.table.rowCount() == 5, timeout=10_000)
    # Anna (home member, twice) and Paul (admitted by staff): two people, five scans.
    assert today.summary.text() == "Heute 2 Personen eingelassen, 5 Scans insgesamt"
    rows = [[today.table.item(r, c).text() for c in range(5)] for r in range(today.table.rowCount())]
    override = next(r for r in rows if "Vom Team eingelassen" in r[2])
    assert "Grund: Karte vergessen, bar bezahlt" in override[4]
    forged = next(r for r in rows if "Unbekannter Ausweis" in r[2])
    claimed = world.network.samples["forged"].display_name
    assert claimed not in forged[1] and "Unbekannter Ausweis" in forged[1]
    assert str(world.network.samples["forged"].member_number) in forged[1]  # "gibt Nr. … an"
    assert not any(claimed in r[1] for r in rows)
    assert not any(claimed in d.who for d in members.denials.denials)
    app.set_language("en")
    qtbot.waitUntil(lambda: today.summary.text() == "2 people admitted today, 5 scans in all")


def test_admitting_a_forged_pass_does_not_give_the_visit_to_the_member_it_claims(
    qtbot, world, services, make_app
):
    app = make_app(services, camera=None, scanner=True)
    forged = at_the_door(qtbot, app, world.pass_text("forged"))
    assert not forged.verdict.admitted
    replaced = at_the_door(qtbot, app, world.pass_text("replaced"))
    unlock(qtbot, app, world.pin)
    members = app.desk.members
    members.denials.selectRow(1)  # the forged one (newest first)
    assert members._denied is not None and members._denied[1] == forged.nonce
    admit_selected(qtbot, members, "hat sich ausgewiesen")
    admit_selected(qtbot, members, "neue Karte kommt")  # the replaced card: a verified member
    overrides = {
        r.override_reason: r
        for r in services.store.todays_checkins(services.clock.now())
        if r.method == "override"
    }
    assert overrides["hat sich ausgewiesen"].member_number is None
    assert overrides["neue Karte kommt"].member_number == replaced.verdict.member_number
