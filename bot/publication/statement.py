"""The accessibility statement (tillgänglighetsredogörelse) of the public pages, as DOS-lagen requires.

Its parts are those Myndigheten för digital förvaltning (Digg) prescribes: who stands behind
the pages and which service they are, how far they comply ("delvis förenlig"), what is not
accessible and why, how to report a problem (the group file's `accessibility_contact`, else
its mailbox), Digg's supervision and where to report to it, how the statement was made and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from bot.publication import links
from bot.services.context import Context

# When the pages were last assessed and the statement last revised: change these, and the
# statement's words in tillganglighet.html.j2, whenever the pages or what is known of them change.
ASSESSED = date(2026, 12, 6)
UPDATED = date(2026, 12, 6)
DIGG_REPORT = "https://www.digg.se/tdosanmalan"  # Digg's own form for reporting a public body
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")  # what the automatic checks test against


@dataclass(frozen=True)
class Statement:
    organisation: str
    service: str
    index_url: str
    contact: str | None  # an e-mail address; None when the group file gives none (check-config says so)
    assessed: str  # "6 december 2026"
    updated: str
    digg_report: str = DIGG_REPORT


def statement_of(ctx: Context) -> Statement:
    return Statement(
        organisation=ctx.group.name,
        service=f"Justerade protokoll – {ctx.group.name}",
        index_url=links.absolute(ctx, links.INDEX),
        contact=ctx.group.accessibility_address,
        assessed=_day(ASSESSED),
        updated=_day(UPDATED),
    )


def _day(day: date) -> str:
    return format_date(day, "d MMMM y", locale="sv_SE")
