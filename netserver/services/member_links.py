"""Member page links: a secret per member, stored as SHA-256 like a token, rotated on request.

The server keeps only a hash of a pass's secret (the card is the only copy), so the member page
cannot rebuild the pass from the database. When a pass is issued with a link, its text is sealed
with AES-GCM under a key derived from the link (HMAC-SHA256 of the link, "pass-seal-v1"): the
server stores the ciphertext, and can open it only while a request presents the link. A copy of
the database alone reveals no pass and no link. Rotating the link re-seals the pass under the new
link; a link made without the pass at hand (`create_link(..., credential=None)`) shows no pass
until the next card is issued with a link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.credentials import CredentialError, MemberPass, parse

from ..db import Member, MemberLink, Pass
from . import audit
from .clock import utc_now
from .errors import NotFound
from .members import get_member

LINK_BYTES = 32  # 256 bits, URL-safe base64: 43 characters
_SEAL_INFO = b"pass-seal-v1"
_FORM_INFO = b"form-v1:"


def new_link_secret() -> str:
    return secrets.token_urlsafe(LINK_BYTES)


def link_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode("utf-8"), _SEAL_INFO, hashlib.sha256).digest()


def _aad(member_number: int, serial: int) -> bytes:
    return f"{member_number}:{serial}".encode()


def seal(secret: str, credential: MemberPass) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_key(secret)).encrypt(
        nonce, credential.text.encode("ascii"), _aad(credential.member_number, credential.serial)
    )
    return base64.b64encode(nonce + sealed).decode("ascii")


def unseal(secret: str, row: MemberLink) -> str | None:
    """The pass text sealed in `row`, or None (nothing sealed, or not openable with `secret`)."""
    if not row.sealed_pass:
        return None
    raw = base64.b64decode(row.sealed_pass)
    try:
        text = AESGCM(_key(secret)).decrypt(raw[:12], raw[12:], _aad(row.member_number, row.pass_serial))
    except InvalidTag:
        return None
    return text.decode("ascii")


def form_token(secret: str, action: str) -> str:
    """The token a form of the member page carries: bound to the link and the action."""
    return hmac.new(secret.encode("utf-8"), _FORM_INFO + action.encode(), hashlib.sha256).hexdigest()[:32]


def form_token_ok(secret: str, action: str, token: str) -> bool:
    return hmac.compare_digest(form_token(secret, action), token or "")


def create_link(session: Session, member_number: int, credential: MemberPass | None = None) -> str:
    """A new link for the member (any older link stops working); returns the link secret, the
    only copy. With `credential` (a pass just issued) the page shows that pass."""
    member = get_member(session, member_number)
    secret = new_link_secret()
    row = session.get(MemberLink, member.number)
    if row is None:
        row = MemberLink(member_number=member.number)
        session.add(row)
    row.link_hash = link_hash(secret)
    row.created_at = utc_now()
    if credential is not None and credential.member_number == member.number:
        row.sealed_pass, row.pass_serial = seal(secret, credential), credential.serial
    else:
        row.sealed_pass, row.pass_serial = "", 0
    session.flush()
    return secret


@dataclass(frozen=True, slots=True)
class LinkView:
    member: Member
    link: MemberLink
    pass_text: str | None  # the current pass, when it was sealed with this link and still valid


def resolve(session: Session, secret: str) -> LinkView:
    """The member behind a link; NotFound for any wrong, old or malformed link."""
    if not secret or len(secret) > 100:
        raise NotFound("no such member page")
    row = session.scalar(select(MemberLink).where(MemberLink.link_hash == link_hash(secret)))
    if row is None:
        raise NotFound("no such member page")
    member = get_member(session, row.member_number)
    return LinkView(member, row, _current_pass(member, unseal(secret, row)))


def _current_pass(member: Member, text: str | None) -> str | None:
    """`text` if it is the member's current, valid card (not replaced, not reported lost)."""
    if text is None:
        return None
    try:
        credential = parse(text)
    except CredentialError:
        return None
    if not isinstance(credential, MemberPass) or credential.serial != member.pass_serial:
        return None
    return text if member.secret_hash and credential.matches(member.secret_hash) else None


def rotate(session: Session, secret: str) -> str:
    """A new link in place of `secret`; the pass moves to it. Returns the new secret."""
    view = resolve(session, secret)
    new = new_link_secret()
    row = view.link
    row.link_hash = link_hash(new)
    row.created_at = utc_now()
    if view.pass_text is not None:
        credential = parse(view.pass_text)
        assert isinstance(credential, MemberPass)
        row.sealed_pass = seal(new, credential)
    else:
        row.sealed_pass, row.pass_serial = "", 0
    audit.record(
        session,
        actor=f"member:{row.member_number}",
        action="member.link_rotated",
        space_id=view.member.home_space_id,
        detail=f"member={row.member_number}",
    )
    session.flush()
    return new


def report_lost_card(session: Session, secret: str) -> Member:
    """ "I lost my card": the current card stops working at once (kiosks answer `pass_replaced`
    for it from their next sync, the server from now), and the home space finds it in the audit
    log. The member needs a new card; the page shows no pass until then."""
    view = resolve(session, secret)
    member = view.member
    lost_serial = member.pass_serial
    now = utc_now()
    for old in session.scalars(
        select(Pass).where(Pass.member_number == member.number, Pass.replaced_at.is_(None))
    ):
        old.replaced_at = now
    if member.secret_hash:  # a serial no card carries: the lost one is now an "older card"
        member.pass_serial = lost_serial + 1
        member.secret_hash = ""
    view.link.sealed_pass, view.link.pass_serial = "", 0
    audit.record(
        session,
        actor=f"member:{member.number}",
        action="member.card_lost",
        space_id=member.home_space_id,
        detail=f"member={member.number} serial={lost_serial}: card blocked by the member; issue a new one",
    )
    session.flush()
    return member


def get_link_row(session: Session, member_number: int) -> MemberLink:
    row = session.get(MemberLink, member_number)
    if row is None:
        raise NotFound(f"member {member_number} has no page link")
    return row


def link_created_at(session: Session, member_number: int) -> datetime | None:
    """When the member's current page link was made (None: no link). The link itself is
    nowhere to be read again."""
    row = session.get(MemberLink, member_number)
    return row.created_at if row is not None else None
