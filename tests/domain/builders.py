"""Builders for domain tests: a group like the seed's, meetings at local wall-clock times."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.group import Group, Municipality, Person, Role, Rules
from bot.domain.meetings import Meeting, MeetingState

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# The 22 municipalities of E-arkiv Mitt in the 2023-09-26 protocol, in no particular order.
SEED_MUNICIPALITIES = (
    "Säter", "Älvdalen", "Mora", "Hedemora", "Leksand", "Ludvika", "Hudiksvall", "Ljusdal",
    "Bollnäs", "Nordanstig", "Sandviken", "Ovanåker", "Avesta", "Nora", "Vansbro", "Borlänge",
    "Malung-Sälen", "Falun", "Orsa", "Smedjebacken", "Rättvik", "Gagnef",
)  # fmt: skip


def member_of(municipality: str) -> str:
    """The aad id the builder gives the member (or chair) of `municipality`."""
    return f"member:{municipality}".casefold()


def substitute_of(municipality: str, n: int = 1) -> str:
    return f"substitute{n}:{municipality}".casefold()


SECRETARY = "secretary:e-arkiv-mitt"
STAFF = "staff:e-arkiv-mitt"


def a_person(
    aad_id: str,
    role: Role,
    municipality: str | None = None,
    *,
    name: str | None = None,
    substitute_for: str | None = None,
    organisation: str | None = None,
) -> Person:
    return Person(
        aad_id=aad_id,
        name=name or aad_id.title(),
        title="titel",
        role=role,
        email=f"{aad_id}@example.se",
        municipality=municipality,
        substitute_for=substitute_for,
        organisation=organisation,
    )


def a_group(
    municipalities: Iterable[str] = SEED_MUNICIPALITIES,
    *,
    chair: str | None = "Säter",
    substitutes: Iterable[str] = (),
    rules: Rules | None = None,
) -> Group:
    """One member per municipality (the chair's is Role.CHAIR), the secretary and one staff member.

    `substitutes` names municipalities; a name given twice gets two substitutes.
    """
    names = tuple(municipalities)
    people = []
    for m in names:
        role = Role.CHAIR if m == chair else Role.MEMBER
        people.append(a_person(member_of(m), role, m, name=f"Ledamot {m}"))
    seen: dict[str, int] = {}
    for m in substitutes:
        n = seen[m] = seen.get(m, 0) + 1
        aad, name = substitute_of(m, n), f"Ersättare {n} {m}"
        people.append(a_person(aad, Role.SUBSTITUTE, m, name=name, substitute_for=member_of(m)))
    people.append(a_person(SECRETARY, Role.SECRETARY, name="Sekreterare", organisation="E-arkiv Mitt"))
    people.append(a_person(STAFF, Role.STAFF, name="Systemförvaltare", organisation="E-arkiv Mitt"))
    return Group(
        name="Styrgruppen E-arkiv Mitt",
        tenant_id="tenant",
        team_id="team",
        channel_id="channel",
        timezone="Europe/Stockholm",
        rules=rules or Rules(),
        municipalities=tuple(Municipality(m, f"kommun@{m.casefold()}.se") for m in names),
        people=tuple(people),
    )


def local(day: date, at: time = time(8, 30)) -> datetime:
    """A Stockholm wall-clock moment as aware UTC (fold=0), the way meetings are stored."""
    return datetime.combine(day, at, tzinfo=STOCKHOLM).astimezone(UTC)


def a_meeting(
    on: date = date(2026, 4, 2),
    at: time = time(8, 30),
    *,
    id: int = 1,
    minutes: int = 90,
    state: MeetingState = MeetingState.PLANNED,
) -> Meeting:
    start = local(on, at)
    return Meeting(id=id, starts_at=start, ends_at=start + timedelta(minutes=minutes), state=state)


def year_plan_2024(state: MeetingState = MeetingState.PLANNED) -> list[Meeting]:
    """The four meetings §3 of the seed fixed for 2024, each 08:30–10:00."""
    days = (date(2024, 2, 15), date(2024, 4, 25), date(2024, 9, 26), date(2024, 11, 12))
    return [a_meeting(d, id=i, state=state) for i, d in enumerate(days, start=1)]
