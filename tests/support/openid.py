"""An OpenID issuer on loopback for the real JWT validation path, and tokens it signs.

botbuilder fetches the metadata with blocking `requests`, so the server runs in a thread
of its own, never on the bot's event loop. The bot's outgoing token in tests is a fixed one,
for either SDK: `FixedTokenFactory` for botbuilder, `fixed_outgoing_token` for the Agents SDK.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from botframework.connector.auth import ServiceClientCredentialsFactory
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from msrest.authentication import Authentication

ISSUER = "https://api.botframework.com"
KEY_ID = "test-key"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Issuer:
    url: str = ""
    key: rsa.RSAPrivateKey = field(default_factory=_key)

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def token(
        self, audience: str, service_url: str, *, key: rsa.RSAPrivateKey | None = None, **claims: Any
    ) -> str:
        now = int(time.time())
        payload = {
            "iss": ISSUER,
            "aud": audience,
            "serviceurl": service_url,
            "nbf": now - 60,
            "exp": now + 600,
        }
        payload.update(claims)
        payload = {name: value for name, value in payload.items() if value is not None}  # None: left out
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": KEY_ID})

    def documents(self) -> dict[str, bytes]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update(kid=KEY_ID, use="sig", endorsements=["msteams"])
        metadata = {
            "issuer": ISSUER,
            "jwks_uri": f"{self.url}/keys",
            "id_token_signing_alg_values_supported": ["RS256"],
        }
        return {
            "/.well-known/openid-configuration": json.dumps(metadata).encode(),
            "/keys": json.dumps({"keys": [jwk]}).encode(),
        }


@contextmanager
def running_issuer() -> Iterator[Issuer]:
    issuer = Issuer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = issuer.documents().get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body or b"{}")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    issuer.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield issuer
    finally:
        server.shutdown()
        server.server_close()


OUTGOING_TOKEN = "outgoing-test-token"


async def fixed_outgoing_token() -> str:
    return OUTGOING_TOKEN


class FixedToken(Authentication):
    """The bot's outgoing credentials in tests: a fixed bearer token instead of a call to Entra."""

    def signed_session(self, session: Any = None) -> Any:
        session = super().signed_session(session)
        session.headers["Authorization"] = f"Bearer {OUTGOING_TOKEN}"
        return session


class FixedTokenFactory(ServiceClientCredentialsFactory):
    def __init__(self, app_id: str) -> None:
        self.app_id = app_id

    async def is_valid_app_id(self, app_id: str) -> bool:
        return app_id == self.app_id

    async def is_authentication_disabled(self) -> bool:
        return False

    async def create_credentials(
        self, app_id: str, oauth_scope: str, login_endpoint: str, validate_authority: bool
    ) -> Any:
        return FixedToken()
