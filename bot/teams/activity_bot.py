"""The activity handler: turns a Teams message into a `Turn` and sends the `Reply`."""

from __future__ import annotations

import contextlib
import logging
import re

from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
from botbuilder.schema import Activity, TextFormatTypes

from bot.chat.conversation import answer
from bot.chat.markup import plain
from bot.chat.turn import Turn
from bot.services.context import Context
from bot.teams.fence import outside_reason
from bot.texts import texts_for

log = logging.getLogger(__name__)

_AT_TAG = re.compile(r"<at[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)


def message_text(activity: Activity) -> str:
    """The message without the bot's @mention (Teams puts `<at>Bot</at>` into channel messages)."""
    text = activity.text or ""
    # A malformed mention entity makes botbuilder raise: then the tags are removed below.
    with contextlib.suppress(KeyError, TypeError, AttributeError):
        text = TurnContext.remove_recipient_mention(activity) or ""
    return _AT_TAG.sub(" ", text).replace("&nbsp;", " ").strip()


class StyrgruppBot(ActivityHandler):
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        texts = texts_for(activity.locale, self._ctx.tz)
        conversation = activity.conversation
        reason = outside_reason(
            self._ctx.group, conversation.conversation_type if conversation else None, activity.channel_data
        )
        if reason is not None:
            log.warning(
                "refused activity from outside the group: %s (conversation %s)",
                reason,
                conversation.id if conversation else None,
            )
            await turn_context.send_activity(texts("auth.wrong_tenant", group=plain(self._ctx.group.name)))
            return
        sender = activity.from_property
        turn = Turn(
            actor_id=sender.aad_object_id if sender else None,
            text=message_text(activity),
            texts=texts,
            bot_name=activity.recipient.name
            if activity.recipient and activity.recipient.name
            else "Styrgruppsboten",
        )
        await self._remember(turn_context)
        reply = await answer(self._ctx, turn)
        message = MessageFactory.text(reply.text)
        message.text_format = TextFormatTypes.markdown
        await turn_context.send_activity(message)

    async def _remember(self, turn_context: TurnContext) -> None:
        """Keeps where the bot may later speak first: the group's channel and its people's chats."""
        activity = turn_context.activity
        kind = activity.conversation.conversation_type or "personal"
        person = self._ctx.group.person(
            activity.from_property.aad_object_id if activity.from_property else None
        )
        if kind == "personal" and person is None:
            return
        reference = TurnContext.get_conversation_reference(activity).serialize()
        async with self._ctx.uow() as uow:
            await uow.conversations.remember(
                activity.conversation.id,
                kind,
                person.aad_id if kind == "personal" and person else None,
                reference,
                self._ctx.clock.now(),
            )
            await uow.commit()
