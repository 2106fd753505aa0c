"""The secretary's cards: the draft with a button per paragraph, a paragraph's form, the whole text."""

from __future__ import annotations

import json
from typing import Any

from bot.chat.markup import card_plain
from bot.chat.meeting_progress import point_title
from bot.chat.protocol_draft import PROTOCOL_LOCALE
from bot.domain.adjustment import ProtocolState
from bot.domain.protocol_text import Section
from bot.domain.transcript import Excerpt, TimedCue, by_paragraph
from bot.services.context import Context
from bot.services.protocol import ProtocolView
from bot.services.transcript import DraftTranscript
from bot.texts import Texts, texts_for

EXCERPTS = (160, 60, 0)  # shorter excerpts, then none, until a long protocol's card fits in 28 KB
# Characters of the transcript in the whole draft card, shared by the paragraphs that have some:
# less, then none, until the card fits.
TRANSCRIPT_BUDGETS = (12_000, 4_000, 1_000, 0)
LIST_TITLE = 100
# The whole text goes into one input of one card; Teams takes 28 KB, the rest of the card ~2 KB.
TEXT_CARD_BUDGET = 24 * 1024


def short(version: str) -> str:
    return version[:8]


def name_of(view: ProtocolView, role: str) -> str:
    person = view.record.get(role)
    return str(person["name"]) if person else "–"


def status_text(ctx: Context, t: Texts, view: ProtocolView) -> str:
    due = t.moment(view.deadlines.adjustment_due)
    if view.state is ProtocolState.ADJUSTED and view.adjusted_at:
        return t("protocol.state.adjusted", moment=t.moment(view.adjusted_at))
    if view.state is ProtocolState.IN_REVIEW and view.submitted_at:
        return t("protocol.state.in_review", moment=t.moment(view.submitted_at), due=due)
    if view.state is ProtocolState.CHANGES_REQUESTED:
        return t("protocol.state.changes_requested", due=due)
    return t("protocol.state.draft", due=due)


def change_request_text(ctx: Context, t: Texts, view: ProtocolView) -> str:
    request = view.change_request
    if request is None or view.state is not ProtocolState.CHANGES_REQUESTED:
        return ""
    person = ctx.group.person(request.by)
    who = person.name if person else "?"
    return t("protocol.change_request", name=card_plain(who), comment=card_plain(request.comment))


def facts(t: Texts, view: ProtocolView) -> list[dict[str, str]]:
    record = view.record
    return [
        {"title": t("protocol.fact.present"), "value": str(len(record["present"]))},
        {"title": t("protocol.fact.absent"), "value": str(len(record["absent"]))},
        {"title": t("protocol.fact.adjuster"), "value": card_plain(name_of(view, "adjuster"))},
        {"title": t("protocol.fact.votes"), "value": str(len(record["votes"]))},
        {"title": t("protocol.fact.version"), "value": short(view.version)},
    ]


def _cut(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: max(length - 1, 0)].rstrip() + "…"


def _excerpt(t: Texts, section: Section, length: int) -> str:
    text = section.text or section.decision
    if not text:
        # A paragraph of a vote needs no words of its own: the document writes in the result.
        return t("protocol.excerpt.votes" if section.votes else "protocol.excerpt.empty")
    return card_plain(_cut(text, length)) if length else ""


def _utterances(excerpts: tuple[Excerpt, ...]) -> list[TimedCue]:
    """The paragraph's cues in time order, one speaker's consecutive cues as one utterance."""
    merged: list[TimedCue] = []
    for cue in sorted((c for e in excerpts for c in e.cues), key=lambda c: c.at):
        if merged and merged[-1].speaker == cue.speaker:
            merged[-1] = TimedCue(merged[-1].at, cue.speaker, f"{merged[-1].text} {cue.text}")
        else:
            merged.append(cue)
    return merged


def transcript_lines(t: Texts, excerpts: tuple[Excerpt, ...], budget: int) -> list[dict[str, str]]:
    """ "08:41 Malin Karhu Birgersson: …" while `budget` characters last, then how many are left."""
    lines: list[dict[str, str]] = []
    said = _utterances(excerpts)
    for n, cue in enumerate(said):
        left = budget - sum(len(line["line"]) for line in lines)
        if left <= 0:
            lines.append({"line": t("transcript.more", count=len(said) - n)})
            break
        who = f"{cue.speaker}: " if cue.speaker else ""
        lines.append({"line": card_plain(_cut(f"{t.time(cue.at)} {who}{cue.text}", left))})
    return lines


