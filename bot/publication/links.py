"""The public addresses of the adjusted protocols: /protokoll/<date>, its PDF, the list and the feed.

A protocol is named by its meeting's local date (the year plan has at most one meeting a
day), so the municipality's website can link to a protocol by date.
"""

from __future__ import annotations

from bot.documents import PageLinks
from bot.domain.meetings import Meeting
from bot.services.context import Context

INDEX = "/protokoll/"
FEED = "/protokoll/feed.atom"
ACCESSIBILITY = "/protokoll/tillganglighet"  # the accessibility statement DOS-lagen requires


def slug(ctx: Context, meeting: Meeting) -> str:
    return meeting.starts_at.astimezone(ctx.tz).date().isoformat()


def absolute(ctx: Context, path: str) -> str:
    return ctx.publication.public_url.rstrip("/") + path


def page_url(ctx: Context, meeting: Meeting) -> str:
    return absolute(ctx, f"{INDEX}{slug(ctx, meeting)}")


def pdf_url(ctx: Context, meeting: Meeting) -> str:
    return absolute(ctx, f"{INDEX}{slug(ctx, meeting)}.pdf")


def page_links(ctx: Context, meeting: Meeting) -> PageLinks:
    """What a protocol's page and mail link to: its PDF, the list, the accessibility statement."""
    return PageLinks(pdf_url(ctx, meeting), absolute(ctx, INDEX), absolute(ctx, ACCESSIBILITY))


def pdf_name(ctx: Context, meeting: Meeting) -> str:
    """The PDF's file name, for the download and the team's folder."""
    return f"protokoll-{slug(ctx, meeting)}.pdf"
