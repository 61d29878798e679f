"""The web admin's database work runs in worker threads, never on the event loop: while an admin
write waits for SQLite's write lock, the same server process goes on answering everything else
(kiosks' redeems and syncs share its event loop).

One test against a real server process holding the lock from outside; one structural guard over
netserver/web, so that a new `async def` cannot bring the database back onto the loop."""

from __future__ import annotations

import ast
import re
import sqlite3
import threading
import time
from pathlib import Path

import httpx2 as httpx
import pytest

from netserver.services import members
from tests.server.conftest import start_server, stop_server

from .conftest import PASSWORD, AdminWorld

WEB = Path(__file__).resolve().parents[2] / "netserver" / "web"
HOLD_S = 4.0  # how long the test holds the write lock (the server waits up to 15 s for it)
PROMPT_S = 1.0  # what the health check may take meanwhile


def _csrf(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def _signed_in(client: httpx.Client, name: str) -> str:
    """Signs `client` in over HTTP; returns the session's CSRF token."""
    pre = _csrf(client.get("/admin/signin"))
    response = client.post("/admin/signin", data={"name": name, "password": PASSWORD, "csrf": pre})
    assert response.status_code == 303, response.text
    return _csrf(client.get("/admin/dashboard"))


def test_a_web_write_waiting_for_the_lock_leaves_the_server_answering(
    admin_world: AdminWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = admin_world.world
    number = world.anna.member_number
    monkeypatch.setenv("COWORKING_SQLITE_BUSY_TIMEOUT_MS", "15000")  # longer than the hold
    server = start_server(world.url, tmp_path / "uvicorn.log")
    holder = sqlite3.connect(world.url.removeprefix("sqlite:///"), isolation_level=None, timeout=5)
    answers: list[httpx.Response | BaseException] = []
    try:
        with httpx.Client(base_url=server.base_url, timeout=10) as admin:
            csrf = _signed_in(admin, "coord")

            def pause() -> None:
                try:
                    answers.append(
                        admin.post(
                            f"/admin/members/{number}/state",
                            data={"csrf": csrf, "state": "paused"},
                            timeout=HOLD_S + 10,
                        )
                    )
                except BaseException as exc:  # reported by the main thread
                    answers.append(exc)

            holder.execute("BEGIN IMMEDIATE")
            writer = threading.Thread(target=pause, daemon=True)
            started = time.monotonic()
            writer.start()
            # Probe all through the hold: on the event loop the write blocks from the moment it
            # tries the lock, and each probe then waits out its timeout.
            slowest = 0.0
            with httpx.Client(base_url=server.base_url, timeout=PROMPT_S * 2) as kiosk:
                while time.monotonic() - started < HOLD_S:
                    sent = time.monotonic()
                    try:
                        assert kiosk.get("/api/v1/health").status_code == 200
                    except httpx.TimeoutException:
                        pass  # counted as the time it waited
                    slowest = max(slowest, time.monotonic() - sent)
                    time.sleep(0.2)
            assert not answers, "the write went through while the lock was held"
            holder.execute("ROLLBACK")
            writer.join(timeout=HOLD_S + 15)
            assert not writer.is_alive()
    finally:
        holder.close()
        stop_server(server)
    assert slowest < PROMPT_S, f"/api/v1/health took {slowest:.2f} s while a web write waited"
    (answer,) = answers
    assert isinstance(answer, httpx.Response), answer
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"/admin/members/{number}?notice=saved"
    with world.db.read() as session:
        assert members.get_member(session, number).state == "paused"


# --- the structural guard -------------------------------------------------------------------

# The lead engineer moves the import routes' work off the loop in the same change.
LEFT_OUT = {"routes/imports.py"}


def _called(call: ast.Call, imported: set[str]) -> str:
    """The name `call` calls: `f(...)`, or `module.f(...)` of an imported module (not a method,
    as `request.form()`)."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in imported:
        return func.attr
    return ""


def _imported(tree: ast.Module) -> set[str]:
    return {
        (alias.asname or alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }


def _own_nodes(function: ast.AST) -> list[ast.AST]:
    """The nodes of `function`'s body, without those of functions defined inside it (which run
    where they are called from: in a worker thread when handed to run_in_threadpool)."""
    found: list[ast.AST] = []
    todo = list(ast.iter_child_nodes(function))
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


def _touches(function: ast.AST, imported: set[str], db_functions: set[str]) -> list[str]:
    """What `function` does with the database itself: `with x.write()` / `with x.read()`, the
    app's `state.db`, a call of `database(...)` or of a function of netserver/web that does."""
    uses = []
    for node in sorted(_own_nodes(function), key=lambda node: getattr(node, "lineno", 0)):
        if isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                expr = item.context_expr
                if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
                    if expr.func.attr in ("write", "read"):
                        uses.append(f"with ….{expr.func.attr}()")
        elif isinstance(node, ast.Call) and _called(node, imported) in db_functions | {"database"}:
            uses.append(f"{_called(node, imported)}()")
        elif isinstance(node, ast.Attribute) and node.attr == "db":
            if isinstance(node.value, ast.Attribute) and node.value.attr == "state":
                uses.append("app.state.db")
    return uses


def test_no_async_function_of_the_web_admin_touches_the_database() -> None:
    """FastAPI runs an `async def` route or dependency on the event loop and a plain `def` in a
    worker thread: database work (a write may wait seconds for the lock) belongs in the latter.
    By name, across netserver/web: a sync function that touches the database (itself or through
    another) must not be called from an async one, except through run_in_threadpool."""
    trees = {str(path.relative_to(WEB)): ast.parse(path.read_text()) for path in sorted(WEB.rglob("*.py"))}
    defined = [
        (path, node, _imported(tree))
        for path, tree in trees.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    db_functions: set[str] = set()
    while more := {
        f.name
        for _, f, imported in defined
        if isinstance(f, ast.FunctionDef)
        and f.name not in db_functions
        and _touches(f, imported, db_functions)
    }:
        db_functions |= more
    assert {"page", "signed_in", "when_text", "_detail"} <= db_functions  # it sees through helpers
    found = [
        f"{path}:{f.lineno} {f.name}: {', '.join(uses)}"
        for path, f, imported in defined
        if isinstance(f, ast.AsyncFunctionDef) and path not in LEFT_OUT
        if (uses := _touches(f, imported, db_functions))
    ]
    assert not found, "database work on the event loop:\n" + "\n".join(found)
