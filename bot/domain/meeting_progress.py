"""Mötets gång: the meeting's agenda in order, and when each point of it was taken up.

The agenda is the protocol's paragraphs as the first draft builds them, without the votes
(a vote is timed by its own opening and closing): the opening, the adjuster, each item, the
closing. The chair or the secretary presses **Nästa punkt**; the press names the point it
moves from, so two presses of the same card move one point, not two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .errors import DomainError
from .items import AgendaItem

OPENING, ADJUSTER, CLOSING = "opening", "adjuster", "closing"


class PointKind(StrEnum):
    OPENING = OPENING  # §1 Mötets öppnande
    ADJUSTER = ADJUSTER  # §2 Utse justerare
    ITEM = "item"  # one § per agenda item
    CLOSING = CLOSING  # Mötets avslutande


def item_key(item_id: int) -> str:
    return f"item:{item_id}"


def vote_key(vote_id: int) -> str:
    """A vote's excerpt: not a point of the agenda, but timed by the vote itself."""
    return f"vote:{vote_id}"


@dataclass(frozen=True)
class AgendaPoint:
    key: str  # "opening", "adjuster", "item:<id>", "closing": what a press and an excerpt name
    kind: PointKind
    item: AgendaItem | None = None


def meeting_agenda(items: Sequence[AgendaItem]) -> tuple[AgendaPoint, ...]:
    """The points in the order the first draft writes their paragraphs."""
    return (
        AgendaPoint(OPENING, PointKind.OPENING),
        AgendaPoint(ADJUSTER, PointKind.ADJUSTER),
        *(AgendaPoint(item_key(item.id), PointKind.ITEM, item) for item in items),
        AgendaPoint(CLOSING, PointKind.CLOSING),
    )


@dataclass(frozen=True)
class TakenUp:
    key: str
    at: datetime  # aware, UTC: the bot's clock when the point was taken up


@dataclass(frozen=True)
class Progress:
    agenda: tuple[AgendaPoint, ...]
    taken_up: tuple[TakenUp, ...] = ()  # in the order they were taken up

    def at(self, key: str) -> datetime | None:
        return next((t.at for t in self.taken_up if t.key == key), None)

    @property
    def started(self) -> bool:
        return bool(self.taken_up)

    @property
    def current(self) -> AgendaPoint | None:
        """The point the meeting is at: the furthest taken up that is still on the agenda."""
        return next((p for p in reversed(self.agenda) if self.at(p.key) is not None), None)

    def number(self, point: AgendaPoint) -> int:
        return self.agenda.index(point) + 1

    @property
    def next(self) -> AgendaPoint | None:
        current = self.current
        if current is None:
            return self.agenda[0] if self.agenda else None
        later = self.agenda[self.number(current) :]
        return later[0] if later else None


def start(progress: Progress, now: datetime) -> TakenUp | None:
    """The first point, taken up when the meeting starts; None when it had been already."""
    if progress.started:
        return None
    return TakenUp(progress.agenda[0].key, now)


def next_point(progress: Progress, moving_from: str, now: datetime) -> TakenUp:
    """**Nästa punkt** pressed on a card that showed `moving_from` as the current point.

    A card older than the last press (the other person's, or the same pressed twice) names a
    point the meeting has left: refused, so no point is skipped.
    """
    current = progress.current
    if current is None:
        raise DomainError("progress.not_begun")
    if current.key != moving_from:
        raise DomainError("progress.stale", number=progress.number(current), count=len(progress.agenda))
    following = progress.next
    if following is None:
        raise DomainError("progress.last_point")
    return TakenUp(following.key, now)
