"""The Agents SDK's adapter and sender, built from the bot's settings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.agents.adapter import AgentsAdapter
from bot.agents.connection import token_source
from bot.agents.connectors import Connectors
from bot.agents.sender import AgentsSender
from bot.agents.tokens import ISSUER, OPENID_METADATA, TokenCheck
from bot.edge.sdk import Edge
from bot.edge.turns import Turns


def agents_edge(
    app_id: str, app_password: str, app_type: str, tenant_id: str, turns: Turns, *,
    authenticated: bool, connector_timeout: float, openid_metadata_url: str = OPENID_METADATA,
    token_issuer: str = ISSUER, token: Callable[[], Awaitable[str]] | None = None,
) -> Edge:  # fmt: skip
    """`openid_metadata_url` and `token_issuer`: whose tokens the bot takes (tests: a loopback
    issuer); `token` replaces the bot's outgoing token from Entra (tests: a fixed one)."""
    if authenticated and token is None:
        token = token_source(app_id, app_password, app_type, tenant_id)
    connectors = Connectors(token if authenticated else None, connector_timeout)
    tokens = (
        TokenCheck(app_id, metadata_url=openid_metadata_url, issuer=token_issuer) if authenticated else None
    )
    adapter = AgentsAdapter(connectors, tokens, turns)
    return Edge(adapter, AgentsSender(connectors), connectors.aclose)
