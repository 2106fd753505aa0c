"""What the bot does with each activity, whichever SDK carried it in.

A Teams message becomes a `Turn` and its `Reply`, a card action a `Click` and its answer
(a card, or words), an installation a conversation remembered. Each SDK's adapter reads the
activity into an `Incoming`, calls these and sends what they return in its own types.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from bot.chat.actions import RECORDS_ITS_DELIVERY, SHOWS_ONLY, click
from bot.chat.clicks import Click
from bot.chat.conversation import answer
from bot.chat.markup import plain
from bot.chat.turn import Reply, Turn
from bot.edge.fence import outside_reason
from bot.edge.incoming import Incoming
from bot.services.activities import DeliveredAgain, Once
from bot.services.context import Context
from bot.services.conversations import remember_conversation
from bot.texts import Texts, texts_for

log = logging.getLogger(__name__)

CARD_ACTION = "adaptiveCard/action"  # the only invoke the bot takes (the manifest declares no other)
CARD = "application/vnd.microsoft.card.adaptive"
MESSAGE = "application/vnd.microsoft.activity.message"


@dataclass(frozen=True)
class CardAnswer:
    """The answer to a card action: a card that replaces the one pressed, or a message in words."""

    card: dict[str, Any] | None = None
    message: str = ""

    @property
    def kind(self) -> str:
        return CARD if self.card is not None else MESSAGE

    @property
    def value(self) -> Any:
        return self.card if self.card is not None else self.message

    def as_json(self) -> dict[str, Any]:
        """The invoke response's body, as Teams reads it."""
        return {"statusCode": 200, "type": self.kind, "value": self.value}


class Turns:
    def __init__(self, ctx: Context, locale: str | None = None) -> None:
        self._ctx = ctx
        self._locale = locale  # this language whatever the client says (the Playground always says en-US)
        self._once = Once(ctx)

    def texts(self, locale: str | None) -> Texts:
        return texts_for(self._locale or locale, self._ctx.tz)

    def try_again(self, locale: str | None) -> str:
        """What a person is told when their turn failed and nothing of it was kept."""
        return self.texts(locale)("fault.try_again")

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

    async def card_action(self, incoming: Incoming) -> CardAnswer:
        texts = self.texts(incoming.locale)
        if self._outside(incoming):
            return CardAnswer(message=self._refuse_outsider(texts))
        verb = incoming.verb
        delivery = None
        if verb in RECORDS_ITS_DELIVERY and incoming.conversation_id and incoming.id:
            delivery = (incoming.conversation_id, incoming.id)
        pressed = Click(incoming.actor_id, verb, incoming.data, texts, incoming.channel_user_id, delivery)
        try:
            recorded_here = verb not in SHOWS_ONLY and delivery is None
            if recorded_here and not await self._once.first_delivery(incoming.conversation_id, incoming.id):
                raise DeliveredAgain
            result = await click(self._ctx, pressed)
        except DeliveredAgain:
            log.info("ignored card action %s delivered again (activity %s)", verb, incoming.id)
            return CardAnswer(message=texts("fault.already_received"))
        except Exception:  # e.g. the database restarting: nothing was committed, so say "try again"
            log.exception("card action %s failed", verb)
            return CardAnswer(message=texts("fault.try_again"))
        if result.card is not None:
            return CardAnswer(card=result.card)
        return CardAnswer(message=result.message or "")

    async def message(self, incoming: Incoming) -> Reply | None:
        """The reply to a message; None when a message delivered again has been answered already."""
        texts = self.texts(incoming.locale)
        if self._outside(incoming):
            return Reply(self._refuse_outsider(texts))
        if not await self._once.first_delivery(incoming.conversation_id, incoming.id):
            # Teams gets its 201; the answer is the first delivery's to send.
            log.info("ignored a message delivered again (activity %s)", incoming.id)
            return None
        turn = Turn(
            actor_id=incoming.actor_id,
            text=incoming.text,
            texts=texts,
            bot_name=incoming.bot_name,
            shared=incoming.shared,
        )
        await self._remember(incoming)
        return await answer(self._ctx, turn)

    async def conversation_update(self, incoming: Incoming) -> None:
        # The installation in the team tells the bot its service URL: enough to post in the channel.
        if not self._outside(incoming):
            await self._remember(incoming)

    async def _remember(self, incoming: Incoming) -> None:
        """Keeps where the bot may later speak first: the group's channel and its people's chats."""
        if incoming.reference is not None:
            conversation_id, reference = incoming.reference
            await remember_conversation(
                self._ctx, conversation_id, incoming.kind, incoming.actor_id, reference
            )
