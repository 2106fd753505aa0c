"""One thing a person said, and what the bot answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.texts import Texts


@dataclass(frozen=True)
class Turn:
    actor_id: str | None  # the validated AAD object id; None when the channel did not send one
    text: str  # the message with the bot's mention removed
    texts: Texts
    bot_name: str = "Styrgruppsboten"
    shared: bool = False  # said in the channel (or a group chat): everyone there reads the answer


@dataclass(frozen=True)
class Reply:
    text: str
    card: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
