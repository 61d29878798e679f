"""packaging/kiosk/install.sh as far as this machine allows (issue 18, item 1): `--root DIR`
writes the unit, the .desktop file, the empty credential and the console-blanking setting into
DIR and runs nothing; `systemd-analyze verify` accepts the unit (with the venv path pointed at
this checkout's entry point); `--dry-run` writes nothing. Not run here: the package installs,
useradd, the venv from the lock on a real box, cage on a real seat (no systemd as PID 1, no DRM
device, no camera on this machine); see docs/operations.md."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

from .test_server_units import tool

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "kiosk" / "install.sh"
INSTALLED = "/opt/coworking-kiosk/venv/bin/coworking-kiosk"


def test_install_script_writes_a_verifiable_unit_into_a_root(tmp_path: Path) -> None:
    target = tmp_path / "root"
    done = subprocess.run(["bash", str(SCRIPT), "--root", str(target)], capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    printed = done.stdout
    for planned in ("useradd --system", "--groups video,render,input", "--require-hashes -r",
                    "requirements/kiosk.txt", "cage", "xwayland", "systemd-timesyncd",
                    "timedatectl show -p NTPSynchronized"):  # fmt: skip
        assert planned in printed
    unit = target / "etc/systemd/system/coworking-kiosk.service"
    desktop = target / "usr/share/applications/coworking-kiosk.desktop"
    token = target / "var/lib/coworking-kiosk/credstore/coworking-kiosk-token"
    grub = target / "etc/default/grub.d/coworking-kiosk.cfg"
    assert unit.is_file() and desktop.is_file() and grub.is_file()
    assert token.is_file() and token.stat().st_size == 0 and oct(token.stat().st_mode & 0o777) == "0o600"
    assert "consoleblank=0" in grub.read_text()

    text = unit.read_text()
    for line in ("Type=notify", "NotifyAccess=all", "WatchdogSec=30", "Restart=on-failure",
                 "User=coworking-kiosk", "SupplementaryGroups=video render input",
                 "LoadCredential=coworking-kiosk-token:",
                 "PYTHON_KEYRING_BACKEND=kiosk.services.credstore.CredentialsKeyring",
                 "ExecStart=/usr/bin/cage -d -- " + INSTALLED):  # fmt: skip
        assert line in text
    entry = shutil.which("coworking-kiosk") or str(Path(sys.executable).parent / "coworking-kiosk")
    tool("cage")  # the unit's ExecStart must exist for verify
    check = tmp_path / "verify" / "coworking-kiosk.service"
    check.parent.mkdir()
    check.write_text(text.replace(INSTALLED, entry))
    verified = subprocess.run(
        [tool("systemd-analyze"), "verify", "--man=no", f"./{check.name}"],
        cwd=check.parent, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stderr
    assert [line for line in verified.stderr.splitlines() if check.name in line] == []

    entries = configparser.ConfigParser(interpolation=None)
    entries.optionxform = str  # type: ignore[assignment,method-assign]
    entries.read_string(desktop.read_text())
    section = entries["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"].startswith(INSTALLED)
    assert section["Name[de]"] and section["Name"]

    again = subprocess.run(["bash", str(SCRIPT), "--root", str(target)], capture_output=True, text=True,
                           timeout=120, check=False)  # fmt: skip
    assert again.returncode == 0  # idempotent


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    done = subprocess.run(["bash", str(SCRIPT), "--dry-run"], capture_output=True, text=True, timeout=60,
                          check=False, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "+ write /etc/systemd/system/coworking-kiosk.service" in done.stdout
    assert list(tmp_path.iterdir()) == []
