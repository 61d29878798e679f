"""iCalendar import: recurrence expansion (DST, EXDATE, RECURRENCE-ID) and idempotent re-import."""

from __future__ import annotations

import time
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
from netserver.importers.ical_worker import parse_ics_bounded

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


def test_a_broken_dtstart_is_listed_in_words_and_the_rest_is_read() -> None:
    """Issue 13: a broken DTSTART reported an internal TypeError text (and refused the file)."""
    parsed = parse_ics(
        ics(
            "UID:x@example.org\nSUMMARY:Broken\nDTSTART:20261301T100000Z",
            "UID:none@example.org\nSUMMARY:Ohne Beginn",
            "UID:ok@example.org\nSUMMARY:Fine\nDTSTART:20261105T180000Z",
        ),
        window=WINDOW,
    )
    assert [e.title for e in parsed.events] == ["Fine"]
    shown = [str(u) for u in parsed.unreadable]
    assert shown == [
        "event 'Broken' (UID x@example.org): DTSTART '20261301T100000Z' is not a valid date or time",
        "event 'Ohne Beginn' (UID none@example.org): it has no start (DTSTART)",
    ]
    assert not any("Error" in s or "NoneType" in s for s in shown)


def test_a_windows_1252_calendar_is_read_right_and_says_so() -> None:
    """Issue 13: a Windows-1252 .ics imported as mojibake without a warning."""
    data = ics("UID:w@x\nSUMMARY:Kürbisfest in Tangermünde\nDTSTART:20261105T180000Z").decode()
    parsed = parse_ics(data.encode("cp1252"), window=WINDOW)
    assert [e.title for e in parsed.events] == ["Kürbisfest in Tangermünde"]
    assert parsed.encoding == "Windows-1252"
    assert any("not UTF-8" in w and "Windows-1252" in w for w in parsed.warnings)
    assert not parse_ics(data.encode("utf-8"), window=WINDOW).warnings


def test_an_unknown_tzid_is_read_in_the_network_zone_with_a_warning() -> None:
    """Issue 13: an unknown TZID was taken as UTC silently."""
    parsed = parse_ics(
        ics(
            "UID:m@x\nSUMMARY:Mars\nDTSTART;TZID=Mars/Olympus:20261105T190000\n"
            "DTEND;TZID=Mars/Olympus:20261105T210000",
            "UID:w@x\nSUMMARY:Outlook\nDTSTART;TZID=W. Europe Standard Time:20261105T190000",
        ),
        window=WINDOW,
    )
    by_title = {e.title: e for e in parsed.events}
    assert by_title["Mars"].starts_at == datetime(2026, 11, 5, 18, tzinfo=UTC)  # 19:00 Berlin (CET)
    assert by_title["Outlook"].starts_at == datetime(2026, 11, 5, 18, tzinfo=UTC)  # a Windows name
    assert parsed.warnings == ("'Mars': unknown time zone 'Mars/Olympus', read as Europe/Berlin",)


def test_a_minutely_rule_from_1900_is_refused_at_once() -> None:
    """Issue 13: RRULE:FREQ=MINUTELY from 1900 kept an import busy for over a minute."""
    started = time.perf_counter()
    parsed = parse_ics(
        ics(
            "UID:min@x\nSUMMARY:Every minute\nDTSTART:19000101T000000Z\nRRULE:FREQ=MINUTELY",
            "UID:hour@x\nSUMMARY:Every hour\nDTSTART:20000101T000000Z\nRRULE:FREQ=HOURLY",
            "UID:feb@x\nSUMMARY:30 February\nDTSTART:20000101T100000Z\n"
            "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
            "UID:daily@x\nSUMMARY:Daily since 1900\nDTSTART:19000101T080000Z\nRRULE:FREQ=DAILY",
        ),
        window=WINDOW,
    )
    elapsed = time.perf_counter() - started
    assert elapsed < 5, elapsed  # about 0.3 s on the development machine
    reasons = {u.uid: u.reason for u in parsed.unreadable}
    assert reasons["min@x"].startswith("it repeats minutely (RRULE FREQ=MINUTELY)")
    assert reasons["hour@x"].startswith("its rule (FREQ=HOURLY) repeats 243,239 times between 2000-01-01")
    assert reasons["feb@x"] == "its rule never produces a date (BYMONTHDAY is beyond the month)"
    daily = [e for e in parsed.events if e.uid == "daily@x"]
    assert len(daily) == (WINDOW[1] - WINDOW[0]).days  # every day of the window, none more


