"""The Atom feed of adjusted protocols (RFC 4287), for websites that harvest rather than link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from xml.etree.ElementTree import Element, SubElement, tostring

from bot.publication import links
from bot.publication.document import document_of
from bot.services.context import Context
from bot.services.protocol import ProtocolView
from bot.texts import texts_for

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _link(parent: Element, rel: str, href: str, kind: str, length: int | None = None) -> None:
    attributes = {"rel": rel, "href": href, "type": kind}
    if length is not None:  # RFC 4287 §4.2.7.6: the enclosure's size in octets
        attributes["length"] = str(length)
    SubElement(parent, "link", attributes)


def _entry(feed: Element, ctx: Context, protocol: ProtocolView, pdf_size: int | None) -> None:
    doc = document_of(ctx.group, protocol)
    entry = SubElement(feed, "entry")
    SubElement(entry, "id").text = links.page_url(ctx, protocol.meeting)
    SubElement(entry, "title").text = doc.title
    adjusted = _stamp(protocol.adjusted_at or protocol.meeting.ends_at)
    SubElement(entry, "published").text = adjusted
    SubElement(entry, "updated").text = adjusted
    _link(entry, "alternate", links.page_url(ctx, protocol.meeting), "text/html")
    _link(entry, "enclosure", links.pdf_url(ctx, protocol.meeting), "application/pdf", pdf_size)
    SubElement(entry, "summary").text = doc.adjusted_text or doc.title


def atom_feed(ctx: Context, protocols: Sequence[ProtocolView], pdf_sizes: Mapping[int, int]) -> bytes:
    """`pdf_sizes`: each rendered PDF's length by meeting id; one still being rendered has none yet."""
    t = texts_for("sv", ctx.tz)
    feed = Element("feed", {"xmlns": ATOM, "xml:lang": "sv"})
    SubElement(feed, "id").text = links.absolute(ctx, links.INDEX)
    SubElement(feed, "title").text = t("pages.title", group=ctx.group.name)
    latest = max((p.adjusted_at for p in protocols if p.adjusted_at), default=ctx.clock.now())
    SubElement(feed, "updated").text = _stamp(latest)
    SubElement(SubElement(feed, "author"), "name").text = ctx.group.name
    _link(feed, "self", links.absolute(ctx, links.FEED), "application/atom+xml")
    _link(feed, "alternate", links.absolute(ctx, links.INDEX), "text/html")
    for protocol in protocols:
        _entry(feed, ctx, protocol, pdf_sizes.get(protocol.meeting.id))
    return tostring(feed, encoding="utf-8", xml_declaration=True)
