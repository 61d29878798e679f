"""The web admin's database work runs in worker threads, never on the event loop: while an admin
write waits for SQLite's write lock, the same server process goes on answering everything else
(kiosks' redeems and syncs share its event loop).

Tests against a real server process, the lock held from outside; one structural guard over the
whole server, so that a new `async def` cannot bring the database back onto the loop."""

from __future__ import annotations

import ast
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx
import pytest
from sqlalchemy import create_engine, text

from netserver.services import member_links, members
from tests.server.conftest import LiveServer, pg_url, start_server, stop_server  # noqa: F401 (fixture)

from .conftest import AdminWorld, signed_in_over_http

SOURCES = Path(__file__).resolve().parents[2] / "netserver"
HOLD_S = 4.0  # how long the test holds a lock (the server waits up to 15 s for it)
PROMPT_S = 1.0  # what the health check may take meanwhile


def _while_held(
    server: LiveServer, release: Callable[[], None], send: Callable[[], httpx.Response]
) -> tuple[float, httpx.Response]:
    """`send()` in a thread while the test holds a database lock for HOLD_S, probing
    /api/v1/health all the while; then `release()`. The slowest probe, and send's answer."""
    answers: list[httpx.Response | BaseException] = []

    def request() -> None:
        try:
            answers.append(send())
        except BaseException as exc:  # reported below
            answers.append(exc)

    sender = threading.Thread(target=request, daemon=True)
    started = time.monotonic()
    sender.start()
    # On the event loop the request blocks it from the moment it waits for the lock: each probe
    # from then on waits out its timeout.
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
    assert not answers, f"answered while the lock was held: {answers}"
    release()
    sender.join(timeout=HOLD_S + 15)
    assert not sender.is_alive()
    (answer,) = answers
    assert isinstance(answer, httpx.Response), answer
    return slowest, answer


@contextmanager
def _sqlite_write_lock(url: str) -> Iterator[Callable[[], None]]:
    """SQLite's write lock, held by the test until it calls the function yielded."""
    holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None, timeout=5)

    def release() -> None:
        holder.execute("ROLLBACK")

    try:
        holder.execute("BEGIN IMMEDIATE")
        yield release
    finally:
        holder.close()


@pytest.fixture
def server(admin_world: AdminWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    monkeypatch.setenv("COWORKING_SQLITE_BUSY_TIMEOUT_MS", "15000")  # longer than the hold
    live = start_server(admin_world.world.url, tmp_path / "uvicorn.log")
    yield live
    stop_server(live)


def test_a_web_admin_write_waiting_for_the_lock_leaves_the_server_answering(
    admin_world: AdminWorld, server: LiveServer
) -> None:
    world = admin_world.world
    number = world.anna.member_number
    with httpx.Client(base_url=server.base_url, timeout=10) as admin:
        csrf = signed_in_over_http(admin, "coord")
        with _sqlite_write_lock(world.url) as release:
            slowest, answer = _while_held(
                server,
                release,
                lambda: admin.post(
                    f"/admin/members/{number}/state",
                    data={"csrf": csrf, "state": "paused"},
                    timeout=HOLD_S + 10,
                ),
            )
    assert slowest < PROMPT_S, f"/api/v1/health took {slowest:.2f} s while a web admin write waited"
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"/admin/members/{number}?notice=saved"
    with world.db.read() as session:
        assert members.get_member(session, number).state == "paused"


def test_a_member_page_write_waiting_for_the_lock_leaves_the_server_answering(
    admin_world: AdminWorld, server: LiveServer
) -> None:
    world = admin_world.world
    with world.db.write() as session:
        secret = member_links.create_link(session, world.anna.member_number, world.anna)
    with httpx.Client(base_url=server.base_url, timeout=10) as phone:
        with _sqlite_write_lock(world.url) as release:
            slowest, answer = _while_held(
                server,
                release,
                lambda: phone.post(
                    f"/me/{secret}/rotate",
                    data={"token": member_links.form_token(secret, "rotate")},
                    timeout=HOLD_S + 10,
                ),
            )
    assert slowest < PROMPT_S, f"/api/v1/health took {slowest:.2f} s while a member page write waited"
    assert answer.status_code == 303, answer.text
    new = answer.headers["location"].removeprefix("/me/").split("?")[0]
    assert answer.headers["location"] == f"/me/{new}?done=link.rotated" and new != secret
    with world.db.read() as session:
        assert member_links.resolve(session, new).member.number == world.anna.member_number


def test_a_metrics_scrape_waiting_for_a_lock_leaves_the_server_answering(
    pg_url: str,  # noqa: F811 (the fixture)
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """/metrics reads the kiosks (how many are offline): PostgreSQL makes that read wait while
    another transaction holds the table locked."""
    monkeypatch.setenv("COWORKING_PG_LOCK_TIMEOUT_MS", "15000")  # longer than the hold
    server = start_server(pg_url, tmp_path / "uvicorn.log")
    engine = create_engine(pg_url)
    try:
        with httpx.Client(base_url=server.base_url, timeout=HOLD_S + 10) as scraper:
            with engine.connect() as holder:
                holder.execute(text("LOCK TABLE kiosks IN ACCESS EXCLUSIVE MODE"))
                slowest, answer = _while_held(server, holder.rollback, lambda: scraper.get("/metrics"))
    finally:
        engine.dispose()
        stop_server(server)
    assert slowest < PROMPT_S, f"/api/v1/health took {slowest:.2f} s while a /metrics scrape waited"
    assert answer.status_code == 200
    assert "coworking_kiosks_offline 0.0" in answer.text


# --- the structural guard -------------------------------------------------------------------


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
    """Where `function` itself uses the database: a transaction or connection (`with db.write()`,
    `.read()`, `engine.connect()`, `.begin()`), or a call of a function of ours that does."""
    uses = []
    for node in sorted(_own_nodes(function), key=lambda node: getattr(node, "lineno", 0)):
        if isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                expr = item.context_expr
                if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
                    if expr.func.attr in ("write", "read", "connect", "begin"):
                        uses.append(f"with ….{expr.func.attr}()")
        elif isinstance(node, ast.Call) and _called(node, imported) in db_functions:
            uses.append(f"{_called(node, imported)}()")
    return uses


def test_no_async_function_of_the_server_touches_the_database() -> None:
    """FastAPI runs an `async def` route or dependency on the event loop and a plain `def` in a
    worker thread: database work (a write may wait seconds for the lock) belongs in the latter.
    By name, across netserver: a sync function that uses the database (itself or through
    another) must not be called from an async one, only handed to run_in_threadpool."""
    trees = {str(path.relative_to(SOURCES)): ast.parse(path.read_text()) for path in SOURCES.rglob("*.py")}
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
    # it sees through helpers: the admin's pages, its session lookup, the member page, a kiosk's token
    assert {"page", "when_text", "_detail", "signed_in", "page_response", "_authenticate"} <= db_functions
    found = [
        f"{path}:{f.lineno} {f.name}: {', '.join(uses)}"
        for path, f, imported in defined
        if isinstance(f, ast.AsyncFunctionDef)
        if (uses := _touches(f, imported, db_functions))
    ]
    assert not found, "database work on the event loop:\n" + "\n".join(found)
