"""systemd's notify protocol without a dependency: datagrams to `$NOTIFY_SOCKET` (Qt-free).

`notify("READY=1")` once the kiosk scans; `notify("WATCHDOG=1")` at least every half
`watchdog_interval()`; from the GUI thread's timer, so a frozen screen is restarted by systemd
(packaging/kiosk/coworking-kiosk.service: WatchdogSec=, NotifyAccess=all since cage is the
unit's main process). Outside systemd every call does nothing.
"""

from __future__ import annotations

import os
import socket

from kiosk import logs


def notify(message: str) -> bool:
    """Send one notification; False when not run by systemd or the socket is gone."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.settimeout(1.0)
            sock.connect(address)
            sock.sendall(message.encode("utf-8"))
        return True
    except OSError as exc:
        logs.net.warning("systemd notification %r failed: %s", message.split("=")[0], exc)
        return False


def watchdog_interval() -> float | None:
    """Seconds between WATCHDOG=1 pings (half of WatchdogSec), or None without a watchdog."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    if not usec.isdigit() or int(usec) <= 0:
        return None
    # WATCHDOG_PID names cage (the unit's main process), not us: with NotifyAccess=all our pings
    # count all the same, so it is not compared with our pid here
    return int(usec) / 2_000_000
