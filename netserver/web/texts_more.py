"""Texts of the admin's other pages (import, events, equipment, settlement, audit, users)."""

from __future__ import annotations

from typing import Final

MORE_PAGES: Final[dict[str, tuple[str, str]]] = {}
