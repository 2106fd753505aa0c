"""The composition root: the one place that builds the store, the adapter and the web app."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.archive.protocol_package import protocol_package
from bot.chat.calendar import event_builder
from bot.chat.posts import renderer
from bot.domain.group import Group
from bot.edge.delivery import Sender, TeamsDeliverer
from bot.edge.http import health_endpoint, messages_endpoint
from bot.edge.ratelimit import ConversationLimiter
from bot.edge.references import reference_lookup
from bot.edge.sdk import Edge
from bot.edge.turns import Turns
from bot.graph import Delivery as Ports
from bot.graph import GraphSettings, graph_delivery, local_delivery
from bot.graph.local import FolderFiles
from bot.publication.outgoing import file_namer, mail_composer, pdf_renderer
from bot.publication.pages import add_routes as add_publication_routes
from bot.runtime.outbox import run_worker
from bot.runtime.scheduler import run_scheduler
from bot.services.archive_packages import ArchivePackages
from bot.services.calendar import CalendarDeliverer
from bot.services.context import Context, Publication, SystemClock
from bot.services.outbox import Delivery
from bot.services.ports.delivery import Files
from bot.services.ports.outbox import Deliverer
from bot.services.ports.store import Clock
from bot.services.publication import ProtocolDocuments, ProtocolMail, TeamFiles
from bot.services.undelivered import tell_the_secretary
from bot.services.year_plan import sync_year_plan
from bot.settings import Settings
from bot.storage.engine import Engine, checkpointer_for, make_engine
from bot.storage.unit_of_work import SqlUnitOfWorkFactory

if TYPE_CHECKING:
    from bot.documents.seal import PadesSealer

log = logging.getLogger(__name__)

CONTEXT = web.AppKey("context", Context)
ENGINE = web.AppKey("engine", Engine)
DELIVERY = web.AppKey("delivery", Delivery)


@dataclass(frozen=True)
class Overrides:
    """What tests and tools may swap: the clock, whose tokens the bot takes, its outgoing token."""

    clock: Clock | None = None
    outbox_idle_seconds: float = 0.5
    run_outbox_worker: bool = True
    run_scheduler: bool = True
    ports: Ports | None = None  # calendar, mail and files already built (e.g. Graph with a test credential)
    # The bot's outgoing credentials (tests: a fixed token): botbuilder's credentials factory, and
    # for the Agents SDK a coroutine function that gives the bearer token.
    credentials_factory: Any = None
    outgoing_token: Any = None


def create_app(settings: Settings, group: Group, overrides: Overrides = Overrides()) -> web.Application:
    engine = make_engine(settings.database_url)
    clock = overrides.clock or SystemClock()
    ports = overrides.ports or _ports(settings, group, clock)
    ctx = Context(
        group=group,
        clock=clock,
        uow=SqlUnitOfWorkFactory(engine),
        publication=_publication(settings),
        files=ports.files,
        artifacts=ports.artifacts,
        transcripts=ports.transcripts,
    )
    edge = _edge(settings, group, Turns(ctx, settings.locale or None), overrides)

    delivery = Delivery(
        uow=ctx.uow,  # type: ignore[arg-type]
        deliverers=_deliverers(
            ctx, edge.sender, ports, sealer_of(settings, group), archive_shelf(settings, ports)
        ),
        clock=ctx.clock,
        owner=f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}",
        lease=timedelta(seconds=settings.outbox_lease_seconds),
        on_failure=partial(tell_the_secretary, ctx),
    )
    stop = asyncio.Event()

    app = web.Application(client_max_size=256 * 1024)
    app[CONTEXT] = ctx
    app[ENGINE] = engine
    app[DELIVERY] = delivery
    app.router.add_post(
        "/api/messages",
        messages_endpoint(
            edge.adapter,
            authenticated=settings.auth_enabled,
            body_timeout=settings.body_timeout_seconds,
        ),
    )
    app.router.add_get("/healthz", health_endpoint(partial(_undelivered, ctx)))
    add_publication_routes(app, ctx)  # /protokoll/: adjusted protocols only

    async def startup(_: web.Application) -> None:
        added = await sync_year_plan(ctx)
        if added:
            log.info("year plan: %d meeting(s) added from the group file", len(added))
        if overrides.run_outbox_worker and settings.outbox_worker:
            workers.append(asyncio.create_task(run_worker(delivery, stop, overrides.outbox_idle_seconds)))
        if overrides.run_scheduler:
            workers.append(asyncio.create_task(run_scheduler(ctx, stop, settings.scheduler_interval_seconds)))
        if checkpointer is not None:
            workers.append(asyncio.create_task(checkpointer.run(stop)))

    async def cleanup(_: web.Application) -> None:
        stop.set()
        await asyncio.gather(*workers)
        await edge.aclose()
        await ports.aclose()
        await engine.dispose()

    workers: list[asyncio.Task[None]] = []
    checkpointer = checkpointer_for(settings.database_url)

    app.on_startup.append(startup)
    app.on_cleanup.append(cleanup)
    return app


async def _undelivered(ctx: Context) -> int:
    async with ctx.uow() as uow:
        return await uow.outbox.failed_count()


def server_options(settings: Settings) -> dict[str, Any]:
    """What the HTTP server is started with (`web.run_app`, `AppRunner`, `TestServer`).

    aiohttp 3.14 has no timeout of its own for reading a request's head, but its keep-alive
    timer also runs from the moment a connection opens, and closes it if by then no whole
    request head has arrived: with it set to the header timeout, a client that sends its
    headers byte by byte holds its connection that long at most. A request being answered
    is not touched by it; its body has a timeout of its own (`messages_endpoint`).
    """
    return {"keepalive_timeout": settings.header_timeout_seconds}


def _ports(settings: Settings, group: Group, clock: Clock) -> Ports:
    """Graph when the group's mailbox is configured; otherwise files under the local folder."""
    if not settings.graph_enabled:
        return local_delivery(
            settings.local_folder,
            clock,
            settings.local_mail_delay_seconds,
            settings.public_domain,
            ZoneInfo(group.timezone),
        )
    graph = GraphSettings(
        tenant_id=group.tenant_id,
        client_id=settings.graph_client_id or settings.app_id,
        client_secret=(
            settings.graph_client_secret.get_secret_value() or settings.app_password.get_secret_value()
        ),
        managed_identity=settings.app_type == "UserAssignedMSI",
        base_url=settings.graph_base_url,
    )
    return graph_delivery(
        graph, settings.graph_mailbox, settings.graph_drive_id, domain=settings.public_domain
    )


