"""What a member is made of, as one pydantic model shared by every way members come in.

`MemberIn` validates a member from the API (`POST /admin/members`), from a row of an imported
CSV/XLSX file (the CLI's `member import`, the API's import, the web admin's import preview) and
from anything later: the same member is accepted or refused the same way everywhere.

Spaces and plans are references: a space by id, slug or name, a plan by code or name, both
case-insensitive ("Stendal Altstadt", "stendal-altstadt", "Flex", "flex"). When validated with a
`Directory` in the context (`MemberIn.model_validate(data, context={"directory": d})`), they are
resolved to the slug and the plan code, and an unknown one is refused at its field; without one
(the API) they pass through to the services, which look them up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from kiosk.core.credentials import MEMBER_NUMBER_WIDTH
from kiosk.core.models import MemberState

from ..api.text import check_line

MAX_MEMBER_NUMBER: Final = 32**MEMBER_NUMBER_WIDTH - 1  # what a member pass can carry
MAX_NAME: Final = 200
MAX_EMAIL: Final = 320
MAX_PHONE: Final = 64
MAX_NUMBER_DIGITS: Final = 9  # longer digit strings are refused before int() sees them

# German spreadsheets say it in German; both are accepted, case-insensitive.
STATE_WORDS: Final[Mapping[str, MemberState]] = {
    **{state.value: state for state in MemberState},
    "aktiv": MemberState.ACTIVE,
    "pausiert": MemberState.PAUSED,
    "pause": MemberState.PAUSED,
    "ruhend": MemberState.PAUSED,
    "beendet": MemberState.ENDED,
    "gekündigt": MemberState.ENDED,
    "ausgetreten": MemberState.ENDED,
}
_PHONE: Final = re.compile(r"^\+?[0-9 ()/.\-]{3,}$")
_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _error(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context or None)


def parse_number(value: Any) -> Any:
    """ "10001", " 10001 ", 10001 and a spreadsheet's 10001.0 are member 10001."""
    if isinstance(value, bool):
        raise _error("member_number", "is not a member number")
    if isinstance(value, float):
        if not value.is_integer():
            raise _error("member_number", "{value} is not a whole number", value=value)
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise _error("missing", "the member number is missing")
        if text.endswith(".0"):  # a number column saved as text by a spreadsheet
            text = text[:-2]
        if not (text.isascii() and text.isdigit()):
            shown = text if len(text) <= 20 else text[:20] + "…"
            raise _error("member_number", "{value} is not a whole number", value=repr(shown))
        if len(text.lstrip("0")) > MAX_NUMBER_DIGITS:
            raise _error(
                "member_number",
                "a member number of {digits} digits is out of range (1 to {top})",
                digits=len(text),
                top=MAX_MEMBER_NUMBER,
            )
        return int(text)
    return value


def collapse(value: Any) -> Any:
    """Runs of whitespace (tabs and line breaks included) become one space, ends trimmed."""
    return " ".join(value.split()) if isinstance(value, str) else value


