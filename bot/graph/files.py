"""Files in the team's document library (a SharePoint drive) through Graph."""

from __future__ import annotations

import base64
from urllib.parse import quote

from kiota_abstractions.api_error import APIError
from msgraph import GraphServiceClient

from bot.graph.errors import delivery_errors
from bot.services.ports import DeliveryError

# Graph's simple upload (one PUT) is documented for files up to 250 MB, but a single request that
# large fails often and cannot resume; the bot's protocols are small, so stay well below and
# leave large files to an upload session, should they ever be needed.
MAX_SIMPLE_UPLOAD_BYTES = 4 * 1024 * 1024


class GraphFiles:
    """Implements the Files port on one drive, e.g. the team's channel folder's drive."""

    def __init__(self, client: GraphServiceClient, drive_id: str) -> None:
        self._client = client
        self._drive_id = drive_id

    async def upload(self, folder: str, name: str, content: bytes, content_type: str) -> str:
        """Puts `name` into the folder whose drive item id is `folder`; returns the file's web URL.

        Small files only (under 4 MB, one PUT); bigger ones are refused with DeliveryError.
        A file of the same name is replaced, so repeating an upload is harmless. Graph takes
        the type from the name's extension: `content_type` is not sent.
        """
        if len(content) >= MAX_SIMPLE_UPLOAD_BYTES:
            raise DeliveryError(f"upload {name!r}: {len(content)} bytes, simple upload takes under 4 MB")
        # Path-based addressing: the builders would percent-encode the ':' and '/' it needs.
        url = (
            f"{self._client.request_adapter.base_url}/drives/{_segment(self._drive_id)}"
            f"/items/{_segment(folder)}:/{_segment(name)}:/content"
        )
        content_builder = self._client.drives.by_drive_id(self._drive_id).items.by_drive_item_id(folder)
        with delivery_errors(f"upload {name!r} to drive {self._drive_id}"):
            item = await content_builder.content.with_url(url).put(content)
        if item is None or not item.web_url:
            raise DeliveryError(f"upload {name!r}: Graph answered without a web URL")
        return item.web_url

    async def delete(self, drive_id: str, item_id: str) -> None:
        """Moves the item to the site's recycle bin; an item already gone counts as deleted."""
        item = self._client.drives.by_drive_id(drive_id).items.by_drive_item_id(item_id)
        with delivery_errors(f"delete item {item_id} in drive {drive_id}"):
            try:
                await item.delete()
            except APIError as error:
                if error.response_status_code != 404:
                    raise

    async def delete_link(self, link: str) -> None:
        """Finds the item a sharing link or web address points to (`shares/{id}/driveItem`) and deletes it.

        A recording's link is what the secretary can copy in Teams; its drive and item ids are
        not. A link that no longer leads anywhere counts as deleted, like a 404 on the item.
        """
        share = self._client.shares.by_shared_drive_item_id(share_id(link)).drive_item
        with delivery_errors(f"resolve the link {link!r}"):
            try:
                item = await share.get()
            except APIError as error:
                if error.response_status_code == 404:
                    return
                raise
        drive_id = item.parent_reference.drive_id if item and item.parent_reference else None
        if item is None or not item.id or not drive_id:
            raise DeliveryError(f"the link {link!r} does not lead to a drive item")
        await self.delete(drive_id, item.id)


def share_id(link: str) -> str:
    """Graph's encoding of a sharing URL: "u!" and the URL in unpadded base64url."""
    encoded = base64.urlsafe_b64encode(link.encode("utf-8")).decode("ascii").rstrip("=")
    return f"u!{encoded}"


def _segment(text: str) -> str:
    if not text or "/" in text or ":" in text:
        raise DeliveryError(f"not usable in a drive path: {text!r}")
    return quote(text, safe="!")
