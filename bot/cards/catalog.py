"""The card templates in `bot/cards/templates/` (inside the package), loaded once and filled per use."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from bot.cards.template import compile_template

MAX_CARD_BYTES = 28 * 1024  # Teams refuses bigger cards


class CardTooLarge(Exception):
    pass


def cards_dir() -> Path:
    return Path(os.environ.get("BOT_CARDS_DIR") or Path(__file__).resolve().parent / "templates")


@cache
def template(name: str) -> dict[str, Any]:
    with (cards_dir() / f"{name}.json").open(encoding="utf-8") as file:
        loaded: dict[str, Any] = json.load(file)
    return loaded


@cache  # compiled once per card: rendering then does no parsing
def _compiled(name: str) -> Callable[[Mapping[str, Any]], Any]:
    return compile_template(template(name))


def render(name: str, data: dict[str, Any]) -> dict[str, Any]:
    card: dict[str, Any] = _compiled(name)(data)
    size = too_large(card)
    if size is not None:
        raise CardTooLarge(f"{name}: {size} bytes")
    return card


def too_large(card: Any) -> int | None:
    """The card's size as `json.dumps` writes it in UTF-8, when that is over the limit."""
    # Each space json.dumps adds follows a comma or colon of orjson's compact text, so its text
    # is at most twice as long: a card under half the limit compact needs no second writing.
    try:
        if 2 * len(orjson.dumps(card)) <= MAX_CARD_BYTES:
            return None
    except orjson.JSONEncodeError:
        pass  # json.dumps decides, as it did alone
    size = len(json.dumps(card, ensure_ascii=False).encode("utf-8"))
    return size if size > MAX_CARD_BYTES else None
