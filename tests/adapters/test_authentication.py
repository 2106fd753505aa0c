"""Authentication on: the real JWT validation path, offline, against a loopback OpenID issuer."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from bot.app import Overrides, create_app, server_options
from bot.domain.group import Group
from bot.groupfile import SAMPLE_PATH
from bot.settings import Settings
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from tests.support.activities import personal_message
from tests.support.clock import FixedClock
from tests.support.connector import FakeConnector
from tests.support.openid import FixedTokenFactory, Issuer, fixed_outgoing_token, running_issuer
from tests.support.people import person

APP_ID = "11111111-2222-4333-8444-555555555555"


@pytest.fixture(scope="module")
def issuer() -> Iterator[Issuer]:
    with running_issuer() as running:
        yield running


class Secured:
    def __init__(self, url: str, connector: FakeConnector, http: ClientSession, group: Group) -> None:
        self.url, self.connector, self.http, self.group = url, connector, http, group

    def activity(self, text: str = "hjälp") -> dict[str, Any]:
        return personal_message(
            self.group, self.connector.url, person(self.group, "Marika Lyman").aad_id, text
        )

    async def post(self, activity: dict[str, Any], token: str | None) -> int:
        return (await self.post_raw(json.dumps(activity).encode(), token))[0]

    async def post_raw(self, body: bytes, token: str | None) -> tuple[int, str]:
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        async with self.http.post(self.url, data=body, headers=headers) as response:
            return response.status, await response.text()


@pytest.fixture
async def secured(issuer: Issuer, group: Group, tmp_path: Path, clock: FixedClock) -> AsyncIterator[Secured]:
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    engine = make_engine(url)
    await upgrade(engine)
    await engine.dispose()
    settings = Settings(  # type: ignore[call-arg]
        app_id=APP_ID, app_password="not-used", group_file=SAMPLE_PATH, database_url=url,
        local_folder=tmp_path / "var", openid_metadata_url=issuer.metadata_url, _env_file=None,
    )  # fmt: skip
    overrides = Overrides(
        clock=clock,
        run_scheduler=False,
        credentials_factory=FixedTokenFactory(APP_ID),
        outgoing_token=fixed_outgoing_token,
    )
    connector = FakeConnector()
    connector.server = TestServer(connector.app(), host="127.0.0.1")
    await connector.server.start_server()
    server = TestServer(create_app(settings, group, overrides), host="127.0.0.1")
    await server.start_server(**server_options(settings))
    try:
        async with ClientSession() as http:
            yield Secured(str(server.make_url("/api/messages")), connector, http, group)
    finally:
        await server.close()
        await connector.server.close()


async def test_a_valid_token_is_accepted_and_the_reply_carries_the_bots_credentials(
    secured: Secured, issuer: Issuer
) -> None:
    activity = secured.activity()
    assert await secured.post(activity, issuer.token(APP_ID, secured.connector.url)) in (200, 201)
    [reply] = secured.connector.sent
    assert "Det här kan du be mig om" in reply.activity["text"]
    assert reply.headers["Authorization"] == "Bearer outgoing-test-token"


async def test_a_token_accepted_once_is_taken_again_but_only_for_its_own_service_url(
    secured: Secured, issuer: Issuer
) -> None:
    token = issuer.token(APP_ID, secured.connector.url)
    assert await secured.post(secured.activity(), token) in (200, 201)
    assert await secured.post(secured.activity("hjälp igen"), token) in (200, 201)
    assert len(secured.connector.sent) == 2
    elsewhere = {**secured.activity(), "serviceUrl": "https://evil.example/"}
    assert await secured.post(elsewhere, token) == 401  # remembered, yet checked against each activity
    assert len(secured.connector.sent) == 2


@pytest.mark.parametrize(
    "how",
    [
        "missing",
        "wrong audience",
        "wrong service url",
        "expired",
        "no expiry",
        "forged",
        "wrong issuer",
        "garbage",
        "not bearer",
    ],
)
async def test_anything_but_a_valid_token_gets_401_and_no_answer(
    secured: Secured, issuer: Issuer, how: str
) -> None:
    url = secured.connector.url
    tokens: dict[str, str | None] = {
        "missing": None,
        "wrong audience": issuer.token("someone-else", url),
        "wrong service url": issuer.token(APP_ID, "https://evil.example/"),
        "expired": issuer.token(APP_ID, url, exp=1_000_000_000, nbf=999_999_000),
        "no expiry": issuer.token(APP_ID, url, exp=None),
        "forged": issuer.token(APP_ID, url, key=Issuer().key),
        "wrong issuer": issuer.token(APP_ID, url, iss="https://evil.example"),
        "garbage": "not.a.jwt",
        "not bearer": "",
    }
    status = await secured.post(secured.activity(), tokens[how])
    assert status == 401
    assert secured.connector.sent == []


BAD_BODIES = {
    "5000 digits": b'{"type": "message", "value": ' + b"7" * 5000 + b"}",
    "nested 100000": b'{"type": "message", "value": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "no JSON": b'{"type": "message"',
    "no activity": b'{"type": "message"}',
}


@pytest.mark.parametrize("bad", sorted(BAD_BODIES))
async def test_a_body_the_bot_cannot_read_is_a_400_with_a_token_and_a_401_without(
    secured: Secured, issuer: Issuer, bad: str
) -> None:
    token = issuer.token(APP_ID, secured.connector.url)
    status, answer = await secured.post_raw(BAD_BODIES[bad], token)
    assert status == 400 and json.loads(answer)["error"]
    # Without a token nothing of the body is read, so nothing of it is told either.
    for no_token in (None, ""):
        assert await secured.post_raw(BAD_BODIES[bad], no_token) == (401, "401: Unauthorized")
    assert secured.connector.sent == []
