"""The web admin's member search on the normalised, indexed `members.name_key` (issue 16):
case- and accent-blind on SQLite and PostgreSQL alike (SQLite's lower() knows ASCII only, so
the old search missed "JÜRGEN" for "jürgen"), names that begin with the text first, then those
that hold it further in, filters, and the key kept up to date by every ORM write."""

from __future__ import annotations

from sqlalchemy import select

from netserver.db import Member
from netserver.db.name_key import name_key
from netserver.services import member_admin, members

from .conftest import World

NAMES = (
    "Jürgen Weiß",
    "Ayşe Öztürk",
    "Zoë Jürgensen",
    "Hans-Jürgen B.",
    "JÜRGEN K.",
    "Łukasz Żak",
    "Maria 100%",
)


def names(world: World, q: str, **filters: object) -> list[str]:
    with world.db.read() as session:
        return [m.display_name for m in member_admin.search(session, q, **filters).members]  # type: ignore[arg-type]


def test_name_key_folds_case_accents_and_spaces() -> None:
    assert name_key("  JÜRGEN   Weiß ") == "jurgen weiss"
    assert name_key("Ayşe Öztürk") == "ayse ozturk"
    assert name_key("Łukasz") == "łukasz"  # no decomposition: kept as written, folded case


def test_search_is_case_and_accent_blind_prefix_first_then_inside(world: World) -> None:
    with world.db.write() as session:
        for index, name in enumerate(NAMES):
            members.add_member(session, display_name=name, home_space="werben" if index % 2 else "stendal")
    assert names(world, "jürgen") == ["JÜRGEN K.", "Jürgen Weiß", "Hans-Jürgen B.", "Zoë Jürgensen"]
    assert names(world, "JURGEN") == names(world, "jürgen")
    assert names(world, "urge") == ["Hans-Jürgen B.", "JÜRGEN K.", "Jürgen Weiß", "Zoë Jürgensen"]
    assert names(world, "ozturk") == ["Ayşe Öztürk"] and names(world, "ÖZTÜRK") == ["Ayşe Öztürk"]
    assert names(world, "łukasz") == ["Łukasz Żak"] and names(world, "ŁUKASZ") == ["Łukasz Żak"]
    assert names(world, "100%") == ["Maria 100%"] and names(world, "%") == ["Maria 100%"]
    assert names(world, "_") == []  # wildcards are literal
    assert names(world, "jürgen", space_id=2) == ["Hans-Jürgen B."]
    with world.db.read() as session:
        found = member_admin.search(session, "jürgen", limit=3)
    assert [m.display_name for m in found.members] == ["JÜRGEN K.", "Jürgen Weiß", "Hans-Jürgen B."]
    assert found.more


def test_the_key_follows_every_change_of_the_name(world: World) -> None:
    with world.db.write() as session:
        members.update_member(session, world.anna.member_number, display_name="Änne Groß")
    assert names(world, "anne gross") == ["Änne Groß"] and names(world, "anna") == []
    with world.db.read() as session:
        keys = {name: key for name, key in session.execute(select(Member.display_name, Member.name_key))}
    assert keys == {name: name_key(name) for name in keys}
