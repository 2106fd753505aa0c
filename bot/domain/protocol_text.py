"""The protocol's paragraphs as the secretary writes them, and the plain-text format of the whole.

The format, for export and import (lines starting with # before §1 are comments):

    §1 Mötets öppnande
    Ordföranden öppnade mötet.

    §3 Budget för 2027
    Text, with blank lines between paragraphs and "- " for lists.
    [Omröstning 1: Ska vi …?]

    Styrgruppens beslut:
    Styrgruppen beslutar …

Paragraphs are numbered from §1 without gaps. A line `[Omröstning N]` places the meeting's
N:th vote (in the order they were opened) in that paragraph: its result and named list are
the bot's, not the writer's, so every vote must be placed exactly once. A run-off is no
vote of its own here: `[Omröstning N]` places both rounds of the N:th vote. Parsing is strict,
and every error names the line, so a long text is never half-understood.

A line of text that would be read as a heading, a decision or a vote ("§3 i avtalet …") is
written with a backslash before it, `\\§3 i avtalet …`, and read back as text without it; a
line that is text anyway keeps any backslash it has. So what a member wrote never becomes
a directive, and an export read back unchanged is the same protocol.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from .errors import DomainError
from .text import normalise_text, one_line
from .votes import QUESTION_MAX

# A vote's paragraph is titled by its question, so a heading holds the longest question.
TITLE_MAX = QUESTION_MAX
# A paragraph must fit the edit form of a card (28 KB) with its decision.
TEXT_MAX = 12_000
DECISION_MAX = 4_000
SECTIONS_MAX = 40  # the draft card lists them all, and stays under 28 KB
DECISION_HEADING = "Styrgruppens beslut:"

_HEADING = re.compile(r"^§\s*(\d{1,3})\.?(?:\s+(.*))?$")
_DECISION = re.compile(r"^styrgruppens\s+beslut\s*:(.*)$", re.IGNORECASE)
# The question after the colon is only for the reader, and may itself hold a "]".
_VOTE = re.compile(r"^\[\s*omröstning\s+(\d{1,3})\s*(?::.*)?\]$", re.IGNORECASE)
ESCAPE = "\\"


@dataclass(frozen=True)
class Section:
    """One § of the protocol: what the secretary wrote, and which votes were held under it."""

    title: str
    text: str = ""
    decision: str = ""
    votes: tuple[int, ...] = ()  # vote ids


@dataclass
class _Open:
    """A paragraph being read: its heading's line, and the lines of its text and decision."""

    number: int
    line: int
    title: str
    text: list[str] = field(default_factory=list)
    decision: list[str] | None = None
    votes: list[int] = field(default_factory=list)


def normalised(section: Section) -> Section:
    """The paragraph as the format reads it back: what the bot writes itself (from the group
    file's names, say) is laid out as what a person writes, so an export reads back unchanged."""
    return replace(
        section,
        title=one_line(section.title),
        text=normalise_text(section.text),
        decision=normalise_text(section.decision),
    )


def export_text(sections: Sequence[Section], vote_ids: Sequence[int], questions: Mapping[int, str]) -> str:
    """The paragraphs in the plain-text format; `vote_ids` in the order the votes were opened."""
    ordinal = {vote_id: n for n, vote_id in enumerate(vote_ids, start=1)}
    chunks = []
    for number, section in enumerate(sections, start=1):
        lines = [f"§{number} {section.title}"]
        if section.text:
            lines.append(_escaped(section.text))
        lines += [f"[Omröstning {ordinal[v]}: {questions.get(v, '')}]" for v in section.votes if v in ordinal]
        if section.decision:
            lines += ["", DECISION_HEADING, _escaped(section.decision)]
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n"


def _is_directive(line: str) -> bool:
    """Whether the line, with any backslashes before it, would be read as other than text."""
    bare = line.strip().lstrip(ESCAPE).strip()
    return any(pattern.match(bare) for pattern in (_HEADING, _VOTE, _DECISION))


def _escaped(text: str) -> str:
    return "\n".join(ESCAPE + line if _is_directive(line) else line for line in text.split("\n"))


def parse_text(
    raw: str, vote_ids: Sequence[int], questions: Mapping[int, str], *, sections_max: int = SECTIONS_MAX
) -> tuple[Section, ...]:
    """The paragraphs of a whole text; a DomainError naming the line for anything it cannot take.

    `sections_max` is more than SECTIONS_MAX when the protocol already has more (a first draft
    of many items and votes): its own export must read back.
    """
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs: list[_Open] = []
    placed: dict[int, int] = {}  # vote ordinal → paragraph number
    for number, line in enumerate(lines, start=1):
        _read_line(line.strip(), number, paragraphs, placed, len(vote_ids))
    if not paragraphs:
        raise DomainError("protocol_text.empty")
    if len(paragraphs) > sections_max:
        raise DomainError("protocol_text.too_many", limit=sections_max, count=len(paragraphs))
    for ordinal, vote_id in enumerate(vote_ids, start=1):
        if ordinal not in placed:
            raise DomainError(
                "protocol_text.vote_missing", number=ordinal, question=questions.get(vote_id, "")
            )
    return tuple(_section(p, vote_ids) for p in paragraphs)


