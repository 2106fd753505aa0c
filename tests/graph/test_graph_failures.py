"""What the outbox hears when Graph fails: RetryLater (with Graph's wait) or DeliveryError, nothing else."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from azure.core.exceptions import ClientAuthenticationError
from msgraph import GraphServiceClient

from bot.graph.calendar import GraphCalendar
from bot.graph.client import GraphSettings, InlineRetry, connect_with, credential_from
from bot.graph.errors import retry_after_seconds
from bot.graph.files import GraphFiles
from bot.graph.mail import GraphMailer
from bot.services.ports.delivery import Address, DeliveryError, MailMessage, RetryLater
from tests.graph.test_graph_adapters import DRIVE, GROUP_MAILBOX, a_meeting
from tests.support.fake_graph import (
    CANCEL_EVENT,
    CREATE_EVENT,
    FAST_INLINE_RETRY,
    PERMANENT_DELETE,
    SEND_MESSAGE,
    UPDATE_EVENT,
    FakeGraph,
)

A_MAIL = MailMessage(
    to=(Address("registrator@alingsas.se"),), subject="Kallelse", body_html="<p>Välkomna</p>"
)


async def test_throttling_comes_back_at_once_with_graphs_retry_after(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    graph.fail_next(SEND_MESSAGE, 429, times=5, retry_after="7")

    with pytest.raises(RetryLater) as caught:
        await GraphMailer(client, GROUP_MAILBOX).send("notice:alingsas", A_MAIL)

    assert caught.value.retry_after == 7
    assert len(graph.calls(SEND_MESSAGE)) == 1, "a long wait is the outbox's, not slept in place"
    assert graph.mails == []


async def test_a_blip_that_passes_at_once_is_retried_in_place(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    graph.fail_next(CREATE_EVENT, 503, retry_after="0")

    event_id = await GraphCalendar(client, GROUP_MAILBOX).create_event("meeting-7", a_meeting())

    assert len(graph.calls(CREATE_EVENT)) == 2
    assert list(graph.events) == [event_id]


async def test_an_outage_that_outlasts_the_inline_retry_is_retry_later(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    graph.fail_next(SEND_MESSAGE, 503, times=2)

    with pytest.raises(RetryLater) as caught:
        await GraphMailer(client, GROUP_MAILBOX).send("notice:alingsas", A_MAIL)

    assert caught.value.retry_after is None
    assert len(graph.calls(SEND_MESSAGE)) == 2


async def test_the_sdk_retries_nothing_when_told_not_to(graph: FakeGraph, credential: Any) -> None:
    graph.fail_next(SEND_MESSAGE, 503, retry_after="0")

    async with connect_with(credential, graph.base_url, InlineRetry(max_retries=0)) as connection:
        with pytest.raises(RetryLater):
            await GraphMailer(connection.client, GROUP_MAILBOX).send("k", A_MAIL)

    assert len(graph.calls(SEND_MESSAGE)) == 1


@pytest.mark.parametrize("status", [500, 502, 504, 412, 401])
async def test_server_trouble_and_a_stale_item_are_retry_later(
    client: GraphServiceClient, graph: FakeGraph, status: int
) -> None:
    calendar = GraphCalendar(client, GROUP_MAILBOX)
    event_id = await calendar.create_event("meeting-7", a_meeting())
    graph.fail_next(UPDATE_EVENT, status, times=2)

    with pytest.raises(RetryLater):
        await calendar.update_event(event_id, a_meeting(subject="Nytt ämne"))


@pytest.mark.parametrize("status", [400, 403, 404])
async def test_a_refused_request_is_a_delivery_error_for_good(
    client: GraphServiceClient, graph: FakeGraph, status: int
) -> None:
    graph.fail_next(CANCEL_EVENT, status)

    with pytest.raises(DeliveryError) as caught:
        await GraphCalendar(client, GROUP_MAILBOX).cancel_event("AAMkAD-event-1", "Inställt")

    assert not isinstance(caught.value, RetryLater)
    assert f"HTTP {status}" in str(caught.value)


async def test_cancelling_an_unknown_event_is_a_delivery_error(client: GraphServiceClient) -> None:
    with pytest.raises(DeliveryError) as caught:
        await GraphCalendar(client, GROUP_MAILBOX).cancel_event("no-such-event", "Inställt")

    assert not isinstance(caught.value, RetryLater)


async def test_a_failed_delete_other_than_not_found_is_reported(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    etag = graph.add_file(DRIVE, "01RECORDING").etag
    graph.fail_next(PERMANENT_DELETE, 423)  # locked: someone has the file open

    with pytest.raises(RetryLater):
        await GraphFiles(client, DRIVE).delete_for_good(DRIVE, "01RECORDING", etag)
    assert (DRIVE, "01RECORDING") in graph.files


async def test_graph_out_of_reach_is_retry_later(credential: Any) -> None:
    async with FakeGraph.running() as gone:
        base_url = gone.base_url
    async with connect_with(credential, base_url, FAST_INLINE_RETRY) as connection:
        with pytest.raises(RetryLater, match="ConnectError"):
            await GraphMailer(connection.client, GROUP_MAILBOX).send("k", A_MAIL)


class RefusingCredential:
    def get_token(self, *scopes: str, **options: Any) -> Any:
        raise ClientAuthenticationError("AADSTS7000215: Invalid client secret provided.")


@pytest.fixture
async def unauthenticated(graph: FakeGraph) -> AsyncIterator[GraphServiceClient]:
    async with connect_with(RefusingCredential(), graph.base_url, FAST_INLINE_RETRY) as connection:
        yield connection.client


async def test_no_token_is_retry_later_and_nothing_is_sent(
    unauthenticated: GraphServiceClient, graph: FakeGraph
) -> None:
    with pytest.raises(RetryLater, match="no token"):
        await GraphMailer(unauthenticated, GROUP_MAILBOX).send("k", A_MAIL)
    assert graph.requests == []


def test_retry_after_is_read_as_seconds_or_as_a_date() -> None:
    now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert retry_after_seconds("7", now) == 7
    assert retry_after_seconds("Fri, 27 Nov 2026 10:00:30 GMT", now) == 30
    assert retry_after_seconds("Fri, 27 Nov 2026 09:59:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_the_credential_is_a_secret_or_a_managed_identity_never_both_nor_none() -> None:
    secret = credential_from(GraphSettings("tenant", "client", client_secret="s3cret"))
    identity = credential_from(GraphSettings("tenant", "client", managed_identity=True))
    assert type(secret).__name__ == "ClientSecretCredential"
    assert type(identity).__name__ == "ManagedIdentityCredential"
    with pytest.raises(ValueError, match="not both"):
        credential_from(GraphSettings("t", "c", client_secret="s", managed_identity=True))
    with pytest.raises(ValueError, match="is needed"):
        credential_from(GraphSettings("t", "c"))
