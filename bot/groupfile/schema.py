"""The shape of the group file as pydantic models, and pydantic's errors in Swedish."""

from __future__ import annotations

import difflib
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from bot.domain.group import Rules
from bot.groupfile.fields import (
    ClockTime,
    Email,
    Guid,
    IsoDate,
    PlainDate,
    PositiveInt,
    RoleName,
    Text,
    TimeZoneName,
    at_least_one,
    describe,
)
from bot.groupfile.problems import Loc

DEFAULT_TIMEZONE = "Europe/Stockholm"
_DEFAULT_RULES = Rules()


class _Section(BaseModel):
    # strict: YAML's guesses (yes -> text, 14.0 -> float) must not be coerced behind the writer's back;
    # forbid: a misspelt key would otherwise be dropped silently and its default used.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class RulesSection(_Section):
    # Defaults come from the domain so the file and the code cannot drift apart.
    agenda_days_before: PositiveInt = _DEFAULT_RULES.agenda_days_before
    notice_days_before: PositiveInt = _DEFAULT_RULES.notice_days_before
    adjustment_days_after: PositiveInt = _DEFAULT_RULES.adjustment_days_after
    recording_retention_months: PositiveInt = _DEFAULT_RULES.recording_retention_months
    chair_must_approve: bool = _DEFAULT_RULES.chair_must_approve
    quorum_required_for_votes: bool = _DEFAULT_RULES.quorum_required_for_votes
    item_title_max: PositiveInt = _DEFAULT_RULES.item_title_max
    item_text_max: PositiveInt = _DEFAULT_RULES.item_text_max
    retention_decision: Text = _DEFAULT_RULES.retention_decision


class MunicipalitySection(_Section):
    name: Text
    mailbox: Email


class PersonSection(_Section):
    name: Text
    title: str = ""  # the seed gives no title for some substitutes
    role: RoleName
    municipality: Text | None = None
    organisation: Text | None = None
    aad_id: Guid
    email: Email
    substitute_for: Email | None = None


class MeetingSection(_Section):
    date: IsoDate
    start: ClockTime
    end: ClockTime
    place: Text = "Teams"


class LastAdjusterSection(_Section):
    municipality: Text
    date: PlainDate


class RotationSection(_Section):
    # The group's history before the bot; absent, the rotation starts at the top of the order.
    last_adjuster: LastAdjusterSection | None = None


class GroupSection(_Section):
    name: Text
    tenant_id: Guid
    team_id: Text
    channel_id: Text
    timezone: TimeZoneName = DEFAULT_TIMEZONE
    mailbox: Email | None = None
    council_mailboxes: Annotated[
        list[Email] | None, at_least_one("en adress till samverkansrådet"), Field(validate_default=True)
    ] = None
    # A section whose entries are all commented out reads as null: take it as "none" / "defaults".
    rules: RulesSection | None = None
    municipalities: Annotated[
        list[MunicipalitySection] | None, at_least_one("en kommun"), Field(validate_default=True)
    ] = None
    people: Annotated[list[PersonSection] | None, at_least_one("en person"), Field(validate_default=True)] = (
        None
    )
    meetings: list[MeetingSection] | None = None
    rotation: RotationSection | None = None
    # The vice chair (vice ordförande), by e-mail like substitute_for: chairs when the chair is absent.
    vice_chair: Email | None = None
    # Where a reader reports an accessibility problem with the public pages (the statement's contact).
    accessibility_contact: Email | None = None


# Which model a key path (indexes left out) lands in, to list the keys allowed there.
_SECTIONS: dict[tuple[str, ...], type[_Section]] = {
    (): GroupSection,
    ("rules",): RulesSection,
    ("municipalities",): MunicipalitySection,
    ("people",): PersonSection,
    ("meetings",): MeetingSection,
    ("rotation",): RotationSection,
    ("rotation", "last_adjuster"): LastAdjusterSection,
}

_KINDS = {
    "string_type": "text",
    "int_type": "ett heltal",
    "bool_type": "true eller false",
    "list_type": 'en lista (rader som börjar med "- ")',
    "model_type": "en mappning (nycklar med värden)",
    "dict_type": "en mappning (nycklar med värden)",
    "model_attributes_type": "en mappning (nycklar med värden)",
}


def translate(error: ErrorDetails) -> tuple[Loc, str]:
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "groupfile":
        return loc, str((error.get("ctx") or {}).get("message", error["msg"]))
    if kind == "missing":
        return loc, f'nyckeln "{loc[-1]}" saknas — den måste anges'
    if kind == "extra_forbidden":
        return loc, _unknown_key(loc)
    if kind in _KINDS:
        text = f"ska vara {_KINDS[kind]}, men är {describe(value)}"
        if kind == "string_type" and isinstance(value, int | float | bool | list):
            text += ' — sätt värdet inom citattecken, t.ex. "..."'
        if kind == "bool_type" and isinstance(value, str):
            text += " (skriv true eller false utan citattecken)"
        return loc, text
    return loc, f"ogiltigt värde: {describe(value)} ({error['msg']})"


def _unknown_key(loc: Loc) -> str:
    key = str(loc[-1])
    section = _SECTIONS.get(tuple(str(p) for p in loc[:-1] if not isinstance(p, int)))
    if section is None:
        return f'okänd nyckel "{key}"'
    allowed = list(section.model_fields)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    guess = f' — menade du "{close[0]}"?' if close else ""
    return f'okänd nyckel "{key}"{guess} (tillåtna nycklar här: {", ".join(allowed)})'


def validate(data: Any) -> tuple[GroupSection | None, list[tuple[Loc, str]]]:
    try:
        return GroupSection.model_validate(data), []
    except ValidationError as error:
        return None, [translate(detail) for detail in error.errors(include_url=False)]
