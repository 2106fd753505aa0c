"""Files in the team's document library (a SharePoint drive) through Graph."""

from __future__ import annotations

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


def _segment(text: str) -> str:
    if not text or "/" in text or ":" in text:
        raise DeliveryError(f"not usable in a drive path: {text!r}")
    return quote(text, safe="!")
