"""Every text the core produces exists in German and English and renders completely."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kiosk.core import messages
from kiosk.core.credentials import (
    BadCheckSymbol,
    CredentialError,
    ForeignCode,
    MalformedCode,
    UnsupportedVersion,
)
from kiosk.core.verdicts import Reason, Verdict

from .rules_helpers import HOST_A, HOST_B, POLICY, local, member, scan


def _all_strings(entry: messages.Entry) -> list[str]:
    pairs = list(entry.values()) if isinstance(entry, dict) else [entry]
    return [s for pair in pairs for s in pair]


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    assert messages.EN.keys() == messages.DE.keys()
    for key in messages.EN:
        en = {p for s in _all_strings(messages.EN[key]) for p in re.findall(r"{(\w+)}", s)}
        de = {p for s in _all_strings(messages.DE[key]) for p in re.findall(r"{(\w+)}", s)}
        assert en == de, key
        assert _all_strings(messages.EN[key]) != _all_strings(messages.DE[key]), f"{key} untranslated"


def test_every_reason_and_code_error_has_text() -> None:
    keys = set(messages.EN)
    for reason in Reason:
        assert any(k == f"verdict.{reason.value}" or k.startswith(f"verdict.{reason.value}.") for k in keys)
    for error in (CredentialError, MalformedCode, BadCheckSymbol, ForeignCode, UnsupportedVersion):
        assert error.key in keys


@pytest.mark.parametrize("lang", ["de", "en"])
def test_guest_day_verdict_reads_like_the_brief(lang: str) -> None:
    verdict = scan(local(2026, 11, 10, 9, 0), HOST_A, [])
    title, detail = messages.explain(verdict, lang, {1: "Stendal"})
    if lang == "en":
        assert (title, detail) == ("Welcome, Anna K. (Stendal)!", "Guest day 1 of 1 in November.")
    else:
        assert (title, detail) == ("Willkommen, Anna K. (Stendal)!", "Gasttag 1 von 1 im November.")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("plan", ["basis", "flex"])
def test_denials_render_without_holes(lang: str, plan: str) -> None:
    visits = scan_history(plan)
    verdict = scan(local(2026, 11, 30, 9, 0), HOST_B, visits, member(plan=plan))
    assert verdict.reason is Reason.GUEST_DAYS_USED
    title, detail = messages.explain(verdict, lang, {1: "Stendal"})
    assert "?" not in title + detail and "{" not in title + detail
    assert ("November" in title) and detail


def scan_history(plan: str) -> list:  # type: ignore[type-arg]
    visits: list = []  # type: ignore[type-arg]
    for day, space in ((2, HOST_A), (3, 4), (4, 5)):
        scan(local(2026, 11, day, 9, 0), space, visits, member(plan=plan))
    return visits


def test_unknown_key_falls_back_instead_of_failing() -> None:
    verdict = Verdict(Reason.INVALID_CODE, date(2026, 11, 1), "verdict.something_new_from_a_newer_server")
    title, _ = messages.explain(verdict, "en")
    assert title == "Not a valid code"


def test_dates_and_languages() -> None:
    assert messages.short_date(date(2026, 11, 26), "en") == "Thu 26 Nov"
    assert messages.short_date(date(2026, 11, 26), "de") == "Do. 26. Nov."
    assert messages.language("de_DE.UTF-8") == "de"
    assert messages.language("fr") == "de"
    assert messages.language(None) == "de"


def test_day_pass_date_is_shown_in_the_reader_s_language() -> None:
    from kiosk.core.credentials import DayPass

    card = DayPass(space_id=HOST_A, valid_on=date(2026, 11, 28), number=1, secret=1)
    from kiosk.core.rules import decide

    verdict = decide(card, space_id=HOST_A, now=local(2026, 11, 27, 9, 0), policy=POLICY)
    assert "Sat 28 Nov" in messages.explain(verdict, "en")[1]
    assert "Sa. 28. Nov." in messages.explain(verdict, "de")[1]
    assert verdict.reason is Reason.DAY_PASS_NOT_VALID and not verdict.admitted  # tomorrow's pass, today
