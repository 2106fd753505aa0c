"""Cancelling a meeting within the formalia (§3) or outside them.

§3: "Ett möte kan ställas in en vecka innan mötet om inga punkter finns på dagordningen."
The chair may still cancel otherwise (illness, force majeure), but then the group is told
that the cancellation is outside the formalia, and why.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from .deadlines import Deadlines


class Breach(StrEnum):
    """Why a cancellation now would be outside the formalia."""

    HAS_ITEMS = "has_items"  # there are items on the agenda
    TOO_EARLY = "too_early"  # before the notice, a week before the meeting


def formalia_breaches(items_on_agenda: int, deadlines: Deadlines, now: datetime) -> frozenset[Breach]:
    """What keeps §3 from allowing the cancellation now; empty: it is within the formalia."""
    breaches = set()
    if items_on_agenda:
        breaches.add(Breach.HAS_ITEMS)
    if now < deadlines.cancel_from:
        breaches.add(Breach.TOO_EARLY)
    return frozenset(breaches)