def test_a_rule_the_checks_miss_is_stopped_by_the_deadline() -> None:
    """The child process is the bound for what the checks do not foresee: a daily rule whose
    filters never match (day 100 of the year in February) searches until the year 9999."""
    data = ics(
        "UID:never@x\nSUMMARY:Never\nDTSTART:20000101T100000Z\n"
        "RRULE:FREQ=DAILY;BYMONTH=2;BYYEARDAY=100;BYDAY=MO"
    )
    started = time.perf_counter()
    with pytest.raises(IcsError, match="took longer than 1 s"):
        parse_ics_bounded(data, timezone="Europe/Berlin", window=WINDOW, timeout=1.0)
    assert time.perf_counter() - started < 8
    ok = parse_ics_bounded(ics(WEEKLY), timezone="Europe/Berlin", window=WINDOW)
    assert len(ok.events) == 4


def test_html_descriptions_become_plain_text_with_their_links() -> None:
    google = (
        "UID:g@x\nSUMMARY:Gründerabend\nDTSTART:20261105T180000Z\n"
        "DESCRIPTION:<p>Mit <b>Pizza</b>&nbsp;&amp; Austausch.<br>Anmeldung: <a href=\"https://ex"
        "ample.org/a?x=1&amp;y=2\">hier</a></p><script>alert(1)</script><img src=x onerror=alert(1)>"
        "<a href=\"javascript:alert(2)\">klick</a>"
    )
    nextcloud = (
        "UID:n@x\nSUMMARY:Repair-Café\nDTSTART:20261106T180000Z\nDESCRIPTION:\n"
        "X-ALT-DESC;FMTTYPE=text/html:<ul><li>Toaster</li><li>Fahrräder</li></ul>"
    )
    events = {e.uid: e for e in parse_ics(ics(google, nextcloud), window=WINDOW).events}
    assert events["g@x"].description == (
        "Mit Pizza & Austausch.\nAnmeldung: hier (https://example.org/a?x=1&y=2)\nklick"
    )
    assert events["n@x"].description == "• Toaster\n• Fahrräder"
    for event in events.values():
        assert "<" not in event.description and "alert" not in event.description


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


def test_events_without_a_space_are_left_out_and_listed(network: Database) -> None:
    data = ics(
        "UID:ok\nSUMMARY:Fine\nX-SPACE:stendal\nDTSTART:20261105T180000Z",
        "UID:lost\nSUMMARY:Somewhere\nLOCATION:Berlin\nDTSTART:20261106T180000Z",
        "UID:typo\nSUMMARY:Typo\nX-SPACE:stendl\nDTSTART:20261107T180000Z",
        "UID:broken\nSUMMARY:Broken\nDTSTART:2026110",
    )
    with pytest.raises(EventImportError) as caught, network.write() as session:
        import_ics(session, data, today=TODAY, strict=True)  # --strict: the file is refused
    assert len(caught.value.problems) == 3
    assert events_in(network) == []
    with network.write() as session:
        summary = import_ics(session, data, today=TODAY)
    assert [e.title for e in events_in(network)] == ["Fine"]
    assert summary.created == 1 and len(summary.skipped) == 3
    assert "'Broken' (UID broken)" in summary.skipped[0]
    assert "'Somewhere'" in summary.skipped[1] and "stendl" in summary.skipped[2]
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
