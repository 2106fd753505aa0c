"""Card actions (Action.Execute) without any SDK: a click, what it answers, its data read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.text import clean_text
from bot.texts import Texts


@dataclass(frozen=True)
class Click:
    """One press of a card button: the verb and data as sent, the actor from the validated activity."""

    actor_id: str | None
    verb: str
    data: dict[str, Any]
    texts: Texts
    channel_user_id: str | None = None  # who the actor is in the chat channel (Teams' "29:…")
    # (conversation id, activity id), for the verbs that record it with their own change
    # (`actions.RECORDS_ITS_DELIVERY`); None for the others, recorded before they run.
    delivery: tuple[str, str] | None = None


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


def cleaned_data(value: Any) -> Any:
    """A card's data with every string in it cleaned, so no field can skip the cleaning."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: cleaned_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [cleaned_data(item) for item in value]
    return value


def text_field(data: dict[str, Any], name: str, limit: int = 200) -> str:
    """A short identifier or choice from the card (an option id, a person's aad id)."""
    value = data.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise BadClick(name)
    return value.strip()


def optional_text(data: dict[str, Any], name: str, limit: int = 4000) -> str | None:
    """What a person typed into an input; empty or absent is None. The domain cleans and limits it."""
    value = data.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise BadClick(name)
    return value


def flag_field(data: dict[str, Any], name: str) -> bool:
    value = data.get(name)
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise BadClick(name)
