"""load_group: file -> syntax -> shape (pydantic) and cross-checks -> the domain's frozen Group."""

from __future__ import annotations

import os

from bot.domain.group import Group, Municipality, Person, PlannedMeeting, PriorAdjuster, Rules
from bot.groupfile.checks import cross_check
from bot.groupfile.problems import GroupFileError, Loc, Problem, format_loc
from bot.groupfile.schema import GroupSection, validate
from bot.groupfile.source import Source, read_source


def load_group(path: str | os.PathLike[str]) -> Group:
    """Read and validate the group file; raise GroupFileError listing every problem found."""
    name = os.fspath(path)
    source = read_source(path)
    if not isinstance(source.data, dict):
        raise GroupFileError([_not_a_mapping(source)], name)
    section, found = validate(source.data)
    found += cross_check(source.data, source.line)
    if found or section is None:
        raise GroupFileError(_problems(source, found), name)
    return _build(section)


def _not_a_mapping(source: Source) -> Problem:
    if source.data is None:
        return Problem("", None, "filen är tom — utgå från exempelfilen bot/samples/group.yaml")
    message = (
        "filen ska bestå av nycklar med värden (name:, tenant_id:, people: …), "
        "inte av en lista eller ett enstaka värde"
    )
    return Problem("", source.line(()), message)


def _problems(source: Source, found: list[tuple[Loc, str]]) -> list[Problem]:
    problems: list[Problem] = []
    for loc, message in found:
        problem = Problem(format_loc(loc), source.line(loc), message)
        if problem not in problems:  # a value can break a field and a cross-check the same way
            problems.append(problem)
    return problems


def _build(section: GroupSection) -> Group:
    people = section.people or []
    aad_by_email = {p.email.casefold(): p.aad_id for p in people}
    rules = Rules(**section.rules.model_dump(exclude_unset=True)) if section.rules else Rules()
    meetings = sorted(section.meetings or [], key=lambda m: m.date)
    last = section.rotation.last_adjuster if section.rotation else None
    return Group(
        name=section.name,
        tenant_id=section.tenant_id,
        team_id=section.team_id,
        channel_id=section.channel_id,
        timezone=section.timezone,
        rules=rules,
        municipalities=tuple(
            Municipality(name=m.name, mailbox=m.mailbox) for m in section.municipalities or []
        ),
        people=tuple(
            Person(
                aad_id=p.aad_id,
                name=p.name,
                title=p.title.strip(),
                role=p.role,
                email=p.email,
                municipality=p.municipality,
                substitute_for=aad_by_email[p.substitute_for.casefold()] if p.substitute_for else None,
                organisation=p.organisation,
            )
            for p in people
        ),
        council_mailboxes=tuple(section.council_mailboxes or []),
        group_mailbox=section.mailbox,
        year_plan=tuple(
            PlannedMeeting(date=m.date.isoformat(), start=m.start, end=m.end, place=m.place) for m in meetings
        ),
        last_adjuster=PriorAdjuster(last.municipality, last.date) if last else None,
        vice_chair_id=aad_by_email[section.vice_chair.casefold()] if section.vice_chair else None,
        accessibility_contact=section.accessibility_contact,
    )
