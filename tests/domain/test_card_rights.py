"""The card-rights table as rules: a meeting's phases, who passes by role or relation, the refusals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from bot.domain.adjustment import ProtocolState
from bot.domain.card_rights import (
    CARD_RULES,
    NO_PROTOCOL,
    CardFacts,
    MeetingPhase,
    check_press,
    meeting_phase,
    needs_facts,
    presser,
)
from bot.domain.errors import DomainError
from bot.domain.meetings import MeetingState
from bot.domain.votes import Ballot, Option, Vote, VoteState
from bot.texts.catalogue import CATALOGUE
from tests.domain.builders import SECRETARY, STAFF, a_group, a_meeting, local, member_of

GROUP = a_group(("Avesta", "Bollnäs", "Säter"))
MEETING = a_meeting(date(2026, 12, 10), time(8, 30), id=5)  # 08:30–10:00
START = local(date(2026, 12, 10), time(8, 30))


@pytest.mark.parametrize(
    ("at", "phase"),
    [
        (START - timedelta(minutes=31), MeetingPhase.UPCOMING),
        (START - timedelta(minutes=30), MeetingPhase.STARTING),
        (START - timedelta(seconds=1), MeetingPhase.STARTING),
        (START, MeetingPhase.GOING_ON),
        (START + timedelta(minutes=90, hours=3) - timedelta(seconds=1), MeetingPhase.GOING_ON),
        (START + timedelta(minutes=90, hours=3), MeetingPhase.HELD),
    ],
)
def test_a_meetings_phase_follows_its_times(at: datetime, phase: MeetingPhase) -> None:
    assert meeting_phase(MEETING, at) is phase


def test_a_cancelled_meeting_is_cancelled_whenever_it_was() -> None:
    cancelled = a_meeting(date(2026, 12, 10), id=5, state=MeetingState.CANCELLED)
    assert meeting_phase(cancelled, START + timedelta(days=1)) is MeetingPhase.CANCELLED


def _refused(verb: str, aad_id: str, facts: CardFacts | None) -> str | None:
    rule = CARD_RULES[verb]
    try:
        check_press(rule, GROUP, presser(rule, GROUP, aad_id), facts)
    except DomainError as error:
        return error.code
    return None


HELD = START + timedelta(days=1)
IN_REVIEW = CardFacts(HELD, MEETING, None, ProtocolState.IN_REVIEW, member_of("Avesta"))
ADJUSTED = CardFacts(HELD, MEETING, None, ProtocolState.ADJUSTED)
DRAFTED = CardFacts(HELD, MEETING, None, ProtocolState.DRAFT)
BEFORE, DURING = CardFacts(START - timedelta(days=1), MEETING), CardFacts(START, MEETING, 5)
ADJUSTER, MEMBER, CHAIR = member_of("Avesta"), member_of("Bollnäs"), member_of("Säter")
CLOSED = Vote(  # Avesta and Säter yes, Bollnäs no: decided yes
    7, 5, "Fråga?", (Option("yes"), Option("no"), Option("abstain")), VoteState.CLOSED, "x", START,
    ballots=(Ballot("Avesta", "yes", ADJUSTER, START), Ballot("Bollnäs", "no", MEMBER, START),
             Ballot("Säter", "yes", CHAIR, START)),
)  # fmt: skip


@pytest.mark.parametrize(
    ("verb", "who", "facts", "code"),
    [
        ("protocol.review", "stranger", None, "auth.not_in_group"),
        ("vote.cast", "stranger", None, "vote.not_in_group"),
        ("vote.cast", SECRETARY, None, "vote.no_vote_role"),
        ("protocol.review", SECRETARY, IN_REVIEW, None),
        ("protocol.review", ADJUSTER, IN_REVIEW, None),  # by relation, not by role
        ("protocol.review", MEMBER, IN_REVIEW, "protocol.not_reader"),
        ("protocol.review", STAFF, IN_REVIEW, "protocol.not_reader"),
        ("protocol.approve", ADJUSTER, IN_REVIEW, None),
        ("protocol.approve", SECRETARY, IN_REVIEW, "protocol.not_approver"),
        ("protocol.submit", SECRETARY, IN_REVIEW, "protocol.already_submitted"),
        ("protocol.show", MEMBER, BEFORE, "protocol.meeting_not_begun"),
        ("protocol.edit", SECRETARY, ADJUSTED, "protocol.already_adjusted"),
        ("protocol.submit", SECRETARY, DURING, "protocol.meeting_not_over"),
        ("attendance.check_in", STAFF, CardFacts(START, MEETING, None), "meeting.none_current"),
        ("attendance.check_in", STAFF, CardFacts(START, MEETING, 4), "meeting.not_current"),
        ("attendance.check_in", STAFF, DURING, None),
        ("item.form", STAFF, None, "auth.not_allowed"),
        ("item.withdraw", MEMBER, CardFacts(HELD, None, submitter_id=ADJUSTER), "item.not_yours"),
        ("item.withdraw", ADJUSTER, CardFacts(HELD, None, submitter_id=ADJUSTER.upper()), None),
        # The acting chair has the chair's buttons for the meeting they chair, and only for it.
        ("vote.casting", MEMBER, replace(DURING, vote=CLOSED, chair_id=MEMBER), None),
        ("vote.close", MEMBER, replace(DURING, vote=CLOSED, chair_id=MEMBER), None),
        ("adjuster.choose", MEMBER, replace(DURING, chair_id=MEMBER), None),
        ("protocol.approve", MEMBER, replace(IN_REVIEW, chair_id=MEMBER), None),
        ("vote.casting", MEMBER, replace(DURING, vote=CLOSED, chair_id=ADJUSTER), "auth.not_allowed"),
        ("adjuster.choose", MEMBER, replace(DURING, chair_id=None), "auth.not_allowed"),
        ("meeting.acting_chair", SECRETARY, DURING, None),
        ("meeting.acting_chair", CHAIR, DURING, "auth.not_allowed"),
        ("meeting.acting_chair", SECRETARY, BEFORE, "meeting.none_current"),
        # Teams' attendance report: the secretary and the chair correct, until the protocol is handed over.
        ("attendance_report.mark", SECRETARY, replace(ADJUSTED, protocol=NO_PROTOCOL), None),
        ("attendance_report.mark", CHAIR, DRAFTED, None),
        ("attendance_report.mark", MEMBER, DRAFTED, "auth.not_allowed"),
        ("attendance_report.mark", SECRETARY, IN_REVIEW, "attendance_report.protocol_submitted"),
        ("attendance_report.mark", SECRETARY, ADJUSTED, "attendance_report.protocol_submitted"),
        ("attendance_report.mark", SECRETARY, BEFORE, "attendance_report.meeting_not_begun"),
        # Mötets gång: the secretary and whoever chairs, at the meeting going on.
        ("meeting.next_point", SECRETARY, DURING, None),
        ("meeting.next_point", CHAIR, DURING, None),
        ("meeting.next_point", MEMBER, replace(DURING, chair_id=MEMBER), None),
        ("meeting.next_point", MEMBER, replace(DURING, chair_id=CHAIR), "auth.not_allowed"),
        ("meeting.next_point", STAFF, DURING, "auth.not_allowed"),
        ("meeting.next_point", SECRETARY, BEFORE, "meeting.none_current"),
        ("meeting.next_point", SECRETARY, CardFacts(START, MEETING, 4), "meeting.not_current"),
    ],
)  # fmt: skip
def test_the_table_says_who_may_press_and_when(
    verb: str, who: str, facts: CardFacts | None, code: str | None
) -> None:
    assert _refused(verb, who, facts) == code


def test_a_reservation_is_for_whoever_voted_against_until_the_protocol_is_handed_over() -> None:
    facts = CardFacts(HELD, MEETING, None, NO_PROTOCOL, vote=CLOSED)
    assert _refused("vote.reserve", MEMBER, facts) is None
    assert _refused("vote.reserve", ADJUSTER, facts) == "reservation.not_against"
    assert _refused("vote.reserve", STAFF, facts) == "reservation.did_not_vote"
    handed_over = CardFacts(HELD, MEETING, None, NO_PROTOCOL, submitted=True, vote=CLOSED)
    assert _refused("vote.reserve", MEMBER, handed_over) == "reservation.protocol_submitted"


def test_a_button_open_to_everyone_in_any_state_needs_nothing_read() -> None:
    assert not needs_facts(CARD_RULES["vote.refresh"], presser(CARD_RULES["vote.refresh"], GROUP, STAFF))
    rule = CARD_RULES["protocol.review"]
    assert needs_facts(rule, presser(rule, GROUP, SECRETARY))


def test_every_refusal_the_table_names_is_in_both_catalogues() -> None:
    codes = {"auth.not_allowed", "meeting.none_current", "meeting.not_current", "protocol.not_submitted"}
    for rule in CARD_RULES.values():
        codes |= {rule.outsider, *rule.wrong_meeting.values(), *rule.wrong_protocol.values()}
        codes |= {rule.not_allowed} if rule.not_allowed else set()
    for locale, texts in CATALOGUE.items():
        assert codes - set(texts) == set(), locale
