"""What a printed card says: one frozen record per pass, shared by the PNG and the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.core.credentials import DayPass, MemberPass, display_groups, parse
from kiosk.core.messages import short_date

CARD_WIDTH_MM = 85.0
CARD_HEIGHT_MM = 55.0


@dataclass(frozen=True, slots=True)
class Card:
    """One printable card: a member pass or a day pass.

    `code` is the full credential text (the secret is in it: the card is its only copy).
    """

    network: str
    heading: str  # the display name, or "Tagespass"
    lines: tuple[str, ...]  # home space, member number, validity ...
    code: str
    stem: str  # file name without extension
    kind: str  # "pass" or "daypass": names the PDF sheet
    link: str | None = None  # the member page URL, printed as a small second code (a secret too)

    @property
    def grouped_code(self) -> str:
        return display_groups(self.code)


def member_card(
    *, network: str, display_name: str, home_space: str, code: str, link: str | None = None
) -> Card:
    """The card of a member pass; number and serial come from the code itself. `link`: the
    member page URL, when it is known at this moment (created or rotated with the pass)."""
    credential = parse(code)
    if not isinstance(credential, MemberPass):
        raise ValueError("not a member pass")
    return Card(
        network=network,
        heading=display_name,
        lines=(home_space, f"Mitglied Nr. {credential.member_number}"),
        code=credential.text,
        stem=f"pass-{credential.member_number:05d}-{credential.serial}",
        kind="passes",
        link=link or None,
    )


def day_pass_card(*, network: str, space: str, code: str, lang: str = "de") -> Card:
    """The card of a day pass for a walk-in visitor: valid at one space on one date."""
    credential = parse(code)
    if not isinstance(credential, DayPass):
        raise ValueError("not a day pass")
    valid_on: date = credential.valid_on
    return Card(
        network=network,
        heading="Tagespass" if lang == "de" else "Day pass",
        lines=(space, short_date(valid_on, lang)),
        code=credential.text,
        stem=f"daypass-{credential.space_id}-{valid_on:%Y%m%d}-{credential.number}",
        kind="daypasses",
    )
