"""The activity handler: reads each activity once (`incoming`), turns a Teams message into a
`Turn` and a card action into a `Click`, and sends the `Reply`."""

from __future__ import annotations

import logging
from http import HTTPStatus

from botbuilder.core import ActivityHandler, CardFactory, InvokeResponse, MessageFactory, TurnContext
from botbuilder.schema import Activity, TextFormatTypes

from bot.chat.actions import SHOWS_ONLY, click
from bot.chat.clicks import Click
from bot.chat.conversation import answer
from bot.chat.markup import plain
from bot.chat.turn import Reply, Turn
from bot.services.activities import Once
from bot.services.context import Context
from bot.services.conversations import remember_conversation
from bot.teams.fence import outside_reason
from bot.teams.incoming import Incoming, read_incoming
from bot.teams.invoke import answer_activity, card_response, message_response
from bot.texts import Texts, texts_for

log = logging.getLogger(__name__)


def reply_activity(reply: Reply) -> Activity:
    """A card when there is one (its text as the notification summary), else Markdown text."""
    if reply.card is not None:
        message = MessageFactory.attachment(CardFactory.adaptive_card(reply.card))
        message.summary = reply.text
        return message
    message = MessageFactory.text(reply.text)
    message.text_format = TextFormatTypes.markdown
    return message


class StyrgruppBot(ActivityHandler):
    def __init__(self, ctx: Context, locale: str | None = None) -> None:
        self._ctx = ctx
        self._locale = locale  # this language whatever the client says (the Playground always says en-US)
        self._once = Once(ctx)

    def _texts(self, incoming: Incoming) -> Texts:
        return texts_for(self._locale or incoming.locale, self._ctx.tz)

    def _outside(self, incoming: Incoming) -> bool:
        reason = outside_reason(
            self._ctx.group,
            incoming.channel_id,
            incoming.conversation_type,
            incoming.tenants,
            incoming.channel_data,
        )
        if reason is not None:
            log.warning(
                "refused %s from outside the group: %s (conversation %s)",
                incoming.type,
                reason,
                incoming.conversation_id,
            )
        return reason is not None

    def _refuse_outsider(self, texts: Texts) -> str:
        return texts("auth.wrong_tenant", group=plain(self._ctx.group.name))

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        incoming = read_incoming(turn_context.activity)
        if incoming.name != "adaptiveCard/action":
            response = await super().on_invoke_activity(turn_context)
            # botbuilder answers an invoke it has no handler for with 501. The bot takes only card
            # actions (the manifest declares nothing else), so any other is the caller's mistake.
            if response is not None and response.status == HTTPStatus.NOT_IMPLEMENTED:
                log.warning("refused an invoke named %r", incoming.name)
                return InvokeResponse(status=HTTPStatus.BAD_REQUEST)
            return response
        response = await self._card_action(incoming)
        # Sent here rather than returned for botbuilder to send: botbuilder deep-copies every
        # activity it sends, and this one only ever goes back as the HTTP answer (see `answer_activity`).
        await turn_context.send_activity(answer_activity(response))
        return response

    async def _card_action(self, incoming: Incoming) -> InvokeResponse:
        texts = self._texts(incoming)
        if self._outside(incoming):
            return message_response(self._refuse_outsider(texts))
        verb = incoming.verb
        pressed = Click(incoming.actor_id, verb, incoming.data, texts, incoming.channel_user_id)
        try:
            if verb not in SHOWS_ONLY and not await self._once.first_delivery(
                incoming.conversation_id, incoming.id
            ):
                log.info("ignored card action %s delivered again (activity %s)", verb, incoming.id)
                return message_response(texts("fault.already_received"))
            result = await click(self._ctx, pressed)
        except Exception:  # e.g. the database restarting: nothing was committed, so say "try again"
            log.exception("card action %s failed", verb)
            return message_response(texts("fault.try_again"))
        if result.card is not None:
            return card_response(result.card)
        return message_response(result.message or "")

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        incoming = read_incoming(turn_context.activity)
        texts = self._texts(incoming)
        if self._outside(incoming):
            await turn_context.send_activity(self._refuse_outsider(texts))
            return
        if not await self._once.first_delivery(incoming.conversation_id, incoming.id):
            # Teams gets its 201; the answer is the first delivery's to send.
            log.info("ignored a message delivered again (activity %s)", incoming.id)
            return
        turn = Turn(
            actor_id=incoming.actor_id,
            text=incoming.text,
            texts=texts,
            bot_name=incoming.bot_name,
            shared=incoming.shared,
        )
        await self._remember(incoming)
        reply = await answer(self._ctx, turn)
        await turn_context.send_activity(reply_activity(reply))

    async def on_conversation_update_activity(self, turn_context: TurnContext) -> None:
        # The installation in the team tells the bot its service URL: enough to post in the channel.
        incoming = read_incoming(turn_context.activity)
        if not self._outside(incoming):
            await self._remember(incoming)

    async def _remember(self, incoming: Incoming) -> None:
        """Keeps where the bot may later speak first: the group's channel and its people's chats."""
        if incoming.reference is not None:
            conversation_id, reference = incoming.reference
            await remember_conversation(
                self._ctx, conversation_id, incoming.kind, incoming.actor_id, reference
            )
