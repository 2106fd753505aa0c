"""The adjusted protocol goes out: the PDF rendered once, one mail per recipient, the team's copy.

All of it shares one outbox target per protocol, so it goes in the order it was written:
the PDF first (slow, outside any request), then the mails, each its own message keyed by
version and recipient (a restart half-way sends each of the rest once, and none again),
then the upload. The channel's card goes to Teams beside it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, NoReturn

from bot.domain.collation import swedish_key
from bot.domain.group import Group
from bot.services.archive_packages import package_message
from bot.services.context import Context
from bot.services.meeting_day import meeting_by_id
from bot.services.ports.delivery import DeliveryError, Files, Mailer, MailMessage, RetryLater
from bot.services.ports.outbox import Outgoing, Pending
from bot.services.posts import post_card, refresh_card
from bot.services.protocol import stored_pdf
from bot.services.recording_deletion import delete_recording
from bot.services.sealing import SEAL_RETRY_SECONDS, SealError, seal_notice

RenderPdf = Callable[[int, str], Awaitable[bytes]]  # (meeting id, version) → PDF/A
ComposeMail = Callable[[int, str, str], Awaitable[MailMessage]]  # (meeting id, version, to)
NameFile = Callable[[int, str], Awaitable[str]]  # the PDF's file name in the team's folder


def recipients(group: Group) -> list[str]:
    """The municipalities' official mailboxes, every person of the group, the council: each once."""
    municipalities = sorted(group.municipalities, key=lambda m: swedish_key(m.name))
    addresses = [m.mailbox for m in municipalities] + [p.email for p in group.people]
    addresses += list(group.council_mailboxes)
    unique: dict[str, str] = {}
    for address in addresses:
        unique.setdefault(address.casefold(), address)
    return list(unique.values())


def pdf_key(meeting_id: int, version: str) -> str:
    return f"protocol:{meeting_id}:{version}:pdf"


def upload_key(meeting_id: int, version: str) -> str:
    return f"protocol:{meeting_id}:{version}:upload"


def distribution(ctx: Context, meeting_id: int, version: str) -> list[Outgoing]:
    target, args = f"protocol:{meeting_id}", {"meeting_id": meeting_id, "version": version}
    messages = [Outgoing(pdf_key(meeting_id, version), "documents", "render_pdf", target, args)]
    for address in recipients(ctx.group):
        key = f"protocol:{meeting_id}:{version}:mail:{address.casefold()}"
        messages.append(Outgoing(key, "mail", "send_protocol", target, {**args, "to": address}))
    folder = ctx.publication.upload_folder
    if folder is not None:
        upload = {**args, "folder": folder}
        messages.append(Outgoing(upload_key(meeting_id, version), "files", "upload_protocol", target, upload))
    # Last on the protocol's target: the package records how the distribution went.
    messages.append(package_message(meeting_id, version, "adjusted"))
    return [*messages, post_card(ctx, adjusted_key(meeting_id, version), "protocol_adjusted", args)]


def adjusted_key(meeting_id: int, version: str) -> str:
    return f"protocol:{meeting_id}:{version}:adjusted"


class ProtocolDocuments:
    """Channel "documents": renders the adjusted protocol's PDF/A once and stores it.

    One at a time: rendering takes a second or two of CPU in a thread, and Pango has been
    seen to crash under many concurrent renders.
    """

    def __init__(self, ctx: Context, render: RenderPdf) -> None:
        self._ctx, self._render = ctx, render
        self._one_at_a_time = asyncio.Lock()

    async def deliver(self, message: Pending) -> dict[str, Any] | None:
        if message.operation != "render_pdf":
            raise DeliveryError(f"unknown documents operation {message.operation!r}")
        meeting_id, version = int(message.payload["meeting_id"]), str(message.payload["version"])
        async with self._one_at_a_time:
            async with self._ctx.uow() as uow:
                stored = await uow.protocols.pdf(meeting_id, version)
            if stored is None:
                try:
                    pdf = await self._render(meeting_id, version)
                except SealError as error:
                    await self._hold(meeting_id, version, error)
                async with self._ctx.uow() as uow:
                    await uow.protocols.store_pdf(meeting_id, version, pdf, self._ctx.clock.now())
                    await uow.commit()
        return {"pdf": version}

    async def _hold(self, meeting_id: int, version: str, error: SealError) -> NoReturn:
        """No PDF without its seal: the secretary is told, and the render (and all behind it) waits."""
        async with self._ctx.uow() as uow:
            meeting = await meeting_by_id(uow, meeting_id)
            day = meeting.starts_at.astimezone(self._ctx.tz).date().isoformat()
            await seal_notice(self._ctx, uow, day, version, error)
            await uow.commit()
        raise RetryLater(f"the seal of protocol {meeting_id}: {error}", retry_after=SEAL_RETRY_SECONDS)


class ProtocolMail:
    """Channel "mail": one recipient's copy, composed when it is sent (the PDF read from the store)."""

    def __init__(self, mailer: Mailer, compose: ComposeMail) -> None:
        self._mailer, self._compose = mailer, compose

    async def deliver(self, message: Pending) -> dict[str, Any] | None:
        if message.operation != "send_protocol":
            raise DeliveryError(f"unknown mail operation {message.operation!r}")
        payload = message.payload
        mail = await self._compose(int(payload["meeting_id"]), str(payload["version"]), str(payload["to"]))
        await self._mailer.send(message.key, mail)
        return {"to": payload["to"]}


class TeamFiles:
    """Channel "files": the adjusted PDF into the team's folder, and the recording's deletion."""

    def __init__(self, ctx: Context, files: Files, name: NameFile) -> None:
        self._ctx, self._files, self._name = ctx, files, name

    async def deliver(self, message: Pending) -> dict[str, Any] | None:
        payload = message.payload
        meeting_id = int(payload["meeting_id"])
        if message.operation == "upload_protocol":
            version = str(payload["version"])
            pdf = await stored_pdf(self._ctx, meeting_id, version)
            name = await self._name(meeting_id, version)
            url = await self._files.upload(str(payload["folder"]), name, pdf, "application/pdf")
            await self._show_on_the_card(meeting_id, version, url)
            return {"url": url}
        if message.operation == "delete_recording":
            return await delete_recording(self._ctx, self._files, payload)
        raise DeliveryError(f"unknown files operation {message.operation!r}")

    async def _show_on_the_card(self, meeting_id: int, version: str, url: str) -> None:
        """The channel's card was posted before the upload: refreshed, it links the team's copy too."""
        args = {"meeting_id": meeting_id, "version": version, "url": url}
        async with self._ctx.uow() as uow:
            refresh = refresh_card(self._ctx, adjusted_key(meeting_id, version), "protocol_adjusted", args)
            await uow.outbox.enqueue(refresh, self._ctx.clock.now())
            await uow.commit()


async def uploaded_url(ctx: Context, meeting_id: int, version: str) -> str | None:
    """Where the team's copy of the adjusted protocol is, once the outbox has uploaded it."""
    async with ctx.uow() as uow:
        uploaded = await uow.outbox.result_of(upload_key(meeting_id, version))
    return str(uploaded["url"]) if uploaded else None
