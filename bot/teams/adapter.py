"""botbuilder's side of the endpoint: authentication on whenever an app id is configured."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

from aiohttp import web
from botbuilder.core import Bot, MessageFactory, TurnContext, serializer_helper
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botframework.connector.auth import ServiceClientCredentialsFactory
from msrest.exceptions import DeserializationError

from bot.edge.http import Unreadable
from bot.edge.incoming import Incoming
from bot.edge.json_answer import dumps
from bot.edge.turns import Turns
from bot.teams.activity_bot import INCOMING, StyrgruppBot
from bot.teams.activity_reader import read_activity
from bot.teams.authentication import FailClosedAuthentication
from bot.teams.invoke import InvokeAnswer

log = logging.getLogger(__name__)


def bot_configuration(app_id: str, app_password: str, app_type: str, tenant_id: str, **extra: Any) -> Any:
    """The attribute bag botbuilder reads (APP_ID, APP_PASSWORD, …); `extra` sets e.g. the OpenID URL."""
    return SimpleNamespace(
        APP_ID=app_id, APP_PASSWORD=app_password, APP_TYPE=app_type, APP_TENANTID=tenant_id, **extra
    )


class TeamsAdapter(CloudAdapter):
    def __init__(self, authentication: FailClosedAuthentication, bot: Bot) -> None:
        super().__init__(authentication)
        self.bot = bot

    async def answer(self, request: web.Request, body: dict[str, Any], incoming: Incoming) -> web.Response:
        """`CloudAdapter.process` for a POST whose body the endpoint has read already.

        `process` reads the body a second time and deserializes it with msrest's generic
        Deserializer; the endpoint reads it once, and the activity is made from it
        (`read_activity`). This answers as `process` does: 400 for an activity without a type,
        401 for a PermissionError, the invoke response as JSON (written by orjson), else 201.
        """
        try:
            activity = read_activity(body)
        except DeserializationError as error:
            raise Unreadable(str(error)) from error
        bot = self.bot

        async def turn(turn_context: TurnContext) -> None:
            turn_context.turn_state[INCOMING] = incoming
            await bot.on_turn(turn_context)

        try:
            if not activity.type:
                raise web.HTTPBadRequest
            auth_header = request.headers.get("Authorization", "")
            invoke_response = await self.process_activity(auth_header, activity, turn)
            if invoke_response:
                return web.Response(
                    body=dumps(_as_json(invoke_response.body)),
                    status=invoke_response.status,
                    content_type="application/json",
                    charset="utf-8",  # what json_response's text= gives
                )
            return web.Response(status=201)
        except PermissionError as error:
            raise web.HTTPUnauthorized from error


def _as_json(body: object) -> Any:
    # The bot's own card answers know their JSON; botbuilder's (e.g. a 400) go through msrest.
    return body.as_json() if isinstance(body, InvokeAnswer) else serializer_helper(body)


def make_adapter(
    configuration: Any,
    turns: Turns,
    credentials_factory: ServiceClientCredentialsFactory | None = None,
    connector_timeout: float = 20.0,
) -> TeamsAdapter:
    """`credentials_factory` replaces the bot's credentials for outgoing calls (tests: a fixed token)."""
    authentication = ConfigurationBotFrameworkAuthentication(
        configuration, credentials_factory=credentials_factory
    )
    adapter = TeamsAdapter(FailClosedAuthentication(authentication, connector_timeout), StyrgruppBot(turns))

    async def on_turn_error(turn_context: TurnContext, error: Exception) -> None:
        # The use case's transaction has been rolled back: say so and ask to try again.
        log.exception("turn failed", exc_info=error)
        try:
            await turn_context.send_activity(
                MessageFactory.text(turns.try_again(turn_context.activity.locale))
            )
        except Exception:  # the connector itself may be what failed
            log.exception("could not tell the user that the turn failed")

    adapter.on_turn_error = on_turn_error
    return adapter
