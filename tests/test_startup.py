"""What a started bot has not loaded: the libraries of what it has not yet been asked to do.

WeasyPrint comes with the first PDF, pyHanko with a configured seal, msgraph-sdk and
azure-identity with a configured tenant, Alembic when the database is behind the newest
schema. Each was a large part of the cold start; a module-level import of any of them
anywhere on the way to `serve` fails here.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
from pathlib import Path

import pytest

from bot.groupfile import SAMPLE_PATH
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from tests.support.sdk import SDKS, bot_environment

ROOT = Path(__file__).resolve().parents[1]
NOT_AT_START = (
    "weasyprint", "pyhanko", "pyhanko_certvalidator", "msgraph", "msgraph_core", "kiota_abstractions",
    "kiota_http", "kiota_authentication_azure", "kiota_serialization_json", "azure.identity", "alembic",
)  # fmt: skip

# `python -m bot serve` as it is, but its server stops at the first healthy answer and the
# process then prints the modules it holds.
PROBE = """
import asyncio, json, sys
from aiohttp import ClientSession, web
from bot.__main__ import main

def run_app(app, *, host, port, loop, print=None, **options):
    async def until_healthy():
        runner = web.AppRunner(app, **options)
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        async with ClientSession() as http, http.get(f"http://{host}:{port}/healthz") as response:
            assert response.status == 200, response.status
        sys.stdout.write("\\n" + json.dumps(sorted(sys.modules)) + "\\n")
        await runner.cleanup()
    loop.run_until_complete(until_healthy())

web.run_app = run_app
sys.exit(main(["serve"]))
"""


def loaded(name: str, modules: set[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for module in modules)


def test_the_probe_sees_what_is_loaded() -> None:
    assert loaded("alembic", {"alembic.autogenerate.api"})
    assert loaded("azure.identity", {"azure.identity"})
    assert not loaded("azure.identity", {"azure.core", "azure.identityx"})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def modules_after_start(env: dict[str, str], tmp_path: Path) -> set[str]:
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    engine = make_engine(url)
    try:
        await upgrade(engine)  # as at any start but the first: the database is at the newest schema
    finally:
        await engine.dispose()
    environment = bot_environment() | env
    environment |= {
        "BOT_DATABASE_URL": url, "BOT_LOCAL_FOLDER": str(tmp_path / "var"), "BOT_PORT": str(free_port()),
        "BOT_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", PROBE, cwd=ROOT, env=environment,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(child.communicate(), timeout=120)
    assert child.returncode == 0, err.decode()[-3000:]
    return set(json.loads(out.decode().strip().splitlines()[-1]))


@pytest.mark.parametrize("auth", ["off", "on"], ids=lambda auth: f"authentication {auth}")
@pytest.mark.parametrize("sdk", SDKS)
async def test_serve_starts_without_the_libraries_of_what_it_has_not_done(
    sdk: str, auth: str, tmp_path: Path
) -> None:
    env = {"BOT_SDK": sdk}
    if auth == "on":
        env |= {
            "BOT_APP_ID": "00000000-0000-4000-8000-0000000be7c4", "BOT_APP_PASSWORD": "x",
            "BOT_GROUP_FILE": str(SAMPLE_PATH),
            "BOT_OPENID_METADATA_URL": "http://127.0.0.1:9/none",  # starting must not fetch it
        }  # fmt: skip
    else:
        env["BOT_INSECURE_DEV"] = "1"
    modules = await modules_after_start(env, tmp_path)
    assert loaded("aiohttp", modules) and loaded("sqlalchemy", modules)  # it did start
    assert [name for name in NOT_AT_START if loaded(name, modules)] == []
