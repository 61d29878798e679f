"""Facts the README and docs/ state that the code or CI decide (issue 11, item 15)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from netserver import demo as server_demo

REPO = Path(__file__).resolve().parents[2]
# What .ci/run installs only to run the tests, not for Qt on a kiosk: the venv tool, Xvfb and
# its helpers, PDF checks, the databases, the packaging tests' tools (cage and Xwayland are put on
# a kiosk box by packaging/kiosk/install.sh itself) and the web admin's browser.
TEST_ONLY = {
    "python3-venv", "xvfb", "xauth", "xdotool", "poppler-utils", "postgresql",
    "systemd", "nginx-light", "openssl", "cage", "xwayland", "chromium",
}  # fmt: skip


def _ci_packages() -> set[str]:
    text = (REPO / ".ci" / "run").read_text()
    block = text.split("APT_PACKAGES=(", 1)[1].split("\n)", 1)[0]
    lines = (line.split("#", 1)[0] for line in block.splitlines())
    return {word for line in lines for word in line.split()}


def test_the_readme_names_every_library_a_minimal_kiosk_box_needs() -> None:
    line = next(
        line
        for line in (REPO / "README.md").read_text().splitlines()
        if line.startswith("`apt-get install lib")
    )
    named = set(line.split("`")[1].split()[2:])
    needed = _ci_packages() - TEST_ONLY
    assert {"libxcb-cursor0", "libxkbcommon-x11-0"} <= needed  # the list really has the X libraries
    assert needed - named == set()


def test_the_demo_page_names_the_member_of_the_dark_mode_phone_sample() -> None:
    from kiosk.demo import sample_buttons

    keys = {
        "home_member": server_demo.HOME_MEMBER,
        "guest_free": server_demo.GUEST_FREE,
        "guest_used": server_demo.GUEST_USED,
        "replaced": server_demo.REPLACED,
        "forged": server_demo.FORGED_TARGET,
    }
    network = SimpleNamespace(samples={key: SimpleNamespace(text=f"pass-of-{key}") for key in keys})
    dark = next(b for b in sample_buttons(network) if b.key == "dark_phone")
    number = keys[dark.text.removeprefix("pass-of-")]
    name = server_demo.SAMPLE_NAMES[number][0]
    row = next(
        line for line in (REPO / "docs" / "demo.md").read_text().splitlines() if "Phone, dark mode" in line
    )
    assert f"{number} {name}" in row
    others = {n.split()[0] for k, (n, _) in server_demo.SAMPLE_NAMES.items() if k != number}
    assert not others & set(re.findall(r"\w+", row)), row
