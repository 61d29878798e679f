"""Enrollment: one-time codes per space, exchanged by a kiosk for its token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.credentials import NUMBER_WIDTH, CredentialError, EnrollmentCode, new_secret, parse

from ..db import EnrollmentCodeRow, Kiosk, Popup, Space
from .clock import utc_now
from .errors import (
    Conflict,
    EnrollmentCodeExpired,
    EnrollmentCodeInvalid,
    EnrollmentCodeUsed,
    Invalid,
)
from .spaces import get_space
from .tokens import KIOSK_PREFIX, new_token, token_hash

DEFAULT_VALIDITY = timedelta(days=7)
MAX_NUMBER = 32**NUMBER_WIDTH - 1


def create_enrollment_code(
    session: Session, space: int | str, *, valid_for: timedelta = DEFAULT_VALIDITY
) -> EnrollmentCode:
    """A new one-time code for `space`; the text (and its QR image) is the only copy."""
    if valid_for <= timedelta(0):
        raise Invalid("an enrollment code must be valid for some time")
    row_space = get_space(session, space)
    top = session.scalar(
        select(func.max(EnrollmentCodeRow.number)).where(EnrollmentCodeRow.space_id == row_space.id)
    )
    number = 1 if top is None else int(top) + 1
    if number > MAX_NUMBER:
        raise Conflict("no enrollment code numbers left for this space")
    code = EnrollmentCode(secret=new_secret(), space_id=row_space.id, number=number)
    now = utc_now()
    session.add(
        EnrollmentCodeRow(
            space_id=row_space.id,
            number=number,
            secret_hash=code.secret_hash(),
            created_at=now,
            expires_at=now + valid_for,
        )
    )
    session.flush()
    return code


@dataclass(frozen=True, slots=True)
class Enrolled:
    kiosk: Kiosk
    space: Space
    token: str
    popup: Popup | None = None


def enroll(session: Session, code_text: str, kiosk_name: str) -> Enrolled:
    """Exchange a one-time code for a kiosk token (shown once)."""
    kiosk_name = kiosk_name.strip()
    if not kiosk_name or len(kiosk_name) > 200:
        raise Invalid("kiosk_name must have 1 to 200 characters")
    try:
        code = parse(code_text)
    except CredentialError:
        raise EnrollmentCodeInvalid("this is not an enrollment code") from None
    if not isinstance(code, EnrollmentCode):
        raise EnrollmentCodeInvalid("this is not an enrollment code")
    row = session.scalar(
        select(EnrollmentCodeRow)
        .where(EnrollmentCodeRow.space_id == code.space_id, EnrollmentCodeRow.number == code.number)
        .with_for_update()
    )
    if row is None or not code.matches(row.secret_hash):
        raise EnrollmentCodeInvalid("unknown enrollment code")
    if row.used_at is not None:
        raise EnrollmentCodeUsed("this enrollment code was used already")
    now = utc_now()
    popup = session.get(Popup, row.popup_id) if row.popup_id is not None else None
    if popup is not None and (popup.cancelled or popup.ends_at <= now):
        raise EnrollmentCodeExpired(
            "this pop-up is over; its enrollment code has expired",
            {"reason": "popup_over"},  # the kiosk says so (kiosk/services/client.py)
            key="popup.enroll_ended",
        )
    if row.expires_at <= now:
        raise EnrollmentCodeExpired("this enrollment code has expired")
    token = new_token(KIOSK_PREFIX)
    kiosk = Kiosk(
        space_id=row.space_id,
        name=kiosk_name,
        token_hash=token_hash(token),
        created_at=now,
        popup_id=popup.id if popup is not None else None,
        expires_at=popup.ends_at if popup is not None else None,  # a pop-up's kiosk ends with it
    )
    session.add(kiosk)
    session.flush()
    row.used_at = now
    row.kiosk_id = kiosk.id
    session.flush()
    return Enrolled(kiosk=kiosk, space=get_space(session, row.space_id), token=token, popup=popup)
