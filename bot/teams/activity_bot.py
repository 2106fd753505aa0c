"""The activity handler: turns a Teams message into a `Turn` and sends the `Reply`."""

from __future__ import annotations

import contextlib
import logging
import re
from http import HTTPStatus

from botbuilder.core import ActivityHandler, CardFactory, InvokeResponse, MessageFactory, TurnContext
from botbuilder.schema import Activity, TextFormatTypes

from bot.chat.actions import SHOWS_ONLY, click
from bot.chat.clicks import Click
from bot.chat.conversation import answer
from bot.chat.markup import plain
from bot.chat.turn import Reply, Turn
from bot.services.context import Context
from bot.teams.fence import outside_reason
from bot.teams.invoke import answer_activity, card_response, message_response
from bot.teams.once import Once
from bot.texts import Texts, texts_for

log = logging.getLogger(__name__)

_AT_TAG = re.compile(r"<at[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)
SHARED = ("channel", "groupChat")  # conversations where everyone there reads the bot's answer


def message_text(activity: Activity) -> str:
    """The message without the bot's @mention (Teams puts `<at>Bot</at>` into channel messages)."""
    text = activity.text or ""
    # A malformed mention entity makes botbuilder raise: then the tags are removed below.
    with contextlib.suppress(KeyError, TypeError, AttributeError):
        text = TurnContext.remove_recipient_mention(activity) or ""
    return _AT_TAG.sub(" ", text).replace("&nbsp;", " ").strip()


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

    def _texts(self, activity: Activity) -> Texts:
        return texts_for(self._locale or activity.locale, self._ctx.tz)

    def _outside(self, activity: Activity) -> bool:
        conversation = activity.conversation
        tenants = (
            (conversation.tenant_id, (conversation.additional_properties or {}).get("tenantId"))
            if conversation
            else ()
        )
        reason = outside_reason(
            self._ctx.group,
            activity.channel_id,
            conversation.conversation_type if conversation else None,
            tenants,
            activity.channel_data,
        )
        if reason is not None:
            log.warning(
                "refused %s from outside the group: %s (conversation %s)",
                activity.type,
                reason,
                conversation.id if conversation else None,
            )
        return reason is not None

    def _refuse_outsider(self, texts: Texts) -> str:
        return texts("auth.wrong_tenant", group=plain(self._ctx.group.name))

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        activity = turn_context.activity
        if activity.name != "adaptiveCard/action":
            response = await super().on_invoke_activity(turn_context)
            # botbuilder answers an invoke it has no handler for with 501. The bot takes only card
            # actions (the manifest declares nothing else), so any other is the caller's mistake.
            if response is not None and response.status == HTTPStatus.NOT_IMPLEMENTED:
                log.warning("refused an invoke named %r", activity.name)
                return InvokeResponse(status=HTTPStatus.BAD_REQUEST)
            return response
        response = await self._card_action(activity)
        # Sent here rather than returned for botbuilder to send: botbuilder deep-copies every
        # activity it sends, and this one only ever goes back as the HTTP answer (see `answer_activity`).
        await turn_context.send_activity(answer_activity(response))
        return response

    async def _card_action(self, activity: Activity) -> InvokeResponse:
        texts = self._texts(activity)
        if self._outside(activity):
            return message_response(self._refuse_outsider(texts))
        value = activity.value if isinstance(activity.value, dict) else {}
        action = value.get("action") if isinstance(value.get("action"), dict) else {}
        data = action.get("data") if isinstance(action.get("data"), dict) else {}
        verb = action.get("verb") if isinstance(action.get("verb"), str) else ""
        sender = activity.from_property
        pressed = Click(
            sender.aad_object_id if sender else None, verb, data, texts, sender.id if sender else None
        )
        try:
            if verb not in SHOWS_ONLY and not await self._once.first_delivery(activity):
                log.info("ignored card action %s delivered again (activity %s)", verb, activity.id)
                return message_response(texts("fault.already_received"))
            result = await click(self._ctx, pressed)
        except Exception:  # e.g. the database restarting: nothing was committed, so say "try again"
            log.exception("card action %s failed", verb)
            return message_response(texts("fault.try_again"))
        if result.card is not None:
            return card_response(result.card)
        return message_response(result.message or "")

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        texts = self._texts(activity)
        if self._outside(activity):
            await turn_context.send_activity(self._refuse_outsider(texts))
            return
        if not await self._once.first_delivery(activity):
            # Teams gets its 201; the answer is the first delivery's to send.
            log.info("ignored a message delivered again (activity %s)", activity.id)
            return
        sender = activity.from_property
        turn = Turn(
            actor_id=sender.aad_object_id if sender else None,
            text=message_text(activity),
            texts=texts,
            bot_name=activity.recipient.name
            if activity.recipient and activity.recipient.name
            else "Styrgruppsboten",
            shared=bool(activity.conversation and activity.conversation.conversation_type in SHARED),
        )
        await self._remember(turn_context)
        reply = await answer(self._ctx, turn)
        await turn_context.send_activity(reply_activity(reply))

    async def on_conversation_update_activity(self, turn_context: TurnContext) -> None:
        # The installation in the team tells the bot its service URL: enough to post in the channel.
        if not self._outside(turn_context.activity):
            await self._remember(turn_context)

    async def _remember(self, turn_context: TurnContext) -> None:
        """Keeps where the bot may later speak first: the group's channel and its people's chats."""
        activity = turn_context.activity
        if activity.conversation is None or not activity.conversation.id:
            return
        kind = activity.conversation.conversation_type or "personal"
        person = self._ctx.group.person(
            activity.from_property.aad_object_id if activity.from_property else None
        )
        if kind == "personal" and person is None:
            return
        reference = TurnContext.get_conversation_reference(activity).serialize()
        conversation_id = activity.conversation.id
        if kind == "channel":
            # A message in a channel arrives in its thread ("19:…;messageid=…"); the bot posts to the channel.
            conversation_id = conversation_id.split(";", 1)[0]
            reference["conversation"]["id"] = conversation_id
            reference.pop("activityId", None)
        now = self._ctx.clock.now()
        async with self._ctx.uow() as uow:
            new = await uow.conversations.remember(
                conversation_id,
                kind,
                person.aad_id if kind == "personal" and person else None,
                reference,
                now,
            )
            if new:  # posts that waited for Teams to tell the bot where to send them can go now
                await uow.outbox.wake_teams(now)
            await uow.commit()
