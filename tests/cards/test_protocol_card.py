"""A long protocol still fits Teams' 28 KB: the draft card shortens, the review card pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.cards.catalog import MAX_CARD_BYTES, render
from bot.chat.adjustment import review_reply
from bot.chat.protocol import draft_reply
from bot.chat.protocol_card import paragraph_form_data
from bot.domain.adjustment import ProtocolState
from bot.domain.deadlines import deadlines_for
from bot.domain.group import Group
from bot.domain.meeting_progress import AgendaPoint, PointKind
from bot.domain.meetings import Meeting
from bot.domain.protocol_text import DECISION_MAX, SECTIONS_MAX, TEXT_MAX, TITLE_MAX, Section
from bot.domain.transcript import Excerpt, TimedCue
from bot.services.context import Context
from bot.services.protocol import ProtocolView
from bot.services.transcript import DraftTranscript
from bot.texts import texts_for
from tests.support.clock import FixedClock

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MEETING = Meeting(7, datetime(2026, 12, 10, 7, 30, tzinfo=UTC), datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
RECORD = {
    "meeting": {"id": 7, "starts_at": MEETING.starts_at.isoformat(), "ends_at": MEETING.ends_at.isoformat(),
                "place": "Teams"},
    "present": [], "absent": [], "adjuster": {"aad_id": "a", "name": "Marika Lyman"},
    "chair": {"aad_id": "c", "name": "Malin Karhu Birgersson"}, "secretary": None, "votes": [],
}  # fmt: skip
# Swedish prose, with its å, ä and ö (two bytes each in UTF-8) and line breaks.
PROSE = "Styrgruppen gick igenom förslaget till förvaltningsplan för år 2027 och dess följder.\n"


def _view(group: Group, sections: tuple[Section, ...], state: ProtocolState) -> ProtocolView:
    deadlines = deadlines_for(MEETING, group.rules, STOCKHOLM)
    return ProtocolView(MEETING, state, sections, RECORD, "a" * 64, (), deadlines)


def _bytes(card: dict[str, object] | None) -> int:
    return len(json.dumps(card, ensure_ascii=False).encode("utf-8"))


def _longest(number: int) -> Section:
    text = (PROSE * (TEXT_MAX // len(PROSE)))[:TEXT_MAX].strip()
    decision = (PROSE * (DECISION_MAX // len(PROSE)))[:DECISION_MAX].strip()
    return Section(f"§{number} " + "ö" * (TITLE_MAX - 5), text, decision)


def test_a_protocol_with_the_most_and_longest_paragraphs_fits_every_card(group: Group) -> None:
    ctx = Context(group, FixedClock(MEETING.ends_at), uow=None)  # type: ignore[arg-type]
    t = texts_for("sv", STOCKHOLM)
    sections = tuple(_longest(n) for n in range(1, SECTIONS_MAX + 1))
    draft = draft_reply(ctx, t, _view(group, sections, ProtocolState.DRAFT)).card
    assert _bytes(draft) <= MAX_CARD_BYTES and "§40" in json.dumps(draft, ensure_ascii=False)

    review = _view(group, sections, ProtocolState.IN_REVIEW)
    start, seen = 0, 0
    while start < len(sections):
        card = review_reply(ctx, t, review, start).card
        assert _bytes(card) <= MAX_CARD_BYTES
        data = json.dumps(card, ensure_ascii=False)
        shown = data.count('"text": "Styrgruppen gick igenom')
        assert shown >= 1
        seen, start = seen + shown, start + shown
    assert seen == SECTIONS_MAX  # every paragraph can be read, page by page

    form = paragraph_form_data(t, review, 1)  # the longest paragraph, whole, in its edit form
    assert (
        len(form["text"]) > TEXT_MAX - len(PROSE)
        and _bytes(render("protocol_paragraph", form)) <= MAX_CARD_BYTES
    )


def _texts(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "TextBlock" else []
        return own + [x for v in node.values() for x in _texts(v)]
    if isinstance(node, list):
        return [x for v in node for x in _texts(v)]
    return []


def test_the_review_card_shows_dashed_lines_after_a_lead_line_as_a_list(group: Group) -> None:
    ctx = Context(group, FixedClock(MEETING.ends_at), uow=None)  # type: ignore[arg-type]
    t = texts_for("sv", STOCKHOLM)
    text = "Styrgruppen beslutar att:\n- anta planen (bilaga 1)\n- **inte** höja avgiften"
    view = _view(group, (Section("Plan", text, text),), ProtocolState.IN_REVIEW)
    shown = _texts(review_reply(ctx, t, view).card)
    # A card's Markdown starts a list only on a line of its own, so the list follows a blank line.
    listed = "Styrgruppen beslutar att:\n\n- anta planen (bilaga 1)\n- \\*\\*inte\\*\\* höja avgiften"
    assert listed in shown and f"Styrgruppens beslut: {listed}" in shown


def _transcript(sections: tuple[Section, ...], cues: int) -> DraftTranscript:
    """A long meeting's transcript: `cues` utterances by two speakers, under the first paragraph's point."""
    said = tuple(
        TimedCue(MEETING.starts_at + timedelta(seconds=10 * n), ("Malin", "Marika")[n % 2], PROSE.strip())
        for n in range(cues)
    )
    agenda = (AgendaPoint("opening", PointKind.OPENING),)
    return DraftTranscript(agenda, (Excerpt("opening", said),))


def test_a_long_transcript_is_cut_short_and_the_draft_still_fits(group: Group) -> None:
    ctx = Context(group, FixedClock(MEETING.ends_at), uow=None)  # type: ignore[arg-type]
    t = texts_for("sv", STOCKHOLM)
    sections = (Section("Mötets öppnande", "Ordföranden öppnade mötet."), Section("Övrigt", "Inget."))
    card = draft_reply(
        ctx, t, _view(group, sections, ProtocolState.DRAFT), "", _transcript(sections, 2_000)
    ).card
    assert _bytes(card) <= MAX_CARD_BYTES
    lines = [x for x in _texts(card) if x.startswith(("08:", "… och"))]
    assert lines[0] == f"08:30 Malin: {PROSE.strip()}" and lines[-1].startswith("… och ")
    assert lines[-1].endswith("repliker till, i transkriptionen i Teams.")

    longest = tuple(_longest(n) for n in range(1, SECTIONS_MAX + 1))
    crowded = draft_reply(ctx, t, _view(group, longest, ProtocolState.DRAFT), "", _transcript(longest, 2_000))
    assert _bytes(crowded.card) <= MAX_CARD_BYTES  # the transcript gives way before the card breaks
