"""How the bot calls Graph, as plain values: no SDK is imported for them (see `delivery`)."""

from __future__ import annotations

from dataclasses import dataclass, field

GRAPH_URL = "https://graph.microsoft.com/v1.0"


@dataclass(frozen=True)
class GraphSettings:
    """The app registration the bot calls Graph as: a client secret, or else a managed identity."""

    tenant_id: str
    client_id: str
    client_secret: str = field(default="", repr=False)  # never in a log line
    managed_identity: bool = False
    base_url: str = GRAPH_URL  # tests point this at a loopback fake


@dataclass(frozen=True)
class InlineRetry:
    """How much the SDK may retry within one delivery attempt before the outbox takes over.

    The outbox already retries with the server's Retry-After and keeps the schedule in the
    database, so the SDK's own handler (three retries, each sleeping as long as the server
    asks, uncapped) would only multiply the waits while holding a worker. It stays in the
    pipeline for one cheap thing: a blip that the server says will pass within `max_wait`
    seconds is retried in place. Anything longer comes back at once as RetryLater, carrying
    the server's Retry-After for the outbox.
    """

    max_retries: int = 1
    max_wait: float = 2.0
