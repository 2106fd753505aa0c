"""One GraphServiceClient for the whole bot, built from settings; the only place that picks a credential."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
from azure.identity.aio import ClientSecretCredential, ManagedIdentityCredential
from kiota_authentication_azure.azure_identity_authentication_provider import (
    AzureIdentityAuthenticationProvider,
)
from kiota_http.kiota_client_factory import KiotaClientFactory
from kiota_http.middleware import RetryHandler
from kiota_http.middleware.options import RetryHandlerOption
from msgraph import GraphRequestAdapter, GraphServiceClient
from msgraph.graph_request_adapter import options as GRAPH_OPTIONS
from msgraph_core import GraphClientFactory
from msgraph_core.middleware import GraphTelemetryHandler
from msgraph_core.middleware.options import GraphTelemetryHandlerOption

from bot.graph.errors import retry_after_seconds
from bot.graph.settings import GRAPH_URL, GraphSettings, InlineRetry

if TYPE_CHECKING:
    from azure.core.credentials import TokenCredential
    from azure.core.credentials_async import AsyncTokenCredential

    Credential = TokenCredential | AsyncTokenCredential

SCOPES = ["https://graph.microsoft.com/.default"]

# A call that hangs holds an outbox worker; the outbox repeats a timed-out call anyway.
TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class ShortWaitRetryHandler(RetryHandler):
    """The SDK's retry handler, retrying only when the wait is short (see InlineRetry)."""

    def __init__(self, policy: InlineRetry) -> None:
        # delay=0: the stock option adds a 3 s base delay to every backoff.
        super().__init__(RetryHandlerOption(delay=0.0, max_retries=policy.max_retries))
        self._max_wait = policy.max_wait

    def should_retry(
        self, request: httpx.Request, options: RetryHandlerOption, response: httpx.Response
    ) -> bool:
        wait = retry_after_seconds(response.headers.get("retry-after"))
        if wait is not None and wait > self._max_wait:
            return False
        return super().should_retry(request, options, response)

    def get_delay_time(
        self,
        retry_count: int,
        response: httpx.Response | None = None,
        delay: float = RetryHandlerOption.DEFAULT_DELAY,
    ) -> float:
        return min(super().get_delay_time(retry_count, response, delay), self._max_wait)


class GraphConnection:
    """The client and what it holds open (connections, the credential's session); close it on shutdown."""

    def __init__(self, client: GraphServiceClient, http: httpx.AsyncClient, credential: Credential) -> None:
        self.client = client
        self._http = http
        self._credential = credential

    async def aclose(self) -> None:
        await self._http.aclose()
        close: Any = getattr(self._credential, "close", None)
        if close is not None:
            result = close()
            if hasattr(result, "__await__"):
                await result

    async def __aenter__(self) -> GraphConnection:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


def credential_from(settings: GraphSettings) -> AsyncTokenCredential:
    """The async credentials, so that fetching a token never blocks the bot's event loop."""
    if settings.client_secret and settings.managed_identity:
        raise ValueError("Graph: give a client secret or a managed identity, not both")
    if settings.client_secret:
        return ClientSecretCredential(settings.tenant_id, settings.client_id, settings.client_secret)
    if settings.managed_identity:
        # A user-assigned identity is named by its client id; without one, the system-assigned.
        return ManagedIdentityCredential(client_id=settings.client_id or None)
    raise ValueError("Graph: a client secret or a managed identity is needed")


def connect(settings: GraphSettings, inline_retry: InlineRetry | None = None) -> GraphConnection:
    return connect_with(credential_from(settings), settings.base_url, inline_retry)


def connect_with(
    credential: Credential, base_url: str = GRAPH_URL, inline_retry: InlineRetry | None = None
) -> GraphConnection:
    """A client on `base_url` that authenticates with `credential` (any TokenCredential, e.g. a test's)."""
    host = urlsplit(base_url).hostname or ""
    auth = AzureIdentityAuthenticationProvider(credential, scopes=SCOPES, allowed_hosts=[host])
    http = _http_client(inline_retry or InlineRetry())
    adapter = GraphRequestAdapter(auth, client=http)
    adapter.base_url = base_url.rstrip("/")
    return GraphConnection(GraphServiceClient(request_adapter=adapter), http, credential)


def _http_client(inline_retry: InlineRetry) -> httpx.AsyncClient:
    """The pipeline GraphRequestAdapter would build, with its retry handler swapped for ours."""
    middleware = [
        ShortWaitRetryHandler(inline_retry) if isinstance(handler, RetryHandler) else handler
        for handler in KiotaClientFactory.get_default_middleware(GRAPH_OPTIONS)
    ]
    middleware.append(GraphTelemetryHandler(GRAPH_OPTIONS[GraphTelemetryHandlerOption.get_key()]))
    client = httpx.AsyncClient(timeout=TIMEOUT, http2=True)
    return GraphClientFactory.create_with_custom_middleware(middleware, client=client)
