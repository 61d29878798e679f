"""The demo seed: its sample passes get the promised verdicts from kiosk.core.rules.decide."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.credentials import MemberPass, parse
from kiosk.core.models import Visit
from kiosk.core.pins import verify_pin
from kiosk.core.rules import decide
from kiosk.core.verdicts import Reason
from netserver import demo
from netserver.db import Checkin, Database, Equipment, Event, Member, Staff
from netserver.services.enrollment import enroll
from netserver.services.members import add_member, member_record
from netserver.services.network import get_policy
from netserver.services.spaces import add_space


def visits(db: Database, number: int, today: date) -> list[Visit]:
    """The member's admitted, not annulled check-ins this month: what the server's rules see."""
    with db.read() as session:
        rows = session.execute(
            select(Checkin.space_id, Checkin.day, Checkin.counted).where(
                Checkin.member_number == number,
                Checkin.admitted.is_(True),
                Checkin.annulled_at.is_(None),
                Checkin.day >= today.replace(day=1),
            )
        )
        return [Visit(number, space_id, day, counted) for space_id, day, counted in rows]


@pytest.mark.parametrize(
    ("today", "space"),
    [
        (date(2026, 11, 22), "stendal"),
        (date(2026, 11, 1), "werben"),  # the 1st: the used guest day is today, elsewhere
        (date(2026, 3, 29), "gardelegen"),  # clocks go forward today
        (date(2026, 12, 2), "tangermuende"),
    ],
)
def test_samples_get_the_promised_verdicts(db: Database, today: date, space: str) -> None:
    network = demo.seed(db, today, space=space)
    assert network.space_slug == space
    assert set(network.samples) == {"home_member", "guest_free", "guest_used", "replaced", "forged"}
    noon = NetworkCalendar(demo.TIMEZONE).day_start(today) + timedelta(hours=12)
    with db.read() as session:
        policy = get_policy(session)
        for key, sample in network.samples.items():
            member = session.get(Member, sample.member_number)
            assert member is not None
            verdict = decide(
                parse(sample.text),
                space_id=network.space_id,
                now=noon,
                policy=policy,
                member=member_record(member),
                visits=visits(db, member.number, today),
            )
            assert verdict.reason is sample.expected, key
    expected = {
        "home_member": Reason.HOME_MEMBER,
        "guest_free": Reason.GUEST_DAY,
        "guest_used": Reason.GUEST_DAYS_USED,
        "replaced": Reason.PASS_REPLACED,
        "forged": Reason.UNKNOWN_PASS,
    }
    assert {k: s.expected for k, s in network.samples.items()} == expected


def test_sample_codes_are_as_described(db: Database) -> None:
    network = demo.seed(db, date(2026, 11, 22))
    replaced = parse(network.samples["replaced"].text)
    assert isinstance(replaced, MemberPass) and replaced.serial == 1
    current = parse(network.passes[demo.REPLACED])
    assert isinstance(current, MemberPass) and current.serial == 2
    forged = parse(network.samples["forged"].text)  # well formed, check symbol right
    assert isinstance(forged, MemberPass) and forged.member_number == demo.FORGED_TARGET
    assert forged.text != network.passes[demo.FORGED_TARGET]
    assert network.samples["home_member"].home_space == "stendal"
    assert network.samples["guest_used"].home_space != "stendal"
    data = network.to_json()
    assert data["samples"]["guest_free"]["expected"] == "guest_day"
    assert data["enrollment_code"] == network.enrollment_code


def test_the_network_is_deterministic(db: Database, tmp_path_factory: pytest.TempPathFactory) -> None:
    from netserver.db.migrate import upgrade

    other_path = tmp_path_factory.mktemp("other") / "n.db"
    upgrade(f"sqlite:///{other_path}")
    other = Database(f"sqlite:///{other_path}")
    demo.seed(db, date(2026, 11, 22))
    demo.seed(other, date(2026, 11, 22))

    def members(database: Database) -> list[tuple[object, ...]]:
        with database.read() as session:
            columns = (
                Member.number,
                Member.display_name,
                Member.home_space_id,
                Member.plan_code,
                Member.state,
            )
            rows = session.execute(select(*columns).order_by(Member.number))
            return [tuple(r) for r in rows]

    assert members(db) == members(other)
    assert len(members(db)) == demo.MEMBER_COUNT
    other.dispose()


def test_staff_pins_events_equipment_and_enrollment(db: Database) -> None:
    today = date(2026, 11, 22)
    network = demo.seed(db, today, space="seehausen")
    with db.write() as session:
        staff = {row.space_id: row for row in session.scalars(select(Staff))}
        assert len(staff) == 7
        assert verify_pin("666666", staff[6].pin_hash) and network.staff_pins["seehausen"][1] == "666666"
        series = list(
            session.scalars(
                select(Event).where(Event.series_key == "digital-stammtisch").order_by(Event.starts_at)
            )
        )
        assert [e.space_id for e in series[:2]] == [6, 7]  # Seehausen, then Werben a week later
        assert (series[1].starts_at - series[0].starts_at) == timedelta(days=7)
        # The first date was earlier this week (the lobby's "missed it?" hint), the next is to come.
        assert series[0].starts_at.date() == today - timedelta(days=2)
        assert series[1].starts_at.date() > today
        printers = session.scalars(select(Equipment).where(Equipment.category == "3d_printer")).all()
        assert [p.space_id for p in printers] == [5]  # Tangermünde
        enrolled = enroll(session, network.enrollment_code, "Demo-Kiosk")
        assert enrolled.space.slug == "seehausen"


def test_seeding_twice_is_refused(db: Database) -> None:
    demo.seed(db, date(2026, 11, 22))
    with pytest.raises(demo.DemoAlreadySeeded):
        demo.seed(db, date(2026, 11, 22))
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == demo.MEMBER_COUNT


def test_unknown_space_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="unknown demo space"):
        demo.seed(db, date(2026, 11, 22), space="berlin")


def test_the_network_can_grow_after_seeding(db: Database) -> None:
    network = demo.seed(db, date(2026, 11, 22))
    assert network.space_ids == {s.slug: s.number for s in demo.SPACES}  # a fresh database
    with db.write() as session:
        space = add_space(session, slug="havelberg", name="Havelberg")
        member = add_member(session, display_name="Neu N.", home_space="havelberg")
    assert space.id == 8 and member.number == 10041
