"""Justering: the secretary submits, the adjuster and the chair approve the version they saw, or send it back.

Every change starts with `protocols.lock`, so two approvals at the same moment are counted
one after the other and exactly one of them adjusts the protocol. The adjustment and
everything it sets going (the PDF, one mail per recipient, the upload, the channel's card)
are written in the same transaction: a crash after the commit loses nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

from bot.domain.adjustment import check_in_review, check_submittable, check_version, clean_comment
from bot.domain.errors import DomainError
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.domain.protocol import Approval, ProtocolAdjusted, ProtocolApproved, approve
from bot.services.context import Context
from bot.services.meeting_day import meeting_by_id
from bot.services.meeting_record import record_submission_for_adjustment
from bot.services.ports.outbox import Outgoing
from bot.services.ports.protocol import ChangeRequest, Submission
from bot.services.ports.store import UnitOfWork
from bot.services.posts import refresh_reviews
from bot.services.protocol import ProtocolView, live_record, view
from bot.services.protocol_record import content_of
from bot.services.publication import distribution

SECRETARY, ADJUSTER, CHAIR = "secretary", "adjuster", "chair"


async def personal_or_channel(ctx: Context, uow: UnitOfWork, aad_id: str | None) -> str:
    """The person's chat with the bot when there is one, else the group's channel."""
    chat = await uow.conversations.personal_of(aad_id) if aad_id else None
    return chat or ctx.group.channel_id


def in_channel(ctx: Context, target: str) -> dict[str, object]:
    """A post everyone in the channel sees says so: its card then carries none of the draft's text."""
    return {"in_channel": True} if target == ctx.group.channel_id else {}


def _post(key: str, target: str, post: str, args: dict[str, object]) -> Outgoing:
    return Outgoing(key, "teams", "post", target, {"post": post, "args": args})


async def _current(ctx: Context, uow: UnitOfWork, meeting: Meeting) -> ProtocolView:
    """The locked protocol, as submitted (its record frozen); a draft has no reviewers yet."""
    await uow.protocols.lock(meeting.id)
    stored = await uow.protocols.get(meeting.id)
    if stored is None or stored.sections is None or stored.record is None:
        raise DomainError("protocol.not_submitted")
    return view(ctx, meeting, stored, stored.record)


async def submit(ctx: Context, actor_id: str, meeting_id: int, shown: str) -> ProtocolView:
    """Lämna för justering: the version the secretary saw goes to the adjuster and the chair."""
    person = actor(ctx.group, actor_id, Action.SUBMIT_PROTOCOL)
    now = ctx.clock.now()
    _, live = await live_record(ctx, meeting_id)
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
        await uow.protocols.lock(meeting_id)
        stored = await uow.protocols.get(meeting_id)
        if stored is None or stored.sections is None:
            raise DomainError("protocol.not_drafted")
        before = view(ctx, meeting, stored, live)
        check_version(shown, before.version)
        check_submittable(before.state, meeting, before.sections, before.adjuster_id is not None, now)
        await _record_unchanged(uow, live)
        await record_submission_for_adjustment(uow, meeting_id, now)
        content = content_of(live, before.sections)
        await uow.protocols.submit(meeting_id, Submission(live, content, before.version, person.aad_id, now))
        for role, aad_id in ((ADJUSTER, before.adjuster_id), (CHAIR, before.chair_id)):
            if aad_id is not None:
                await uow.outbox.enqueue(await _review_card(ctx, uow, before, role, aad_id), now)
        submitted = await _current(ctx, uow, meeting)
        await uow.commit()
    return submitted


async def _review_card(
    ctx: Context, uow: UnitOfWork, protocol: ProtocolView, role: str, aad_id: str
) -> Outgoing:
    """One per submission: a version sent back unchanged and submitted again is sent again too."""
    target = await personal_or_channel(ctx, uow, aad_id)
    args = {
        "meeting_id": protocol.meeting.id,
        "version": protocol.version,
        "role": role,
        **in_channel(ctx, target),
    }
    key = f"protocol:{protocol.meeting.id}:{protocol.version}:review:{role}:{uuid.uuid4().hex}"
    return _post(key, target, "protocol_review", args)


async def _record_unchanged(uow: UnitOfWork, live: dict[str, Any]) -> None:
    """The votes locked, so the record submitted is the one they have: none is open (the bot closes
    them when the meeting day ends, the chair before), and a reservation or a closing either came
    before the snapshot or waits for this transaction and is refused after it."""
    rounds = [(n, r) for n, v in enumerate(live["votes"], start=1) for r in (v, v.get("runoff")) if r]
    for number, vote in rounds:
        locked = await uow.votes.locked(int(vote["id"]))
        if locked is not None and locked.is_open:
            raise DomainError("protocol.vote_open", number=number, question=locked.question)
        if locked is not None and locked.state.value != vote["state"]:
            raise DomainError("protocol.vote_changed", number=number, question=locked.question)
        if len(await uow.votes.reservations(int(vote["id"]))) != len(vote["reservations"]):
            raise DomainError("protocol.record_changed")


def _check_approver(protocol: ProtocolView, aad_id: str) -> None:
    named = {x.casefold() for x in (protocol.adjuster_id, protocol.chair_id) if x}
    if aad_id.casefold() not in named:
        raise DomainError("protocol.not_approver")


async def approve_protocol(ctx: Context, actor_id: str, meeting_id: int, shown: str) -> ProtocolView:
    """Justera: an approval of the exact version shown; the last one needed adjusts the protocol."""
    now, rules = ctx.clock.now(), ctx.group.rules
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
        current = await _current(ctx, uow, meeting)
        _check_approver(current, actor_id)
        check_in_review(current.state)
        _, events = approve(
            current.protocol(), actor_id, shown, now, chair_must_approve=rules.chair_must_approve
        )
        for event in events:
            if isinstance(event, ProtocolApproved):
                approval = Approval(event.approver, event.role, event.version, event.at)
                await uow.protocols.approve(meeting_id, approval)
            elif isinstance(event, ProtocolAdjusted) and await uow.protocols.mark_adjusted(meeting_id, now):
                for message in distribution(ctx, meeting_id, event.version):
                    await uow.outbox.enqueue(message, now)
        await refresh_reviews(ctx, uow.outbox, meeting_id, now)
        after = await _current(ctx, uow, meeting)
        await uow.commit()
    return after


async def request_change(
    ctx: Context, actor_id: str, meeting_id: int, shown: str, comment: str | None
) -> ProtocolView:
    """Begär ändring: the protocol goes back to the secretary with what should change."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
        current = await _current(ctx, uow, meeting)
        _check_approver(current, actor_id)
        check_in_review(current.state)
        check_version(shown, current.version)
        request = ChangeRequest(actor_id, now, clean_comment(comment))
        await uow.protocols.request_change(meeting_id, request)
        secretary = next((p for p in ctx.group.people if p.role.value == SECRETARY), None)
        target = await personal_or_channel(ctx, uow, secretary.aad_id if secretary else None)
        key = f"protocol:{meeting_id}:{current.version}:change:{uuid.uuid4().hex}"
        await uow.outbox.enqueue(
            _post(
                key,
                target,
                "protocol_change_requested",
                {"meeting_id": meeting_id, **in_channel(ctx, target)},
            ),
            now,
        )
        await refresh_reviews(ctx, uow.outbox, meeting_id, now)
        after = await _current(ctx, uow, meeting)
        await uow.commit()
    return after
