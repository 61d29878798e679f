"""The credential codec: member passes, day passes and kiosk enrollment codes.

Every code is ``CW`` + a type letter + a format version digit, then fixed-width fields in
the 32-symbol alphabet, then one Luhn mod 32 check symbol over everything before it.
See docs/credentials.md for the layout and test vectors.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from .alphabet import ALPHABET, check_symbol, decode_int, encode_int, is_symbol

MAGIC: Final = "CW"
VERSION: Final = "1"
SECRET_BITS: Final = 80
SECRET_WIDTH: Final = SECRET_BITS // 5  # 16 symbols
EPOCH: Final = date(2020, 1, 1)  # day passes count days from here
_HASH_DOMAIN: Final = b"coworking-kiosk/credential-secret/v1\x00"


class Kind(StrEnum):
    MEMBER_PASS = "M"
    DAY_PASS = "D"
    ENROLLMENT = "E"


# Field widths per kind, in symbols, after the four-symbol prefix.
MEMBER_NUMBER_WIDTH: Final = 5  # up to 33,554,431
SERIAL_WIDTH: Final = 2  # up to 1,023
SPACE_WIDTH: Final = 2  # up to 1,023
DATE_WIDTH: Final = 3  # up to 32,767 days after EPOCH
NUMBER_WIDTH: Final = 4  # up to 1,048,575

_PREFIX_LEN: Final = 4
LENGTHS: Final = {
    Kind.MEMBER_PASS: _PREFIX_LEN + MEMBER_NUMBER_WIDTH + SERIAL_WIDTH + SECRET_WIDTH + 1,  # 28
    Kind.DAY_PASS: _PREFIX_LEN + SPACE_WIDTH + DATE_WIDTH + NUMBER_WIDTH + SECRET_WIDTH + 1,  # 30
    Kind.ENROLLMENT: _PREFIX_LEN + SPACE_WIDTH + NUMBER_WIDTH + SECRET_WIDTH + 1,  # 27
}


class CredentialError(ValueError):
    """A scanned or typed text that is not a usable credential. `key` names the message."""

    key = "code.invalid"


class MalformedCode(CredentialError):
    """Looks like ours, but has the wrong length or symbols outside the alphabet."""

    key = "code.malformed"


class BadCheckSymbol(CredentialError):
    """Well formed, but the check symbol does not match: mistyped or partly read."""

    key = "code.check_symbol"


class ForeignCode(CredentialError):
    """Not one of this network's codes (a URL, a ticket from elsewhere, ...)."""

    key = "code.foreign"


class MemberPageLink(ForeignCode):
    """The member page link printed small beside the pass on a card (an http(s) URL to
    `/me/...`): not a pass, so the kiosk says which code to show instead."""

    key = "code.member_page"


class UnsupportedVersion(CredentialError):
    """One of ours, but from a newer format version than this software knows."""

    key = "code.unsupported_version"


def new_secret() -> int:
    """A fresh random secret of SECRET_BITS bits."""
    return secrets.randbits(SECRET_BITS)


@dataclass(frozen=True, slots=True)
class _Credential:
    secret: int

    kind = Kind.MEMBER_PASS  # overridden per subclass

    def _fields(self) -> str:
        raise NotImplementedError  # pragma: no cover - every subclass defines it

    @property
    def body(self) -> str:
        """The text without its check symbol."""
        if not 0 <= self.secret < 2**SECRET_BITS:
            raise ValueError("secret out of range")
        return f"{MAGIC}{self.kind.value}{VERSION}{self._fields()}{encode_int(self.secret, SECRET_WIDTH)}"

    @property
    def text(self) -> str:
        """The canonical text, as printed in the QR code."""
        body = self.body
        return body + check_symbol(body)

    def secret_hash(self) -> str:
        """What the server and the kiosks store instead of the secret (hex SHA-256).

        The hash covers the whole body, so it binds the secret to the kind, the number and
        the serial: the same secret under another member number does not verify.
        """
        return hashlib.sha256(_HASH_DOMAIN + self.body.encode("ascii")).hexdigest()

    def matches(self, stored_hash: str) -> bool:
        """Constant-time comparison of this credential's secret with a stored hash."""
        return hmac.compare_digest(self.secret_hash().encode(), stored_hash.encode("ascii", "replace"))


@dataclass(frozen=True, slots=True)
class MemberPass(_Credential):
    member_number: int
    serial: int

    kind = Kind.MEMBER_PASS

    def _fields(self) -> str:
        return encode_int(self.member_number, MEMBER_NUMBER_WIDTH) + encode_int(self.serial, SERIAL_WIDTH)


