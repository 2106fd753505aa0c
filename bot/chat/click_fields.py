"""Reading the rest of a card's data: text and yes/no fields, checked like `int_field`."""

from __future__ import annotations

from typing import Any

from bot.chat.cards import BadClick
from bot.domain.text import clean_text


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
