"""The credential codec: layout, tolerance, typed errors, QR rendering."""

from __future__ import annotations

from datetime import date

import pytest
import zxingcpp

from kiosk.core.alphabet import ALPHABET, check_symbol, decode_int, encode_int
from kiosk.core.credentials import (
    BadCheckSymbol,
    DayPass,
    EnrollmentCode,
    ForeignCode,
    MalformedCode,
    MemberPass,
    UnsupportedVersion,
    display_groups,
    new_secret,
    parse,
)
from kiosk.core.qr import qr_version, render_qr

PASS = MemberPass(member_number=10042, serial=3, secret=0x0123456789ABCDEF0123)


def test_alphabet_has_no_layout_dependent_or_ambiguous_symbols() -> None:
    assert len(set(ALPHABET)) == 32
    assert not set("IOYZ") & set(ALPHABET)
    assert ALPHABET.isalnum() and ALPHABET.upper() == ALPHABET


def test_member_pass_is_short_and_alphanumeric() -> None:
    text = PASS.text
    assert len(text) == 28
    assert text.startswith("CWM1")
    assert set(text) <= set(ALPHABET)


@pytest.mark.parametrize(
    "credential",
    [
        PASS,
        DayPass(space_id=7, valid_on=date(2026, 11, 28), number=12345, secret=new_secret()),
        EnrollmentCode(space_id=2, number=99, secret=new_secret()),
    ],
)
def test_round_trip_for_each_kind(credential: MemberPass | DayPass | EnrollmentCode) -> None:
    assert parse(credential.text) == credential


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: f"  {t}\r\n",
        lambda t: t.lower(),
        lambda t: f"\t{t.swapcase()} ",
        lambda t: display_groups(t),
        lambda t: "-".join(t[i : i + 4] for i in range(0, len(t), 4)),
        lambda t: t.encode("ascii"),
    ],
)
def test_tolerates_what_scanners_and_people_do(mangle) -> None:  # type: ignore[no-untyped-def]
    assert parse(mangle(PASS.text)) == PASS


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", MalformedCode),
        ("   \n", MalformedCode),
        ("https://example.org/ticket/1", ForeignCode),
        ("CWQ1" + "0" * 24, ForeignCode),
        ("CWM2" + "0" * 24, UnsupportedVersion),
        ("CWM" + "?" + "0" * 24, MalformedCode),
        ("CWM1" + "0" * 23, MalformedCode),
        ("CWM1" + "0" * 23 + "I", MalformedCode),
        ("CWM1009RS0304HLARU9MF6WW093Ä", MalformedCode),
        ("CWM1009RS03ſ4HLARU9MF6WW093A", MalformedCode),
        (b"\xff\xfe", MalformedCode),
    ],
)
def test_each_failure_has_its_own_typed_error(text: str | bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse(text)


def test_wrong_check_symbol_is_reported_as_such() -> None:
    text = PASS.text
    wrong = ALPHABET[(ALPHABET.index(text[-1]) + 1) % 32]
    with pytest.raises(BadCheckSymbol):
        parse(text[:-1] + wrong)


def test_secret_hash_binds_secret_to_member_and_serial() -> None:
    same_secret_other_member = MemberPass(member_number=10043, serial=3, secret=PASS.secret)
    assert PASS.matches(PASS.secret_hash())
    assert not same_secret_other_member.matches(PASS.secret_hash())
    assert not MemberPass(member_number=10042, serial=3, secret=PASS.secret + 1).matches(PASS.secret_hash())
    assert not PASS.matches("not a hash ✗")


def test_new_secrets_are_random_and_80_bits() -> None:
    secrets = {new_secret() for _ in range(200)}
    assert len(secrets) == 200
    assert max(secrets) < 2**80
    assert max(secrets).bit_length() > 70


def test_int_encoding_bounds() -> None:
    assert decode_int(encode_int(2**25 - 1, 5)) == 2**25 - 1
    with pytest.raises(ValueError):
        encode_int(2**25, 5)
    with pytest.raises(ValueError):
        encode_int(-1, 5)


def test_check_symbol_catches_every_single_substitution_exhaustively() -> None:
    body = PASS.text[:-1]
    check = check_symbol(body)
    for position in range(len(body)):
        for symbol in ALPHABET:
            if symbol != body[position]:
                changed = body[:position] + symbol + body[position + 1 :]
                assert check_symbol(changed) != check


def test_member_pass_renders_as_version_2_qr_and_decodes_back() -> None:
    assert qr_version(PASS.text) == 2
    image = render_qr(PASS.text)
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [r.text for r in results] == [PASS.text]
    assert results[0].symbology_identifier  # a real decode, not an echo
    assert "M" in str(results[0].ec_level) or results[0].ec_level == "M"


@pytest.mark.parametrize("kind", ["day", "enrollment"])
def test_other_kinds_render_small_and_decode(kind: str) -> None:
    credential: DayPass | EnrollmentCode
    if kind == "day":
        credential = DayPass(space_id=3, valid_on=date(2026, 12, 24), number=5, secret=new_secret())
    else:
        credential = EnrollmentCode(space_id=3, number=5, secret=new_secret())
    assert qr_version(credential.text) <= 3
    decoded = zxingcpp.read_barcodes(render_qr(credential.text, box_size=4))
    assert parse(decoded[0].text) == credential
