"""The meeting's transcript (WebVTT, as Teams writes it) and its excerpts, one per paragraph.

Teams writes one cue per utterance, its speaker in a voice span:

    WEBVTT

    3f1c…/12-0
    00:03:05.120 --> 00:03:09.480
    <v Malin Karhu Birgersson>Då går vi till punkt tre.</v>

Its times count from the recording's start, which is the meeting's actual start. The cut
puts every cue in exactly one excerpt: the agenda point taken up last before it was said,
unless a vote was open then (from its opening until its closing, or the next point, which
comes first), in which case the vote's. Cues said before anything was taken up belong to the
first point. Excerpts are for the secretary writing the protocol, never the protocol itself.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .errors import DomainError
from .meeting_progress import ADJUSTER, Progress, vote_key
from .protocol_text import Section
from .text import one_line

_TIMESTAMP = r"(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP}\s+-->\s+{_TIMESTAMP}(?:\s+.*)?$")
# <v Name>, <v.class Name>; the closing </v> may be left out at the end of the cue.
_VOICE = re.compile(r"<v(?:\.[^\s>]+)*(?:\s+([^>]*))?>(.*?)(?:</v>|(?=<v[\s.>])|$)", re.DOTALL)
_TAG = re.compile(r"</?[^>]*>")


@dataclass(frozen=True)
class Cue:
    start: timedelta  # from the recording's start
    end: timedelta
    speaker: str  # "" when the cue names none
    text: str


@dataclass(frozen=True)
class Mark:
    """An agenda point and when it was taken up."""

    key: str
    at: datetime


@dataclass(frozen=True)
class VoteSpan:
    key: str
    opened_at: datetime
    closed_at: datetime | None  # None: still open


@dataclass(frozen=True)
class TimedCue:
    at: datetime  # the recording's start plus the cue's start
    speaker: str
    text: str


@dataclass(frozen=True)
class Excerpt:
    key: str  # the agenda point's key, or the vote's
    cues: tuple[TimedCue, ...]


def _delta(hours: str | None, minutes: str, seconds: str, millis: str) -> timedelta:
    return timedelta(
        hours=int(hours or 0), minutes=int(minutes), seconds=int(seconds), milliseconds=int(millis)
    )


def _plain(payload: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", payload)).split())


def _voices(payload: str) -> list[tuple[str, str]]:
    """(speaker, text) for each voice span; a cue without one is one text of no speaker."""
    found = [(_plain(name or ""), _plain(text)) for name, text in _VOICE.findall(payload) if _plain(text)]
    if found or "<v" in payload:
        return found
    text = _plain(payload)
    return [("", text)] if text else []


def parse_vtt(raw: str) -> tuple[Cue, ...]:
    """The cues of a WebVTT file, in the file's order; a DomainError naming the line otherwise."""
    lines = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines[0].startswith("WEBVTT"):
        raise DomainError("transcript.not_vtt")
    cues: list[Cue] = []
    number = 1
    while number < len(lines):
        block_start = number
        block: list[str] = []
        while number < len(lines) and lines[number].strip():
            block.append(lines[number])
            number += 1
        number += 1
        cues += _cues(block, block_start + 1)
    return tuple(cues)


def _cues(block: list[str], first_line: int) -> list[Cue]:
    """A block's cues: none for NOTE, STYLE and REGION blocks; the block's voices otherwise."""
    timing_at = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
    if timing_at is None:
        return []
    timing = _TIMING.match(block[timing_at].strip())
    if timing is None:
        raise DomainError("transcript.bad_timing", line=first_line + timing_at)
    parts = timing.groups()
    start, end = _delta(*parts[:4]), _delta(*parts[4:])
    payload = "\n".join(block[timing_at + 1 :])
    return [Cue(start, end, speaker, text) for speaker, text in _voices(payload)]


def _vote_of(moment: datetime, votes: Sequence[VoteSpan], marks: Sequence[Mark]) -> str | None:
    """The vote open at `moment`, the one opened last if several; a vote ends at the next point."""
    found: VoteSpan | None = None
    for vote in votes:
        ends = [m.at for m in marks if m.at > vote.opened_at][:1]  # `marks` are in time order
        if vote.closed_at is not None:
            ends.append(vote.closed_at)
        end = min(ends, default=None)
        open_then = vote.opened_at <= moment and (end is None or moment < end)
        if open_then and (found is None or vote.opened_at >= found.opened_at):
            found = vote
    return found.key if found else None


def cut(
    cues: Sequence[Cue],
    recording_start: datetime,
    first: str,
    marks: Sequence[Mark],
    votes: Sequence[VoteSpan] = (),
) -> tuple[Excerpt, ...]:
    """Every cue in exactly one excerpt, in the transcript's order; excerpts in order of their first cue.

    `first` is the agenda's first point: it takes what was said before any point was taken up.
    """
    ordered = sorted(marks, key=lambda m: m.at)  # stable: points taken up together keep their order
    groups: dict[str, list[TimedCue]] = {}
    for cue in cues:
        moment = recording_start + cue.start
        key = _vote_of(moment, votes, ordered)
        if key is None:
            key = next((m.key for m in reversed(ordered) if m.at <= moment), first)
        groups.setdefault(key, []).append(TimedCue(moment, cue.speaker, cue.text))
    return tuple(Excerpt(key, tuple(found)) for key, found in groups.items())


def marks_of(progress: Progress, adjuster_appointed_at: datetime | None = None) -> tuple[Mark, ...]:
    """When each point was taken up; for §2 not taken up with **Nästa punkt**, the appointment.

    The appointment is the moment the chair confirmed the adjuster: what follows it, until the
    next point, is under §2, unless a later point had been taken up before it already.
    """
    marks = [Mark(t.key, t.at) for t in progress.taken_up]
    if adjuster_appointed_at is not None and progress.at(ADJUSTER) is None:
        keys = [p.key for p in progress.agenda]
        later = set(keys[keys.index(ADJUSTER) + 1 :]) if ADJUSTER in keys else set()
        if not any(m.key in later and m.at <= adjuster_appointed_at for m in marks):
            marks.append(Mark(ADJUSTER, adjuster_appointed_at))
    return tuple(marks)


def _folded(title: str) -> str:
    return one_line(title).casefold()


def by_paragraph(
    sections: Sequence[Section], titles: Mapping[str, str], excerpts: Sequence[Excerpt]
) -> tuple[tuple[Excerpt, ...], ...]:
    """Each paragraph's excerpts: its votes', and the agenda point's whose title it bears.

    `titles` names each point as the first draft titles its paragraph. A paragraph the secretary
    retitled or added has only its votes'; each excerpt is shown under one paragraph at most.
    """
    point_of = {_folded(title): key for key, title in reversed(list(titles.items()))}
    found = {e.key: e for e in excerpts}
    shown: set[str] = set()
    out: list[tuple[Excerpt, ...]] = []
    for section in sections:
        keys = [point_of.get(_folded(section.title), ""), *(vote_key(v) for v in section.votes)]
        mine = [found[k] for k in keys if k in found and k not in shown]
        shown |= {e.key for e in mine}
        out.append(tuple(mine))
    return tuple(out)