@dataclass(frozen=True, slots=True)
class DayPass(_Credential):
    space_id: int
    valid_on: date
    number: int

    kind = Kind.DAY_PASS

    def _fields(self) -> str:
        days = (self.valid_on - EPOCH).days
        return (
            encode_int(self.space_id, SPACE_WIDTH)
            + encode_int(days, DATE_WIDTH)
            + encode_int(self.number, NUMBER_WIDTH)
        )


@dataclass(frozen=True, slots=True)
class EnrollmentCode(_Credential):
    space_id: int
    number: int

    kind = Kind.ENROLLMENT

    def _fields(self) -> str:
        return encode_int(self.space_id, SPACE_WIDTH) + encode_int(self.number, NUMBER_WIDTH)


Credential = MemberPass | DayPass | EnrollmentCode


def normalize(raw: str | bytes) -> str:
    """Undo what scanners and people do to a code: whitespace, hyphens, lower case.

    Only ASCII is accepted: some non-ASCII letters upper-case to ASCII ones (the long s
    becomes S), which would let a changed text pass for the original.
    """
    if isinstance(raw, bytes | bytearray):
        try:
            raw = bytes(raw).decode("ascii")
        except UnicodeDecodeError:
            raise MalformedCode("not ASCII text") from None
    if not isinstance(raw, str):
        raise MalformedCode("not text")
    if not raw.isascii():
        raise MalformedCode("not ASCII text")
    return "".join(raw.split()).replace("-", "").upper()


def parse(raw: str | bytes) -> Credential:
    """Parse a scanned or typed text; raises one of the CredentialError subclasses."""
    text = normalize(raw)
    if not text:
        raise MalformedCode("empty")
    if not text.startswith(MAGIC):
        if text.startswith(("HTTP://", "HTTPS://")) and "/ME/" in text:
            raise MemberPageLink("a member page link, not a pass")
        raise ForeignCode("not a code of this network")
    if len(text) < _PREFIX_LEN:
        raise MalformedCode("too short")
    try:
        kind = Kind(text[2])
    except ValueError:
        raise ForeignCode(f"unknown code type {text[2]!r}") from None
    if text[3] != VERSION:
        if is_symbol(text[3]):
            raise UnsupportedVersion(f"format version {text[3]} is not supported by this software")
        raise MalformedCode("bad version symbol")
    if len(text) != LENGTHS[kind]:
        raise MalformedCode(f"expected {LENGTHS[kind]} symbols, got {len(text)}")
    if not all(is_symbol(c) for c in text):
        raise MalformedCode("symbol outside the alphabet")
    if check_symbol(text[:-1]) != text[-1]:
        raise BadCheckSymbol("check symbol does not match")
    return _decode_fields(kind, text[_PREFIX_LEN:-1])


def _decode_fields(kind: Kind, fields: str) -> Credential:
    secret = decode_int(fields[-SECRET_WIDTH:])
    head = fields[:-SECRET_WIDTH]
    if kind is Kind.MEMBER_PASS:
        return MemberPass(
            secret=secret,
            member_number=decode_int(head[:MEMBER_NUMBER_WIDTH]),
            serial=decode_int(head[MEMBER_NUMBER_WIDTH:]),
        )
    if kind is Kind.DAY_PASS:
        days = decode_int(head[SPACE_WIDTH : SPACE_WIDTH + DATE_WIDTH])
        return DayPass(
            secret=secret,
            space_id=decode_int(head[:SPACE_WIDTH]),
            valid_on=EPOCH + timedelta(days=days),
            number=decode_int(head[SPACE_WIDTH + DATE_WIDTH :]),
        )
    return EnrollmentCode(
        secret=secret,
        space_id=decode_int(head[:SPACE_WIDTH]),
        number=decode_int(head[SPACE_WIDTH:]),
    )


def display_groups(text: str, size: int = 4) -> str:
    """A code split into groups for people to read or type ("CWE1 02AB ...")."""
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


__all__ = [
    "ALPHABET",
    "BadCheckSymbol",
    "Credential",
    "CredentialError",
    "DayPass",
    "EnrollmentCode",
    "ForeignCode",
    "Kind",
    "MalformedCode",
    "MemberPageLink",
    "MemberPass",
    "UnsupportedVersion",
    "display_groups",
    "new_secret",
    "normalize",
    "parse",
]
