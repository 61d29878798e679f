"""Form models of the web admin (pydantic) and their errors as translated messages per field.

A route validates the posted fields with `validate(Model, data, lang)`; on errors it renders
the form again with `errors[field]` shown next to the field (templates/macros.html).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ..api.text import Line, Text
from ..services.member_fields import DisplayName, Email, Phone
from .texts import text

M = TypeVar("M", bound=BaseModel)


class Form(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class MemberEdit(Form):
    display_name: DisplayName
    email: Email = None
    phone: Phone = None
    plan: Annotated[Line, Field(min_length=1, max_length=64)]


Pin = Annotated[str, StringConstraints(pattern=r"^[0-9]{6,12}$")]


class StaffAdd(Form):
    display_name: Annotated[Line, Field(min_length=1, max_length=200)]
    space: Annotated[Line, Field(min_length=1, max_length=64)]
    pin: Pin


class StaffPin(Form):
    pin: Pin


class EquipmentEdit(Form):
    status: Annotated[Line, Field(min_length=1, max_length=16)]
    note: Annotated[Text, Field(max_length=2000)] = ""


_MESSAGES = {
    "missing": "field.required",
    "string_too_short": "field.required",
    "string_too_long": "field.too_long",
    "control_character": "field.control_character",
    "email": "field.email",
    "string_pattern_mismatch": "field.pin",
    "phone": "field.invalid",
}


def message(error: Mapping[str, Any], lang: str) -> str:
    kind = str(error.get("type", ""))
    ctx = dict(error.get("ctx") or {})
    key = _MESSAGES.get(kind, "field.invalid")
    if kind == "string_too_short" and int(ctx.get("min_length", 1)) > 1:
        return text("field.too_short", lang, min=ctx.get("min_length"))
    if key == "field.too_long":
        return text(key, lang, max=ctx.get("max_length", "?"))
    return text(key, lang, message=str(error.get("msg", "")))


def validate(model: type[M], data: Mapping[str, Any], lang: str) -> tuple[M | None, dict[str, str]]:
    try:
        return model.model_validate(dict(data)), {}
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors(include_url=False):
            name = str(error["loc"][0]) if error["loc"] else "_"
            errors.setdefault(name, message(error, lang))
        return None, errors
