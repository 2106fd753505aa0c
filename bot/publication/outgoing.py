"""What the outbox sends of an adjusted protocol, in words: its PDF/A, each recipient's mail, the file's name.

The mail's body is the protocol itself (the same HTML as the public page, with its links), the
PDF/A attached; sender and recipient carry the names the group file gives them.
"""

from __future__ import annotations

import asyncio

from bot.documents import ProtocolDocument, render_html, render_pdf
from bot.domain.group import Group
from bot.publication import links
from bot.publication.document import document_of
from bot.services.context import Context
from bot.services.ports.delivery import Address, Attachment, DeliveryError, MailMessage
from bot.services.protocol import ProtocolView, stored_pdf, submitted_protocol
from bot.services.publication import ComposeMail, NameFile, RenderPdf
from bot.services.sealing import Sealer
from bot.texts import texts_for


async def _adjusted(ctx: Context, meeting_id: int, version: str) -> ProtocolView:
    protocol = await submitted_protocol(ctx, meeting_id)
    if protocol is None or protocol.adjusted_at is None or protocol.version != version:
        raise DeliveryError(f"protocol {meeting_id} version {version[:8]} is not the adjusted one")
    return protocol


def pdf_renderer(ctx: Context, sealer: Sealer | None = None) -> RenderPdf:
    """The adjusted protocol's PDF/A-2a; with a sealer, sealed (raises SealError when it cannot be)."""

    async def render(meeting_id: int, version: str) -> bytes:
        doc = document_of(ctx.group, await _adjusted(ctx, meeting_id, version), sealed=sealer is not None)
        pdf = await asyncio.to_thread(render_pdf, doc)  # a second or two of CPU: off the event loop
        if sealer is None:
            return pdf
        return await asyncio.to_thread(sealer.seal, pdf, seal_reason(doc))

    return render


def seal_reason(doc: ProtocolDocument) -> str:
    """The seal's /Reason: who approved which version, and when, as the document says it."""
    return f"{doc.adjusted_text or doc.title}. Version {doc.version}."


def mail_composer(ctx: Context) -> ComposeMail:
    async def compose(meeting_id: int, version: str, to: str) -> MailMessage:
        protocol = await _adjusted(ctx, meeting_id, version)
        pdf = await stored_pdf(ctx, meeting_id, version)
        doc, t = document_of(ctx.group, protocol), texts_for("sv", ctx.tz)
        subject = t("mail.subject", title=doc.title, group=ctx.group.name)
        attachment = Attachment(links.pdf_name(ctx, protocol.meeting), "application/pdf", pdf)
        body = render_html(doc, links.page_links(ctx, protocol.meeting))
        addressee = Address(to, addressee_name(ctx.group, to, t("mail.council")))
        return MailMessage((addressee,), subject, body, (attachment,), sender_name=ctx.group.name)

    return compose


def addressee_name(group: Group, address: str, council: str) -> str:
    """Whose the address is in the group file: a person's name, a municipality's, the council."""
    key = address.casefold()
    found = [p.name for p in group.people if p.email.casefold() == key]
    found += [m.name for m in group.municipalities if m.mailbox.casefold() == key]
    found += [council for c in group.council_mailboxes if c.casefold() == key]
    return found[0] if found else ""


def file_namer(ctx: Context) -> NameFile:
    async def name(meeting_id: int, version: str) -> str:
        protocol = await submitted_protocol(ctx, meeting_id)
        if protocol is None:
            raise DeliveryError(f"no protocol for meeting {meeting_id}")
        return links.pdf_name(ctx, protocol.meeting)

    return name
