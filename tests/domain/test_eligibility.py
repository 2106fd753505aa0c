"""One vote per municipality; the substitute votes only when the member is away."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.eligibility import eligible_voters, quorum, voting_municipality
from bot.domain.errors import DomainError
from bot.domain.group import Role

from .builders import SECRETARY, SEED_MUNICIPALITIES, STAFF, a_group, member_of, substitute_of

GROUP = a_group(substitutes=["Ludvika", "Hudiksvall", "Nora", "Nora"])
SEED_PRESENT = [member_of(m) for m in ("Säter", "Avesta", "Ludvika", "Hudiksvall", "Mora")] + [
    substitute_of("Ludvika"),
    substitute_of("Hudiksvall"),
    substitute_of("Nora"),  # Nora's member is away: "tf ersättare för Joel Larsson"
    SECRETARY,
    STAFF,
]


@pytest.mark.parametrize(
    ("who", "municipality"),
    [
        (member_of("Avesta"), "Avesta"),
        (member_of("Säter"), "Säter"),  # the chair votes as Säter's member
        (substitute_of("Nora"), "Nora"),  # the member is absent
        (member_of("Avesta").upper(), "Avesta"),  # aad ids compare case-insensitively
    ],
)
def test_who_votes_for_which_municipality(who: str, municipality: str) -> None:
    assert voting_municipality(GROUP, SEED_PRESENT, who) == municipality


@pytest.mark.parametrize(
    ("who", "code", "params"),
    [
        ("stranger", "vote.not_in_group", {}),
        (SECRETARY, "vote.no_vote_role", {"role": "secretary"}),
        (STAFF, "vote.no_vote_role", {"role": "staff"}),
        (member_of("Borlänge"), "vote.not_present", {"municipality": "Borlänge"}),
        (
            substitute_of("Ludvika"),
            "vote.member_present",
            {"member": "Ledamot Ludvika", "municipality": "Ludvika"},
        ),
    ],
)
def test_who_may_not_vote_and_why(who: str, code: str, params: dict[str, str]) -> None:
    with pytest.raises(DomainError) as err:
        voting_municipality(GROUP, SEED_PRESENT, who)
    assert (err.value.code, err.value.params) == (code, params)


def test_a_substitute_also_yields_to_a_chair_of_the_same_municipality() -> None:
    group = a_group(["Säter", "Avesta"], chair="Säter", substitutes=["Säter"])
    present = [member_of("Säter"), substitute_of("Säter")]
    with pytest.raises(DomainError) as err:
        voting_municipality(group, present, substitute_of("Säter"))
    assert err.value.code == "vote.member_present"


def test_eligible_voters_in_the_seed_meeting() -> None:
    voters = eligible_voters(GROUP, SEED_PRESENT)

    assert list(voters) == ["Avesta", "Hudiksvall", "Ludvika", "Mora", "Nora", "Säter"]  # Swedish order
    assert [p.aad_id for p in voters["Ludvika"]] == [member_of("Ludvika")]  # not the substitute too
    assert [p.aad_id for p in voters["Nora"]] == [substitute_of("Nora")]
    assert voters["Säter"][0].role is Role.CHAIR


def test_two_present_substitutes_may_each_cast_the_one_vote() -> None:
    present = [substitute_of("Nora", 1), substitute_of("Nora", 2)]
    assert [p.aad_id for p in eligible_voters(GROUP, present)["Nora"]] == present


def test_nobody_present_means_no_voters() -> None:
    assert eligible_voters(GROUP, [SECRETARY, STAFF]) == {}


@pytest.mark.parametrize(
    ("present_municipalities", "reached"),
    [(11, False), (12, True), (22, True), (0, False)],  # 22 municipalities: 12 is more than half
)
def test_quorum_is_more_than_half_of_the_municipalities(present_municipalities: int, reached: bool) -> None:
    present = [member_of(m) for m in SEED_MUNICIPALITIES[:present_municipalities]]
    q = quorum(GROUP, present)
    assert (len(q.present_municipalities), q.total, q.reached) == (present_municipalities, 22, reached)
    assert q.needed == 12


def test_a_municipality_with_two_present_counts_once_for_quorum() -> None:
    q = quorum(GROUP, SEED_PRESENT)
    assert q.present_municipalities == ("Avesta", "Hudiksvall", "Ludvika", "Mora", "Nora", "Säter")


def test_quorum_with_an_even_number_needs_more_than_half() -> None:
    group = a_group(["A", "B", "C", "D"], chair="A")
    assert not quorum(group, [member_of("A"), member_of("B")]).reached
    assert quorum(group, [member_of("A"), member_of("B"), member_of("C")]).reached


everyone = [p.aad_id for p in GROUP.people]


@given(present=st.sets(st.sampled_from(everyone)), who=st.sampled_from(everyone))
def test_voting_municipality_agrees_with_eligible_voters(present: set[str], who: str) -> None:
    voters = eligible_voters(GROUP, present)
    allowed = {p.aad_id: m for m, people in voters.items() for p in people}
    try:
        municipality = voting_municipality(GROUP, present, who)
    except DomainError:
        assert who not in allowed
    else:
        assert allowed[who] == municipality


@given(present=st.sets(st.sampled_from(everyone)))
def test_every_present_municipality_has_exactly_one_kind_of_voter(present: set[str]) -> None:
    for municipality, people in eligible_voters(GROUP, present).items():
        assert people and all(p.municipality == municipality and p.aad_id in present for p in people)
        roles = {p.role for p in people}
        assert roles <= {Role.CHAIR, Role.MEMBER} or roles == {Role.SUBSTITUTE}
