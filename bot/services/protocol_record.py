"""What the meeting left for the protocol, frozen as plain JSON, and the content a version hashes.

At submission the attendance, the adjuster and the votes are written into the protocol as
they stand, names and titles included: an archived protocol must not change when someone
later leaves the group file. Before submission the same snapshot is taken from live data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from bot.domain.attendance import Attendee
from bot.domain.group import Group, Person
from bot.domain.protocol import content_hash
from bot.domain.protocol_text import Section
from bot.services.meeting_record import MeetingRecord, VoteRecord


def _person(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {
        "aad_id": person.aad_id,
        "name": person.name,
        "title": person.title,
        "role": person.role.value,
        "municipality": person.municipality,
        "organisation": person.organisation,
    }


def _attendee(attendee: Attendee) -> dict[str, Any]:
    member = attendee.substitute_for
    return {
        **(_person(attendee.person) or {}),
        "substitute_for": member.name if member else None,
        "serving": attendee.serving,
    }


def _vote(vote: VoteRecord) -> dict[str, Any]:
    outcome = vote.outcome
    return {
        "id": vote.vote.id,
        "question": vote.vote.question,
        "options": [{"id": o.id, "text": o.text} for o in vote.vote.options],
        "state": vote.vote.state.value,
        "closed_at_day_end": vote.vote.closed_at_day_end,
        "status": outcome.status.value,
        "winner": outcome.winner,
        "tied": list(outcome.tied),
        "counts": dict(outcome.counts),
        "cast": outcome.cast,
        "by_casting_vote": outcome.by_casting_vote,
        **({"runoff_options": list(outcome.runoff)} if outcome.runoff else {}),
        "ballots": [
            {"municipality": b.municipality, "name": b.voter.name if b.voter else None, "option": b.option.id}
            for b in vote.ballots
        ],
        "reservations": [
            {
                "name": r.person.name if r.person else None,
                "municipality": r.reservation.municipality,
                "reason": r.reservation.reason,
            }
            for r in vote.reservations
        ],
    }


def _adjuster(record: MeetingRecord) -> dict[str, Any] | None:
    appointed = record.adjuster
    if appointed is None:
        return None
    return {
        **(_person(record.adjuster_person) or {}),
        "aad_id": appointed.aad_id,
        "municipality": appointed.municipality,
        "proposed": appointed.proposed,
        "reason": appointed.reason,
    }


def snapshot(group: Group, record: MeetingRecord) -> dict[str, Any]:
    meeting = record.meeting
    secretary = next((p for p in group.people if p.role.value == "secretary"), None)
    return {
        "meeting": {
            "id": meeting.id,
            "starts_at": meeting.starts_at.isoformat(),
            "ends_at": meeting.ends_at.isoformat(),
            "place": meeting.place,
        },
        "present": [_attendee(a) for a in record.attendance.present],
        "absent": [_person(p) for p in record.attendance.absent],
        "adjuster": _adjuster(record),
        # Who chaired signs as chair; an acting chair is named "tjänstgörande ordförande".
        "chair": _person(record.chairing or group.chair),
        "chair_acting": record.chair_acting,
        "secretary": _person(secretary),
        "votes": _rounds(record.votes),
    }


def _rounds(votes: Sequence[VoteRecord]) -> list[dict[str, Any]]:
    """The votes in the order they were opened, a run-off inside its first round (`runoff`): the
    protocol places and numbers the two rounds as one omröstning."""
    second = {v.vote.runoff_of: v for v in votes if v.vote.runoff_of is not None}
    rounds = []
    for vote in votes:
        if vote.vote.runoff_of is None:
            runoff = second.get(vote.vote.id)
            rounds.append(_vote(vote) | ({"runoff": _vote(runoff)} if runoff else {}))
    return rounds


def content_of(record: dict[str, Any], sections: Sequence[Section]) -> str:
    """Canonical JSON of everything the protocol says: one text, one version."""
    whole = {"record": record, "sections": [asdict(s) for s in sections]}
    return json.dumps(whole, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def version_of(record: dict[str, Any], sections: Sequence[Section]) -> str:
    return content_hash(content_of(record, sections))


def vote_ids(record: dict[str, Any]) -> list[int]:
    return [int(v["id"]) for v in record["votes"]]


def questions(record: dict[str, Any]) -> dict[int, str]:
    return {int(v["id"]): str(v["question"]) for v in record["votes"]}
