"""iCalendar import: recurrence expansion (DST, EXDATE, RECURRENCE-ID) and idempotent re-import."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from netserver.db import Database, Event
from netserver.importers.ical import (
    EventImportError,
    IcsError,
    default_window,
    import_ics,
    parse_ics,
)

TODAY = date(2026, 10, 1)
WINDOW = default_window(TODAY)


def ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n"
    return text.replace("\n    ", "\n").replace("\r\n", "\n").replace("\n", "\r\n").encode()


WEEKLY = """
UID:stammtisch@example.org
SUMMARY:Digital-Stammtisch
DTSTART;TZID=Europe/Berlin:20261013T190000
DTEND;TZID=Europe/Berlin:20261013T210000
RRULE:FREQ=WEEKLY;COUNT=5
EXDATE;TZID=Europe/Berlin:20261103T190000
URL:https://example.org/stammtisch
DESCRIPTION:Wir helfen uns.
"""


def test_weekly_series_keeps_local_time_across_the_dst_change() -> None:
    parsed = parse_ics(ics(WEEKLY), window=WINDOW)
    starts = [e.starts_at for e in parsed.events]
    # 25 Oct 2026 the clocks go back: 19:00 local is 17:00 UTC before, 18:00 UTC after.
    assert starts == [
        datetime(2026, 10, 13, 17, tzinfo=UTC),
        datetime(2026, 10, 20, 17, tzinfo=UTC),
        datetime(2026, 10, 27, 18, tzinfo=UTC),
        # 3 Nov excluded by EXDATE
        datetime(2026, 11, 10, 18, tzinfo=UTC),
    ]
    assert all((e.ends_at - e.starts_at).total_seconds() == 7200 for e in parsed.events)
    assert {e.series_key for e in parsed.events} == {"digital-stammtisch"}
    assert parsed.events[0].url == "https://example.org/stammtisch"
    assert parsed.events[0].description == "Wir helfen uns."
    ids = [e.source_uid for e in parsed.events]
    assert ids[0] == "stammtisch@example.org/20261013T170000Z" and len(set(ids)) == 4


def test_an_instance_moved_or_cancelled_by_recurrence_id() -> None:
    moved = """
UID:stammtisch@example.org
RECURRENCE-ID;TZID=Europe/Berlin:20261020T190000
SUMMARY:Digital-Stammtisch (verlegt)
DTSTART;TZID=Europe/Berlin:20261022T180000
DTEND;TZID=Europe/Berlin:20261022T200000
X-SPACE:werben
"""
    cancelled = """
