"""The Agents SDK's connector clients, one per service URL for the life of the process.

The SDK's `RestChannelServiceClientFactory` builds a new `ConnectorClient`, and with it a new
aiohttp session and its connection pool, on every turn, and closes it at the turn's end; it
also builds a user-token client for OAuth sign-in the bot never uses. Here each service URL
has one client, its session waits at most `timeout` seconds for the connector (the outbox is
the one place that retries), its bearer token is the current one from the token source (the
MSAL provider keeps it until it expires), and the turn's close leaves it open.

The token is asked for as each request leaves, not as the SDK makes the client at the start
of every turn: a card action is answered in its HTTP response and never calls the connector,
so it neither waits on Entra nor fails when Entra is out of reach.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import ClientHandlerType, ClientRequest, ClientResponse, ClientSession, ClientTimeout
from microsoft_agents.hosting.core import ChannelServiceClientFactoryBase, TurnContext
from microsoft_agents.hosting.core.authorization import ClaimsIdentity
from microsoft_agents.hosting.core.connector.client import ConnectorClient

BOT_FRAMEWORK = "https://api.botframework.com"
SCOPES = [f"{BOT_FRAMEWORK}/.default"]

Token = Callable[[], Awaitable[str]]  # the bot's current bearer token for the connector


class _KeptConnector(ConnectorClient):
    async def close(self) -> None:
        """The adapter closes the connector at each turn's end; this one is kept for the next."""

    async def really_close(self) -> None:
        await self.client.close()


class _NoUserTokens:
    """Stands where the SDK puts its user-token client: the bot has no user sign-in."""

    async def close(self) -> None:
        return None


# The SDK's connector logs every answer but 2xx at ERROR, a 429 it will be asked to retry
# included. The outbox logs each failed delivery itself, with what it means (a transient one at
# WARNING, one given up on at ERROR), and a failed reply in a conversation is logged as the turn's.
SDK_CONNECTOR_LOG = "microsoft_agents.hosting.core.connector"


class Connectors(ChannelServiceClientFactoryBase):
    def __init__(self, token: Token | None, timeout: float) -> None:
        self._token, self._timeout = token, timeout
        self._clients: dict[str, _KeptConnector] = {}
        logging.getLogger(SDK_CONNECTOR_LOG).setLevel(logging.CRITICAL)

    async def connector(self, service_url: str) -> ConnectorClient:
        endpoint = service_url if service_url.endswith("/") else f"{service_url}/"
        client = self._clients.get(endpoint)
        if client is None:
            session = ClientSession(
                base_url=endpoint,
                timeout=ClientTimeout(total=self._timeout),
                middlewares=() if self._token is None else (self._signed,),
            )
            client = self._clients[endpoint] = _KeptConnector(endpoint, "", session=session)
        return client

    async def _signed(self, request: ClientRequest, handler: ClientHandlerType) -> ClientResponse:
        assert self._token is not None
        try:
            token = await self._token()
        except Exception as error:  # Entra out of reach: the outbox tries again later
            raise ConnectionError(f"no token for the connector: {error}") from error
        request.headers["Authorization"] = f"Bearer {token}"
        return await handler(request)

    async def create_connector_client(
        self,
        context: TurnContext | None,
        claims_identity: ClaimsIdentity,
        service_url: str,
        audience: str,
        scopes: list[str] | None = None,
        use_anonymous: bool = False,
    ) -> ConnectorClient:
        return await self.connector(service_url)

    async def create_user_token_client(
        self, context: TurnContext, claims_identity: ClaimsIdentity, use_anonymous: bool = False
    ) -> Any:
        return _NoUserTokens()

    async def aclose(self) -> None:
        for client in self._clients.values():
            await client.really_close()
        self._clients.clear()
