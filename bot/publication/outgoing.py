"""What the outbox sends of an adjusted protocol, in words: its PDF/A, each recipient's mail, the file's name.

The mail's body is the protocol itself (the same HTML as the public page), the PDF/A attached.
"""

from __future__ import annotations

import asyncio

from bot.documents import render_html, render_pdf
from bot.publication import links
from bot.publication.document import document_of
from bot.services.context import Context
from bot.services.ports.delivery import Attachment, DeliveryError, MailMessage
from bot.services.protocol import ProtocolView, submitted_protocol
from bot.services.publication import ComposeMail, NameFile, RenderPdf, stored_pdf
from bot.texts import texts_for


async def _adjusted(ctx: Context, meeting_id: int, version: str) -> ProtocolView:
    protocol = await submitted_protocol(ctx, meeting_id)
    if protocol is None or protocol.adjusted_at is None or protocol.version != version:
        raise DeliveryError(f"protocol {meeting_id} version {version[:8]} is not the adjusted one")
    return protocol


def pdf_renderer(ctx: Context) -> RenderPdf:
    async def render(meeting_id: int, version: str) -> bytes:
        doc = document_of(ctx.group, await _adjusted(ctx, meeting_id, version))
        return await asyncio.to_thread(render_pdf, doc)  # a second or two of CPU: off the event loop

    return render


def mail_composer(ctx: Context) -> ComposeMail:
    async def compose(meeting_id: int, version: str, to: str) -> MailMessage:
        protocol = await _adjusted(ctx, meeting_id, version)
        pdf = await stored_pdf(ctx, meeting_id, version)
        doc = document_of(ctx.group, protocol)
        subject = texts_for("sv", ctx.tz)("mail.subject", title=doc.title, group=ctx.group.name)
        attachment = Attachment(links.pdf_name(ctx, protocol.meeting), "application/pdf", pdf)
        return MailMessage((to,), subject, render_html(doc), (attachment,))

    return compose


def file_namer(ctx: Context) -> NameFile:
    async def name(meeting_id: int, version: str) -> str:
        protocol = await submitted_protocol(ctx, meeting_id)
        if protocol is None:
            raise DeliveryError(f"no protocol for meeting {meeting_id}")
        return links.pdf_name(ctx, protocol.meeting)

    return name
