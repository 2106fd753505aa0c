"""The Bot Framework adapter: authentication on whenever an app id is configured."""

from __future__ import annotations

import logging
from datetime import UTC
from types import SimpleNamespace
from typing import Any

from botbuilder.core import MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botframework.connector.auth import ServiceClientCredentialsFactory

from bot.teams.authentication import FailClosedAuthentication
from bot.texts import texts_for

log = logging.getLogger(__name__)


def bot_configuration(app_id: str, app_password: str, app_type: str, tenant_id: str, **extra: Any) -> Any:
    """The attribute bag botbuilder reads (APP_ID, APP_PASSWORD, …); `extra` sets e.g. the OpenID URL."""
    return SimpleNamespace(
        APP_ID=app_id, APP_PASSWORD=app_password, APP_TYPE=app_type, APP_TENANTID=tenant_id, **extra
    )


def make_adapter(
    configuration: Any,
    credentials_factory: ServiceClientCredentialsFactory | None = None,
    connector_timeout: float = 20.0,
) -> CloudAdapter:
    """`credentials_factory` replaces the bot's credentials for outgoing calls (tests: a fixed token)."""
    authentication = ConfigurationBotFrameworkAuthentication(
        configuration, credentials_factory=credentials_factory
    )
    adapter = CloudAdapter(FailClosedAuthentication(authentication, connector_timeout))

    async def on_turn_error(turn_context: TurnContext, error: Exception) -> None:
        # The use case's transaction has been rolled back: say so and ask to try again.
        log.exception("turn failed", exc_info=error)
        texts = texts_for(turn_context.activity.locale, UTC)
        try:
            await turn_context.send_activity(MessageFactory.text(texts("fault.try_again")))
        except Exception:  # the connector itself may be what failed
            log.exception("could not tell the user that the turn failed")

    adapter.on_turn_error = on_turn_error
    return adapter
