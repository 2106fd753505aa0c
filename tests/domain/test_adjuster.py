"""Swedish alphabetical order and the adjuster rotation (§2 of the seed)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.adjuster import AdjusterProposal, RotationStart, next_adjuster, rotation_start
from bot.domain.collation import swedish_key, swedish_sorted
from bot.domain.errors import DomainError
from bot.domain.group import PriorAdjuster

from .builders import SEED_MUNICIPALITIES

# --- Swedish order --------------------------------------------------------------------


def test_a_to_z_then_å_ä_ö() -> None:
    names = ["Åre", "Älvdalen", "Östersund", "Övertorneå", "Avesta", "Borlänge"]
    assert swedish_sorted(names) == ["Avesta", "Borlänge", "Åre", "Älvdalen", "Östersund", "Övertorneå"]


def test_the_seed_municipalities_in_order() -> None:
    assert swedish_sorted(SEED_MUNICIPALITIES) == [
        "Avesta", "Bollnäs", "Borlänge", "Falun", "Gagnef", "Hedemora", "Hudiksvall", "Leksand",
        "Ljusdal", "Ludvika", "Malung-Sälen", "Mora", "Nora", "Nordanstig", "Orsa", "Ovanåker",
        "Rättvik", "Sandviken", "Smedjebacken", "Säter", "Vansbro", "Älvdalen",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Zinkgruvan", "Åmål"),  # å after z
        ("Åmål", "Ängelholm"),
        ("Ängelholm", "Örebro"),
        ("Sala", "Säter"),  # ä after a inside a word too
        ("Säter", "Sävsjö"),
        ("Ekerö", "Eslöv"),
        ("Malung", "Malung-Sälen"),  # a prefix first
        ("Malung-Sälen", "Malungs"),  # a hyphen before any letter
        ("Gällivare", "Göteborg"),
        ("Vansbro", "Wilma"),  # v and w are separate letters
        ("Ede", "Éde"),  # é is e; the accent only breaks the tie
        ("Ecker", "Église"),
        ("Munchen", "Müncher"),  # ü as u
        ("Zürich", "Åre"),
        ("Aalborg", "Århus"),  # å is its own letter, not a ring on a
        ("Vänersborg", "Værløse"),  # æ as ä, ø as ö
        ("Stockholm 9", "Stockholm A"),  # digits before letters, compared digit by digit
    ],
)
def test_pairs_in_swedish_order(before: str, after: str) -> None:
    assert swedish_key(before) < swedish_key(after)


def test_case_does_not_decide_the_order() -> None:
    assert swedish_sorted(["örebro", "Avesta", "ÄLVDALEN", "borlänge"]) == [
        "Avesta",
        "borlänge",
        "ÄLVDALEN",
        "örebro",
    ]


def test_composed_and_decomposed_letters_sort_alike() -> None:
    assert swedish_key("Sa\u0308ter")[0] == swedish_key("Säter")[0]


names = st.text(alphabet="abcåäöéüæø -ABCÅÄÖ", max_size=8)


@given(st.lists(names))
def test_the_order_does_not_depend_on_the_input_order(values: list[str]) -> None:
    assert swedish_sorted(values) == swedish_sorted(reversed(values))
    assert swedish_sorted(swedish_sorted(values)) == swedish_sorted(values)


# --- next_adjuster --------------------------------------------------------------------

ALL = swedish_sorted(SEED_MUNICIPALITIES)
CHAIR = "Säter"
ALL_OTHERS_AFTER_BOLLNÄS = tuple((m, "chair" if m == CHAIR else "absent") for m in [*ALL[2:], ALL[0]])


def test_the_first_adjuster_is_the_first_municipality() -> None:
    assert next_adjuster(ALL, None, ALL, CHAIR) == AdjusterProposal("Avesta", None, (), wrapped=False)


@pytest.mark.parametrize(
    ("last", "present", "expected", "skipped", "wrapped"),
    [
        ("Avesta", ALL, "Bollnäs", (), False),
        ("Avesta", ["Avesta", "Borlänge"], "Borlänge", (("Bollnäs", "absent"),), False),
        ("Smedjebacken", ALL, "Vansbro", (("Säter", "chair"),), False),  # the chair's municipality is skipped
        ("Vansbro", ALL, "Älvdalen", (), False),
        ("Älvdalen", ALL, "Avesta", (), True),  # from the last back to the first
        ("Vansbro", ["Bollnäs"], "Bollnäs", (("Älvdalen", "absent"), ("Avesta", "absent")), True),
        ("Bollnäs", ["Bollnäs"], "Bollnäs", ALL_OTHERS_AFTER_BOLLNÄS, True),  # round to itself
        ("Borås", ALL, "Falun", (), False),  # gone from the list: continue where it would sort
        ("Östersund", ALL, "Avesta", (), True),  # would sort last
        ("avesta", ALL, "Bollnäs", (), False),  # names compare case-insensitively
    ],
)  # fmt: skip
def test_the_next_present_municipality_after_the_last(
    last: str, present: list[str], expected: str, skipped: tuple[tuple[str, str], ...], wrapped: bool
) -> None:
    proposal = next_adjuster(ALL, last, present, CHAIR)
    assert proposal == AdjusterProposal(expected, last, skipped, wrapped)


def test_the_order_of_the_given_municipalities_does_not_matter() -> None:
    assert next_adjuster(list(SEED_MUNICIPALITIES), "Ludvika", ALL, CHAIR).municipality == "Malung-Sälen"


def test_the_chair_municipality_is_skipped_even_first() -> None:
    proposal = next_adjuster(["Avesta", "Borlänge"], None, ["Avesta", "Borlänge"], "Avesta")
    assert (proposal.municipality, proposal.skipped) == ("Borlänge", (("Avesta", "chair"),))


@pytest.mark.parametrize(
    ("present", "chair"),
    [([], None), (["Säter"], "Säter"), (["Borås"], None)],
    ids=["nobody", "only the chair's", "only an unknown name"],
)
def test_nobody_eligible_is_an_error(present: list[str], chair: str | None) -> None:
    with pytest.raises(DomainError) as err:
        next_adjuster(ALL, "Avesta", present, chair)
    assert err.value.code == "adjuster.none_eligible"


def test_no_municipalities_at_all_is_an_error() -> None:
    with pytest.raises(DomainError) as err:
        next_adjuster([], None, [], None)
    assert err.value.code == "adjuster.none_eligible"


present_sets = st.sets(st.sampled_from(ALL), min_size=1)
chairs = st.none() | st.sampled_from(ALL)
lasts = st.none() | st.sampled_from([*ALL, "Borås", "Åre", "Aa"])


@given(present=present_sets, chair=chairs, last=lasts)
def test_the_proposal_is_always_present_and_never_the_chairs(
    present: set[str], chair: str | None, last: str | None
) -> None:
    if present <= {chair}:
        return
    proposal = next_adjuster(ALL, last, present, chair)
    assert proposal.municipality in present and proposal.municipality != chair
    assert all(m not in present or m == chair for m, _ in proposal.skipped)


@given(present=present_sets, chair=chairs)
def test_the_rotation_cycles_through_every_eligible_municipality_in_order(
    present: set[str], chair: str | None
) -> None:
    eligible = [m for m in ALL if m in present and m != chair]
    if not eligible:
        return
    last: str | None = None
    seen = []
    for _ in range(2 * len(eligible)):
        last = next_adjuster(ALL, last, present, chair).municipality
        seen.append(last)
    assert seen == eligible * 2


# --- where the rotation continues from: the bot's record, else the group file's -------------------

SEED_DAY = PriorAdjuster("Avesta", date(2023, 9, 26))  # the seed's §2: Marika Lyman, Avesta
FIRST_BOT_MEETING = date(2024, 2, 15)


def test_without_a_record_of_its_own_the_bot_continues_after_the_group_files_last_adjuster() -> None:
    assert rotation_start(None, SEED_DAY, FIRST_BOT_MEETING) == RotationStart("Avesta", date(2023, 9, 26))


def test_the_bots_own_record_wins_over_the_group_file() -> None:
    assert rotation_start("Mora", SEED_DAY, FIRST_BOT_MEETING) == RotationStart("Mora")


def test_without_either_the_rotation_starts_from_the_top() -> None:
    assert rotation_start(None, None, FIRST_BOT_MEETING) == RotationStart(None)


@pytest.mark.parametrize("meeting_day", [date(2023, 9, 26), date(2023, 9, 1)])
def test_the_group_files_record_does_not_count_for_a_meeting_on_or_before_its_date(meeting_day: date) -> None:
    assert rotation_start(None, SEED_DAY, meeting_day) == RotationStart(None)


def test_the_seed_groups_first_meeting_with_the_bot_goes_to_the_next_present_after_avesta() -> None:
    start = rotation_start(None, SEED_DAY, FIRST_BOT_MEETING)
    present = {"Avesta", "Borlänge", "Säter", "Mora"}  # Bollnäs absent; Säter is the chair's
    proposal = next_adjuster(SEED_MUNICIPALITIES, start.last, present, "Säter")
    assert proposal == AdjusterProposal("Borlänge", "Avesta", (("Bollnäs", "absent"),), wrapped=False)
