"""The verb table: typed commands matched on their exact first words, never by substring."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.chat.turn import Reply, Turn
from bot.domain.permissions import Action
from bot.services.context import Context

Handler = Callable[[Context, Turn, str], Awaitable[Reply]]


@dataclass(frozen=True)
class TextCommand:
    verb: str  # Swedish, may be several words ("övrig fråga")
    aliases: tuple[str, ...]
    help_key: str  # catalogue key of its line in `hjälp`
    action: Action  # shown in `hjälp` only to those who may do it
    handler: Handler

    @property
    def words(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(v.casefold().split()) for v in (self.verb, *self.aliases))


@dataclass(frozen=True)
class Parsed:
    command: TextCommand | None
    args: str


def parse(table: tuple[TextCommand, ...], text: str) -> Parsed:
    """Finds the command whose words begin the text (longest match wins); the rest is its argument."""
    tokens = text.split()
    folded = [t.casefold() for t in tokens]
    best: tuple[int, TextCommand] | None = None
    for command in table:
        for words in command.words:
            n = len(words)
            if tuple(folded[:n]) == words and (best is None or n > best[0]):
                best = (n, command)
    if best is None:
        return Parsed(None, text.strip())
    n, command = best
    # Cut the verb's words off the front so the user's own line breaks survive in the argument.
    rest = text.strip()
    for token in tokens[:n]:
        rest = rest[len(token) :].lstrip()
    return Parsed(command, rest.rstrip())
