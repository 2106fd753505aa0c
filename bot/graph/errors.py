"""Every failure of a Graph call becomes one of the two delivery errors the outbox understands."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
from azure.core.exceptions import AzureError
from kiota_abstractions.api_error import APIError
from kiota_http._exceptions import KiotaHTTPXError  # not re-exported by kiota_http

from bot.services.ports.delivery import DeliveryError, RetryLater

# 401: the token was refused (expired, revoked, not yet valid); a fresh token on the next attempt
# usually cures it. 408/423/429: wait and repeat. 412: someone changed the item meanwhile.
_TRANSIENT = frozenset({401, 408, 412, 423, 429})


def is_transient(status: int) -> bool:
    return status in _TRANSIENT or status >= 500


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """The wait a Retry-After header asks for: delta-seconds or an HTTP date; None if absent or garbled."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@contextmanager
def delivery_errors(action: str) -> Iterator[None]:
    """Translates what the SDK, httpx and azure-identity raise, so that none of their types escape."""
    try:
        yield
    except APIError as error:
        raise from_status(action, error.response_status_code, error.response_headers, error) from error
    except httpx.TransportError as error:  # timeouts, refused or dropped connections
        raise RetryLater(f"{action}: {type(error).__name__}: {error}") from error
    except AzureError as error:
        # The token could not be had. The fault is the bot's credentials or Entra ID, not the
        # message: once an operator has mended the secret or the identity, waiting deliveries go out.
        raise RetryLater(f"{action}: no token from Entra ID: {error}") from error
    except KiotaHTTPXError as error:
        # The request may have gone through (e.g. an unreadable success body): repeating could
        # duplicate it, so a person has to look.
        raise DeliveryError(f"{action}: {error}") from error


def from_status(
    action: str, status: int | None, headers: Mapping[str, str] | None, error: BaseException
) -> DeliveryError:
    message = f"{action}: HTTP {status}: {_graph_message(error)}"
    if status is None or is_transient(status):
        wait = retry_after_seconds(_header(headers, "retry-after"))
        return RetryLater(message, wait)
    return DeliveryError(message)


def _graph_message(error: BaseException) -> str:
    if isinstance(error, APIError):
        return error.primary_message or type(error).__name__
    return str(error)


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if headers is None:
        return None
    # httpx.Headers ignores case already; a plain dict does not.
    return next((value for key, value in headers.items() if key.lower() == name), None)
