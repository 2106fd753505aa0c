"""Files through Graph: the protocol into the team's drive, the recording found and deleted for good."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

from kiota_abstractions.api_error import APIError
from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph import GraphServiceClient
from msgraph.generated.drives.item.items.item.drive_item_item_request_builder import (
    DriveItemItemRequestBuilder,
)
from msgraph.generated.models.drive_item import DriveItem

from bot.domain.recording import DeletionOutcome, DriveFile, RecordingFile
from bot.graph.errors import delivery_errors
from bot.services.ports.delivery import DeliveryError

# Graph's simple upload (one PUT) is documented for files up to 250 MB, but a single request that
# large fails often and cannot resume; the bot's protocols are small, so stay well below and
# leave large files to an upload session, should they ever be needed.
MAX_SIMPLE_UPLOAD_BYTES = 4 * 1024 * 1024
RECORDINGS_FOLDER = "Recordings"  # Teams' folder in the organizer's OneDrive


class GraphFiles:
    """Implements the Files port: uploads to one drive (the team's), recordings in it or the mailbox's."""

    def __init__(self, client: GraphServiceClient, drive_id: str, mailbox: str = "") -> None:
        self._client = client
        self._drive_id = drive_id
        self._mailbox = mailbox
        self._mailbox_drive: str | None = None  # read once: a user's drive id does not change

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

    async def find(self, given: RecordingFile) -> DriveFile | None:
        """The item a sharing link or web address (`shares/{id}/driveItem`) or its ids lead to.

        A recording's link is what the secretary can copy in Teams; its drive and item ids are not.
        """
        if given.link:
            request = self._client.shares.by_shared_drive_item_id(share_id(given.link)).drive_item
            action = f"resolve the link {given.link!r}"
        else:
            request = self._item(str(given.drive_id), str(given.item_id))
            action = f"read item {given.item_id} in drive {given.drive_id}"
        with delivery_errors(action):
            try:
                item = await request.get()
            except APIError as error:
                if error.response_status_code == 404:
                    return None
                raise
        return _drive_file(item) if item is not None else None

    async def recording_drives(self) -> frozenset[str]:
        """The team's drive, and the group mailbox's OneDrive (the organizer's recordings)."""
        if self._mailbox_drive is None and self._mailbox:
            with delivery_errors(f"read the OneDrive of {self._mailbox}"):
                try:
                    drive = await self._client.users.by_user_id(self._mailbox).drive.get()
                except APIError as error:
                    if error.response_status_code != 404:  # 404: no OneDrive (yet): asked again next time
                        raise
                    drive = None
            self._mailbox_drive = drive.id if drive and drive.id else None
        return frozenset(d for d in (self._drive_id, self._mailbox_drive) if d)

    async def meeting_recordings(self) -> tuple[DriveFile, ...]:
        """`drives/{the mailbox's OneDrive}/root:/Recordings:/children`: where Teams puts the
        recordings of the meetings the mailbox organizes."""
        drive_id = self._mailbox_drive or next(iter((await self.recording_drives()) - {self._drive_id}), None)
        if drive_id is None:
            return ()
        url = (
            f"{self._client.request_adapter.base_url}/drives/{_segment(drive_id)}"
            f"/root:/{RECORDINGS_FOLDER}:/children"
        )
        children = self._client.drives.by_drive_id(drive_id).items.by_drive_item_id("root").children
        found: list[DriveFile] = []
        with delivery_errors(f"list the Recordings folder of {self._mailbox}"):
            try:
                page = await children.with_url(url).get()
                while page is not None:
                    found.extend(f for item in page.value or [] if (f := _drive_file(item)) is not None)
                    next_link = page.odata_next_link
                    page = await children.with_url(next_link).get() if next_link else None
            except APIError as error:
                if error.response_status_code == 404:  # no recording made yet: no folder
                    return ()
                raise
        return tuple(found)

    async def delete_for_good(self, drive_id: str, item_id: str, etag: str) -> DeletionOutcome:
        """`permanentDelete` (not to the recycle bin, where it would stay recoverable for 93 days).

        The eTag is compared twice: on a fresh read, and by `If-Match` on the delete itself, so a
        file replaced or edited after the secretary confirmed it is never deleted.
        """
        current = await self.find(RecordingFile(None, drive_id, item_id))
        if current is None:
            return DeletionOutcome.NOT_FOUND
        if current.etag != etag:
            return DeletionOutcome.CHANGED
        config: RequestConfiguration[Any] = RequestConfiguration()
        config.headers.add("If-Match", etag)
        with delivery_errors(f"delete item {item_id} in drive {drive_id} for good"):
            try:
                await self._item(drive_id, item_id).permanent_delete.post(config)
            except APIError as error:
                if error.response_status_code in _OUTCOME_OF_STATUS:
                    return _OUTCOME_OF_STATUS[error.response_status_code]
                raise
        return DeletionOutcome.DELETED

    def _item(self, drive_id: str, item_id: str) -> DriveItemItemRequestBuilder:
        return self._client.drives.by_drive_id(drive_id).items.by_drive_item_id(item_id)


_OUTCOME_OF_STATUS = {404: DeletionOutcome.NOT_FOUND, 412: DeletionOutcome.CHANGED}


def _drive_file(item: DriveItem) -> DriveFile | None:
    drive_id = item.parent_reference.drive_id if item.parent_reference else None
    if not (item.id and drive_id and item.created_date_time):
        return None  # not a drive item Graph could delete
    mime_type = (item.file.mime_type if item.file else None) or ""
    return DriveFile(
        drive_id=drive_id,
        item_id=item.id,
        name=item.name or item.id,
        size=item.size or 0,
        created_at=item.created_date_time,
        etag=item.e_tag or "",
        is_file=item.file is not None and item.folder is None,
        is_video=item.video is not None or mime_type.startswith("video/"),
    )


def share_id(link: str) -> str:
    """Graph's encoding of a sharing URL: "u!" and the URL in unpadded base64url."""
    encoded = base64.urlsafe_b64encode(link.encode("utf-8")).decode("ascii").rstrip("=")
    return f"u!{encoded}"


def _segment(text: str) -> str:
    if not text or "/" in text or ":" in text:
        raise DeliveryError(f"not usable in a drive path: {text!r}")
    return quote(text, safe="!")
