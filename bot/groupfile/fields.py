"""The value types of the group file; each parses one YAML value or says, in Swedish, what is wrong.

Every error is a `PydanticCustomError` of type "groupfile" whose message is final text:
the loader shows it as is, next to the key path and the line.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Any, NoReturn, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, PlainValidator, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from bot.domain.group import Role

T = TypeVar("T")

ROLE_VALUES = ", ".join(role.value for role in Role)
_ROLES = {role.value: role for role in Role}
# Administrators think in the protocol's words; point them to the file's word.
_SWEDISH_ROLES = {
    "ordförande": Role.CHAIR,
    "sekreterare": Role.SECRETARY,
    "ledamot": Role.MEMBER,
    "ersättare": Role.SUBSTITUTE,
    "adjungerad": Role.STAFF,
}


def fail(message: str) -> NoReturn:
    # The message goes in as context, not as the template, so braces in a value stay harmless.
    raise PydanticCustomError("groupfile", "{message}", {"message": message})


def describe(value: Any) -> str:
    """How a YAML value reads to the person who wrote it."""
    if value is None:
        return "tomt"
    if isinstance(value, bool):
        return f"{str(value).lower()} (ja/nej-värde)"
    if isinstance(value, int | float):
        return f"talet {value}"
    if isinstance(value, str):
        return f'texten "{value}"'
    if isinstance(value, datetime):
        return f"tidpunkten {value.isoformat(sep=' ')}"
    if isinstance(value, date):
        return f"datumet {value.isoformat()}"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en mappning (nycklar med värden)"
    return type(value).__name__


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        fail("får inte vara tomt")
    return value


_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def _guid(value: str) -> str:
    value = value.strip()
    if not _GUID.fullmatch(value):
        fail(
            f'ogiltigt GUID "{value}" — ett id från Entra skrivs som 32 hexadecimala tecken i grupperna '
            "8-4-4-4-12, t.ex. 00000000-0000-4000-8000-000000000001"
        )
    # Graph returns ids in lower case; storing them so keeps comparisons simple.
    return value.lower()


# Deliberately plain: the shape name@domain.tld in ASCII, which is what Exchange hands out.
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}"
)


def _email(value: str) -> str:
    value = value.strip()
    if not _EMAIL.fullmatch(value):
        hint = " (å, ä och ö skrivs a, a och o i adresser)" if re.search(r"[^\x00-\x7f]", value) else ""
        fail(f'ogiltig e-postadress "{value}" — skriv den som namn@exempel.se{hint}')
    return value


def _timezone(value: str) -> str:
    value = value.strip()
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        fail(f'okänd tidszon "{value}" — ange ett namn ur IANA:s tidszonsdatabas, t.ex. Europe/Stockholm')
    return value


def _positive(value: int) -> int:
    if value < 1:
        fail(f"måste vara ett positivt heltal (minst 1), men är {value}")
    return value


def _role(value: Any) -> Role:
    if isinstance(value, Role):
        return value
    if isinstance(value, str):
        word = value.strip()
        if word in _ROLES:
            return _ROLES[word]
        hint = _SWEDISH_ROLES.get(word.casefold()) or _ROLES.get(word.casefold())
        suffix = f' (menade du "{hint.value}"?)' if hint else ""
        fail(f'okänd roll "{word}" — tillåtna värden: {ROLE_VALUES}{suffix}')
    fail(f"okänd roll: {describe(value)} — tillåtna värden: {ROLE_VALUES}")


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _meeting_date(value: Any) -> date:
    if isinstance(value, datetime):
        fail("ange bara datumet, t.ex. 2024-02-15 — klockslagen anges i start och end")
    return _date(value)


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        fail("ange bara datumet, utan klockslag, t.ex. 2023-09-26")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and (match := _ISO_DATE.fullmatch(value.strip())):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            fail(f'datumet "{value.strip()}" finns inte i kalendern')
    fail(f"ogiltigt datum: {describe(value)} — skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-02-15")


_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def _clock(value: Any) -> time:
    if isinstance(value, str) and (match := _CLOCK.fullmatch(value.strip())):
        return time(int(match[1]), int(match[2]))
    if isinstance(value, int | float) and not isinstance(value, bool):
        # YAML 1.1 reads 08:30 as 510 (base 60) and 8.30 as a decimal number.
        fail(f'klockslaget lästes som {describe(value)} — skriv det inom citattecken, t.ex. "08:30"')
    fail(f'ogiltigt klockslag: {describe(value)} — skriv det som TT:MM, t.ex. "08:30"')


Text = Annotated[str, AfterValidator(_text)]
Guid = Annotated[str, AfterValidator(_guid)]
Email = Annotated[str, AfterValidator(_email)]
TimeZoneName = Annotated[str, AfterValidator(_timezone)]
PositiveInt = Annotated[int, AfterValidator(_positive)]
RoleName = Annotated[Role, PlainValidator(_role)]
IsoDate = Annotated[date, PlainValidator(_meeting_date)]  # a meeting's day; its times are start, end
PlainDate = Annotated[date, PlainValidator(_date)]
ClockTime = Annotated[time, PlainValidator(_clock)]


def at_least_one(what: str) -> AfterValidator:
    """For a list the group cannot work without; an empty or blank key reads as an empty list."""

    def check(value: list[Any] | None) -> list[Any]:
        if not value:
            fail(f"minst {what} krävs")
        return value

    return AfterValidator(check)


class Lenient:
    """Parses single values outside a model, for cross-checks that must run even when
    other keys of the same entry are broken; a bad value simply reads as None."""

    def __init__(self) -> None:
        self._adapters: dict[Any, TypeAdapter[Any]] = {}

    def get(self, kind: Any, entry: Any, key: str) -> Any:
        if not isinstance(entry, dict) or entry.get(key) is None:
            return None
        adapter = self._adapters.get(kind)
        if adapter is None:
            adapter = self._adapters[kind] = TypeAdapter(kind)
        try:
            return adapter.validate_python(entry[key], strict=True)
        except ValidationError:
            return None
