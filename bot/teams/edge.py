"""botbuilder's adapter and sender, built from the bot's settings."""

from __future__ import annotations

from typing import Any

from bot.edge.sdk import Edge
from bot.edge.turns import Turns
from bot.teams.adapter import bot_configuration, make_adapter
from bot.teams.sender import BotbuilderSender


def botbuilder_edge(
    app_id: str, app_password: str, app_type: str, tenant_id: str, turns: Turns, *,
    authenticated: bool, connector_timeout: float, openid_metadata_url: str, token_issuer: str,
    credentials_factory: Any = None,
) -> Edge:  # fmt: skip
    """`openid_metadata_url` and `token_issuer`: whose tokens the bot takes; `credentials_factory`
    replaces the bot's outgoing credentials (tests: a fixed token)."""
    # Given to botbuilder only with authentication on: it then checks tokens even without an app id.
    issuer = (
        {
            "TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL": openid_metadata_url,
            "TO_BOT_FROM_CHANNEL_TOKEN_ISSUER": token_issuer,
        }
        if authenticated
        else {}
    )
    configuration = bot_configuration(
        app_id,
        app_password,
        # botbuilder's single-tenant factory insists on an app id; with none, auth is off anyway.
        app_type if authenticated else "MultiTenant",
        tenant_id,
        **issuer,
    )
    adapter = make_adapter(configuration, turns, credentials_factory, connector_timeout)
    return Edge(adapter, BotbuilderSender(adapter, app_id))
