"""The public pages: /protokoll/ (the list), /protokoll/<date> (HTML), <date>.pdf, feed.atom, tillganglighet.

Only adjusted protocols exist here; a draft or a protocol under review is a 404 like any
unknown date. Pages are rendered from the stored version on each request (Jinja is fast);
the PDF is the one the outbox rendered once, never rendered here.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from aiohttp import web
from jinja2 import Environment, PackageLoader, StrictUndefined

from bot.documents import render_html
from bot.publication import links
from bot.publication.document import document_of, stamp
from bot.publication.feed import atom_feed
from bot.publication.statement import statement_of
from bot.services.context import Context
from bot.services.protocol import ProtocolView, adjusted_protocol_on, adjusted_protocols
from bot.texts import texts_for

DAY = r"{day:\d{4}-\d{2}-\d{2}}"
# The protocol's page has its styles inline and loads nothing; say so to the browser.
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "public, max-age=300",
}


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("bot.publication"), autoescape=True, undefined=StrictUndefined)


def add_routes(app: web.Application, ctx: Context) -> None:
    pages = Pages(ctx)
    app.router.add_get("/protokoll", pages.to_index)
    app.router.add_get(links.INDEX, pages.index)
    app.router.add_get(links.FEED, pages.feed)
    app.router.add_get(links.ACCESSIBILITY, pages.accessibility)
    app.router.add_get(f"{links.INDEX}{DAY}", pages.page)
    app.router.add_get(f"{links.INDEX}{DAY}.pdf", pages.pdf)


class Pages:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    async def _find(self, request: web.Request) -> ProtocolView:
        try:
            day = date.fromisoformat(request.match_info["day"])
        except ValueError:  # 2026-13-45: no meeting's date
            day = None
        found = await adjusted_protocol_on(self._ctx, day) if day is not None else None
        if found is None:
            raise web.HTTPNotFound(text=texts_for("sv", self._ctx.tz)("pages.not_found"))
        return found

    async def to_index(self, request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently(links.INDEX)

    async def index(self, request: web.Request) -> web.Response:
        ctx, t = self._ctx, texts_for("sv", self._ctx.tz)
        protocols = [
            {
                "title": document_of(ctx.group, p).title,
                "page": links.page_url(ctx, p.meeting),
                "pdf": links.pdf_url(ctx, p.meeting),
                "adjusted": t("pages.adjusted", moment=stamp(ctx.group, p.adjusted_at or p.meeting.ends_at)),
            }
            for p in await adjusted_protocols(ctx)
        ]
        words = {
            "title": t("pages.title", group=ctx.group.name), "intro": t("pages.intro"),
            "feed": t("pages.feed"), "pdf": t("pages.pdf"), "none": t("pages.none"),
            "accessibility": t("pages.accessibility"),
        }  # fmt: skip
        html = (
            _environment()
            .get_template("index.html.j2")
            .render(
                words=words,
                protocols=protocols,
                feed_url=links.absolute(ctx, links.FEED),
                accessibility_url=links.absolute(ctx, links.ACCESSIBILITY),
            )
        )
        return web.Response(text=html, content_type="text/html", headers=HEADERS)

    async def accessibility(self, request: web.Request) -> web.Response:
        html = _environment().get_template("tillganglighet.html.j2").render(statement=statement_of(self._ctx))
        return web.Response(text=html, content_type="text/html", headers=HEADERS)

    async def page(self, request: web.Request) -> web.Response:
        protocol = await self._find(request)
        doc = document_of(self._ctx.group, protocol)
        html = render_html(doc, links.page_links(self._ctx, protocol.meeting))
        headers = {**HEADERS, "ETag": f'"{protocol.version}"'}
        return web.Response(text=html, content_type="text/html", headers=headers)

    async def pdf(self, request: web.Request) -> web.Response:
        protocol = await self._find(request)
        async with self._ctx.uow() as uow:
            pdf = await uow.protocols.pdf(protocol.meeting.id, protocol.version)
        if pdf is None:  # adjusted a moment ago: the outbox is still rendering it
            text = texts_for("sv", self._ctx.tz)("pages.pdf_pending")
            raise web.HTTPServiceUnavailable(text=text, headers={"Retry-After": "30"})
        name = links.pdf_name(self._ctx, protocol.meeting)
        headers = {
            **HEADERS, "ETag": f'"{protocol.version}"', "Content-Disposition": f'inline; filename="{name}"',
        }  # fmt: skip
        return web.Response(body=pdf, content_type="application/pdf", headers=headers)

    async def feed(self, request: web.Request) -> web.Response:
        protocols = await adjusted_protocols(self._ctx)
        async with self._ctx.uow() as uow:
            sizes = {p.meeting.id: await uow.protocols.pdf_size(p.meeting.id, p.version) for p in protocols}
        body = atom_feed(self._ctx, protocols, {k: v for k, v in sizes.items() if v is not None})
        return web.Response(body=body, content_type="application/atom+xml", charset="utf-8", headers=HEADERS)
