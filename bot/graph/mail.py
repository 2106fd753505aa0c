"""Mail from the group's mailbox through Graph's sendMail."""

from __future__ import annotations

import logging

from msgraph import GraphServiceClient
from msgraph.generated.models.attachment import Attachment as GraphAttachment
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.email_address import EmailAddress
from msgraph.generated.models.file_attachment import FileAttachment
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.message import Message
from msgraph.generated.models.recipient import Recipient
from msgraph.generated.users.item.send_mail.send_mail_post_request_body import SendMailPostRequestBody

from bot.graph.errors import delivery_errors
from bot.services.ports import Attachment, DeliveryError, MailMessage

log = logging.getLogger(__name__)

# sendMail takes at most 4 MB per request; attachments travel base64-encoded (4/3 of their
# size), so 3 MB of files is what fits. Larger ones need a draft and an upload session.
MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024


class GraphMailer:
    """Implements the Mailer port with `users/{sender}/sendMail`; a copy is kept in Sent Items.

    Graph has no idempotency for mail: every call that reaches it sends. This adapter is
    deliberately one plain send per call; exactly-once is the outbox's job (one attempt per
    recipient key, and no repeat once the attempt has succeeded). A timeout or a 5xx after
    Graph accepted the message can still mean a duplicate on the outbox's retry: the one case
    no client can rule out.
    """

    def __init__(self, client: GraphServiceClient, sender_mailbox: str) -> None:
        self._send_mail = client.users.by_user_id(sender_mailbox).send_mail
        self._sender = sender_mailbox

    async def send(self, key: str, message: MailMessage) -> None:
        _check(key, message)
        body = SendMailPostRequestBody(message=_message(message), save_to_sent_items=True)
        with delivery_errors(f"send mail {key!r} from {self._sender}"):
            await self._send_mail.post(body)
        log.info("mail %r sent from %s to %d recipients", key, self._sender, len(message.to))


def _check(key: str, message: MailMessage) -> None:
    if not message.to:
        raise DeliveryError(f"mail {key!r} has no recipients")
    size = sum(len(a.content) for a in message.attachments)
    if size > MAX_ATTACHMENT_BYTES:
        raise DeliveryError(
            f"mail {key!r}: attachments of {size} bytes exceed sendMail's {MAX_ATTACHMENT_BYTES}"
        )


def _message(message: MailMessage) -> Message:
    attachments: list[GraphAttachment] = [_file(a) for a in message.attachments]
    return Message(
        subject=message.subject,
        body=ItemBody(content_type=BodyType.Html, content=message.body_html),
        to_recipients=[Recipient(email_address=EmailAddress(address=address)) for address in message.to],
        attachments=attachments or None,
    )


def _file(attachment: Attachment) -> FileAttachment:
    # The SDK base64-encodes content_bytes itself.
    return FileAttachment(
        name=attachment.name, content_type=attachment.content_type, content_bytes=attachment.content
    )
