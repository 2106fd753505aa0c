"""Mail from the group's mailbox: a draft that carries the outbox key, then that draft sent."""

from __future__ import annotations

import logging

from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph import GraphServiceClient
from msgraph.generated.models.attachment import Attachment as GraphAttachment
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.email_address import EmailAddress
from msgraph.generated.models.file_attachment import FileAttachment
from msgraph.generated.models.internet_message_header import InternetMessageHeader
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.message import Message
from msgraph.generated.models.recipient import Recipient
from msgraph.generated.models.single_value_legacy_extended_property import (
    SingleValueLegacyExtendedProperty,
)
from msgraph.generated.users.item.messages.messages_request_builder import MessagesRequestBuilder

from bot.graph.calendar import KEY_PROPERTY
from bot.graph.errors import delivery_errors
from bot.graph.identity import AUTO_SUBMITTED, message_id
from bot.services.ports.delivery import Address, Attachment, DeliveryError, MailMessage

log = logging.getLogger(__name__)

# A request to Graph takes at most 4 MB; attachments travel base64-encoded (4/3 of their
# size), so 3 MB of files is what fits. Larger ones need an upload session.
MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024

ListQuery = MessagesRequestBuilder.MessagesRequestBuilderGetQueryParameters

# Graph takes only x- headers in internetMessageHeaders. Auto-Submitted is asked for as the
# internet header Exchange keeps in its PS_INTERNET_HEADERS namespace; Exchange Online has been
# reported to drop it on the way out all the same (microsoftgraph/msgraph-sdk-dotnet#2209),
# so X-Auto-Response-Suppress, which Exchange itself honours, keeps its auto-replies away too.
AUTO_SUBMITTED_PROPERTY = "String {00020386-0000-0000-C000-000000000046} Name Auto-Submitted"
SUPPRESS_AUTO_REPLIES = InternetMessageHeader(name="X-Auto-Response-Suppress", value="All")


class GraphMailer:
    """Implements the Mailer port on `users/{sender}/messages`; the sent copy stays in Sent Items.

    sendMail cannot be repeated safely: every call that reaches Graph sends, and a process killed
    while Graph answers cannot tell whether it did. So each mail is first made a draft carrying
    the outbox key in an extended property, and then that draft is sent. Before anything, the key
    is looked up in the whole mailbox: a message that is no longer a draft was sent (by an earlier
    attempt whose answer was lost) and is not sent again; a draft left by an attempt cut short
    is sent as it is, rather than made anew.
    """

    def __init__(self, client: GraphServiceClient, sender_mailbox: str, domain: str | None = None) -> None:
        self._messages = client.users.by_user_id(sender_mailbox).messages
        self._sender = sender_mailbox
        self._domain = domain  # the public host's, for the Message-ID; None: Exchange makes one

    async def send(self, key: str, message: MailMessage) -> None:
        _check(key, message)
        found = await self._find(key)
        if found is not None and found.is_draft is False:
            log.info("mail %r was already sent from %s; not sent again", key, self._sender)
            return
        draft_id = found.id if found is not None else await self._draft(key, message)
        with delivery_errors(f"send mail {key!r} from {self._sender}"):
            await self._messages.by_message_id(str(draft_id)).send.post()
        log.info("mail %r sent from %s to %d recipients", key, self._sender, len(message.to))

    async def _draft(self, key: str, message: MailMessage) -> str:
        body = _message(message, self._sender)
        # The key stays in the mailbox (a named property of the bot's own); no header carries it.
        body.single_value_extended_properties = [
            SingleValueLegacyExtendedProperty(id=KEY_PROPERTY, value=key),
            SingleValueLegacyExtendedProperty(id=AUTO_SUBMITTED_PROPERTY, value=AUTO_SUBMITTED),
        ]
        body.internet_message_headers = [SUPPRESS_AUTO_REPLIES]
        if self._domain:
            body.internet_message_id = message_id(key, self._domain)
        with delivery_errors(f"create mail {key!r} in {self._sender}"):
            created = await self._messages.post(body)
        if created is None or not created.id:
            raise DeliveryError(f"create mail {key!r}: Graph answered without an id")
        return created.id

    async def _find(self, key: str) -> Message | None:
        """The message made for `key`, in any folder (Drafts, Sent Items, wherever a person moved it)."""
        quoted = key.replace("'", "''")  # an OData string literal doubles its quotes
        match = f"ep/id eq '{KEY_PROPERTY}' and ep/value eq '{quoted}'"
        query = ListQuery(
            filter=f"singleValueExtendedProperties/Any(ep: {match})", select=["id", "isDraft"], top=10
        )
        with delivery_errors(f"look up mail {key!r} in {self._sender}"):
            found = await self._messages.get(RequestConfiguration(query_parameters=query))
        messages = (found.value if found else None) or []
        # A sent one wins over a stray draft: that a copy went out is what matters.
        return next((m for m in messages if m.is_draft is False), messages[0] if messages else None)


def _check(key: str, message: MailMessage) -> None:
    if not message.to:
        raise DeliveryError(f"mail {key!r} has no recipients")
    size = sum(len(a.content) for a in message.attachments)
    if size > MAX_ATTACHMENT_BYTES:
        raise DeliveryError(
            f"mail {key!r}: attachments of {size} bytes exceed the {MAX_ATTACHMENT_BYTES} one request takes"
        )


def _message(message: MailMessage, sender: str) -> Message:
    attachments: list[GraphAttachment] = [_file(a) for a in message.attachments]
    return Message(
        subject=message.subject,
        body=ItemBody(content_type=BodyType.Html, content=message.body_html),
        from_=_recipient(Address(sender, message.sender_name)) if message.sender_name else None,
        to_recipients=[_recipient(who) for who in message.to],
        attachments=attachments or None,
    )


def _recipient(who: Address) -> Recipient:
    return Recipient(email_address=EmailAddress(address=who.address, name=who.name or None))


def _file(attachment: Attachment) -> FileAttachment:
    # The SDK base64-encodes content_bytes itself.
    return FileAttachment(
        name=attachment.name, content_type=attachment.content_type, content_bytes=attachment.content
    )
