"""The bot as the Agents SDK's `Agent`: runs the bot's turns (`bot.edge.turns`) and sends what they
return as the SDK's activities."""

from __future__ import annotations

import logging
from http import HTTPStatus

from microsoft_agents.activity import Activity, ActivityTypes, TextFormatTypes
from microsoft_agents.hosting.core import CardFactory, MessageFactory, TurnContext

from bot.chat.turn import Reply
from bot.edge.incoming import Incoming
from bot.edge.turns import CARD_ACTION, Turns

log = logging.getLogger(__name__)

INCOMING = "styrgrupp.incoming"  # the turn state's key for the activity as the endpoint read it
# The turn state's key for an invoke's answer (status, JSON body), which the adapter writes as
# the HTTP answer. Not sent as an invokeResponse activity: the SDK deep-copies every activity it
# sends, the whole card with it, and this one never leaves the process.
ANSWER = "styrgrupp.invoke_answer"


def reply_activity(reply: Reply) -> Activity:
    """A card when there is one (its text as the notification summary), else Markdown text."""
    if reply.card is not None:
        message = MessageFactory.attachment(CardFactory.adaptive_card(reply.card))
        message.summary = reply.text
        return message
    message = MessageFactory.text(reply.text)
    message.text_format = TextFormatTypes.markdown
    return message


class StyrgruppAgent:
    """The SDK's `Agent` protocol: one `on_turn` for every activity."""

    def __init__(self, turns: Turns) -> None:
        self._turns = turns

    async def on_turn(self, context: TurnContext) -> None:
        incoming: Incoming = context.turn_state[INCOMING]
        if incoming.type == ActivityTypes.message:
            reply = await self._turns.message(incoming)
            if reply is not None:
                await context.send_activity(reply_activity(reply))
        elif incoming.type == ActivityTypes.invoke:
            if incoming.name != CARD_ACTION:
                # The bot takes only card actions (the manifest declares nothing else).
                log.warning("refused an invoke named %r", incoming.name)
                context.turn_state[ANSWER] = (HTTPStatus.BAD_REQUEST, None)
                return
            answer = await self._turns.card_action(incoming)
            context.turn_state[ANSWER] = (HTTPStatus.OK, answer.as_json())
        elif incoming.type == ActivityTypes.conversation_update:
            await self._turns.conversation_update(incoming)