UID:stammtisch@example.org
RECURRENCE-ID:20261027T180000Z
SUMMARY:Digital-Stammtisch
DTSTART;TZID=Europe/Berlin:20261027T190000
DTEND;TZID=Europe/Berlin:20261027T210000
STATUS:CANCELLED
"""
    events = parse_ics(ics(WEEKLY, moved, cancelled), window=WINDOW).events
    second = events[1]
    assert second.starts_at == datetime(2026, 10, 22, 16, tzinfo=UTC)
    assert second.source_uid == "stammtisch@example.org/20261020T170000Z"  # the original slot
    assert second.series_key == "digital-stammtisch"  # a renamed instance stays in its series
    assert second.space_hint == "werben"
    assert [e.cancelled for e in events] == [False, False, True, False]


def test_window_until_all_day_floating_and_utc_times() -> None:
    events = parse_ics(
        ics(
            "UID:old\nSUMMARY:Long ago\nDTSTART:20250101T100000Z\nDTEND:20250101T110000Z",
            "UID:far\nSUMMARY:Far ahead\nDTSTART:20280101T100000Z\nDTEND:20280101T110000Z",
            "UID:xmas\nSUMMARY:Geschlossen\nDTSTART;VALUE=DATE:20261224\nDTEND;VALUE=DATE:20261227",
            "UID:floating\nSUMMARY:Frühstück\nDTSTART:20261104T080000\nDURATION:PT1H30M",
            "UID:daily\nSUMMARY:Daily\nDTSTART;TZID=Europe/Berlin:20261001T090000\nRRULE:FREQ=DAILY;UNTIL=20261003",
        ),
        window=WINDOW,
    ).events
    by_title = {}
    for e in events:
        by_title.setdefault(e.title, []).append(e)
    assert "Long ago" not in by_title and "Far ahead" not in by_title
    (closed,) = by_title["Geschlossen"]
    assert closed.starts_at == datetime(2026, 12, 23, 23, tzinfo=UTC)  # local midnight, CET
    assert closed.ends_at == datetime(2026, 12, 26, 23, tzinfo=UTC)
    (breakfast,) = by_title["Frühstück"]
    assert breakfast.starts_at == datetime(2026, 11, 4, 7, tzinfo=UTC)  # floating = network zone
    assert breakfast.ends_at == datetime(2026, 11, 4, 8, 30, tzinfo=UTC)
    assert len(by_title["Daily"]) == 3  # UNTIL as a date includes that day


def test_all_day_series_with_exdate() -> None:
    events = parse_ics(
        ics(
            "UID:markt\nSUMMARY:Markttag\nDTSTART;VALUE=DATE:20261005\nRRULE:FREQ=WEEKLY;COUNT=4\n"
            "EXDATE;VALUE=DATE:20261019"
        ),
        window=WINDOW,
    ).events
    assert [e.source_uid for e in events] == [
        "markt/20261005",
        "markt/20261012",
        "markt/20261026",
    ]
    assert events[2].starts_at == datetime(2026, 10, 25, 23, tzinfo=UTC)  # after the change: CET


@pytest.mark.parametrize("data", [b"", b"hello", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", b"\xff\xfe\x00"])
def test_unreadable_files_raise_ics_error(data: bytes) -> None:
    with pytest.raises(IcsError):
        parse_ics(data, window=WINDOW)


def test_an_event_with_a_bad_date_raises_ics_error() -> None:
    with pytest.raises(IcsError, match="Broken"):
        parse_ics(ics("UID:x\nSUMMARY:Broken\nDTSTART:20261301T100000Z"), window=WINDOW)


# -- into the database ----------------------------------------------------------------------


def events_in(db: Database) -> list[Event]:
    with db.read() as session:
        return list(session.scalars(select(Event).order_by(Event.starts_at)))


def test_reimport_is_idempotent_and_follows_changes(network: Database) -> None:
    with network.write() as session:
        first = import_ics(session, ics(WEEKLY), today=TODAY, default_space="werben")
    assert (first.created, first.updated, first.unchanged, first.cancelled) == (4, 0, 0, 0)
    with network.write() as session:
        again = import_ics(session, ics(WEEKLY), today=TODAY, default_space="werben")
    assert (again.created, again.updated, again.unchanged, again.cancelled) == (0, 0, 4, 0)
    assert len(events_in(network)) == 4

    changed = WEEKLY.replace("SUMMARY:Digital-Stammtisch", "SUMMARY:Digital-Stammtisch Altmark").replace(
        "EXDATE;TZID=Europe/Berlin:20261103T190000",
        "EXDATE;TZID=Europe/Berlin:20261103T190000,20261110T190000",
    )
    with network.write() as session:
        third = import_ics(session, ics(changed), today=TODAY, default_space="werben")
    assert (third.created, third.updated, third.cancelled) == (0, 3, 1)
    rows = events_in(network)
    assert len(rows) == 4
    assert [r.cancelled for r in rows] == [False, False, False, True]
    assert rows[0].title == "Digital-Stammtisch Altmark" and rows[0].space_id == 3


def test_a_series_moving_between_spaces_shares_its_key(network: Database) -> None:
    data = ics(
        "UID:a@x\nSUMMARY:Digital-Stammtisch\nX-SPACE:stendal\nDTSTART:20261105T180000Z\nDTEND:20261105T200000Z",
        "UID:b@x\nSUMMARY:Digital-Stammtisch\nLOCATION:Kulturhaus Gardelegen, Markt 1\n"
        "DTSTART:20261112T180000Z\nDTEND:20261112T200000Z",
        "UID:c@x\nSUMMARY:Sonderausgabe\nX-SERIES:digital-stammtisch\nX-SPACE:Werben (Elbe)\n"
        "DTSTART:20261119T180000Z\nDTEND:20261119T200000Z",
    )
    with network.write() as session:
        import_ics(session, data, today=TODAY)
    rows = events_in(network)
    assert [(r.space_id, r.series_key) for r in rows] == [
        (1, "digital-stammtisch"),
        (2, "digital-stammtisch"),
        (3, "digital-stammtisch"),
    ]


def test_events_without_a_space_are_refused_and_nothing_is_written(network: Database) -> None:
    data = ics(
        "UID:ok\nSUMMARY:Fine\nX-SPACE:stendal\nDTSTART:20261105T180000Z",
        "UID:lost\nSUMMARY:Somewhere\nLOCATION:Berlin\nDTSTART:20261106T180000Z",
        "UID:typo\nSUMMARY:Typo\nX-SPACE:stendl\nDTSTART:20261107T180000Z",
    )
    with pytest.raises(EventImportError) as caught, network.write() as session:
        import_ics(session, data, today=TODAY)
    assert len(caught.value.problems) == 2
    assert "'Somewhere'" in caught.value.problems[0] and "stendl" in caught.value.problems[1]
    assert events_in(network) == []
    with pytest.raises(EventImportError, match="unknown space 'mars'"), network.write() as session:
        import_ics(session, data, today=TODAY, default_space="mars")


# -- property: damaged files give IcsError (a clear message), never another exception ----------

SAMPLE = (Path(__file__).resolve().parents[2] / "docs" / "samples" / "events.ics").read_bytes()


@given(
    cuts=st.lists(
        st.tuples(st.integers(0, len(SAMPLE)), st.integers(0, 40), st.binary(max_size=8)), max_size=4
    )
)
def test_damaged_files_fail_cleanly(cuts: list[tuple[int, int, bytes]]) -> None:
    data = SAMPLE
    for start, length, insert in cuts:
        data = data[:start] + insert + data[start + length :]
    try:
        parsed = parse_ics(data, window=WINDOW)
    except IcsError:
        return
    assert all(e.starts_at <= e.ends_at for e in parsed.events)
