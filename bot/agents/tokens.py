"""The Bot Framework's token on each activity, checked as strictly as the botbuilder adapter does.

The Agents SDK 1.9's own check (`JwtTokenValidator`, `jwt_authorization_middleware`) is not
used, because for this bot it is too lenient and cannot be pointed elsewhere:

- a token without `exp` passes (PyJWT checks an expiry only when there is one): valid forever;
- the issuer is checked only when `VALIDATE_ISSUER` is set, and the token's `serviceurl`
  is not held against the activity's service URL (a valid token for one conversation
  service could then send the bot to post anywhere);
- the signing keys come from fixed Microsoft URLs, fetched with blocking calls in a thread,
  so the check cannot run against a loopback issuer in tests;
- the keys' `endorsements` (the channels a key may sign for) are not read.

Here: the OpenID metadata and its keys are fetched with aiohttp and kept a day (sooner when a
token names a key not yet known, at most once in five minutes); the token must be RS256,
signed by one of those keys endorsed for the activity's channel, of the Bot Framework's
issuer, for the bot's app id, carry `exp` and be within it (five minutes of leeway, as
botbuilder), and name the activity's service URL. Any failure is a `PermissionError`.

A token that passed is remembered until it expires (`KnownTokens`), with the key that signed
it: the next activity with the same token is checked only for what depends on it (the key
still published and endorsed for its channel, its service URL), not its signature again.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import jwt
from aiohttp import ClientSession, ClientTimeout

from bot.edge.known_tokens import KnownTokens

log = logging.getLogger(__name__)

OPENID_METADATA = "https://login.botframework.com/v1/.well-known/openidconfiguration"
ISSUER = "https://api.botframework.com"
KEYS_KEPT_SECONDS = 24 * 3600
REFETCH_AT_MOST_EVERY_SECONDS = 300
LEEWAY_SECONDS = 300


class TokenCheck:
    def __init__(
        self, app_id: str, *, metadata_url: str = OPENID_METADATA, issuer: str = ISSUER, timeout: float = 10.0
    ) -> None:
        self._app_id, self._metadata_url, self._issuer = app_id, metadata_url, issuer
        self._timeout = timeout
        self._keys: dict[str, dict[str, Any]] = {}
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()
        self._known: KnownTokens[str, tuple[dict[str, Any], str]] = KnownTokens(leeway=LEEWAY_SECONDS)

    async def claims(self, authorization: str, *, channel_id: Any, service_url: Any) -> dict[str, Any]:
        """The token's claims when it is valid for this activity; else `PermissionError`."""
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise PermissionError("no bearer token")
        known = self._known.get(token)
        if known is not None and known[1] in self._keys:
            claims, kid = known
        else:
            claims, kid = await self._checked(token)
            self._known.put(token, (claims, kid), float(claims["exp"]))
        endorsements = self._keys[kid].get("endorsements")
        if isinstance(endorsements, list) and channel_id not in endorsements:
            log.warning("refused a token whose key is not endorsed for channel %r", channel_id)
            raise PermissionError("the signing key is not endorsed for this channel")
        if claims.get("serviceurl") != service_url:
            log.warning("refused a token for another service URL")
            raise PermissionError("the token is for another service URL")
        return claims

    async def _checked(self, token: str) -> tuple[dict[str, Any], str]:
        """The claims of a token whose signature, issuer, audience and expiry hold, and its key's id."""
        try:
            header = jwt.get_unverified_header(token)
            kid = header.get("kid")
            key = await self._key(kid)
            claims = jwt.decode(
                token,
                key=jwt.PyJWK(key).key,
                algorithms=["RS256"],
                audience=self._app_id,
                issuer=self._issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except PermissionError:
            raise
        except Exception as error:  # expired, forged, wrong key, unreadable: all mean "not authenticated"
            log.warning("refused a request that did not authenticate: %s: %s", type(error).__name__, error)
            raise PermissionError("the request did not authenticate") from error
        return claims, kid

    async def _key(self, kid: Any) -> dict[str, Any]:
        if not isinstance(kid, str):
            raise PermissionError("the token names no key")
        now = time.monotonic()
        stale = now - self._fetched_at > KEYS_KEPT_SECONDS
        unknown = kid not in self._keys and now - self._fetched_at > REFETCH_AT_MOST_EVERY_SECONDS
        if stale or unknown:
            async with self._lock:
                if time.monotonic() - self._fetched_at > REFETCH_AT_MOST_EVERY_SECONDS or not self._keys:
                    self._keys = await self._fetch()
                    self._fetched_at = time.monotonic()
        key = self._keys.get(kid)
        if key is None:
            raise PermissionError("the token names a key the issuer does not publish")
        return key

    async def _fetch(self) -> dict[str, dict[str, Any]]:
        async with ClientSession(timeout=ClientTimeout(total=self._timeout)) as http:
            async with http.get(self._metadata_url) as response:
                response.raise_for_status()
                metadata = json.loads(await response.read())
            async with http.get(metadata["jwks_uri"]) as response:
                response.raise_for_status()
                keys = json.loads(await response.read())
        return {key["kid"]: key for key in keys.get("keys", []) if isinstance(key.get("kid"), str)}
