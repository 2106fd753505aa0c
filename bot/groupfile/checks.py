"""Checks that span keys or entries: uniqueness, references, and the group's composition.

They read the plain data value by value (see `Lenient`), so they still run, and report,
when some other key of the same entry is broken; a check whose inputs are unreadable stays quiet
(the broken value has its own problem already).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from bot.domain.group import Role, Rules
from bot.domain.protocol_text import TEXT_MAX, TITLE_MAX
from bot.groupfile.fields import ClockTime, Email, Guid, IsoDate, Lenient, PositiveInt, RoleName, Text
from bot.groupfile.problems import Loc, format_loc

Found = list[tuple[Loc, str]]
LineOf = Callable[[Loc], int | None]

_SEATED = frozenset({Role.CHAIR, Role.MEMBER})  # the one vote of a municipality
_NEEDS_MUNICIPALITY = frozenset({Role.CHAIR, Role.MEMBER, Role.SUBSTITUTE})


@dataclass(frozen=True)
class PersonView:
    index: int
    name: str | None
    role: Role | None
    municipality: str | None
    municipality_given: bool
    aad_id: str | None
    email: str | None
    substitute_for: str | None
    substitute_for_given: bool


def _entries(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _given(entry: Any, key: str) -> bool:
    return isinstance(entry, dict) and entry.get(key) is not None


class Checker:
    def __init__(self, data: Any, line_of: LineOf) -> None:
        self.data = data
        self.line_of = line_of
        self.read = Lenient()
        self.found: Found = []

    def run(self) -> Found:
        self._municipalities()
        people = self._people()
        self._composition(people)
        self._substitutes(people)
        self._vice_chair(people)
        self._rules()
        self._meetings()
        self._rotation()
        return self.found

    def _where(self, loc: Loc) -> str:
        line = self.line_of(loc)
        return f"{format_loc(loc)}, rad {line}" if line is not None else format_loc(loc)

    def _add(self, loc: Loc, message: str) -> None:
        self.found.append((loc, message))

    def _municipalities(self) -> None:
        seen: dict[str, int] = {}
        for i, entry in enumerate(_entries(self.data, "municipalities")):
            name = self.read.get(Text, entry, "name")
            if name is None:
                continue
            if name.casefold() in seen:
                first = ("municipalities", seen[name.casefold()], "name")
                self._add(
                    ("municipalities", i, "name"), f'kommunen "{name}" finns redan ({self._where(first)})'
                )
            else:
                seen[name.casefold()] = i

    def _people(self) -> list[PersonView]:
        people: list[PersonView] = []
        ids: dict[str, int] = {}
        emails: dict[str, int] = {}
        for i, entry in enumerate(_entries(self.data, "people")):
            person = PersonView(
                index=i,
                name=self.read.get(Text, entry, "name"),
                role=self.read.get(RoleName, entry, "role"),
                municipality=self.read.get(Text, entry, "municipality"),
                municipality_given=_given(entry, "municipality"),
                aad_id=self.read.get(Guid, entry, "aad_id"),
                email=self.read.get(Email, entry, "email"),
                substitute_for=self.read.get(Email, entry, "substitute_for"),
                substitute_for_given=_given(entry, "substitute_for"),
            )
            people.append(person)
            if person.aad_id is not None:
                self._unique(
                    ids, person.aad_id.casefold(), ("people", i, "aad_id"), f'aad_id "{person.aad_id}"'
                )
            if person.email is not None:
                self._unique(
                    emails,
                    person.email.casefold(),
                    ("people", i, "email"),
                    f'e-postadressen "{person.email}"',
                )
            if person.role in _NEEDS_MUNICIPALITY and not person.municipality_given:
                self._add(
                    ("people", i, "municipality"),
                    f'en person med rollen "{person.role}" måste ange sin kommun (municipality) — '
                    "en av kommunerna under municipalities",
                )
            if person.municipality is not None:
                self._listed(person.municipality, ("people", i, "municipality"))
        return people

    def _listed(self, municipality: str, loc: Loc) -> None:
        """A municipality named elsewhere must be one of those under municipalities, spelt the same."""
        if not (isinstance(self.data, dict) and isinstance(self.data.get("municipalities"), list)):
            return
        names = {self.read.get(Text, m, "name") for m in _entries(self.data, "municipalities")} - {None}
        if municipality in names:
            return
        close = difflib.get_close_matches(municipality, sorted(names), n=1, cutoff=0.6)
        guess = f' — menade du "{close[0]}"?' if close else " — lägg till den under municipalities"
        self._add(loc, f'kommunen "{municipality}" finns inte under municipalities{guess}')

    def _unique(self, seen: dict[str, int], key: str, loc: Loc, what: str) -> None:
        if key in seen:
            first = ("people", seen[key], loc[-1])
            self._add(
                loc,
                f"{what} används redan av en annan person ({self._where(first)}) — "
                "varje person måste ha ett eget",
            )
        else:
            seen[key] = int(loc[1])

    def _composition(self, people: list[PersonView]) -> None:
        chairs = [p for p in people if p.role is Role.CHAIR]
        if not chairs and people:
            self._add(("people",), 'ingen person har rollen "chair" — gruppen måste ha exakt en ordförande')
        for extra in chairs[1:]:
            first = ("people", chairs[0].index, "role")
            self._add(
                ("people", extra.index, "role"),
                f'gruppen kan bara ha en ordförande, och {self._where(first)} har redan rollen "chair"',
            )
        if people and not any(p.role is Role.SECRETARY for p in people):
            self._add(
                ("people",), 'ingen person har rollen "secretary" — gruppen måste ha minst en sekreterare'
            )
        seated: dict[str, PersonView] = {}
        for person in people:
            if person.role not in _SEATED or person.municipality is None:
                continue
            holder = seated.setdefault(person.municipality, person)
            if holder is not person:
                first = ("people", holder.index)
                self._add(
                    ("people", person.index, "municipality"),
                    f"{person.municipality} har redan en ledamot eller ordförande ({holder.name or '?'}, "
                    f'{self._where(first)}) — en kommun har en röst; ange övriga som "substitute"',
                )

    def _substitutes(self, people: list[PersonView]) -> None:
        by_email = {p.email.casefold(): p for p in people if p.email is not None}
        for person in people:
            loc: Loc = ("people", person.index, "substitute_for")
            if not person.substitute_for_given:
                continue
            if person.role is not None and person.role is not Role.SUBSTITUTE:
                self._add(
                    loc,
                    "bara en ersättare (role: substitute) kan ha substitute_for, "
                    f'men personen har rollen "{person.role}"',
                )
                continue
            if person.substitute_for is None:
                continue
            target = by_email.get(person.substitute_for.casefold())
            if target is None:
                self._add(
                    loc,
                    f'ingen person har e-postadressen "{person.substitute_for}" — substitute_for ska vara '
                    "e-postadressen till ledamoten (eller ordföranden) som ersätts",
                )
            elif target.role is not None and target.role not in _SEATED:
                self._add(
                    loc,
                    f'{target.name or person.substitute_for} har rollen "{target.role}" — '
                    'en ersättare kan bara ersätta en ledamot ("member") eller ordföranden ("chair")',
                )
            elif target.municipality and person.municipality and target.municipality != person.municipality:
                self._add(
                    loc,
                    f"{target.name or person.substitute_for} företräder {target.municipality}, "
                    f"men ersättaren {person.municipality} — "
                    "en ersättare ersätter ledamoten i sin egen kommun",
                )

    def _vice_chair(self, people: list[PersonView]) -> None:
        email = self.read.get(Email, self.data, "vice_chair") if isinstance(self.data, dict) else None
        if email is None:
            return
        target = next(
            (p for p in people if p.email is not None and p.email.casefold() == email.casefold()), None
        )
        if target is None:
            self._add(
                ("vice_chair",),
                f'ingen person har e-postadressen "{email}" — vice_chair ska vara e-postadressen till '
                "en ledamot under people",
            )
        elif target.role is not None and target.role is not Role.MEMBER:
            self._add(
                ("vice_chair",),
                f'{target.name or email} har rollen "{target.role}" — vice ordförande måste vara '
                'en ledamot ("member")',
            )

    def _rules(self) -> None:
        rules = self.data.get("rules") if isinstance(self.data, dict) else None
        if rules is not None and not isinstance(rules, dict):
            return
        defaults = Rules()

        def setting(key: str) -> int | None:
            if not _given(rules, key):
                return int(getattr(defaults, key))
            return self.read.get(PositiveInt, rules, key)

        agenda, notice = setting("agenda_days_before"), setting("notice_days_before")
        if agenda is not None and notice is not None and notice >= agenda:
            # Report it on whichever key the writer actually set.
            key = "notice_days_before" if _given(rules, "notice_days_before") else "agenda_days_before"
            self._add(
                ("rules", key),
                "kallelsen fastställs efter att dagordningen publiceras, "
                f"så notice_days_before ({notice}) måste vara mindre än agenda_days_before ({agenda})",
            )
        # An item becomes a paragraph of the protocol, which must take it whole.
        for key, most, what in (("item_title_max", TITLE_MAX, "rubrik"), ("item_text_max", TEXT_MAX, "text")):
            value = setting(key)
            if _given(rules, key) and value is not None and value > most:
                self._add(
                    ("rules", key),
                    f"en punkt blir en paragraf i protokollet, vars {what} är högst {most} tecken, "
                    f"så {key} ({value}) får vara högst {most}",
                )

    def _meetings(self) -> None:
        dates: dict[date, int] = {}
        for i, entry in enumerate(_entries(self.data, "meetings")):
            day: date | None = self.read.get(IsoDate, entry, "date")
            start: time | None = self.read.get(ClockTime, entry, "start")
            end: time | None = self.read.get(ClockTime, entry, "end")
            if start is not None and end is not None and end <= start:
                self._add(
                    ("meetings", i, "end"),
                    f"mötet måste sluta efter att det börjar, men end ({end:%H:%M}) är inte senare än "
                    f"start ({start:%H:%M})",
                )
            if day is None:
                continue
            if day in dates:
                first = ("meetings", dates[day], "date")
                self._add(
                    ("meetings", i, "date"),
                    f"det finns redan ett möte {day.isoformat()} ({self._where(first)}) — "
                    "högst ett möte per dag",
                )
            else:
                dates[day] = i

    def _rotation(self) -> None:
        rotation = self.data.get("rotation") if isinstance(self.data, dict) else None
        last = rotation.get("last_adjuster") if isinstance(rotation, dict) else None
        municipality = self.read.get(Text, last, "municipality")
        if municipality is not None:
            self._listed(municipality, ("rotation", "last_adjuster", "municipality"))


def cross_check(data: Any, line_of: LineOf) -> Found:
    return Checker(data, line_of).run()
