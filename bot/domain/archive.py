"""The information package for the e-archive (E-ARK SIP, as Riksarkivet's FGS 2.0): what goes in.

One package per adjusted protocol: the adjusted PDF/A, the attendance and votes (with every
ballot) as structured data, the preservation events (PREMIS) from the protocol's record, and
the recording's deletion log entry once there is one. Nothing private goes in: no draft, no
earlier version, no change request, no transcript or recording, and no Entra object id (the
record names people by name, title and municipality, as the public protocol does).

The package is remade when the recording's deletion is settled, since that is an event of the
protocol's record; the new package replaces the first (see docs/archive.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

# PREMIS eventType values: the words of the record (our own list, documented in docs/archive.md),
# and "deletion" from the Library of Congress's eventType vocabulary for the recording.
SUBMITTED, APPROVED, ADJUSTED, SENT, PUBLISHED, DELETION = (
    "submitted", "approved", "adjusted", "sent", "published", "deletion",
)  # fmt: skip

PRIVATE_KEYS = frozenset({"aad_id"})


@dataclass(frozen=True)
class Approval:
    name: str
    role: str  # "adjuster", "chair", "acting_chair"
    at: datetime


@dataclass(frozen=True)
class Mailing:
    """The mails of the distribution: how many went out, how many failed, when the last one left."""

    sent: int
    failed: int
    last_at: datetime | None


@dataclass(frozen=True)
class RecordingDeletion:
    """The deletion log's line for the meeting's recording, once its deletion is settled."""

    what: str
    size: int | None
    outcome: str  # "deleted", "not_found", "changed"
    settled_at: datetime
    due_at: datetime
    rule: str
    retention_decision: str | None


@dataclass(frozen=True)
class ProtocolFacts:
    """What the record says of one adjusted protocol, for its package."""

    meeting_day: date
    version: str
    submitted_at: datetime
    submitted_by: str
    approvals: tuple[Approval, ...]
    adjusted_at: datetime
    mailing: Mailing
    deletion: RecordingDeletion | None = None


@dataclass(frozen=True)
class PremisEvent:
    identifier: str
    type: str
    at: datetime
    detail: str
    outcome: str  # "success" or "failure"
    agent: str | None = None  # who (a name and role, or the bot)


def premis_events(facts: ProtocolFacts) -> tuple[PremisEvent, ...]:
    """Every event of the protocol's record, oldest first; identifiers stable across remakes."""
    v = facts.version[:16]
    events = [
        PremisEvent(f"{v}-submitted", SUBMITTED, facts.submitted_at,
                    "Lämnat för justering av sekreteraren.", "success", facts.submitted_by),
        *(
            PremisEvent(f"{v}-approved-{n}", APPROVED, a.at,
                        f"Version {facts.version} godkänd ({a.role}).", "success", a.name)
            for n, a in enumerate(facts.approvals, start=1)
        ),
        PremisEvent(f"{v}-adjusted", ADJUSTED, facts.adjusted_at,
                    f"Protokollet justerat; version {facts.version}.", "success"),
        PremisEvent(f"{v}-published", PUBLISHED, facts.adjusted_at,
                    "Publicerat på styrgruppens offentliga sidor (/protokoll/).", "success"),
    ]  # fmt: skip
    mailing = facts.mailing
    if mailing.last_at is not None:
        detail = f"E-post till {mailing.sent} mottagare" + (
            f"; {mailing.failed} kunde inte skickas." if mailing.failed else "."
        )
        outcome = "failure" if mailing.failed else "success"
        events.append(PremisEvent(f"{v}-sent", SENT, mailing.last_at, detail, outcome))
    deletion = facts.deletion
    if deletion is not None:
        events.append(
            PremisEvent(f"{v}-recording-{deletion.outcome}", DELETION, deletion.settled_at,
                        _deletion_detail(deletion), "success" if deletion.outcome == "deleted" else "failure")
        )  # fmt: skip
    return tuple(sorted(events, key=lambda e: e.at))


def _deletion_detail(deletion: RecordingDeletion) -> str:
    said = {
        "deleted": "Mötets inspelning gallrad (raderad permanent)",
        "not_found": "Mötets inspelning fanns inte längre; ingenting raderades",
        "changed": "Mötets inspelning hade ändrats sedan den bekräftades; ingenting raderades",
    }[deletion.outcome]
    decision = f" Gallringsbeslut: {deletion.retention_decision}." if deletion.retention_decision else ""
    return f"{said}: {deletion.what}.{decision}"


def public_record(record: dict[str, Any]) -> dict[str, Any]:
    """The protocol's frozen record (attendance, adjuster, votes, ballots) without internal ids."""
    return _without(record)


def _without(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without(v) for k, v in value.items() if k not in PRIVATE_KEYS}
    if isinstance(value, list):
        return [_without(v) for v in value]
    return value


def revision(facts: ProtocolFacts) -> int:
    """1 for the package made at adjustment; 2 once it is remade with the recording's deletion."""
    return 2 if facts.deletion is not None else 1


def package_name(day: date) -> str:
    return f"arkivpaket-protokoll-{day.isoformat()}.zip"


def sent_and_failed(states: Sequence[tuple[str, datetime | None]]) -> Mailing:
    """The outbox's states of the mails ("done" with its moment, "failed"): what the event says."""
    done = [at for state, at in states if state == "done" and at is not None]
    failed = sum(1 for state, _ in states if state == "failed")
    return Mailing(len(done), failed, max(done) if done else None)
