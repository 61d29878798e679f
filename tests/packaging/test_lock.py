"""The lock installs on every platform we ship, from wheels, with the versions the README names.

Walks uv.lock's dependency graph for each target (machine × Python × glibc), evaluating the
markers as pip would there, and checks that every package it reaches has a wheel whose tags
that target accepts (manylinux up to the target's glibc). Raspberry Pi OS Bookworm is aarch64
with glibc 2.36, where PySide6 wheels after 6.8.0.2 (manylinux_2_39) cannot install.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from packaging.markers import Marker
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import parse_wheel_filename
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
PROJECT = "coworking-network-kiosk"


@dataclass(frozen=True)
class Target:
    name: str
    machine: str
    python: tuple[int, int]
    glibc: tuple[int, int]
    extras: tuple[str, ...]

    def environment(self, extra: str = "") -> dict[str, str]:
        major, minor = self.python
        return {
            "python_version": f"{major}.{minor}",
            "python_full_version": f"{major}.{minor}.0",
            "platform_machine": self.machine,
            "sys_platform": "linux",
            "platform_system": "Linux",
            "os_name": "posix",
            "platform_python_implementation": "CPython",
            "implementation_name": "cpython",
            "extra": extra,
        }

    def tags(self) -> set[Tag]:
        major, newest = self.glibc
        platforms = [f"manylinux_{major}_{minor}_{self.machine}" for minor in range(newest, 4, -1)]
        legacy = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}
        platforms += [f"{legacy[m]}_{self.machine}" for m in legacy if m <= self.glibc[1]]
        platforms.append(f"linux_{self.machine}")
        return set(cpython_tags(self.python, platforms=platforms)) | set(
            compatible_tags(self.python, platforms=platforms)
        )


TARGETS = [
    Target(f"{machine}-py3.{minor}-{label}", machine, (3, minor), glibc, extras)
    for minor in (11, 12, 13)
    for machine, glibc, label, extras in (
        ("x86_64", (2, 36), "debian12", ("kiosk", "server", "dev", "build")),
        ("aarch64", (2, 36), "raspios-bookworm", ("kiosk", "build")),
        ("aarch64", (2, 36), "debian12-server", ("server", "build")),
    )
]


def packages_by_name() -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for package in LOCK["package"]:
        found.setdefault(package["name"], []).append(package)
    return found


def resolve(target: Target) -> dict[str, dict[str, Any]]:
    """The locked packages pip installs on `target` for its extras: name -> lock entry."""
    by_name = packages_by_name()
    chosen: dict[str, dict[str, Any]] = {}
    project = by_name[PROJECT][0]
    todo = list(project["dependencies"])
    for extra in target.extras:
        todo += project["optional-dependencies"][extra]
    while todo:
        dep = todo.pop()
        marker = dep.get("marker")
        if marker and not Marker(marker).evaluate(target.environment()):
            continue
        candidates = by_name[dep["name"]]
        if "version" in dep:
            candidates = [c for c in candidates if c["version"] == dep["version"]]
        assert len(candidates) == 1, f"{target.name}: {dep['name']} is ambiguous in the lock"
        package = candidates[0]
        if package["name"] in chosen:
            continue
        chosen[package["name"]] = package
        todo += package.get("dependencies", [])
        for extra in dep.get("extra", []):
            todo += package.get("optional-dependencies", {}).get(extra, [])
    return chosen


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_every_locked_package_has_a_wheel_for_the_target(target: Target) -> None:
    accepted = target.tags()
    missing = []
    for name, package in sorted(resolve(target).items()):
        wheels = [parse_wheel_filename(w["url"].rsplit("/", 1)[1])[3] for w in package.get("wheels", [])]
        if not any(tags & accepted for tags in wheels):
            missing.append(f"{name} {package['version']}")
    assert not missing, f"{target.name}: no installable wheel for {', '.join(missing)}"


@pytest.mark.parametrize("minor", [11, 12, 13])
def test_pyside6_versions_per_platform(minor: int) -> None:
    """x86_64 gets a current PySide6 (never the crashing 6.12.0); aarch64 at most 6.8.0.2."""
    for machine, check in (
        ("x86_64", lambda v: v >= Version("6.11") and v != Version("6.12.0")),
        ("aarch64", lambda v: Version("6.7") <= v <= Version("6.8.0.2")),
    ):
        chosen = resolve(Target("t", machine, (3, minor), (2, 36), ("kiosk",)))
        for name in ("pyside6-essentials", "pyside6-addons", "shiboken6"):
            version = Version(chosen[name]["version"])
            assert check(version), f"{machine} py3.{minor}: {name} {version}"


def test_kiosk_box_gets_no_server_or_test_packages() -> None:
    chosen = resolve(Target("pi", "aarch64", (3, 11), (2, 36), ("kiosk", "build")))
    assert "pyside6-essentials" in chosen and "zxing-cpp" in chosen
    assert not {"fastapi", "sqlalchemy", "uvicorn", "pytest", "schemathesis"} & set(chosen)


def test_server_gets_no_qt_or_opencv() -> None:
    chosen = resolve(Target("srv", "x86_64", (3, 12), (2, 36), ("server", "build")))
    assert "fastapi" in chosen and "sqlalchemy" in chosen
    assert not {"pyside6-essentials", "shiboken6", "opencv-python-headless", "zxing-cpp"} & set(chosen)
