"""Property tests for the codec (hypothesis; 1,000 examples each in CI)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from kiosk.core.alphabet import ALPHABET
from kiosk.core.credentials import (
    EPOCH,
    CredentialError,
    DayPass,
    EnrollmentCode,
    MemberPass,
    parse,
)

secrets = st.integers(min_value=0, max_value=2**80 - 1)
member_passes = st.builds(
    MemberPass,
    member_number=st.integers(0, 32**5 - 1),
    serial=st.integers(0, 32**2 - 1),
    secret=secrets,
)
day_passes = st.builds(
    DayPass,
    space_id=st.integers(0, 32**2 - 1),
    valid_on=st.integers(0, 32**3 - 1).map(lambda d: EPOCH + timedelta(days=d)),
    number=st.integers(0, 32**4 - 1),
    secret=secrets,
)
enrollment_codes = st.builds(
    EnrollmentCode, space_id=st.integers(0, 32**2 - 1), number=st.integers(0, 32**4 - 1), secret=secrets
)
credentials = st.one_of(member_passes, day_passes, enrollment_codes)

# Characters a scanner or a person might put in place of one symbol. Lower case of the same
# symbol is tolerated on purpose, so it is not a "change".
replacement_chars = st.one_of(
    st.sampled_from(ALPHABET + "IOYZ" + "ßäöü-_ /+.:$%*ÿſı"),
    st.characters(codec="utf-8"),
)


@given(credentials)
def test_round_trip_over_all_field_ranges(credential: MemberPass | DayPass | EnrollmentCode) -> None:
    assert parse(credential.text) == credential
    assert parse(credential.text.lower()) == credential


@given(credentials, st.data())
def test_no_single_character_change_is_accepted_as_that_credential(
    credential: MemberPass | DayPass | EnrollmentCode, data: st.DataObject
) -> None:
    text = credential.text
    position = data.draw(st.integers(0, len(text) - 1))
    char = data.draw(replacement_chars)
    assume(char.upper() != text[position] and char not in " \t\n\r\x0b\x0c-")
    changed = text[:position] + char + text[position + 1 :]
    try:
        parsed = parse(changed)
    except CredentialError:
        return
    # Anything that parses must be a different credential whose hash does not verify.
    assert parsed != credential
    assert not parsed.matches(credential.secret_hash())


@given(credentials, st.data())
def test_truncation_is_never_accepted(
    credential: MemberPass | DayPass | EnrollmentCode, data: st.DataObject
) -> None:
    text = credential.text
    keep = data.draw(st.integers(0, len(text) - 1))
    from_start = data.draw(st.booleans())
    fragment = text[:keep] if from_start else text[len(text) - keep :]
    try:
        parsed = parse(fragment)
    except CredentialError:
        return
    raise AssertionError(f"fragment {fragment!r} parsed as {parsed!r}")


@given(credentials, st.integers(0, 26))
def test_swapping_neighbours_is_not_accepted_as_that_credential(
    credential: MemberPass | DayPass | EnrollmentCode, position: int
) -> None:
    text = credential.text
    assume(position + 1 < len(text) and text[position] != text[position + 1])
    swapped = text[:position] + text[position + 1] + text[position] + text[position + 2 :]
    try:
        parsed = parse(swapped)
    except CredentialError:
        return
    assert not parsed.matches(credential.secret_hash())


@given(st.text())
def test_arbitrary_text_raises_only_typed_errors(text: str) -> None:
    try:
        parse(text)
    except CredentialError:
        pass


@given(st.binary())
def test_arbitrary_bytes_raise_only_typed_errors(raw: bytes) -> None:
    try:
        parse(raw)
    except CredentialError:
        pass


@given(st.text(alphabet=ALPHABET, min_size=0, max_size=40).map(lambda s: "CW" + s))
def test_near_misses_in_our_alphabet_raise_only_typed_errors(text: str) -> None:
    try:
        credential = parse(text)
    except CredentialError:
        return
    assert credential.text == text  # only a canonical, check-valid text parses


def test_last_representable_day_pass_date() -> None:
    last = DayPass(space_id=0, valid_on=EPOCH + timedelta(days=32**3 - 1), number=0, secret=0)
    assert parse(last.text).valid_on == date(2109, 9, 18)
