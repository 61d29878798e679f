"""KioskServices: the Qt-free composition of store, client, clock, check-in and sync engine.

Normal start::

    config = KioskConfig.load(args.data_dir)
    services = KioskServices.open(config)                      # token from the system keyring

Demo (no keyring)::

    tokens = MemoryTokenStore()
    config = enroll(url, code, config=KioskConfig.load(tmp), token_store=tokens)
    services = KioskServices.open(config, token_store=tokens)

Close with `services.close()` after the SyncWorker has shut down.
"""

from __future__ import annotations

import threading
from datetime import datetime

from kiosk import logs
from kiosk.services.checkin import CheckinService
from kiosk.services.client import ApiClient
from kiosk.services.clock import ServerClock
from kiosk.services.config import KeyringTokenStore, KioskConfig, TokenStore, TokenStoreUnavailable
from kiosk.services.connectivity import Connectivity
from kiosk.services.health import HealthBoard
from kiosk.services.staff import StaffGate
from kiosk.store import Store
from kiosk.sync import SyncEngine, SyncState


class NotEnrolledError(RuntimeError):
    key = "error.unauthorized"


class _CachedToken:
    """Reads the token once (keyring calls can be slow), re-reads while there is none."""

    def __init__(self, store: TokenStore, account: str) -> None:
        self._store = store
        self._account = account
        self._token: str | None = None
        self._lock = threading.Lock()

    def __call__(self) -> str | None:
        with self._lock:
            if self._token is None:
                try:
                    self._token = self._store.get(self._account)
                except TokenStoreUnavailable:
                    logs.net.error("the token store is unavailable")
                    return None
            return self._token


class KioskServices:
    def __init__(
        self,
        *,
        config: KioskConfig,
        store: Store,
        client: ApiClient,
        clock: ServerClock,
        connectivity: Connectivity,
        checkin: CheckinService,
        engine: SyncEngine,
        staff: StaffGate,
        health: HealthBoard | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.client = client
        self.clock = clock
        self.connectivity = connectivity
        self.checkin = checkin
        self.engine = engine
        self.staff = staff
        self.health = health or engine.health

    @classmethod
    def open(
        cls, config: KioskConfig, token_store: TokenStore | None = None, *, clock: ServerClock | None = None
    ) -> KioskServices:
        """Build the services of an enrolled kiosk (NotEnrolledError otherwise). `clock`: a
        ServerClock of the caller's (tests move time with it)."""
        if not config.enrolled or config.server_url is None or config.space_id is None:
            raise NotEnrolledError("this kiosk is not enrolled")
        tokens = token_store if token_store is not None else KeyringTokenStore()
        clock = clock if clock is not None else ServerClock()
        store = Store(config.paths.database, space_id=config.space_id)
        client = ApiClient(
            config.server_url,
            token=_CachedToken(tokens, config.token_account),
            clock=clock,
            ca_bundle=config.ca_bundle,
            connect_timeout=config.connect_timeout_seconds,
            read_timeout=config.read_timeout_seconds,
        )
        connectivity = Connectivity(wall=clock.now)
        health = HealthBoard()
        engine = SyncEngine(
            store,
            client,
            connectivity=connectivity,
            clock=clock,
            retention_days=config.retention_days,
            health=health,
        )
        checkin = CheckinService(
            store,
            space_id=config.space_id,
            clock=clock,
            connectivity=connectivity,
            client=client,
            budget=config.redeem_budget_seconds,
        )
        return cls(
            config=config,
            store=store,
            client=client,
            clock=clock,
            connectivity=connectivity,
            checkin=checkin,
            engine=engine,
            staff=StaffGate(store, clock),
            health=health,
        )

    def sync_state(self, next_attempt: datetime | None = None) -> SyncState:
        return self.engine.state(next_attempt)

    @property
    def needs_enrollment(self) -> bool:
        return self.connectivity.state().needs_enrollment

    def set_equipment_status(self, equipment_id: int, status: str, note: str, staff_id: int) -> None:
        self.checkin.set_equipment_status(equipment_id, status, note, staff_id)

    def close(self) -> None:
        """Last step of the shutdown order: after the sync thread and scanner have stopped."""
        self.checkin.close()
        self.client.close()
        self.store.close()
