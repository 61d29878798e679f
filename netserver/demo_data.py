"""The Altmark demo network's fixed data: spaces, plans, opening hours, staff, demo sign-ins,
the sample members and the names the other members are made of (used by netserver/demo.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

NETWORK_NAME: Final = "Coworking Altmark"
TIMEZONE: Final = "Europe/Berlin"
RANDOM_SEED: Final = 20261122
DEFAULT_SPACE: Final = "stendal"


@dataclass(frozen=True, slots=True)
class DemoSpace:
    number: int  # 1..7: the demo PIN's digit, and the space id in a fresh database
    slug: str
    name: str
    lat: float
    lon: float


SPACES: Final = (
    DemoSpace(1, "stendal", "Stendal", 52.6055, 11.8594),
    DemoSpace(2, "gardelegen", "Gardelegen", 52.5256, 11.3943),
    DemoSpace(3, "osterburg", "Osterburg", 52.7872, 11.7530),
    DemoSpace(4, "salzwedel", "Salzwedel", 52.8503, 11.1503),
    DemoSpace(5, "tangermuende", "Tangermünde", 52.5414, 11.9702),
    DemoSpace(6, "seehausen", "Seehausen", 52.8892, 11.7517),
    DemoSpace(7, "werben", "Werben", 52.8618, 11.9786),
)
PLANS: Final = (("basis", "Basis", 1), ("flex", "Flex", 3))
HERE_TODAY: Final = (("Fotografie", "WordPress", "Förderanträge"), ("Buchhaltung", "Python"))
OPENING_HOURS: Final = {
    "stendal": "Mo-Fr 08:00-20:00; Sa 10:00-16:00",
    "gardelegen": "Mo-Fr 08:00-18:00",
    "osterburg": "Mo-Th 09:00-17:00; Fr 09:00-14:00",
    "salzwedel": "Mo-Fr 08:00-18:00; Sa 09:00-13:00",
    "tangermuende": "Mo-Sa 09:00-19:00",
    "seehausen": "Tu-Fr 09:00-17:00",
    "werben": "Mo,We,Fr 09:00-15:00",
}

# Staff: one per space, demo PIN = the space's number six times (Stendal 111111 ... Werben 777777).
STAFF_NAMES: Final = ("Birgit", "Holger", "Katrin", "Uwe", "Sabine", "Frank", "Heike")


# (name, password, role, space, what): demo sign-ins, printed by demo-seed; never for production.
DEMO_ADMINS: Final = (
    ("koordination", "altmark-koordination", "network", None, "network coordinator"),
    ("stendal", "altmark-stendal", "space", "stendal", "manager of Stendal"),
)


def demo_pin(number: int) -> str:
    return str(number) * 6


# The sample members: fixed numbers and names; their home spaces depend on the demo space.
HOME_MEMBER: Final = 10001  # home member of the demo space
GUEST_FREE: Final = 10002  # guest with this month's guest day still free
GUEST_USED: Final = 10003  # guest whose guest day was used earlier this month elsewhere
REPLACED: Final = 10004  # member whose first card was replaced (serial 2 issued)
FORGED_TARGET: Final = 10005  # the forged code claims to be this member's card
SAMPLE_NAMES: Final = {
    HOME_MEMBER: ("Anna K.", "flex"),
    GUEST_FREE: ("Jonas M.", "basis"),
    GUEST_USED: ("Lena S.", "basis"),
    REPLACED: ("Paul W.", "basis"),
    FORGED_TARGET: ("Marie B.", "basis"),
}
MEMBER_COUNT: Final = 40
FIRST_NAMES: Final = (
    "Lukas",
    "Emma",
    "Felix",
    "Mia",
    "Leon",
    "Hannah",
    "Finn",
    "Lea",
    "Jan",
    "Sophie",
    "Tim",
    "Laura",
    "Niklas",
    "Julia",
    "Tobias",
    "Katharina",
    "Moritz",
    "Johanna",
    "Florian",
    "Clara",
    "Sebastian",
    "Charlotte",
    "Matthias",
    "Greta",
    "Stefan",
    "Ida",
    "Thomas",
    "Frieda",
    "Andreas",
    "Ronja",
    "Martin",
    "Nele",
    "Christian",
    "Paula",
    "Daniel",
    "Ella",
    "Philipp",
    "Antje",
    "Henrik",
    "Ute",
)
INITIALS: Final = "ABDEFGHKLMNPRSTWZ"
