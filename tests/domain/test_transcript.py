"""The transcript: WebVTT as Teams writes it, and its cut into one excerpt per paragraph."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import DomainError
from bot.domain.items import AgendaItem
from bot.domain.meeting_progress import Progress, TakenUp, meeting_agenda
from bot.domain.transcript import Cue, Mark, VoteSpan, cut, marks_of, parse_vtt

START = datetime(2026, 12, 10, 7, 30, tzinfo=UTC)  # 08:30 in Stockholm

TEAMS_VTT = """\ufeffWEBVTT

3f1c2a9e-6b7d-4c1e-9f00-1d2e3f4a5b6c/11-0
00:00:04.120 --> 00:00:07.480
<v Malin Karhu Birgersson>Välkomna, jag öppnar mötet.</v>

3f1c2a9e-6b7d-4c1e-9f00-1d2e3f4a5b6c/12-0
00:03:05.000 --> 00:03:09.000
<v Marika Lyman>Avesta står i tur &amp; jag
kan justera.</v>

NOTE ett utkast av transkriptionen

01:02:03.004 --> 01:02:05.000 align:start position:0%
<v.loud Joanna Karabay>Tack <i>alla</i>.
"""


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def test_teams_cues_are_read_with_their_speakers_times_and_plain_text() -> None:
    assert parse_vtt(TEAMS_VTT) == (
        Cue(timedelta(seconds=4.12), timedelta(seconds=7.48), "Malin Karhu Birgersson",
            "Välkomna, jag öppnar mötet."),
        Cue(minutes(3) + timedelta(seconds=5), minutes(3) + timedelta(seconds=9), "Marika Lyman",
            "Avesta står i tur & jag kan justera."),
        Cue(timedelta(hours=1, minutes=2, seconds=3, milliseconds=4),
            timedelta(hours=1, minutes=2, seconds=5), "Joanna Karabay", "Tack alla."),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nUtan talare\n", [("", "Utan talare")]),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>Ett</v><v B>Två</v>\n", [("A", "Ett"), ("B", "Två")]),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A></v>\n", []),
        ("WEBVTT - Teams\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v A>Rad</v>\r\n", [("A", "Rad")]),
        ("WEBVTT\n\nSTYLE\n::cue { color: red }\n\n00:01.000 --> 00:02.000\n<v A>Ja</v>", [("A", "Ja")]),
    ],
)
def test_what_a_cue_says_and_who(raw: str, found: list[tuple[str, str]]) -> None:
    assert [(c.speaker, c.text) for c in parse_vtt(raw)] == found


@pytest.mark.parametrize(
    ("raw", "code", "params"),
    [
        ("00:01.000 --> 00:02.000\nText", "transcript.not_vtt", {}),
        ("WEBVTT\n\n00:01 --> 00:02.000\nText", "transcript.bad_timing", {"line": 3}),
    ],
)
def test_what_is_not_webvtt_is_refused_naming_the_line(raw: str, code: str, params: dict[str, int]) -> None:
    with pytest.raises(DomainError) as refused:
        parse_vtt(raw)
    assert (refused.value.code, refused.value.params) == (code, params)


def cue(at_minutes: float, text: str, speaker: str = "Malin") -> Cue:
    return Cue(minutes(at_minutes), minutes(at_minutes) + timedelta(seconds=5), speaker, text)


def excerpts(*args: object, **kw: object) -> dict[str, list[str]]:
    return {e.key: [c.text for c in e.cues] for e in cut(*args, **kw)}  # type: ignore[arg-type]


MARKS = (Mark("opening", START + minutes(1)), Mark("adjuster", START + minutes(5)),
         Mark("item:3", START + minutes(10)), Mark("closing", START + minutes(60)))  # fmt: skip


@pytest.mark.parametrize(
    ("said_at", "key"),
    [
        (0, "opening"),  # before anything was taken up: the first point
        (1, "opening"),
        (4.9, "opening"),
        (5, "adjuster"),
        (12, "item:3"),
        (20, "vote:7"),  # the vote, opened at 20 and closed at 25
        (25, "item:3"),  # the vote closed: the item again
        (40, "vote:8"),  # a vote left open ends at the next point
        (59, "vote:8"),
        (60, "closing"),
        (95, "closing"),
    ],
)
def test_a_cue_goes_to_the_point_taken_up_last_or_the_vote_open_then(said_at: float, key: str) -> None:
    votes = (
        VoteSpan("vote:7", START + minutes(20), START + minutes(25)),
        VoteSpan("vote:8", START + minutes(40), None),
    )
    found = excerpts([cue(said_at, "x")], START, "opening", MARKS, votes)
    assert found == {key: ["x"]}


def test_of_two_votes_open_at_once_the_one_opened_last_takes_the_cue() -> None:
    votes = (
        VoteSpan("vote:1", START + minutes(11), START + minutes(30)),
        VoteSpan("vote:2", START + minutes(15), START + minutes(20)),
    )
    found = excerpts([cue(12, "a"), cue(16, "b"), cue(21, "c")], START, "opening", MARKS, votes)
    assert found == {"vote:1": ["a", "c"], "vote:2": ["b"]}


def test_without_any_point_taken_up_everything_is_the_first_points() -> None:
    assert excerpts([cue(0, "a"), cue(50, "b")], START, "opening", ()) == {"opening": ["a", "b"]}


def test_each_cue_keeps_its_speaker_and_its_moment() -> None:
    [excerpt] = cut([cue(2.5, "Hej", "Marika Lyman")], START, "opening", ())
    assert (excerpt.cues[0].speaker, excerpt.cues[0].at) == ("Marika Lyman", START + minutes(2.5))


def item(item_id: int) -> AgendaItem:
    return AgendaItem(item_id, 1, f"Punkt {item_id}", "", "member:avesta", START)


def test_the_adjusters_appointment_marks_paragraph_two_when_nasta_punkt_did_not() -> None:
    progress = Progress(meeting_agenda([item(3)]), (TakenUp("opening", START),))
    assert marks_of(progress, START + minutes(4)) == (
        Mark("opening", START), Mark("adjuster", START + minutes(4))
    )  # fmt: skip
    pressed = Progress(progress.agenda, (*progress.taken_up, TakenUp("adjuster", START + minutes(2))))
    two = START + minutes(2)
    assert marks_of(pressed, START + minutes(4)) == (Mark("opening", START), Mark("adjuster", two))
    # Appointed after the next point was taken up: that point's words stay with it.
    later = Progress(progress.agenda, (*progress.taken_up, TakenUp("item:3", START + minutes(3))))
    assert marks_of(later, START + minutes(4)) == (Mark("opening", START), Mark("item:3", START + minutes(3)))


_moments = st.integers(min_value=0, max_value=180 * 60)
_keys = st.sampled_from(["opening", "adjuster", "item:1", "item:2", "closing"])


@given(
    said=st.lists(_moments, max_size=40),
    marks=st.lists(st.tuples(_keys, _moments), max_size=6),
    votes=st.lists(st.tuples(_moments, st.none() | st.integers(0, 60 * 60)), max_size=4),
)
def test_every_cue_lands_in_exactly_one_excerpt_in_order(
    said: list[int], marks: list[tuple[str, int]], votes: list[tuple[int, int | None]]
) -> None:
    cues = [Cue(timedelta(seconds=s), timedelta(seconds=s + 1), "A", f"cue {n}") for n, s in enumerate(said)]
    found = cut(
        cues,
        START,
        "opening",
        [Mark(key, START + timedelta(seconds=at)) for key, at in marks],
        [
            VoteSpan(f"vote:{n}", START + timedelta(seconds=at), None if length is None else
                     START + timedelta(seconds=at + length))
            for n, (at, length) in enumerate(votes)
        ],
    )  # fmt: skip
    placed = [int(c.text.split()[1]) for e in found for c in e.cues]
    assert sorted(placed) == list(range(len(cues)))  # each cue once
    for excerpt in found:
        numbers = [int(c.text.split()[1]) for c in excerpt.cues]
        assert numbers == sorted(numbers) and numbers  # in the transcript's order, none empty
    assert len({e.key for e in found}) == len(found)  # one excerpt per key
