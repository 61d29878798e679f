"""`parse_ics_bounded`: parse_ics in a child process with a deadline and a memory limit.

The checks in ical_parse keep every rule we know of from running away, but a calendar is
input from anywhere (a feed URL, an upload): this is the bound for what they do not foresee.
The child is started with "spawn" (safe from a threaded server process), gets the bytes, and
sends the ParsedCalendar back; past the deadline it is killed and the import refused, and no
database transaction is open meanwhile. Costs about 1 s per import on the development machine
(python -m bench.imports: the spawn and the imports of icalendar in the child).
"""

from __future__ import annotations

import multiprocessing
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any, Final

from .ical_parse import IcsError, ParsedCalendar, parse_ics

PARSE_TIMEOUT_S: Final = 30.0
MEMORY_LIMIT: Final = 1024 * 1024 * 1024  # address space of the child, bytes


def _child(conn: Connection, data: bytes, timezone: str, window: tuple[datetime, datetime]) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):  # not on this platform, or a lower hard limit
        pass
    try:
        result: Any = parse_ics(data, timezone=timezone, window=window)
    except IcsError as exc:
        result = ("error", str(exc))
    except MemoryError:
        result = ("error", "the calendar needs more memory than allowed to read")
    except RecursionError:
        result = ("error", "the calendar is nested too deeply to read")
    conn.send(result)
    conn.close()


def parse_ics_bounded(
    data: bytes,
    *,
    timezone: str,
    window: tuple[datetime, datetime],
    timeout: float = PARSE_TIMEOUT_S,
) -> ParsedCalendar:
    """Like parse_ics; IcsError also when reading takes longer than `timeout` seconds."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, data, timezone, window), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise IcsError(
                f"reading the calendar took longer than {timeout:.0f} s and was stopped: "
                "does it hold a rule that repeats without end?"
            )
        try:
            result = receiver.recv()
        except EOFError:
            raise IcsError("the calendar could not be read (the reader stopped)") from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if isinstance(result, tuple) and result and result[0] == "error":
        raise IcsError(str(result[1]))
    if not isinstance(result, ParsedCalendar):
        raise IcsError("the calendar could not be read")
    return result
