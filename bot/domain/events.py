"""What happened: past-tense facts that domain functions return next to the new state.

The service layer stores them in the outbox; handlers turn them into cards, mails and
calendar changes. Keeping them as values (not callbacks) keeps the rules free of I/O.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """Base of every domain event, so a list of them can be typed `list[Event]`."""
