"""Who chairs a meeting: the chair, else the acting chair (the secretary's appointee, else the vice chair)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.domain.adjuster import choose, propose
from bot.domain.chairing import acting_chair, check_acting_chair, may_chair, meeting_chair, needs_acting_chair
from bot.domain.errors import DomainError
from bot.domain.votes import ABSTAIN, NO, YES, Option, Vote, VoteState, cast, close, outcome
from tests.domain.builders import SECRETARY, STAFF, a_group, member_of, substitute_of

GROUP = replace(a_group(substitutes=["Avesta"]), vice_chair_id=member_of("Mora"))
CHAIR, VICE, MEMBER = member_of("Säter"), member_of("Mora"), member_of("Avesta")
T0 = datetime(2026, 12, 10, 7, 45, tzinfo=UTC)


def _who(present: set[str], appointed: str | None = None, group=GROUP) -> str | None:  # type: ignore[no-untyped-def]
    person = meeting_chair(group, present, appointed)
    return person.aad_id if person else None


def test_the_chair_chairs_whenever_present_also_after_arriving_late() -> None:
    assert _who({CHAIR, VICE, MEMBER}, appointed=MEMBER) == CHAIR
    assert acting_chair(GROUP, {CHAIR, VICE}, None) is None


def test_without_the_chair_the_vice_chair_chairs_when_present() -> None:
    assert _who({VICE, MEMBER}) == VICE
    assert acting_chair(GROUP, {VICE.upper()}, None).aad_id == VICE  # type: ignore[union-attr]
    assert _who({MEMBER}) is None and needs_acting_chair(GROUP, {MEMBER}, None)


def test_the_secretarys_appointee_chairs_while_present_and_before_the_vice_chair() -> None:
    assert _who({VICE, MEMBER}, appointed=MEMBER) == MEMBER
    assert _who({VICE}, appointed=MEMBER) == VICE  # the appointee left
    assert _who({MEMBER}, appointed=MEMBER, group=a_group()) == MEMBER
    assert not needs_acting_chair(GROUP, {MEMBER}, MEMBER)


def test_the_chairs_buttons_go_to_who_chairs_and_not_to_an_absent_chair() -> None:
    chair, vice = GROUP.person(CHAIR), GROUP.person(VICE)
    assert chair is not None and vice is not None
    assert may_chair(GROUP, vice, {VICE}, None) and not may_chair(GROUP, chair, {VICE}, None)
    assert may_chair(GROUP, chair, {CHAIR, VICE}, None) and not may_chair(GROUP, vice, {CHAIR, VICE}, None)
    assert may_chair(GROUP, chair, set(), None)  # nobody chairs: the chair keeps their buttons


@pytest.mark.parametrize(
    ("present", "chosen", "code"),
    [
        ({CHAIR, MEMBER}, MEMBER, "acting_chair.chair_present"),
        ({SECRETARY, MEMBER}, SECRETARY, "acting_chair.not_eligible"),
        ({STAFF, MEMBER}, STAFF, "acting_chair.not_eligible"),
        ({MEMBER}, "stranger", "acting_chair.not_eligible"),
        ({MEMBER}, VICE, "acting_chair.not_present"),
    ],
)
def test_the_secretary_appoints_someone_present_with_a_seat_while_the_chair_is_absent(
    present: set[str], chosen: str, code: str
) -> None:
    with pytest.raises(DomainError) as refused:
        check_acting_chair(GROUP, present, chosen)
    assert refused.value.code == code


def test_a_present_member_or_substitute_may_be_appointed() -> None:
    assert check_acting_chair(GROUP, {MEMBER}, MEMBER).aad_id == MEMBER
    assert (
        check_acting_chair(GROUP, {substitute_of("Avesta")}, substitute_of("Avesta")).role.value
        == "substitute"
    )


# --- the casting vote ---------------------------------------------------------------------------


def _vote(spoken: str) -> Vote:
    vote = Vote(1, 1, "Fråga?", (Option(YES), Option(NO), Option(ABSTAIN)), VoteState.OPEN, CHAIR, T0)
    for word in spoken.split():
        municipality, option = word.split("=")
        vote, _ = cast(vote, municipality, option, member_of(municipality), T0)
    return vote


def test_the_acting_chairs_ballot_decides_a_tie_and_an_absent_chairs_never_does() -> None:
    tie = _vote("Avesta=yes Säter=no Mora=yes Bollnäs=no")  # the chair voted, then left
    acting = _who({VICE, MEMBER, member_of("Bollnäs")})
    assert acting == VICE
    decided = outcome(tie, acting)
    assert (decided.winner, decided.by_casting_vote) == (YES, True)
    assert outcome(_vote("Avesta=yes Säter=no"), None).winner is None  # nobody chairs: not the chair's ballot


def test_a_tie_the_chairing_ballot_broke_stays_decided_when_the_chair_checks_in_later() -> None:
    closed, event = close(_vote("Avesta=yes Säter=no Mora=yes Bollnäs=no"), VICE, T0, by=None)
    assert closed.state is VoteState.CLOSED and closed.casting_vote == YES and event.outcome.winner == YES
    assert outcome(closed, CHAIR).winner == YES  # the chair is back: the decision stands


# --- the adjuster -------------------------------------------------------------------------------


def test_the_municipality_of_who_chairs_does_not_adjust_they_sign_already() -> None:
    here = {VICE, MEMBER, member_of("Bollnäs")}
    assert propose(GROUP, "Ludvika", here).municipality == "Avesta"  # Mora, the vice chair's, passed over
    assert propose(GROUP, "Ludvika", {CHAIR, VICE, MEMBER}).municipality == "Mora"  # the chair is back
    assert propose(a_group(), "Älvdalen", {MEMBER, VICE}, acting=MEMBER).municipality == "Mora"  # not Avesta
    with pytest.raises(DomainError) as refused:
        choose(GROUP, here, None, VICE, "skäl", VICE, T0)
    assert refused.value.code == "adjuster.is_chair"
