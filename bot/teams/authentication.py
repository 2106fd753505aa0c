"""botbuilder's authentication, made to fail closed and to stop rebuilding clients on every turn.

Some things in botbuilder 4.17 are wrong for this bot and are corrected here, by wrapping
rather than forking it:

- An expired, forged or malformed token raises whatever the JWT library raised, and the
  CloudAdapter turns only `PermissionError` into 401: the rest became 500. Every failure
  to authenticate is a `PermissionError` here, so the caller always gets 401.
- A token without `exp` was accepted (PyJWT checks an expiry only when there is one, and
  botbuilder does not require it): it would be valid forever. Here it is refused.
- Each turn built a new ConnectorClient (with msrest's costly retry policy) and a
  UserTokenClient the bot never uses (it has no user sign-in). Connectors are cached
  per service URL and audience — they carry only the bot's own credentials — and no
  token client is built.
- msrest's connector waits 100 s and retries inside the call: see `one_attempt`.
- Every activity's token was checked afresh (its RS256 signature the largest single cost of
  an answered vote), though Teams sends the same token for up to an hour. A request whose
  token, channel and service URL all passed before is taken as it was (`KnownTokens`) until
  the token expires.
"""

from __future__ import annotations

import logging
from typing import Any

from botbuilder.schema import Activity
from botframework.connector import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)
from botframework.connector.skills import BotFrameworkClient

from bot.edge.known_tokens import KnownTokens

log = logging.getLogger(__name__)

LEEWAY_SECONDS = 300  # botbuilder's own clock skew allowance for a token's expiry

ANONYMOUS_AUTH_TYPE = AuthenticationConstants.ANONYMOUS_AUTH_TYPE  # authentication off: no token


class CachingConnectorFactory(ConnectorFactory):
    def __init__(
        self, inner: ConnectorFactory, cache: dict[tuple[str, str], ConnectorClient], timeout: float
    ) -> None:
        self._inner, self._cache, self._timeout = inner, cache, timeout

    async def create(self, service_url: str, audience: str) -> ConnectorClient:
        key = (service_url, audience or "")
        client = self._cache.get(key)
        if client is None:
            client = one_attempt(await self._inner.create(service_url, audience), self._timeout)
            self._cache[key] = client
        return client


def one_attempt(client: ConnectorClient, timeout: float) -> ConnectorClient:
    """Each call to the connector is one attempt of at most `timeout` seconds.

    msrest waits 100 s for an answer, and retries card updates (PUT) three times inside the
    call, sleeping out a Retry-After in its thread: a hanging connector held a message far
    past its outbox lease. The outbox is the one place that retries, with backoff, leases
    and Retry-After; a reply in a conversation that fails gets the "try again" message.
    """
    client.config.connection.timeout = timeout
    client.config.retry_policy.retries = 0
    client.config.retry_policy.policy.status_forcelist = None  # a 5xx is answered, not raised as "too many"
    return client


class FailClosedAuthentication(BotFrameworkAuthentication):
    def __init__(self, inner: BotFrameworkAuthentication, connector_timeout: float = 20.0) -> None:
        self._inner = inner
        self._connectors: dict[tuple[str, str], ConnectorClient] = {}
        self._timeout = connector_timeout
        self._known: KnownTokens[tuple[str, Any, Any], AuthenticateRequestResult] = KnownTokens(
            leeway=LEEWAY_SECONDS
        )

    async def authenticate_request(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        # Everything botbuilder's check reads: the token, and the activity's channel and service URL.
        key = (auth_header, activity.channel_id, activity.service_url)
        known = self._known.get(key) if auth_header else None
        if known is not None:
            return known
        result = await self._checked(activity, auth_header)
        identity = result.claims_identity
        if auth_header and identity is not None and identity.authentication_type != ANONYMOUS_AUTH_TYPE:
            self._known.put(key, result, float(identity.claims["exp"]))
        return result

    async def _checked(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        try:
            result = await self._inner.authenticate_request(activity, auth_header)
        except PermissionError:
            raise
        except Exception as error:  # expired, forged, wrong key, unreadable: all mean "not authenticated"
            log.warning("refused a request that did not authenticate: %s: %s", type(error).__name__, error)
            raise PermissionError("the request did not authenticate") from error
        identity = result.claims_identity
        if identity is not None and identity.authentication_type != ANONYMOUS_AUTH_TYPE:
            expires = identity.claims.get("exp")
            if isinstance(expires, bool) or not isinstance(expires, int | float):
                log.warning("refused a token without an expiry (exp)")
                raise PermissionError("the token has no expiry")
        if result.connector_factory is not None:
            result.connector_factory = CachingConnectorFactory(
                result.connector_factory, self._connectors, self._timeout
            )
        return result

    async def authenticate_streaming_request(self, auth_header: str, channel_id_header: str) -> Any:
        return await self._inner.authenticate_streaming_request(auth_header, channel_id_header)

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        return CachingConnectorFactory(
            self._inner.create_connector_factory(claims_identity), self._connectors, self._timeout
        )

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient | None:
        return None  # the bot has no user sign-in (OAuth prompts), so no token client is needed

    def create_bot_framework_client(self) -> BotFrameworkClient:
        return self._inner.create_bot_framework_client()

    def get_originating_audience(self) -> str:
        return self._inner.get_originating_audience()
