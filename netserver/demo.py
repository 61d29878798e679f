"""The Altmark demo network (DESIGN.md section 1), seeded deterministically.

Seven spaces, plans "basis" (1 guest day a month) and "flex" (3), 40 members, one staff
member per space with a known demo PIN, events over the coming weeks (the
"Digital-Stammtisch" series moves from Seehausen, two days ago, to Werben to Salzwedel),
shared equipment, and five sample passes the kiosk demo "holds up" at the chosen space:

    home_member  -> home_member      guest_free -> guest_day      guest_used -> guest_days_used
    replaced     -> pass_replaced    forged     -> unknown_pass

Secrets exist only at issue time, so `seed` returns the pass texts; a network that is
already initialised is refused (DemoAlreadySeeded), never seeded twice.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.credentials import MemberPass
from kiosk.core.verdicts import Reason

from .db import Checkin, Database, Network
from .db import sequence as _sequence
from .demo_data import (
    DEFAULT_SPACE,
    DEMO_ADMINS,
    FIRST_NAMES,
    FORGED_TARGET,
    GUEST_FREE,
    GUEST_USED,
    HERE_TODAY,
    HOME_MEMBER,
    INITIALS,
    MEMBER_COUNT,
    NETWORK_NAME,
    OPENING_HOURS,
    PLANS,
    RANDOM_SEED,
    REPLACED,
    SAMPLE_NAMES,
    SPACES,
    STAFF_NAMES,
    TIMEZONE,
    demo_pin,
)
from .demo_popups import plan_demo_popup
from .services import audit
from .services.admin_users import add_user, set_password
from .services.enrollment import create_enrollment_code
from .services.equipment import add_equipment
from .services.events import add_event
from .services.member_links import create_link
from .services.members import add_member, get_member
from .services.network import init_network
from .services.passes import issue_pass
from .services.skills import opt_in
from .services.spaces import add_plan, add_space, set_capacity, set_opening_hours
from .services.staff import add_demo_staff


@dataclass(frozen=True, slots=True)
class SamplePass:
    key: str
    member_number: int
    display_name: str
    home_space: str  # slug
    text: str  # what the demo camera holds up
    expected: Reason  # the verdict at the demo space
    label: str


@dataclass(frozen=True)
class DemoNetwork:
    space_id: int
    space_slug: str
    enrollment_code: str
    samples: dict[str, SamplePass]
    passes: dict[int, str]  # every member's current pass text, by member number
    staff_pins: dict[str, tuple[str, str]]  # space slug -> (staff display name, PIN)
    today: date
    space_ids: dict[str, int]  # slug -> database id
    admins: tuple[tuple[str, str, str], ...] = ()  # web admin sign-ins: (name, password, what)
    member_links: dict[int, str] = field(default_factory=dict)  # member number -> page link secret
    popup_code: str = ""  # the kiosk code of the demo's pop-up (netserver/demo_popups.py)

    def to_json(self) -> dict[str, Any]:
        return {
            "network": NETWORK_NAME,
            "today": self.today.isoformat(),
            "space": {"id": self.space_id, "slug": self.space_slug},
            "enrollment_code": self.enrollment_code,
            "samples": {
                key: {
                    "text": s.text,
                    "member_number": s.member_number,
                    "display_name": s.display_name,
                    "home_space": s.home_space,
                    "expected": s.expected.value,
                    "label": s.label,
                }
                for key, s in self.samples.items()
            },
            "member_links": {str(number): secret for number, secret in self.member_links.items()},
            "popup_code": self.popup_code,
            "staff": [
                {"space": slug, "display_name": name, "pin": pin}
                for slug, (name, pin) in self.staff_pins.items()
            ],
            "admin_users": [{"name": n, "password": p, "role": w} for n, p, w in self.admins],
        }


class DemoAlreadySeeded(RuntimeError):
    """The database already holds a network; the demo only seeds an empty one."""


def seed(target: Session | Database | Engine, today: date, *, space: str = DEFAULT_SPACE) -> DemoNetwork:
    """Seed the Altmark demo network into an empty, migrated database.

    `target`: a session inside the caller's transaction, or a Database/Engine (one
    transaction is opened and committed here). `today` is the network-local date the demo
    is about; `space` the slug of the space whose kiosk the demo runs.
    """
    if space not in {s.slug for s in SPACES}:
        raise ValueError(f"unknown demo space {space!r} (one of: {', '.join(s.slug for s in SPACES)})")
    with _session(target) as session:
        if session.get(Network, 1) is not None:
            raise DemoAlreadySeeded("this database already holds a network: seed the demo into an empty one")
        return _Seeder(session, today, space).run()


@contextmanager
def _session(target: Session | Database | Engine) -> Iterator[Session]:
    if isinstance(target, Session):
        yield target
    elif isinstance(target, Database):
        with target.write() as session:
            yield session
    else:
        _sequence.install()
        with Session(target, expire_on_commit=False) as session, session.begin():
            yield session


class _Seeder:
    def __init__(self, session: Session, today: date, space: str) -> None:
        self.session = session
        self.today = today
        self.space = next(s for s in SPACES if s.slug == space)
        self.others = [s for s in SPACES if s is not self.space]
        self.rng = random.Random(RANDOM_SEED)
        self.calendar = NetworkCalendar(TIMEZONE)
        self.now = datetime.now(UTC)
        self.ids: dict[str, int] = {}  # slug -> database id
        self.members_info: dict[int, tuple[int, int, bool]] = {}  # number -> home id, allowance, active
        self.links: dict[int, str] = {}  # member number -> member page link secret

    def local(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.calendar.tz).astimezone(UTC)

    def run(self) -> DemoNetwork:
        session = self.session
        init_network(session, name=NETWORK_NAME, timezone=TIMEZONE, default_guest_days=1)
        for s in SPACES:
            # No explicit ids: on PostgreSQL they would not advance the id sequence.
            self.ids[s.slug] = add_space(
                session, slug=s.slug, name=s.name, town=s.name, lat=s.lat, lon=s.lon
            ).id
            set_opening_hours(session, s.slug, OPENING_HOURS[s.slug])
            set_capacity(session, s.slug, 8 + 2 * s.number)
        for code, name, days in PLANS:
            add_plan(session, code=code, name=name, guest_days_per_month=days)
        staff = {}
        for s, name in zip(SPACES, STAFF_NAMES, strict=True):
            add_demo_staff(session, display_name=f"{name} ({s.name})", space=s.slug, pin=demo_pin(s.number))
            staff[s.slug] = (f"{name} ({s.name})", demo_pin(s.number))
        passes, samples = self.members()
        self.history()
        self.events()
        self.equipment()
        admins = self.admin_users()
        self.here_today()
        enrollment = create_enrollment_code(session, self.space.slug, valid_for=timedelta(days=30))
        _popup_id, popup_code = plan_demo_popup(session, self.today, TIMEZONE)
        audit.record(session, actor="cli", action="demo.seed", detail=f"space={self.space.slug}")
        return DemoNetwork(
            self.ids[self.space.slug],
            self.space.slug,
            enrollment.text,
            samples,
            passes,
            staff,
            self.today,
            dict(self.ids),
            admins,
            dict(self.links),
            popup_code,
        )

    def admin_users(self) -> tuple[tuple[str, str, str], ...]:
        """The web admin's demo sign-ins: the coordinator and the Stendal manager."""
        made = []
        for name, password, role, space, what in DEMO_ADMINS:
            user = add_user(self.session, name=name, role=role, space=space)
            set_password(self.session, user, password)
            made.append((name, password, what))
        return tuple(made)

    def members(self) -> tuple[dict[int, str], dict[str, SamplePass]]:
        homes = {
            HOME_MEMBER: self.space,
            GUEST_FREE: self.others[4 % len(self.others)],
            GUEST_USED: self.others[1],
            REPLACED: self.others[3],
            FORGED_TARGET: self.others[2],
        }
        passes: dict[int, str] = {}
        for number, (name, plan) in SAMPLE_NAMES.items():
            add_member(
                self.session, number=number, display_name=name, home_space=homes[number].slug, plan=plan
            )
            credential = issue_pass(self.session, number)
            passes[number] = credential.text
            if number == HOME_MEMBER:  # the member page the demo opens on a "phone"
                self.links[number] = create_link(self.session, number, credential)
        first_card = passes[REPLACED]
        passes[REPLACED] = issue_pass(self.session, REPLACED).text  # serial 2 replaces serial 1
        used_names = {name for name, _ in SAMPLE_NAMES.values()}
        for number in range(FORGED_TARGET + 1, HOME_MEMBER + MEMBER_COUNT):
            name = ""
            while not name or name in used_names:
                name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(INITIALS)}."
            used_names.add(name)
            home = self.rng.choice(SPACES)
            plan = "flex" if self.rng.random() < 0.3 else "basis"
            state = "paused" if number % 17 == 0 else "active"
            add_member(
                self.session, number=number, display_name=name, home_space=home.slug, plan=plan, state=state
            )
            self.members_info[number] = (self.ids[home.slug], 3 if plan == "flex" else 1, state == "active")
            passes[number] = issue_pass(self.session, number).text
        # Well formed, right check symbol, wrong secret: what a forger who knows the layout makes.
        forged = MemberPass(secret=self.rng.getrandbits(80), member_number=FORGED_TARGET, serial=1).text
        used_at = self.others[0]
        self.checkin(GUEST_USED, self.ids[used_at.slug], self._earlier_this_month(), counted=True, serial=1)

        def sample(key: str, number: int, text: str, expected: Reason, label: str) -> SamplePass:
            name = SAMPLE_NAMES[number][0]
            return SamplePass(key, number, name, homes[number].slug, text, expected, label)

        samples = {
            "home_member": sample(
                "home_member",
                HOME_MEMBER,
                passes[HOME_MEMBER],
                Reason.HOME_MEMBER,
                f"member of {self.space.name}",
            ),
            "guest_free": sample(
                "guest_free", GUEST_FREE, passes[GUEST_FREE], Reason.GUEST_DAY, "guest with a free guest day"
            ),
            "guest_used": sample(
                "guest_used",
                GUEST_USED,
                passes[GUEST_USED],
                Reason.GUEST_DAYS_USED,
                f"guest whose guest day was used in {used_at.name}",
            ),
            "replaced": sample(
                "replaced",
                REPLACED,
                first_card,
                Reason.PASS_REPLACED,
                "old card (serial 1) of a member with a new one",
            ),
            "forged": sample("forged", FORGED_TARGET, forged, Reason.UNKNOWN_PASS, "forged pass"),
        }
        return passes, samples

    def _earlier_this_month(self) -> date:
        """A few days ago, but in this month: today itself on the 1st."""
        return max(self.today.replace(day=1), self.today - timedelta(days=3))

    def checkin(self, number: int, space_id: int, day: date, *, counted: bool, serial: int) -> None:
        reason = Reason.GUEST_DAY if counted else Reason.HOME_MEMBER
        occurred_at = self.local(day, self.rng.randint(8, 11), self.rng.choice((0, 15, 30, 45)))
        if day == self.today:  # "this morning", but never later than now (who is here counts it)
            earlier = self.now - timedelta(minutes=10)
            occurred_at = max(min(occurred_at, earlier), self.calendar.day_start(day))
        self.session.add(
            Checkin(
                nonce=f"{self.rng.getrandbits(128):032x}",
                member_number=number,
                pass_serial=serial,
                space_id=space_id,
                occurred_at=occurred_at,
                day=day,
                reason=reason.value,
                admitted=True,
                counted=counted,
                offline=False,
                method="scan",
                received_at=self.now,
            )
        )

    def history(self) -> None:
        """Earlier check-ins this month of the non-sample members, as the rules would have
        decided them (guest days within the allowance, once per host and day), for the report."""
        first = self.today.replace(day=1)
        days = [first + timedelta(days=n) for n in range((self.today - first).days)]
        if not days:
            return
        counted: dict[int, set[tuple[int, date]]] = {}
        seen: set[tuple[int, int, date]] = set()
        for _ in range(30):
            number = self.rng.randint(FORGED_TARGET + 1, HOME_MEMBER + MEMBER_COUNT - 1)
            home, allowed, active = self.members_info[number]
            host = self.ids[self.rng.choice(SPACES).slug]
            day = self.rng.choice(days)
            used = counted.setdefault(number, set())
            if not active or (number, host, day) in seen:
                continue
            guest = host != home
            if guest and len(used) >= allowed:
                host, guest = home, False  # the quota is used: this member stays home
                if (number, host, day) in seen:
                    continue
            seen.add((number, host, day))
            if guest:
                used.add((host, day))
            self.checkin(number, host, day, counted=guest, serial=1)

    def here_today(self) -> None:
        """Two members of the demo space checked in this morning and opted in to the here-today
        skills board (what the lobby shows of them: first name and topics)."""
        home_id = self.ids[self.space.slug]
        here = [n for n, (home, _, active) in sorted(self.members_info.items()) if home == home_id and active]
        for number, topics in zip(here, HERE_TODAY, strict=False):
            self.checkin(number, home_id, self.today, counted=False, serial=1)
            self.session.flush()
            first_name = get_member(self.session, number).display_name.split()[0]
            opt_in(self.session, number, first_name, list(topics), today=self.today)

    def events(self) -> None:
        today = self.today
        # The Digital-Stammtisch moves through the region week by week. Its first date was two
        # days ago, so the lobby shows "missed it? next date: Werben, ..." on any demo day.
        series = [
            ("seehausen", -2),
            ("werben", 5),
            ("salzwedel", 12),
            ("seehausen", 19),
        ]
        for n, (slug, offset) in enumerate(series):
            day = today + timedelta(days=offset)
            add_event(
                self.session,
                space=slug,
                title="Digital-Stammtisch",
                starts_at=self.local(day, 19),
                ends_at=self.local(day, 21),
                description="Digitale Werkzeuge für Vereine, Handwerk und Verwaltung: wir helfen uns.",
                url="https://example.org/altmark/digital-stammtisch",
                series_key="digital-stammtisch",
                source_uid=f"demo:digital-stammtisch:{n}",
            )
        # A monthly and a bimonthly series, each last met a few days ago: the lobby's "missed it?"
        # hint must look four and eight weeks ahead to find their next dates.
        monthly = [
            (
                "gruendertreff",
                "Gründertreff Altmark",
                [("gardelegen", -3), ("osterburg", 25), ("stendal", 53)],
            ),  # noqa: E501
            ("repair-cafe", "Repair-Café", [("salzwedel", -4), ("tangermuende", 52)]),
        ]
        for key, title, dates in monthly:
            for n, (slug, offset) in enumerate(dates):
                day = today + timedelta(days=offset)
                add_event(
                    self.session,
                    space=slug,
                    title=title,
                    starts_at=self.local(day, 18),
                    ends_at=self.local(day, 20),
                    series_key=key,
                    source_uid=f"demo:{key}:{n}",
                )
        singles = [
            ("tangermuende", 2, 16, 2, "Offene Werkstatt: 3D-Druck", "3d-druck-werkstatt"),
            ("tangermuende", 9, 16, 2, "Offene Werkstatt: 3D-Druck", "3d-druck-werkstatt"),
            ("stendal", 0, 8, 1, "Coworking-Frühstück", "fruehstueck"),
            ("stendal", 7, 8, 1, "Coworking-Frühstück", "fruehstueck"),
            ("gardelegen", 0, 12, 1, "Mittagstisch für Selbstständige", ""),
            ("salzwedel", 3, 17, 2, "Einführung Lasercutter", "lasercutter-einfuehrung"),
            ("stendal", 4, 18, 2, "Podcast-Sprechstunde", ""),
            ("osterburg", 5, 10, 3, "Förderprogramme für Gründer:innen", ""),
            ("werben", 10, 15, 2, "Elbe-Coworking: Arbeiten am Fluss", ""),
            ("seehausen", -5, 19, 2, "Filmabend: Digitales Dorf", ""),
        ]
        for n, (slug, offset, hour, hours, title, key) in enumerate(singles):
            day = today + timedelta(days=offset)
            add_event(
                self.session,
                space=slug,
                title=title,
                starts_at=self.local(day, hour),
                ends_at=self.local(day, hour + hours),
                series_key=key,
                source_uid=f"demo:event:{n}",
            )

    def equipment(self) -> None:
        items = [
            ("tangermuende", "3D-Drucker (Prusa MK4)", "3d_printer"),
            ("stendal", "Podcast-Studio", "studio"),
            ("stendal", "Großformat-Drucker A1", "printer"),
            ("salzwedel", "Lasercutter", "laser_cutter"),
            ("gardelegen", "Beamer", "projector"),
            ("osterburg", "Videokonferenzraum", "meeting_room"),
            ("seehausen", "Lastenrad", "cargo_bike"),
            ("werben", "Vinyl-Schneideplotter", "plotter"),
        ]
        for slug, name, category in items:
            add_equipment(
                self.session,
                space=slug,
                name=name,
                category=category,
                status="maintenance" if category == "projector" else "ok",
                note="Lampe wird getauscht" if category == "projector" else "",
            )


# the demo's data is read from here by the CLI, the kiosk demo and the tests (demo_data.py)
__all__ = [
    "DEFAULT_SPACE",
    "DEMO_ADMINS",
    "FIRST_NAMES",
    "FORGED_TARGET",
    "GUEST_FREE",
    "GUEST_USED",
    "HERE_TODAY",
    "HOME_MEMBER",
    "INITIALS",
    "MEMBER_COUNT",
    "NETWORK_NAME",
    "OPENING_HOURS",
    "PLANS",
    "RANDOM_SEED",
    "REPLACED",
    "SAMPLE_NAMES",
    "SPACES",
    "STAFF_NAMES",
    "TIMEZONE",
    "demo_pin",
    "DemoAlreadySeeded",
    "DemoNetwork",
    "SamplePass",
    "seed",
]
