"""Calendar feeds against a real HTTP server on 127.0.0.1: conditional fetches (ETag and
If-Modified-Since), a deadline, a size limit, events removed at the source disappear, and
two processes' fetchers never fetch one feed at once (SQLite file and PostgreSQL)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from netserver.cli import main
from netserver.db import CalendarFeed, Database, Event, Tombstone
from netserver.services import feeds


def ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//feed//EN\r\n{body}END:VCALENDAR\r\n"
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode()


def soon(days: int, hour: int = 18) -> str:
    when = (datetime.now(UTC) + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return when.strftime("%Y%m%dT%H%M%SZ")


TALK = f"UID:talk@feed\nSUMMARY:Vortrag\nDTSTART:{soon(3)}\nX-SPACE:werben"
WORKSHOP = f"UID:shop@feed\nSUMMARY:Werkstatt\nDTSTART:{soon(5)}"
WEEKLY = f"UID:weekly@feed\nSUMMARY:Stammtisch\nDTSTART:{soon(1, 17)}\nRRULE:FREQ=WEEKLY;COUNT=3"


class Feed:
    """What the test server serves and what it was asked."""

    def __init__(self) -> None:
        self.body = ics(TALK, WORKSHOP, WEEKLY)
        self.etag = '"v1"'
        self.last_modified = "Tue, 01 Dec 2026 10:00:00 GMT"
        self.delay = 0.0
        self.status = 200
        self.requests: list[dict[str, str]] = []
        self.lock = threading.Lock()


@pytest.fixture
def served() -> Iterator[tuple[Feed, str]]:
    feed = Feed()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            with feed.lock:
                feed.requests.append(dict(self.headers))
            if feed.delay:
                time.sleep(feed.delay)
            if self.path == "/huge.ics":
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar")
                self.end_headers()  # no Content-Length: the limit must hold while reading
                try:
                    for _ in range(200):
                        self.wfile.write(b"X" * 65536)
                except OSError:
                    pass
                return
            if feed.status != 200:
                self.send_error(feed.status)
                return
            if self.headers.get("If-None-Match") == feed.etag or (
                not self.headers.get("If-None-Match")
                and self.headers.get("If-Modified-Since") == feed.last_modified
            ):
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Length", str(len(feed.body)))
            if feed.etag:
                self.send_header("ETag", feed.etag)
            self.send_header("Last-Modified", feed.last_modified)
            self.end_headers()
            self.wfile.write(feed.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield feed, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def feed_events(db: Database, feed_id: int) -> dict[str, Event]:
    with db.read() as session:
        return {e.title + "@" + e.starts_at.date().isoformat(): e
                for e in session.scalars(select(Event).where(Event.feed_id == feed_id))}  # fmt: skip


def feed_row(db: Database, feed_id: int) -> CalendarFeed:
    with db.read() as session:
        return feeds.get_feed(session, feed_id)


def subscribed(db: Database, url: str, space: str | None = "stendal") -> int:
    with db.write() as session:
        return feeds.subscribe(session, url, space=space).id


def test_fetch_conditional_and_removed_events_disappear(network: Database, served: tuple[Feed, str]) -> None:
    feed, base = served
    feed_id = subscribed(network, f"{base}/cal.ics")
    result = feeds.fetch_feed(network, feed_id)
    assert result.status == "ok", result
    events = feed_events(network, feed_id)
    assert len(events) == 5  # talk, workshop, three weekly dates
    assert {e.space_id for e in events.values() if e.title == "Vortrag"} == {3}  # X-SPACE
    assert {e.space_id for e in events.values() if e.title != "Vortrag"} == {1}  # --space
    row = feed_row(network, feed_id)
    assert (row.last_status, row.etag, row.last_error) == ("ok", '"v1"', "")
    assert row.next_fetch_at > datetime.now(UTC) + timedelta(minutes=59)  # on its schedule

    # Not due yet: nothing is fetched. Forced: a conditional request, answered 304.
    assert feeds.fetch_feed(network, feed_id).status == "not_due"
    assert len(feed.requests) == 1
    assert feeds.fetch_feed(network, feed_id, force=True).status == "not_modified"
    assert feed.requests[-1].get("If-None-Match") == '"v1"'
    assert feed.requests[-1].get("If-Modified-Since") == feed.last_modified
    # A server without ETags: If-Modified-Since alone decides.
    feed.etag = ""
    with network.write() as session:
        feeds.get_feed(session, feed_id).etag = ""
    assert feeds.fetch_feed(network, feed_id, force=True).status == "not_modified"

    # The workshop is removed at the source and the series shortened: they disappear.
    feed.body = ics(TALK, WEEKLY.replace("COUNT=3", "COUNT=2"))
    feed.etag, feed.last_modified = '"v2"', "Wed, 02 Dec 2026 10:00:00 GMT"
    result = feeds.fetch_feed(network, feed_id, force=True)
    assert result.status == "ok" and "2 removed" in result.message
    titles = sorted(e.title for e in feed_events(network, feed_id).values())
    assert titles == ["Stammtisch", "Stammtisch", "Vortrag"]
    with network.read() as session:
        assert len(list(session.scalars(select(Tombstone).where(Tombstone.kind == "event")))) == 2


def test_failures_are_kept_and_retried_with_backoff(network: Database, served: tuple[Feed, str]) -> None:
    feed, base = served
    feed_id = subscribed(network, f"{base}/cal.ics")
    assert feeds.fetch_feed(network, feed_id).status == "ok"
    before = feed_events(network, feed_id)

    feed.delay = 3.0  # slower than the deadline
    started = time.monotonic()
    result = feeds.fetch_feed(network, feed_id, force=True, timeout=1.0)
    assert time.monotonic() - started < 2.5
    assert result.status == "error" and "no answer within 1 s" in result.message
    row = feed_row(network, feed_id)
    assert (row.last_status, row.failures) == ("error", 1) and "no answer" in row.last_error
    assert row.next_fetch_at < datetime.now(UTC) + timedelta(minutes=6)  # retried soon
    assert row.lease_owner == "" and row.lease_until is None  # the lease is given back
    assert feed_events(network, feed_id).keys() == before.keys()  # a failure removes nothing

    feed.delay, feed.status = 0.0, 404
    result = feeds.fetch_feed(network, feed_id, force=True)
    assert result.status == "error" and "HTTP 404" in result.message
    assert feed_row(network, feed_id).failures == 2
    feed.status = 200
    feed.body = b"<html>Login required</html>"
    feed.etag = '"login"'
    result = feeds.fetch_feed(network, feed_id, force=True)
    assert result.status == "error" and "iCalendar" in result.message
    assert feed_events(network, feed_id).keys() == before.keys()

    huge = subscribed(network, f"{base}/huge.ics")
    result = feeds.fetch_feed(network, huge, max_bytes=1_000_000)
    assert result.status == "error" and "larger than 1 MB" in result.message


def test_two_processes_never_fetch_one_feed_at_once(network: Database, served: tuple[Feed, str]) -> None:
    """Two server processes (two Database objects, two owners) poll at the same moment: the
    lease lets exactly one of them fetch; the other sees it busy."""
    feed, base = served
    feed_id = subscribed(network, f"{base}/cal.ics")
    feed.delay = 0.5
    other = Database(network.url)
    results: list[feeds.FeedResult] = []
    start = threading.Barrier(2)

    def poll(db: Database, owner: str) -> None:
        start.wait()
        results.extend(feeds.run_due(db, owner))

    threads = [
        threading.Thread(target=poll, args=(network, "host-a:1:aa")),
        threading.Thread(target=poll, args=(other, "host-b:2:bb")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    other.dispose()
    assert len(feed.requests) == 1
    assert sorted(r.status for r in results if r.feed_id == feed_id) in (["ok"], ["busy", "ok"])
    assert len(feed_events(network, feed_id)) == 5


def test_cli_subscribe_feeds_fetch(
    tmp_path: Path, served: tuple[Feed, str], capsys: pytest.CaptureFixture[str]
) -> None:
    feed, base = served
    url = f"sqlite:///{tmp_path / 'data' / 'network.db'}"
    assert main(["--database-url", url, "demo-seed", "--today", datetime.now(UTC).date().isoformat()]) == 0
    capsys.readouterr()
    assert main(["--database-url", url, "event", "subscribe", f"{base}/cal.ics", "--space", "werben"]) == 0
    printed = capsys.readouterr().out
    assert "feed 1: " in printed and "5 event(s) added" in printed
    feed.status = 500
    assert main(["--database-url", url, "event", "fetch", "1"]) == 2
    assert "HTTP 500" in capsys.readouterr().err
    assert main(["--database-url", url, "event", "feeds"]) == 0
    listing = capsys.readouterr().out
    assert f"feed 1: {base}/cal.ics" in listing
    assert "space werben, every 60 min, 5 event(s)" in listing
    assert ": error; next " in listing and "error (1 in a row): the server answered HTTP 500" in listing
    assert "last import (" in listing and "5 event(s) added" in listing
    assert main(["--database-url", url, "event", "subscribe", "ftp://example.org/x.ics"]) == 2
    assert "https://" in capsys.readouterr().err
    assert main(["--database-url", url, "event", "unsubscribe", "1"]) == 0
    assert "removed with its 5 event(s)" in capsys.readouterr().out


def test_feeds_over_http(network: Database, served: tuple[Feed, str]) -> None:
    from fastapi.testclient import TestClient

    from netserver.api.app import create_app
    from netserver.services.tokens import create_admin_token
    from netserver.settings import Settings

    feed, base = served
    with network.write() as session:
        token = create_admin_token(session, "test")
    auth = {"Authorization": f"Bearer {token}"}
    app = create_app(Settings(database_url=network.url, feed_poll_seconds=0), db=network)
    client = TestClient(app)
    created = client.post(
        "/api/v1/admin/feeds", json={"url": f"{base}/cal.ics", "space": "werben"}, headers=auth
    )
    assert created.status_code == 201, created.text
    feed_id = created.json()["id"]
    again = client.post("/api/v1/admin/feeds", json={"url": f"{base}/cal.ics"}, headers=auth)
    assert again.status_code == 409
    bad = client.post("/api/v1/admin/feeds", json={"url": "http://169.254.169.254/latest"}, headers=auth)
    assert bad.status_code == 422
    fetched = client.post(f"/api/v1/admin/feeds/{feed_id}/fetch", headers=auth)
    assert fetched.status_code == 200 and fetched.json()["status"] == "ok", fetched.text
    listed = client.get("/api/v1/admin/feeds", headers=auth).json()
    assert listed[0]["last_status"] == "ok" and "5 event(s) added" in listed[0]["last_summary"]
    assert client.post("/api/v1/admin/feeds/999/fetch", headers=auth).status_code == 404
    off = TestClient(create_app(Settings(database_url=network.url, feed_fetch=False), db=network))
    assert off.post(f"/api/v1/admin/feeds/{feed_id}/fetch", headers=auth).status_code == 409
    assert len(feed.requests) == 1
    assert client.delete(f"/api/v1/admin/feeds/{feed_id}", headers=auth).status_code == 204
    assert feed_events(network, feed_id) == {}
