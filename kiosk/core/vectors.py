"""Test vectors for the credential format: run `python -m kiosk.core.vectors` to print them.

docs/credentials.md embeds this output between markers; tests/core/test_vectors.py checks
that the document and the code agree, so another implementation can trust the table.
"""

from __future__ import annotations

from datetime import date

from .credentials import Credential, DayPass, EnrollmentCode, MemberPass

VECTORS: tuple[Credential, ...] = (
    MemberPass(member_number=1, serial=1, secret=0),
    MemberPass(member_number=10042, serial=1, secret=0x0123456789ABCDEF0123),
    MemberPass(member_number=10042, serial=2, secret=0x0123456789ABCDEF0123),
    MemberPass(member_number=33_554_431, serial=1023, secret=2**80 - 1),
    DayPass(space_id=5, valid_on=date(2026, 11, 28), number=77, secret=0xC0FFEE_C0FFEE_C0FFEE),
    DayPass(space_id=1023, valid_on=date(2109, 9, 18), number=1_048_575, secret=1),
    EnrollmentCode(space_id=3, number=1, secret=0xA5A5A5A5A5A5A5A5A5A5),
)


def _fields(credential: Credential) -> str:
    if isinstance(credential, MemberPass):
        return f"member_number={credential.member_number} serial={credential.serial}"
    if isinstance(credential, DayPass):
        return f"space_id={credential.space_id} valid_on={credential.valid_on} number={credential.number}"
    return f"space_id={credential.space_id} number={credential.number}"


def render_markdown() -> str:
    lines = [
        "| kind | fields | secret (hex, 80 bits) | text | secret hash (SHA-256, hex) |",
        "|---|---|---|---|---|",
    ]
    for credential in VECTORS:
        lines.append(
            f"| {credential.kind.name.lower()} | {_fields(credential)} | `{credential.secret:020x}` "
            f"| `{credential.text}` | `{credential.secret_hash()}` |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")  # noqa: T201
