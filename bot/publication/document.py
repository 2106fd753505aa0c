"""The protocol in words, as bot.documents renders it: always Swedish, the group's working language.

Built from the protocol's frozen record (attendance, adjuster, votes as they stood at
submission) and the secretary's paragraphs, so the same version always gives the same
document, and therefore the same PDF bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from bot.documents import Attendee, Paragraph, ProtocolDocument, Reservation, Signature, VoteRecord
from bot.domain.group import Group
from bot.domain.protocol import Approval
from bot.services.protocol import ProtocolView
from bot.texts import Texts, texts_for

PROTOCOL_LOCALE = "sv"


def _tz(group: Group) -> ZoneInfo:
    return ZoneInfo(group.timezone)


def meeting_day(group: Group, moment: datetime) -> date:
    return moment.astimezone(_tz(group)).date()


def stamp(group: Group, moment: datetime) -> str:
    """ "2026-12-12 kl. 14:05", as a Swedish protocol dates an approval."""
    return format_datetime(moment, "y-MM-dd 'kl.' HH:mm", tzinfo=_tz(group), locale="sv_SE")


def _when(group: Group, meeting: dict[str, Any]) -> str:
    tz = _tz(group)
    starts, ends = (datetime.fromisoformat(meeting[k]) for k in ("starts_at", "ends_at"))
    # "torsdagen den 10 december 2026": Swedish puts the weekday in the definite form here.
    day = format_datetime(starts, "EEEE'en den' d MMMM y", tzinfo=tz, locale="sv_SE")
    start, end = (format_datetime(m, "HH:mm", tzinfo=tz, locale="sv_SE") for m in (starts, ends))
    return f"{day}, kl. {start}–{end}"


def _place(person: dict[str, Any]) -> str:
    return str(person.get("municipality") or person.get("organisation") or "")


def _attendee(t: Texts, person: dict[str, Any], acting: str | None = None) -> Attendee:
    role, note = person["role"], None
    if acting is not None and person.get("aad_id") == acting:
        note = t("doc.acting_chair_note")
    elif role == "chair":
        note = t("doc.chair_note")
    elif role == "secretary":
        note = t("role.secretary")
    elif role == "substitute":
        member = person.get("substitute_for")
        note = (
            t("attendance.serving", member=member)
            if person.get("serving") and member
            else t("role.substitute")
        )
    return Attendee(person["name"], person.get("title") or None, _place(person), note)


def _option(t: Texts, vote: dict[str, Any], option_id: str | None) -> str:
    found = next((o for o in vote["options"] if o["id"] == option_id), None)
    if found and found.get("text"):
        return str(found["text"])
    return t(f"vote.option.{option_id}")


def vote_result(
    t: Texts, vote: dict[str, Any], label: Callable[[str | None], str], acting: bool = False
) -> str:
    """The decision, and whether the bot closed the vote because the meeting day ended.

    A tie the chair never broke with the casting vote (it may be given until the protocol is
    submitted) is said as it stands: no decision was made.
    """
    result = _decision(t, vote, label, acting)
    return f"{t('vote.result.day_ended')} {result}" if vote.get("closed_at_day_end") else result


def _decision(t: Texts, vote: dict[str, Any], label: Callable[[str | None], str], acting: bool) -> str:
    if vote["status"] in ("no_majority", "awaiting_runoff_pick"):
        return _no_majority(t, vote, label)
    if vote["status"] == "decided" and vote["winner"]:
        return t("vote.result.decided", decision=label(vote["winner"]))
    if vote["status"] == "awaiting_casting_vote":
        key = "doc.vote.tie_unbroken_acting" if acting else "doc.vote.tie_unbroken"
        return t(key, tied=", ".join(label(o) for o in vote.get("tied", [])))
    return t("vote.result.none")


def _no_majority(t: Texts, vote: dict[str, Any], label: Callable[[str | None], str]) -> str:
    """A first round: no proposal had more than half; the run-off, or that none was held."""
    runoff = vote.get("runoff")
    if runoff is None:
        return f"{t('doc.vote.no_majority')} {t('doc.vote.no_runoff')}"
    first, second = (label(o["id"]) for o in runoff["options"] if o["id"] != "abstain")
    return f"{t('doc.vote.no_majority')} {t('doc.vote.runoff_held', first=first, second=second)}"


def _vote(t: Texts, vote: dict[str, Any], acting: bool, question: str | None = None) -> VoteRecord:
    result = vote_result(t, vote, lambda option: _option(t, vote, option), acting)
    numbers = t("vote.result.numbers", cast=vote["cast"], abstained=vote["counts"].get("abstain", 0))
    counts = tuple((_option(t, vote, o["id"]), int(vote["counts"].get(o["id"], 0))) for o in vote["options"])
    named = tuple(
        (f"{b['name'] or '?'} ({b['municipality']})", _option(t, vote, b["option"])) for b in vote["ballots"]
    )
    casting_key = "vote.result.by_casting_acting" if acting else "vote.result.by_casting"
    casting = t(casting_key) if vote["by_casting_vote"] else None
    return VoteRecord(question or vote["question"], f"{result} {numbers}", counts, named, casting)


def rounds(t: Texts, vote: dict[str, Any], acting: bool = False) -> tuple[VoteRecord, ...]:
    """One omröstning in the protocol: a vote, or a first round and its run-off.

    `acting`: an acting chair chaired, so the casting vote was theirs.
    """
    runoff = vote.get("runoff")
    if runoff is None:
        return (_vote(t, vote, acting),)
    first = _vote(t, vote, acting, t("doc.vote.first_round", question=vote["question"]))
    return first, _vote(t, runoff, acting, t("doc.vote.second_round", question=runoff["question"]))


def _reservations(vote: dict[str, Any]) -> list[dict[str, Any]]:
    return [*vote["reservations"], *(vote["runoff"]["reservations"] if vote.get("runoff") else [])]


def _paragraphs(t: Texts, view: ProtocolView) -> tuple[Paragraph, ...]:
    votes = {int(v["id"]): v for v in view.record["votes"]}
    acting = bool(view.record.get("chair_acting"))
    paragraphs = []
    for number, section in enumerate(view.sections, start=1):
        held = [votes[v] for v in section.votes if v in votes]
        reservations = tuple(
            Reservation(r["name"] or "?", r["municipality"], r["reason"])
            for v in held
            for r in _reservations(v)
        )
        paragraphs.append(
            Paragraph(
                number,
                section.title,
                section.text,
                section.decision or None,
                tuple(record for v in held for record in rounds(t, v, acting)),
                reservations,
            )
        )
    return tuple(paragraphs)


def _signature(
    group: Group, t: Texts, role: str, person: dict[str, Any] | None, approval: Approval | None
) -> Signature:
    approved = t("doc.approved", moment=stamp(group, approval.at)) if approval else None
    if person is None:
        return Signature(t(f"doc.sign.{role}"), "–", None, "", approved)
    return Signature(
        t(f"doc.sign.{role}"), person["name"], person.get("title") or None, _place(person), approved
    )


def _signing_role(record: dict[str, Any], role: str) -> str:
    """An acting chair signs as "tjänstgörande ordförande"."""
    return "acting_chair" if role == "chair" and record.get("chair_acting") else role


def _acting_id(record: dict[str, Any]) -> str | None:
    chair = record.get("chair")
    return str(chair["aad_id"]) if record.get("chair_acting") and chair else None


def _adjusted_text(group: Group, t: Texts, view: ProtocolView) -> str | None:
    if view.adjusted_at is None:
        return None
    names = []
    for approval in view.approvals:
        who = view.record.get(approval.role.value) or {}
        names.append(
            f"{who.get('name', '?')} ({t(f'doc.as.{_signing_role(view.record, approval.role.value)}')})"
        )
    return t("doc.adjusted", moment=stamp(group, view.adjusted_at), names=t("doc.and").join(names))


def document_of(group: Group, view: ProtocolView, sealed: bool = False) -> ProtocolDocument:
    """`sealed`: the PDF will carry the group's electronic seal; it says so, and leaves the
    modification date to the seal."""
    t, record = texts_for(PROTOCOL_LOCALE, _tz(group)), view.record
    place = record["meeting"]["place"]
    adjuster, chair = view.approval_of(view.adjuster_id), view.approval_of(view.chair_id)
    return ProtocolDocument(
        group_name=group.name,
        title=t("doc.title", date=meeting_day(group, view.meeting.starts_at).isoformat()),
        meeting_date=meeting_day(group, view.meeting.starts_at),
        time_text=_when(group, record["meeting"]),
        place=t("doc.place.teams") if place.strip().casefold() == "teams" else place,
        present=tuple(_attendee(t, p, _acting_id(record)) for p in record["present"]),
        absent=tuple(_attendee(t, p) for p in record["absent"]),
        paragraphs=_paragraphs(t, view),
        signatures=(
            _signature(group, t, "secretary", record.get("secretary"), None),
            _signature(group, t, _signing_role(record, "chair"), record.get("chair"), chair),
            _signature(group, t, "adjuster", record.get("adjuster"), adjuster),
        ),
        version=view.version,
        adjusted=view.adjusted_at is not None,
        adjusted_text=_adjusted_text(group, t, view),
        created_at=view.adjusted_at,
        modified_at=None if sealed else view.adjusted_at,
        seal_text=t("doc.sealed", group=group.name) if sealed else None,
    )