def sealer_of(settings: Settings, group: Group) -> PadesSealer | None:
    """The electronic seal when a certificate is configured (BOT_SEAL_CERT_FILE, BOT_SEAL_KEY_FILE)."""
    if settings.seal_cert_file is None or settings.seal_key_file is None:
        return None
    # Imported only with a seal configured: pyHanko and its certificate validator took every
    # start some 0.2 s and 9 MB.
    from bot.documents.seal import PadesSealer, SealFiles

    files = SealFiles(
        settings.seal_cert_file,
        settings.seal_key_file,
        settings.seal_key_password.get_secret_value(),
        settings.seal_chain_file,
    )
    return PadesSealer(files, group.name)


def archive_shelf(settings: Settings, ports: Ports) -> tuple[Files, str]:
    """Where the information packages go: the team's drive (BOT_GRAPH_ARCHIVE_FOLDER, else the
    protocol folder) when one is configured, else BOT_LOCAL_FOLDER/archive."""
    if settings.graph_enabled and settings.graph_drive_id:
        return ports.files, settings.graph_archive_folder or settings.graph_protocol_folder
    return FolderFiles(settings.local_folder / "archive"), "."


def _edge(settings: Settings, group: Group, turns: Turns, overrides: Overrides) -> Edge:
    """The SDK that carries the activities (BOT_SDK): the Agents SDK, or botbuilder."""
    common = (settings.app_id, settings.app_password.get_secret_value(), settings.app_type, group.tenant_id)
    if settings.sdk == "botbuilder":
        from bot.teams.edge import botbuilder_edge  # botbuilder is imported only when it runs

        return botbuilder_edge(
            *common, turns, authenticated=settings.auth_enabled,
            connector_timeout=settings.connector_timeout_seconds,
            openid_metadata_url=settings.openid_metadata_url, token_issuer=settings.token_issuer,
            credentials_factory=overrides.credentials_factory,
        )  # fmt: skip
    from bot.agents.edge import agents_edge

    return agents_edge(
        *common, turns, authenticated=settings.auth_enabled,
        connector_timeout=settings.connector_timeout_seconds, token=overrides.outgoing_token,
        openid_metadata_url=settings.openid_metadata_url, token_issuer=settings.token_issuer,
    )  # fmt: skip


def _deliverers(
    ctx: Context,
    sender: Sender,
    ports: Ports,
    sealer: PadesSealer | None,
    archive: tuple[Files, str],
) -> dict[str, Deliverer]:
    async def load_reference(conversation_id: str) -> dict[str, Any] | None:
        async with ctx.uow() as uow:
            return await uow.conversations.get(conversation_id)

    async def result_of(key: str) -> dict[str, Any] | None:
        async with ctx.uow() as uow:
            return await uow.outbox.result_of(key)

    teams = TeamsDeliverer(
        sender,
        renderer(ctx, ctx.tz),
        reference_lookup(load_reference, ctx.group.channel_id, ctx.group.tenant_id),
        result_of,
        ConversationLimiter(),
    )
    calendar = CalendarDeliverer(ports.calendar, event_builder(ctx, ctx.tz), result_of)
    documents = ProtocolDocuments(ctx, pdf_renderer(ctx, sealer))
    mail = ProtocolMail(ports.mailer, mail_composer(ctx))
    files = TeamFiles(ctx, ports.files, file_namer(ctx))
    shelf, folder = archive
    packages = ArchivePackages(ctx, shelf, folder, protocol_package)
    return {
        "teams": teams, "calendar": calendar, "documents": documents, "mail": mail, "files": files,
        "archive": packages,
    }  # fmt: skip


def _publication(settings: Settings) -> Publication:
    """Absolute links from BOT_PUBLIC_URL; the PDF into the team's folder only with a drive configured."""
    folder = settings.graph_protocol_folder if settings.graph_drive_id else None
    return Publication(public_url=settings.public_base_url, upload_folder=folder)
