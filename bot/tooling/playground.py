"""The mock Teams of the Microsoft 365 Agents Playground, built from a group file.

The Playground reads `.m365agentsplayground.yml` from its working directory: the tenant, the bot,
the user you are, five other users, a personal chat, a group chat and one team with one channel
besides General. Built from the group file, the bot sees the group's real tenant, team and channel
ids and the people's Entra object ids, so the fence lets the messages in and the roles apply.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from bot.domain.group import Group, Person, Role

CONFIG_NAME = ".m365agentsplayground.yml"
CONFIG_VERSION = "0.1.1"
# The Playground's schema takes exactly five users besides the current one (minItems = maxItems = 5).
OTHER_USERS = 5
DEFAULT_BOT_ID = "00000000-0000-4000-8000-00000000b07b"
BOT_NAME = "Styrgruppsboten"
_NAMESPACE = uuid.UUID("5e7c1f0a-3b2d-4e8f-9a6b-0c1d2e3f4a5b")  # stable invented ids for what the file lacks


class PlaygroundError(ValueError):
    pass


def playground_config(
    group: Group, as_email: str | None = None, bot_id: str = DEFAULT_BOT_ID
) -> dict[str, Any]:
    """The Playground's configuration, with `as_email` (default: the chair) as the current user."""
    me = _current_person(group, as_email)
    others = list(_others(group, me))
    users = [_user(p) for p in others] + [_outsider(n) for n in range(OTHER_USERS - len(others))]
    channels = [] if group.channel_id == group.team_id else [{"id": group.channel_id, "name": "Styrgruppen"}]
    return {
        "version": CONFIG_VERSION,
        "tenantId": group.tenant_id,
        "bot": {"id": bot_id, "name": BOT_NAME},
        "currentUser": _user(me),
        "users": users,
        "personalChat": {"id": f"a:{_invented('personal chat', me.aad_id)}"},
        "groupChat": {
            "id": f"19:{_invented('group chat', group.team_id).hex}@thread.v2",
            "name": group.name[:256],
        },
        "team": {
            "id": group.team_id,  # also the General channel's id, as in Teams
            "name": group.name[:256],
            "aadGroupId": str(_invented("team", group.team_id)),
            "channels": channels,
        },
    }


def write_playground_config(config: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    yaml.default_flow_style = False
    with path.open("w", encoding="utf-8") as out:
        out.write(
            "# Skapad av `python -m bot playground-config` ur gruppfilen; skrivs över varje gång.\n"
            "# Microsoft 365 Agents Playground läser den ur sin arbetskatalog (scripts/playground).\n"
        )
        yaml.dump(_quoted(config), out)
    return path


def _quoted(value: Any) -> Any:
    # Every string quoted: ids such as 29:… or 0.1.1 must never be read back as numbers.
    if isinstance(value, dict):
        return {key: _quoted(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_quoted(item) for item in value]
    return DoubleQuotedScalarString(value) if isinstance(value, str) else value


def _current_person(group: Group, as_email: str | None) -> Person:
    if as_email is None:
        if group.chair is None:
            raise PlaygroundError("Gruppfilen har ingen ordförande: ange vem du är med --as <e-postadress>.")
        return group.chair
    wanted = as_email.casefold()
    for person in group.people:
        if person.email.casefold() == wanted:
            return person
    known = ", ".join(p.email for p in group.people)
    raise PlaygroundError(f"{as_email} finns inte i gruppfilen. Välj en av: {known}")


def _others(group: Group, me: Person) -> Iterator[Person]:
    """Up to five people other than `me`, so that every role is there to talk to or look up."""
    first = {role: next((p for p in group.people if p.role is role and p != me), None) for role in Role}
    substitute = first[Role.SUBSTITUTE]
    stood_in_for = (
        group.person(substitute.substitute_for) if substitute and substitute.substitute_for else None
    )
    preferred = [first[Role.CHAIR], first[Role.SECRETARY], first[Role.STAFF], substitute, stood_in_for]
    chosen = _unique(p for p in [*preferred, *group.people] if p is not None and p != me)
    for _, person in zip(range(OTHER_USERS), chosen, strict=False):
        yield person


def _unique(people: Iterable[Person]) -> Iterator[Person]:
    seen: set[str] = set()
    for person in people:
        if person.aad_id not in seen:
            seen.add(person.aad_id)
            yield person


def _user(person: Person) -> dict[str, str]:
    given, _, surname = person.name.partition(" ")
    return {
        # Teams' user ids start with "29:"; the bot identifies people by aadObjectId only.
        "id": f"29:{person.aad_id}",
        "name": person.name[:256],
        "userPrincipleName": person.email,  # sic: the Playground's spelling
        "aadObjectId": person.aad_id,
        "givenName": given[:256],
        "surname": (surname or given)[:256],
        "email": person.email,
    }


def _outsider(number: int) -> dict[str, str]:
    # Only for a group of fewer than six people: someone outside the group, whom the bot refuses.
    aad_id = str(_invented("outsider", str(number)))
    return {
        "id": f"29:{aad_id}",
        "name": f"Utomstående {number + 1}",
        "userPrincipleName": f"utomstaende{number + 1}@example.invalid",
        "aadObjectId": aad_id,
        "givenName": "Utomstående",
        "surname": str(number + 1),
        "email": f"utomstaende{number + 1}@example.invalid",
    }


def _invented(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{kind}:{key}")
