"""The protocol and its adjustment (justering).

An approval is of one exact text: it names the version (the hash of the content) that
the approver read. Any edit makes a new version and voids what was approved, so an
adjusted protocol is always the text the adjuster saw.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from .errors import DomainError
from .events import Event


def content_hash(content: str) -> str:
    """sha256 hex of the NFC text, so the same words typed on another keyboard are the same version."""
    return hashlib.sha256(unicodedata.normalize("NFC", content).encode("utf-8")).hexdigest()


class ApproverRole(StrEnum):
    ADJUSTER = "adjuster"  # justerare
    CHAIR = "chair"  # ordförande


@dataclass(frozen=True)
class Approval:
    approver: str  # aad id
    role: ApproverRole
    version: str
    at: datetime  # aware, UTC


@dataclass(frozen=True)
class Protocol:
    meeting_id: int
    content: str
    adjuster: str | None  # aad id of the justerare
    chair: str | None  # aad id of the ordförande
    approvals: tuple[Approval, ...] = ()

    @property
    def version(self) -> str:
        return content_hash(self.content)

    def approved_by(self, aad_id: str | None) -> bool:
        """Whether `aad_id` approved the current version."""
        if aad_id is None:
            return False
        return any(
            a.approver.casefold() == aad_id.casefold() and a.version == self.version for a in self.approvals
        )


@dataclass(frozen=True)
class ProtocolRevised(Event):
    meeting_id: int
    old_version: str
    new_version: str


@dataclass(frozen=True)
class ApprovalsVoided(Event):
    meeting_id: int
    version: str  # the version that had been approved
    approvers: tuple[str, ...]  # aad ids whose approval no longer holds


@dataclass(frozen=True)
class ProtocolApproved(Event):
    meeting_id: int
    approver: str
    role: ApproverRole
    version: str
    at: datetime


@dataclass(frozen=True)
class ProtocolAdjusted(Event):
    """The protocol is justerat: it may now be sent and published."""

    meeting_id: int
    version: str
    at: datetime


def is_adjusted(protocol: Protocol, *, chair_must_approve: bool) -> bool:
    if not protocol.approved_by(protocol.adjuster):
        return False
    return protocol.approved_by(protocol.chair) or not chair_must_approve


def revise(
    protocol: Protocol, content: str, *, chair_must_approve: bool = False
) -> tuple[Protocol, list[Event]]:
    """A new text. The default `chair_must_approve=False` is the stricter one here: it
    treats the adjuster's approval alone as final, so it never lets an adjusted text change.
    """
    if content_hash(content) == protocol.version:
        return protocol, []
    if is_adjusted(protocol, chair_must_approve=chair_must_approve):
        raise DomainError("protocol.already_adjusted", meeting_id=protocol.meeting_id)
    revised = replace(protocol, content=content, approvals=())
    events: list[Event] = [ProtocolRevised(protocol.meeting_id, protocol.version, revised.version)]
    if protocol.approvals:
        approvers = tuple(a.approver for a in protocol.approvals)
        events.append(ApprovalsVoided(protocol.meeting_id, protocol.version, approvers))
    return revised, events


def _role_of(protocol: Protocol, aad_id: str) -> tuple[str, ApproverRole]:
    """The approver's id as the protocol names it, and in which role they approve."""
    for named, role in ((protocol.adjuster, ApproverRole.ADJUSTER), (protocol.chair, ApproverRole.CHAIR)):
        if named is not None and named.casefold() == aad_id.casefold():
            return named, role
    raise DomainError("protocol.not_approver", meeting_id=protocol.meeting_id)


def approve(
    protocol: Protocol, approver_aad: str, version: str, now: datetime, *, chair_must_approve: bool
) -> tuple[Protocol, list[Event]]:
    """`approver_aad` approves the text they were shown (`version`)."""
    approver, role = _role_of(protocol, approver_aad)
    if version != protocol.version:
        raise DomainError("protocol.stale_version", shown=version, current=protocol.version)
    if protocol.approved_by(approver):
        return protocol, []
    was_adjusted = is_adjusted(protocol, chair_must_approve=chair_must_approve)
    approved = replace(protocol, approvals=(*protocol.approvals, Approval(approver, role, version, now)))
    events: list[Event] = [ProtocolApproved(protocol.meeting_id, approver, role, version, now)]
    if not was_adjusted and is_adjusted(approved, chair_must_approve=chair_must_approve):
        events.append(ProtocolAdjusted(protocol.meeting_id, version, now))
    return approved, events
