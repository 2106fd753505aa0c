"""The Microsoft 365 Agents SDK's side of the endpoint: the token checked, the turn run, the answer.

The endpoint (`bot.edge.http`) has read the body once; this makes the SDK's `Activity` of it
(pydantic), checks the token (`bot.agents.tokens`) when authentication is on, and runs the
turn through the SDK's `CloudAdapter.process_activity`, its turn context and its connector
clients (`bot.agents.connectors`). It answers as the botbuilder adapter does: 401 for a bad
token, the invoke's answer as JSON, else 201.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from aiohttp import web
from microsoft_agents.activity import Activity, ActivityTypes
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.authorization import ClaimsIdentity
from pydantic import ValidationError

from bot.agents.agent import ANSWER, INCOMING, StyrgruppAgent
from bot.agents.connectors import Connectors
from bot.agents.tokens import TokenCheck
from bot.edge.http import Unreadable
from bot.edge.incoming import Incoming
from bot.edge.json_answer import dumps
from bot.edge.turns import Turns

log = logging.getLogger(__name__)


_FREE_FORM = ("value", "channelData", "attachments")  # the sender's own JSON, not the SDK's typed fields


def _without_empty_strings(data: Any, top: bool = True) -> Any:
    if isinstance(data, dict):
        return {
            key: value if top and key in _FREE_FORM else _without_empty_strings(value, False)
            for key, value in data.items()
            if value != ""
        }
    if isinstance(data, list):
        return [_without_empty_strings(item, False) for item in data]
    return data


def _activity(body: dict[str, Any]) -> Activity:
    """The SDK's activity read from the body.

    The SDK's model refuses an empty string wherever it wants an id or a name, where botbuilder
    read it as given; Teams never sends one there, and the fence refuses, in words, an activity
    whose tenant is empty. So where the model refuses, it reads the body again with such empty
    strings left out, as unsaid; what it still refuses is unreadable.
    """
    try:
        return Activity.model_validate(body)
    except ValidationError:
        pass
    try:
        return Activity.model_validate(_without_empty_strings(body))
    except ValidationError as error:
        first = error.errors()[0]
        raise Unreadable(
            f"{error.error_count()} error(s), first at {first['loc']}: {first['msg']}"
        ) from error


class AgentsAdapter(CloudAdapter):
    def __init__(self, connectors: Connectors, tokens: TokenCheck | None, turns: Turns) -> None:
        super().__init__(channel_service_client_factory=connectors)
        self.connectors = connectors
        self._tokens = tokens  # None: authentication off (no app id configured)
        self._agent = StyrgruppAgent(turns)

        async def on_turn_error(context: TurnContext, error: Exception) -> None:
            # The use case's transaction has been rolled back: say so and ask to try again.
            log.exception("turn failed", exc_info=error)
            try:
                await context.send_activity(turns.try_again(context.activity.locale))
            except Exception:  # the connector itself may be what failed
                log.exception("could not tell the user that the turn failed")

        self.on_turn_error = on_turn_error

    async def answer(self, request: web.Request, body: dict[str, Any], incoming: Incoming) -> web.Response:
        activity = _activity(body)
        identity = ClaimsIdentity()  # anonymous: authentication is off
        if self._tokens is not None:
            try:
                claims = await self._tokens.claims(
                    request.headers.get("Authorization", ""),
                    channel_id=incoming.channel_id,
                    service_url=body.get("serviceUrl"),
                )
            except PermissionError as error:
                raise web.HTTPUnauthorized from error
            identity = ClaimsIdentity(claims, authentication_type="Bearer")

        answered: dict[str, tuple[int, object]] = {}

        async def turn(context: TurnContext) -> None:
            context.turn_state[INCOMING] = incoming
            await self._agent.on_turn(context)
            if ANSWER in context.turn_state:
                answered[ANSWER] = context.turn_state[ANSWER]

        await self.process_activity(identity, activity, turn)
        if activity.type != ActivityTypes.invoke:
            return web.Response(status=201)
        # No answer: the turn failed (and its person was told), as botbuilder answers then.
        status, body = answered.get(ANSWER, (HTTPStatus.NOT_IMPLEMENTED, None))
        if body is None:
            return web.Response(status=status)
        return web.Response(body=dumps(body), status=status, content_type="application/json", charset="utf-8")
