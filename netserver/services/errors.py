"""Domain errors with the stable codes of docs/api.md."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    code = "validation_error"
    status = 422

    def __init__(
        self,
        message: str,
        details: Any = None,
        *,
        key: str | None = None,
        params: dict[str, str | int] | None = None,
    ) -> None:
        """`message` is the English text of the API's error body; `key` and `params`, when
        given, name the translated text of the shared catalogue (kiosk/core/messages.py) that
        the command line and the web admin show instead."""
        super().__init__(message)
        self.message = message
        self.details = details
        self.key = key
        self.params = params or {}


class Invalid(DomainError):
    code, status = "validation_error", 422


class NotFound(DomainError):
    code, status = "not_found", 404


class Conflict(DomainError):
    code, status = "conflict", 409


class Unauthorized(DomainError):
    code, status = "unauthorized", 401


class TokenRevoked(DomainError):
    code, status = "token_revoked", 401


class Forbidden(DomainError):
    code, status = "forbidden", 403


class EnrollmentCodeInvalid(DomainError):
    code, status = "enrollment_code_invalid", 400


class EnrollmentCodeUsed(DomainError):
    code, status = "enrollment_code_used", 409


class EnrollmentCodeExpired(DomainError):
    code, status = "enrollment_code_expired", 410


class Overloaded(DomainError):
    """The server cannot take this request now (all write slots busy, a lock or a pooled
    connection not free in time): 503 with Retry-After; nothing was written. The kiosk treats
    it like an unreachable server (offline verdict, upload later)."""

    code, status = "overloaded", 503

    def __init__(self, message: str, retry_after: int = 2) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TooManyAttempts(DomainError):
    """Too many failed enrollments from one address: 429 with Retry-After."""

    code, status = "too_many_attempts", 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
