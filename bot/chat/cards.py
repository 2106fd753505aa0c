"""Card actions (Action.Execute) without any SDK: a verb table, and what a click answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.texts import Texts


@dataclass(frozen=True)
class Click:
    """One press of a card button: the verb and data as sent, the actor from the validated activity."""

    actor_id: str | None
    verb: str
    data: dict[str, Any]
    texts: Texts
    channel_user_id: str | None = None  # who the actor is in the chat channel (Teams' "29:…")


@dataclass(frozen=True)
class ClickAnswer:
    """What the person who clicked sees: the card replaced, or a short message."""

    card: dict[str, Any] | None = None
    message: str | None = None


class BadClick(Exception):
    """The card's data does not say what the verb needs (a forged or outdated card)."""


def int_field(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise BadClick(name)
    try:
        number = int(value)
    except ValueError as error:
        raise BadClick(name) from error
    if not 0 < number < 2**31:
        raise BadClick(name)
    return number


ClickHandler = Callable[..., Awaitable[ClickAnswer]]
