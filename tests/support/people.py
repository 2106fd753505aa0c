"""People of the sample group, by name."""

from __future__ import annotations

from bot.domain.group import Group, Person


def person(group: Group, name: str) -> Person:
    found = [p for p in group.people if p.name == name]
    assert len(found) == 1, f"{name} is not (once) in the sample group"
    return found[0]
