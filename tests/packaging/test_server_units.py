"""packaging/server/: the systemd units pass `systemd-analyze verify`, the nginx example passes
`nginx -t` (with a throw-away certificate), and postgresql-setup.sh creates a role and a database
the server migrates and serves from (issue 18, item 3)."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ..postgres_url import pg_base_url

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "packaging" / "server"
INSTALLED = "/opt/coworking/venv/bin/coworking-netserver"


def tool(name: str) -> str:
    """The path of a system tool; CI installs them (.ci/run), so there it must exist."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed (.ci/run installs it)")
        pytest.skip(f"{name} is not installed here")
    return found


def test_systemd_units_verify(tmp_path: Path) -> None:
    analyze = tool("systemd-analyze")
    here = shutil.which("coworking-netserver") or str(Path(sys.executable).parent / "coworking-netserver")
    assert Path(here).exists()
    units = ["coworking-netserver.service", "coworking-backup.service", "coworking-backup.timer"]
    for unit in units:
        (tmp_path / unit).write_text((SERVER / unit).read_text().replace(INSTALLED, here))
    done = subprocess.run(
        [analyze, "verify", "--man=no", *[f"./{u}" for u in units]],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    ours = [line for line in done.stderr.splitlines() if any(u in line for u in units)]
    assert ours == []  # no unknown keys, no bad values (verify only warns about those)
    unit = (SERVER / "coworking-netserver.service").read_text()
    assert f"ExecStartPre={INSTALLED} migrate" in unit  # upgrades migrate before serving
    assert "--workers 4" in unit and "PROMETHEUS_MULTIPROC_DIR" in unit


def test_nginx_example_passes_nginx_t(tmp_path: Path) -> None:
    nginx = tool("nginx")
    openssl = tool("openssl")
    cert, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=net.example.org", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    site = (SERVER / "nginx-coworking.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/net.example.org/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/net.example.org/privkey.pem", str(key))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log {tmp_path}/access.log;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr and "test is successful" in done.stderr


@pytest.mark.postgres
def test_postgresql_setup_script_creates_a_database_the_server_uses(tmp_path: Path) -> None:
    base = make_url(pg_base_url())
    admin_url = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"cw_setup_{secrets.token_hex(4)}"
    env_file = tmp_path / "etc" / "netserver.env"
    script = SERVER / "postgresql-setup.sh"
    args = ["bash", str(script), "--admin-url", admin_url, "--db", name, "--role", name,
            "--host", base.host or "127.0.0.1", "--port", str(base.port or 5432),
            "--env-file", str(env_file)]  # fmt: skip
    dry = subprocess.run([*args, "--dry-run"], capture_output=True, text=True, timeout=60, check=True)
    assert "***" in dry.stdout and not env_file.exists()
    try:
        subprocess.run(args, capture_output=True, text=True, timeout=60, check=True)
        assert oct(env_file.stat().st_mode & 0o777) == "0o640"
        url = env_file.read_text().strip().split("=", 1)[1]
        assert url.startswith(f"postgresql+psycopg://{name}:")
        cli = [sys.executable, "-m", "netserver.cli", "--database-url", url]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run([*cli, "migrate"], check=True, env=env, capture_output=True, timeout=120)
        subprocess.run(
            [*cli, "init", "--name", "Altmark"], check=True, env=env, capture_output=True, timeout=120
        )
        # run again: a new password, the server still gets in with the new env file
        subprocess.run(args, capture_output=True, text=True, timeout=60, check=True)
        again = env_file.read_text().strip().split("=", 1)[1]
        assert again != url
        listed = subprocess.run([*cli[:-1], again, "space", "list"], env=env, capture_output=True, timeout=60)
        assert listed.returncode == 0, listed.stderr
    finally:
        engine = create_engine(base, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        engine.dispose()
