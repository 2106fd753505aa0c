"""botbuilder's activity handler: runs the bot's turns (`bot.edge.turns`) and sends what they
return as botbuilder activities."""

from __future__ import annotations

import logging
from http import HTTPStatus

from botbuilder.core import ActivityHandler, CardFactory, InvokeResponse, MessageFactory, TurnContext
from botbuilder.schema import Activity, TextFormatTypes

from bot.chat.turn import Reply
from bot.edge.incoming import Incoming
from bot.edge.turns import CARD_ACTION, CardAnswer, Turns
from bot.teams.invoke import InvokeAnswer, answer_activity

log = logging.getLogger(__name__)

INCOMING = "styrgrupp.incoming"  # the turn state's key for the activity as the endpoint read it


def reply_activity(reply: Reply) -> Activity:
    """A card when there is one (its text as the notification summary), else Markdown text."""
    if reply.card is not None:
        message = MessageFactory.attachment(CardFactory.adaptive_card(reply.card))
        message.summary = reply.text
        return message
    message = MessageFactory.text(reply.text)
    message.text_format = TextFormatTypes.markdown
    return message


def invoke_response(answer: CardAnswer) -> InvokeResponse:
    return InvokeResponse(status=200, body=InvokeAnswer(answer.kind, answer.value))


class StyrgruppBot(ActivityHandler):
    def __init__(self, turns: Turns) -> None:
        self._turns = turns

    @staticmethod
    def _incoming(turn_context: TurnContext) -> Incoming:
        return turn_context.turn_state[INCOMING]

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        incoming = self._incoming(turn_context)
        if incoming.name != CARD_ACTION:
            response = await super().on_invoke_activity(turn_context)
            # botbuilder answers an invoke it has no handler for with 501. The bot takes only card
            # actions (the manifest declares nothing else), so any other is the caller's mistake.
            if response is not None and response.status == HTTPStatus.NOT_IMPLEMENTED:
                log.warning("refused an invoke named %r", incoming.name)
                return InvokeResponse(status=HTTPStatus.BAD_REQUEST)
            return response
        response = invoke_response(await self._turns.card_action(incoming))
        # Sent here rather than returned for botbuilder to send: botbuilder deep-copies every
        # activity it sends, and this one only ever goes back as the HTTP answer (see `answer_activity`).
        await turn_context.send_activity(answer_activity(response))
        return response

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        reply = await self._turns.message(self._incoming(turn_context))
        if reply is not None:
            await turn_context.send_activity(reply_activity(reply))

    async def on_conversation_update_activity(self, turn_context: TurnContext) -> None:
        await self._turns.conversation_update(self._incoming(turn_context))