def blank_is_none(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(int(value)) if float(value).is_integer() else str(value)  # a phone as a number
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return value


def check_optional_line(value: str | None) -> str | None:
    return None if value is None else check_line(value)


def check_email(value: str | None) -> str | None:
    if value is not None and (len(value) > MAX_EMAIL or not _EMAIL.match(value)):
        raise _error("email", "{value} is not an e-mail address", value=repr(value[:80]))
    return value


def check_phone(value: str | None) -> str | None:
    if value is not None and (len(value) > MAX_PHONE or not _PHONE.match(value)):
        raise _error("phone", "{value} is not a phone number", value=repr(value[:80]))
    return value


def parse_state(value: Any) -> Any:
    if isinstance(value, MemberState) or value is None:
        return value
    word = str(value).strip().casefold()
    if not word:
        return MemberState.ACTIVE
    state = STATE_WORDS.get(word)
    if state is None:
        raise _error(
            "member_state",
            "unknown state {value} (use active, paused or ended; aktiv, pausiert or beendet)",
            value=repr(str(value)[:40]),
        )
    return state


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Directory:
    """The network's spaces and plans, to resolve what a person typed into a slug or a code."""

    spaces: Mapping[str, str] = field(default_factory=dict)  # slug / name / id text (folded) -> slug
    plans: Mapping[str, str] = field(default_factory=dict)  # code / name (folded) -> code
    space_slugs: tuple[str, ...] = ()
    plan_codes: tuple[str, ...] = ()

    @classmethod
    def build(cls, spaces: Iterable[tuple[int, str, str]], plans: Iterable[tuple[str, str]]) -> Directory:
        """`spaces`: (id, slug, name); `plans`: (code, name). A name two spaces share is left
        out (ambiguous); slugs and codes always win over names."""
        space_rows, plan_rows = list(spaces), list(plans)
        by_space: dict[str, str] = {}
        names: dict[str, set[str]] = {}
        for _id, slug, name in space_rows:
            names.setdefault(_key(name), set()).add(slug)
        for key, slugs in names.items():
            if len(slugs) == 1:
                by_space[key] = next(iter(slugs))
        for space_id, slug, _name in space_rows:
            by_space[_key(slug)] = slug
            by_space[str(space_id)] = slug
        by_plan: dict[str, str] = {_key(name): code for code, name in plan_rows if name}
        by_plan.update({_key(code): code for code, _name in plan_rows})
        return cls(
            spaces=by_space,
            plans=by_plan,
            space_slugs=tuple(sorted(slug for _id, slug, _name in space_rows)),
            plan_codes=tuple(sorted(code for code, _name in plan_rows)),
        )


def _directory(info: ValidationInfo) -> Directory | None:
    context = info.context
    if isinstance(context, Mapping):
        found = context.get("directory")
        return found if isinstance(found, Directory) else None
    return None


def _known(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    return shown or "none"


def resolve_space(value: Any, info: ValidationInfo) -> Any:
    directory = _directory(info)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = int(value) if directory is None else str(int(value))
    if isinstance(value, str):
        check_line(value)
        if not 1 <= len(value.strip()) <= MAX_NAME:
            raise _error("string_length", "a space is named by 1 to 200 characters")
        if directory is not None:
            slug = directory.spaces.get(_key(value))
            if slug is None:
                raise _error(
                    "unknown_space",
                    "unknown space {value} (known: {known})",
                    value=repr(value.strip()[:60]),
                    known=_known(directory.space_slugs),
                )
            return slug
        return value.strip()
    return value


def resolve_plan(value: Any, info: ValidationInfo) -> Any:
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    check_line(value)
    if not value.strip():
        return None
    if len(value) > MAX_NAME:
        raise _error("string_length", "a plan is named by at most 200 characters")
    directory = _directory(info)
    if directory is None:
        return value.strip()
    code = directory.plans.get(_key(value))
    if code is None:
        raise _error(
            "unknown_plan",
            "unknown plan {value} (known: {known})",
            value=repr(value.strip()[:60]),
            known=_known(directory.plan_codes),
        )
    return code


MemberNumber = Annotated[int, BeforeValidator(parse_number), Field(ge=1, le=MAX_MEMBER_NUMBER)]
DisplayName = Annotated[
    str, BeforeValidator(collapse), AfterValidator(check_line), Field(min_length=1, max_length=MAX_NAME)
]
_Optional = Annotated[str | None, BeforeValidator(blank_is_none), AfterValidator(check_optional_line)]
Email = Annotated[_Optional, AfterValidator(check_email)]
Phone = Annotated[_Optional, AfterValidator(check_phone)]
State = Annotated[MemberState, BeforeValidator(parse_state)]
SpaceRef = Annotated[int | str, BeforeValidator(resolve_space), Field(description="space id, slug or name")]
PlanRef = Annotated[str | None, BeforeValidator(resolve_plan), Field(description="plan code or name")]


class MemberIn(BaseModel):
    """A member as anyone may enter one. `number` None: the next free number (API only; an
    import needs the number to match rows to members). `plan` None: `standard` for a new member,
    unchanged for an existing one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    number: MemberNumber | None = None
    display_name: DisplayName
    home_space: SpaceRef
    plan: PlanRef = None
    state: State = MemberState.ACTIVE
    email: Email = None
    phone: Phone = None