def _read_line(line: str, number: int, paragraphs: list[_Open], placed: dict[int, int], votes: int) -> None:
    if paragraphs and line.startswith(ESCAPE) and _is_directive(line):
        current = paragraphs[-1]
        (current.text if current.decision is None else current.decision).append(line[len(ESCAPE) :])
        return
    heading = _HEADING.match(line)
    if heading:
        paragraphs.append(_heading(heading, number, paragraphs))
        return
    if not paragraphs:
        if line and not line.startswith("#"):
            raise DomainError("protocol_text.before_first", line=number)
        return
    current = paragraphs[-1]
    vote = _VOTE.match(line)
    if vote:
        _place(int(vote.group(1)), number, current, placed, votes)
        return
    decision = _DECISION.match(line)
    if decision:
        if current.decision is not None:
            raise DomainError("protocol_text.two_decisions", line=number, number=current.number)
        current.decision = [decision.group(1).strip()]
        return
    (current.text if current.decision is None else current.decision).append(line)


def _heading(match: re.Match[str], line: int, paragraphs: list[_Open]) -> _Open:
    number, title = int(match.group(1)), (match.group(2) or "").strip()
    expected = len(paragraphs) + 1
    if number != expected:
        previous = paragraphs[-1].number if paragraphs else 0
        raise DomainError(
            "protocol_text.out_of_order", line=line, number=number, previous=previous, expected=expected
        )
    title = normalise_text(title)
    if not title:
        raise DomainError("protocol_text.no_title", line=line, number=number)
    if len(title) > TITLE_MAX:
        raise DomainError(
            "protocol_text.title_too_long", line=line, number=number, length=len(title), limit=TITLE_MAX
        )
    return _Open(number, line, title)


def _place(ordinal: int, line: int, current: _Open, placed: dict[int, int], votes: int) -> None:
    if not 1 <= ordinal <= votes:
        raise DomainError("protocol_text.unknown_vote", line=line, number=ordinal, count=votes)
    if ordinal in placed:
        raise DomainError("protocol_text.vote_twice", line=line, number=ordinal, paragraph=placed[ordinal])
    placed[ordinal] = current.number
    current.votes.append(ordinal)


def _section(paragraph: _Open, vote_ids: Sequence[int]) -> Section:
    text = normalise_text("\n".join(paragraph.text))
    decision = normalise_text("\n".join(paragraph.decision or []))
    where = {"line": paragraph.line, "number": paragraph.number}
    if len(text) > TEXT_MAX:
        raise DomainError("protocol_text.text_too_long", **where, length=len(text), limit=TEXT_MAX)
    if len(decision) > DECISION_MAX:
        raise DomainError(
            "protocol_text.decision_too_long", **where, length=len(decision), limit=DECISION_MAX
        )
    votes = tuple(vote_ids[ordinal - 1] for ordinal in paragraph.votes)
    return Section(paragraph.title, text, decision, votes)


def last_editable(sections: Sequence[Section]) -> int:
    """The highest paragraph number the card's form takes: every one there is, and one more
    while there are fewer than SECTIONS_MAX."""
    return len(sections) + 1 if len(sections) < SECTIONS_MAX else len(sections)


def edit_section(
    sections: Sequence[Section], number: int, title: str, text: str, decision: str
) -> tuple[Section, ...]:
    """One paragraph written anew from the card's form; `number` one past the last adds a paragraph."""
    if not 1 <= number <= last_editable(sections):
        raise DomainError("protocol.no_paragraph", number=number, count=len(sections))
    title, text, decision = (normalise_text(v) for v in (title, text, decision))
    title = " ".join(title.split())
    if not title:
        raise DomainError("protocol.title_missing", number=number)
    for value, limit, code in (
        (title, TITLE_MAX, "protocol.title_too_long"),
        (text, TEXT_MAX, "protocol.text_too_long"),
        (decision, DECISION_MAX, "protocol.decision_too_long"),
    ):
        if len(value) > limit:
            raise DomainError(code, number=number, length=len(value), limit=limit)
    if number == len(sections) + 1:
        return (*sections, Section(title, text, decision))
    changed = replace(sections[number - 1], title=title, text=text, decision=decision)
    return (*sections[: number - 1], changed, *sections[number:])


def place_new_votes(
    sections: Sequence[Section], vote_ids: Sequence[int], questions: Mapping[int, str]
) -> tuple[Section, ...]:
    """Votes opened after the draft was made get a paragraph each, titled by their question."""
    placed = {v for s in sections for v in s.votes}
    added = [Section(questions.get(v, "") or "–", votes=(v,)) for v in vote_ids if v not in placed]
    return (*sections, *added)


def fill_empty(sections: Sequence[Section], fresh: Sequence[Section]) -> tuple[Section, ...]:
    """Paragraphs still empty get the words a first draft made now would give them.

    E.g. §2 Utse justerare, when the adjuster was appointed after the draft was made: an empty
    paragraph cannot be submitted, so nothing the secretary wrote is ever replaced.
    """
    words = {f.title: f for f in fresh if f.text or f.decision}
    return tuple(
        replace(s, text=words[s.title].text, decision=words[s.title].decision)
        if not (s.text or s.decision or s.votes) and s.title in words
        else s
        for s in sections
    )


def unfinished(sections: Sequence[Section]) -> int | None:
    """The number of the first paragraph with neither text, decision nor vote; None when all have one."""
    for number, section in enumerate(sections, start=1):
        if not (section.text or section.decision or section.votes):
            return number
    return None
