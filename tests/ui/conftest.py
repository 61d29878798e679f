"""UI test fixtures: a real server process seeded with the Altmark demo network, a freshly
enrolled kiosk (real SQLite store, token in memory) and the whole GUI built by kiosk.app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kiosk.app import KioskApp, Options
from kiosk.core.calendar import NetworkCalendar, utc_now
from kiosk.demo import UnpluggableDemoCamera
from kiosk.services.composition import KioskServices
from kiosk.services.config import KioskConfig, MemoryTokenStore
from kiosk.services.enroll import enroll
from tests.kiosk.netserver_proc import NetServer

# The offscreen platform warns about window size hints; that is not a failure of ours.
QT_NOISE = r"propagateSizeHints"


@dataclass
class DemoWorld:
    server: NetServer
    network: Any  # netserver.demo.DemoNetwork

    def pass_text(self, key: str) -> str:
        return str(self.network.samples[key].text)

    @property
    def pin(self) -> str:
        return str(self.network.staff_pins[self.network.space_slug][1])


def start_demo_world(path: Path) -> DemoWorld:
    from netserver import demo

    server = NetServer(path)
    network = demo.seed(server.db, NetworkCalendar(demo.TIMEZONE).local_date(utc_now()), space="stendal")
    server.start()
    return DemoWorld(server, network)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoWorld]:
    """One seeded server process per test module."""
    w = start_demo_world(tmp_path_factory.mktemp("altmark"))
    yield w
    w.server.close()


def open_kiosk(world: DemoWorld, path: Path) -> KioskServices:
    tokens = MemoryTokenStore()
    code = world.server.enrollment_code(world.network.space_id)
    config = enroll(world.server.url, code, config=KioskConfig.load(path), token_store=tokens)
    services = KioskServices.open(config, token_store=tokens)
    report = services.engine.run_once()
    assert report.ok, report
    return services


@pytest.fixture
def services(world: DemoWorld, tmp_path: Path) -> Iterator[KioskServices]:
    s = open_kiosk(world, tmp_path / "kiosk")
    yield s
    s.close()


AppFactory = Callable[..., KioskApp]


@pytest.fixture
def make_app(qtbot: Any) -> Iterator[AppFactory]:
    """Build and start the GUI on given services; shut down (threads joined) after the test."""
    apps: list[KioskApp] = []

    def make(services: KioskServices, camera: Any = "demo", **options: Any) -> KioskApp:
        source = UnpluggableDemoCamera() if camera == "demo" else camera
        # settle_heap: a test process is not a kiosk process; freezing its heap at every start
        # would keep what later tests let go (tests/ui/test_gc_pause.py settles on purpose)
        defaults = {"windowed": True, "sound": False, "settle_heap": False}
        app = KioskApp(services, source, Options(**{**defaults, **options}))
        apps.append(app)
        app.start()
        qtbot.addWidget(app.window)
        return app

    yield make
    for app in apps:
        app.shutdown()
