"""The `coworking-netserver` command line, in-process through `main(argv)`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.core.credentials import EnrollmentCode, MemberPass, parse
from netserver.cli import EXIT_PIPE, main
from netserver.db import Database
from netserver.services import spaces

REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_network_from_the_shell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    code, out, _ = run(capsys, data, "init", "--name", "Altmark", "--guest-days", "2")
    assert code == 0 and out.strip().splitlines()[-1].startswith("cwa_")
    assert (data / "network.db").exists()
    assert run(capsys, data, "space", "add", "stendal", "Stendal", "--town", "Stendal")[0] == 0
    assert run(capsys, data, "space", "add", "werben", "Werben")[0] == 0
    assert run(capsys, data, "plan", "add", "pro", "--guest-days", "4")[0] == 0
    code, out, _ = run(capsys, data, "member", "add", "Anna", "--home", "stendal", "--plan", "pro")
    assert (code, out.strip()) == (0, "member 10001 Anna")
    assert run(capsys, data, "member", "update", "10001", "--state", "paused")[0] == 0
    assert run(capsys, data, "staff", "add", "Maria", "--space", "werben", "--pin", "248163")[0] == 0
    code, out, _ = run(capsys, data, "pass", "issue", "10001", "--out", str(tmp_path / "cards"))
    assert out.splitlines()[0] == "pass 10001 serial 1 issued"  # the code only on the card
    with Image.open(tmp_path / "cards" / "pass-10001-1.png") as card:
        credential = parse(next(r.text for r in zxingcpp.read_barcodes(card) if r.valid))
    assert isinstance(credential, MemberPass) and credential.member_number == 10001
    code, out, _ = run(capsys, data, "kiosk", "code", "werben", "--png", str(tmp_path / "code.png"))
    assert isinstance(parse(out.splitlines()[0]), EnrollmentCode)
    assert (tmp_path / "code.png").read_bytes().startswith(b"\x89PNG")
    start, end = "2026-11-28T18:00+01:00", "2026-11-28T20:00+01:00"
    assert (
        run(
            capsys,
            data,
            "event",
            "add",
            "--space",
            "werben",
            "--title",
            "Talk",
            "--start",
            start,
            "--end",
            end,
        )[0]
        == 0
    )
    assert run(capsys, data, "equipment", "add", "3D printer", "--space", "werben")[0] == 0
    assert run(capsys, data, "admin-token", "--label", "x")[1].startswith("cwa_")
    assert run(capsys, data, "kiosk", "list")[0] == 0


def test_bad_input_exits_2_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(capsys, data, "init", "--name", "X", "--timezone", "Mars/Olympus")[0] == 2
    assert run(capsys, data, "init", "--name", "Altmark")[0] == 0
    for argv in (
        ("init", "--name", "again"),
        ("member", "add", "Y", "--home", "nowhere"),
        ("staff", "add", "Z", "--space", "1", "--pin", "12"),
        ("kiosk", "revoke", "99"),
        ("pass", "issue", "4242"),
    ):
        code, _, err = run(capsys, data, *argv)
        assert code == 2 and "Traceback" not in err and err.startswith("coworking-netserver: "), argv
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "--data-dir",
                str(data),
                "event",
                "add",
                "--space",
                "1",
                "--title",
                "T",
                "--start",
                "noon",
                "--end",
                "x",
            ]
        )
    assert exit_info.value.code == 2


def cli_process(*argv: str, **popen: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", *argv], env=env, cwd=REPO, **popen)  # type: ignore[call-overload, no-any-return]


@pytest.mark.parametrize("module", ["netserver", "netserver.cli"])
def test_python_m_bad_input_is_one_line_and_exit_2(tmp_path: Path, module: str) -> None:
    """`python -m netserver.cli` runs cli.py as __main__: the CliError the commands raise must
    still be the one main() catches (no traceback)."""
    data = str(tmp_path / "data")
    init = cli_process(module, "--data-dir", data, "init", "--name", "Altmark", stdout=subprocess.PIPE)
    assert init.wait(timeout=60) == 0 and init.stdout is not None and init.stdout.read()
    for argv in (
        ("member", "import", str(tmp_path / "missing.csv")),  # CliError (cli_tools)
        ("member", "add", "Y", "--home", "nowhere"),  # DomainError
    ):
        proc = cli_process(module, "--data-dir", data, *argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        stdout, stderr = proc.communicate(timeout=60)
        lines = stderr.decode().splitlines()
        assert proc.returncode == 2, stderr.decode()
        assert len(lines) == 1 and lines[0].startswith("coworking-netserver: "), lines
        assert stdout == b""


@pytest.mark.parametrize("spaces_count", [3, 1000])
def test_output_into_a_closed_pipe_ends_quietly(tmp_path: Path, spaces_count: int) -> None:
    """`coworking-netserver space list | head -1`: the reader is gone before (3 spaces: at the
    final flush) or while (1000 spaces, 170 kB: in print) the command writes; no BrokenPipeError."""
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "init", "--name", "Altmark"]) == 0
    db = Database(f"sqlite:///{data / 'network.db'}")
    with db.write() as session:
        for i in range(spaces_count):
            spaces.add_space(session, slug=f"space-{i}", name=f"Space number {i} " + "x" * 150)
    db.dispose()
    proc = cli_process(
        "netserver", "--data-dir", str(data), "space", "list", stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    if spaces_count > 3:
        assert proc.stdout.readline().startswith(b"1\t")  # like `head -1`
    proc.stdout.close()
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == EXIT_PIPE
    assert stderr == b""
