"""The adjuster's and the chair's review card, and the channel's card when the protocol is adjusted.

The review card carries the protocol itself, page by page when it is long (a card takes
28 KB): drafts are never put on a web page. Its buttons name the version shown, so an
approval is always of the text that was on the screen.
"""

from __future__ import annotations

import json
from typing import Any

from bot.chat.markup import card_plain, card_prose
from bot.chat.protocol_card import change_request_text, facts, name_of, short, status_text
from bot.domain.adjustment import ProtocolState
from bot.domain.protocol_text import Section
from bot.publication import links
from bot.publication.document import vote_result
from bot.services.context import Context
from bot.services.protocol import ProtocolView
from bot.services.publication import recipients
from bot.texts import Texts

PAGE_BUDGET = 18 * 1024  # the paragraphs' share of one card (28 KB), in bytes of JSON


def _option(t: Texts, vote: dict[str, Any], option_id: str | None) -> str:
    found = next((o for o in vote["options"] if o["id"] == option_id), None)
    return card_plain(found["text"]) if found and found.get("text") else t(f"vote.option.{option_id}")


def vote_lines(
    t: Texts, vote: dict[str, Any], question: str | None = None, acting: bool = False
) -> list[str]:
    """One vote as the card shows it: the result, then who voted what; then its run-off, if any."""
    result = vote_result(t, vote, lambda option: _option(t, vote, option), acting)
    lines = [t("review.vote", question=card_plain(question or vote["question"]), result=result)]
    for option in vote["options"]:
        names = [card_plain(b["municipality"]) for b in vote["ballots"] if b["option"] == option["id"]]
        if names:
            lines.append(
                t("review.vote.named", option=_option(t, vote, option["id"]), names=", ".join(names))
            )
    for r in vote["reservations"]:
        who = card_plain(f"{r['name'] or '?'}, {r['municipality']}")
        lines.append(t("review.reservation", who=who, reason=card_plain(r["reason"] or "–")))
    runoff = vote.get("runoff")
    if runoff is not None:
        lines += vote_lines(t, runoff, t("doc.vote.second_round", question=runoff["question"]), acting)
    return lines


def _paragraph(t: Texts, view: ProtocolView, number: int, section: Section) -> dict[str, Any]:
    votes = {int(v["id"]): v for v in view.record["votes"]}
    acting = bool(view.record.get("chair_acting"))
    lines = [line for v in section.votes if v in votes for line in vote_lines(t, votes[v], acting=acting)]
    return {
        "heading": card_plain(f"§{number} {section.title}"),
        "text": card_prose(section.text),
        "has_text": bool(section.text),
        "decision": t("review.decision", decision=card_prose(section.decision)),
        "has_decision": bool(section.decision),
        "votes": [{"line": line} for line in lines],
        "has_votes": bool(lines),
    }


def _page(t: Texts, view: ProtocolView, start: int) -> tuple[list[dict[str, Any]], int]:
    """The paragraphs from `start` that fit one card (at least one); and where the next page starts."""
    shown: list[dict[str, Any]] = []
    used, end = 0, start
    for number in range(start + 1, len(view.sections) + 1):
        paragraph = _paragraph(t, view, number, view.sections[number - 1])
        size = len(json.dumps(paragraph, ensure_ascii=False).encode("utf-8"))
        if shown and used + size > PAGE_BUDGET:
            break
        shown.append(paragraph)
        used, end = used + size, number
    return shown, end


def _approvals(ctx: Context, t: Texts, view: ProtocolView) -> list[dict[str, str]]:
    return [
        {"line": t(f"review.approved.{a.role.value}", name=card_plain(name_of(view, a.role.value)),
                   moment=t.moment(a.at))}
        for a in view.approvals
    ]  # fmt: skip


def review_card_data(
    ctx: Context, t: Texts, view: ProtocolView, start: int = 0, notice: str = ""
) -> dict[str, Any]:
    start = max(0, min(start, max(len(view.sections) - 1, 0)))
    paragraphs, end = _page(t, view, start)
    change = change_request_text(ctx, t, view)
    return {
        "heading": t("review.heading", meeting=t.day(view.meeting.starts_at)),
        "notice": notice,
        "has_notice": bool(notice),
        "status": status_text(ctx, t, view),
        "change_request": change,
        "has_change_request": bool(change),
        "approvals": _approvals(ctx, t, view),
        "has_approvals": bool(view.approvals),
        "facts": facts(t, view),
        "paragraphs": paragraphs,
        "shown": t("review.shown", first=start + 1, last=end, count=len(view.sections)),
        "has_more": end < len(view.sections),
        "more": t("review.more", first=end + 1),
        "next_start": end,
        "can_act": view.state is ProtocolState.IN_REVIEW,
        "approve": t("review.approve"),
        "change": t("review.change"),
        "comment_label": t("review.comment"),
        "comment_missing": t("review.comment_missing"),
        "send": t("review.send"),
        "meeting_id": view.meeting.id,
        "version": view.version,
    }


def adjusted_card_data(ctx: Context, t: Texts, view: ProtocolView, upload_url: str | None) -> dict[str, Any]:
    names = t("doc.and").join(
        t(f"review.by.{a.role.value}", name=card_plain(name_of(view, a.role.value)), moment=t.moment(a.at))
        for a in view.approvals
    )
    urls = [
        {"title": t("adjusted.read"), "url": links.page_url(ctx, view.meeting)},
        {"title": t("adjusted.pdf"), "url": links.pdf_url(ctx, view.meeting)},
    ]
    if upload_url:
        urls.append({"title": t("adjusted.team_files"), "url": upload_url})
    return {
        "heading": t("adjusted.heading", meeting=t.day(view.meeting.starts_at)),
        "text": t("adjusted.text", names=names, count=len(recipients(ctx.group))),
        "facts": [
            {"title": t("adjusted.published"), "value": links.page_url(ctx, view.meeting)},
            {"title": t("protocol.fact.version"), "value": short(view.version)},
        ],
        "links": urls,
    }
