"""Every text the admin's templates and routes name is in the catalogue, German and English."""

from __future__ import annotations

import re
from pathlib import Path

from netserver.web import texts

WEB = Path(texts.__file__).parent
# Keys built at run time: prefix -> the values completing them.
DYNAMIC = {
    "members.state.": ("active", "paused", "ended"),
    "equipment.status.": ("ok", "out_of_order", "maintenance"),
    "report.section.": ("guest_days", "overshoot_days", "overrides", "day_passes", "denials"),
    "report.download.": ("csv", "excel-de", "xlsx"),
    "users.role.": ("network", "space"),
    "import.": ("add", "change", "unchanged"),
    "kiosks.health.": ("version", "queue", "camera"),
    "members.": ("saved", "erased"),
    "staff.": ("added", "pin_set", "state_set"),
    "kiosks.": ("revoked_notice",),
    "events.": ("updated",),
}


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("routes/*.py"), WEB / "__init__.py"]:
        source = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r"""_\(\s*["']([a-z0-9_.\-]+[a-z0-9_])["']""", source))
        keys |= set(re.findall(r"""text\(\s*["']([a-z0-9_.\-]+[a-z0-9_])["']""", source))
        keys |= set(re.findall(r"""_key=f?["']([a-z0-9_.]+)["']""", source))
    for prefix, values in DYNAMIC.items():
        keys |= {prefix + value for value in values}
    return keys


def test_every_used_key_exists_in_both_languages() -> None:
    keys = used_keys()
    assert len(keys) > 100
    assert sorted(k for k in keys if k not in texts.DE) == []
    assert texts.DE.keys() == texts.EN.keys()
    for code in ("403", "404", "409", "422"):
        assert f"error.{code}.title" in texts.DE


def test_german_is_the_default_and_parameters_are_filled() -> None:
    assert texts.text("nav.members") == "Mitglieder"
    assert texts.text("nav.members", "en") == "Members"
    assert texts.text("members.more", "en", count=50) == "Only the first 50 are shown: narrow the search."