def _transcript(
    t: Texts, view: ProtocolView, transcript: DraftTranscript | None, budget: int
) -> list[list[dict[str, str]]]:
    """Each paragraph's lines from the transcript (none without one, or without a budget)."""
    if transcript is None or budget <= 0:
        return [[] for _ in view.sections]
    sv = texts_for(PROTOCOL_LOCALE, t.tz)  # the draft's paragraphs are titled in Swedish
    titles = {point.key: point_title(sv, point) for point in transcript.agenda}
    found = by_paragraph(view.sections, titles, transcript.excerpts)
    share = budget // max(1, sum(1 for excerpts in found if excerpts))
    return [transcript_lines(t, excerpts, share) if excerpts else [] for excerpts in found]


def draft_card_data(
    ctx: Context,
    t: Texts,
    view: ProtocolView,
    notice: str = "",
    excerpt: int = EXCERPTS[0],
    transcript: DraftTranscript | None = None,
    transcript_budget: int = TRANSCRIPT_BUDGETS[0],
) -> dict[str, Any]:
    """The secretary's card; `transcript` only for her: each paragraph's excerpt of it, collapsed."""
    editable = view.state is not ProtocolState.ADJUSTED
    change = change_request_text(ctx, t, view)
    said = _transcript(t, view, transcript, transcript_budget)
    return {
        "heading": t("protocol.heading", meeting=t.day(view.meeting.starts_at)),
        "notice": notice,
        "has_notice": bool(notice),
        "status": status_text(ctx, t, view),
        "change_request": change,
        "has_change_request": bool(change),
        "facts": facts(t, view),
        "paragraphs": [
            {
                "title": card_plain(f"§{n} {_cut(s.title, LIST_TITLE)}"),
                "excerpt": _excerpt(t, s, excerpt),
                "number": n,
                "has_transcript": bool(said[n - 1]),
                "transcript_id": f"transcript-{n}",
                "transcript": said[n - 1],
            }
            for n, s in enumerate(view.sections, start=1)
        ],
        "transcript_label": t("transcript.toggle"),
        "can_edit": editable,
        "edit": t("protocol.edit"),
        "add": t("protocol.add"),
        "add_number": len(view.sections) + 1,
        "export": t("protocol.export"),
        "can_submit": view.state in (ProtocolState.DRAFT, ProtocolState.CHANGES_REQUESTED),
        "submit": t("protocol.submit"),
        "meeting_id": view.meeting.id,
        "version": view.version,
    }


def paragraph_form_data(t: Texts, view: ProtocolView, number: int) -> dict[str, Any]:
    """The form for §`number`; one past the last is a new paragraph."""
    section = view.sections[number - 1] if number <= len(view.sections) else Section("")
    questions = {int(v["id"]): str(v["question"]) for v in view.record["votes"]}
    held = [questions[v] for v in section.votes if v in questions]
    return {
        "heading": t("protocol.form.heading", number=number, meeting=t.day(view.meeting.starts_at)),
        "votes": t("protocol.form.votes", questions=card_plain("; ".join(held))) if held else "",
        "has_votes": bool(held),
        "labels": {
            "title": t("protocol.form.title"),
            "title_missing": t("protocol.form.title_missing"),
            "text": t("protocol.form.text"),
            "decision": t("protocol.form.decision"),
        },
        "title": section.title,
        "text": section.text,
        "decision": section.decision,
        "save": t("protocol.form.save"),
        "back": t("protocol.back"),
        "meeting_id": view.meeting.id,
        "number": number,
    }


def text_card_data(t: Texts, view: ProtocolView, text: str) -> dict[str, Any] | None:
    """The whole text in one input, to copy out and paste back; None when it cannot fit a card."""
    if len(json.dumps(text, ensure_ascii=False).encode("utf-8")) > TEXT_CARD_BUDGET:
        return None
    return {
        "heading": t("protocol.text.heading", meeting=t.day(view.meeting.starts_at)),
        "help": t("protocol.text.help"),
        "label": t("protocol.text.label"),
        "text": text,
        "import": t("protocol.text.import"),
        "back": t("protocol.back"),
        "meeting_id": view.meeting.id,
    }


def notice_card_data(
    ctx: Context, t: Texts, view: ProtocolView, notice: str = "", heading: str = "protocol.heading"
) -> dict[str, Any]:
    """The protocol's state, without its text, and a button that shows it to whoever may read it."""
    return {
        "heading": t(heading, meeting=t.day(view.meeting.starts_at)),
        "notice": notice,
        "has_notice": bool(notice),
        "status": status_text(ctx, t, view),
        "text": t("protocol.in_channel"),
        "button": t("protocol.show_button"),
        "meeting_id": view.meeting.id,
    }
