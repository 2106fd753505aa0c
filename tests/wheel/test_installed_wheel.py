"""The bot as a wheel installs it: built, installed outside the checkout, served, and a card comes back.

Marked `wheel` (about a minute: most of it pip installing the lock into a fresh environment,
from pip's cache once it has run). It proves that what is installed, not the checkout, holds
everything the served bot reads: the card templates, the migrations, the sample group file,
and the Teams app package's template and icons for `styrgrupp-bot manifest`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from bot.domain.group import Group
from bot.tooling.manifest_schema import SCHEMA_DIR_VARIABLE, schema_dir
from tests.support.activities import personal_message
from tests.support.connector import FakeConnector
from tests.support.people import person
from tests.support.served import serving

pytestmark = pytest.mark.wheel

ROOT = Path(__file__).resolve().parents[2]
ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"


def _run(*command: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{command}: {result.stdout}\n{result.stderr}"
    return result.stdout


def _env(**extra: str) -> dict[str, str]:
    """The machine's environment without the bot's settings, and nothing that points at the checkout."""
    drop = ("BOT_", "PYTHON", "VIRTUAL_ENV")
    return {k: v for k, v in os.environ.items() if not k.startswith(drop)} | extra


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (so the build leaves nothing in the checkout)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "bot", source / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", dist, source, cwd=source)  # fmt: skip
    return next(dist.glob("styrgrupp_bot-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment outside the checkout: the bot's lock, then the wheel alone."""
    venv = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", venv, cwd=venv)
    # No byte-compiling: msgraph-sdk alone has thousands of modules the test never imports.
    pip = (
        venv / "bin" / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-compile",
    )
    _run(*pip, "--no-deps", "-r", ROOT / "requirements.lock", cwd=venv)
    _run(*pip, "--no-deps", wheel, cwd=venv)
    return venv


def test_the_wheel_carries_the_cards_the_migrations_the_sample_and_the_app_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "bot/cards/templates/vote.json",
        "bot/cards/templates/item_form.json",
        "bot/storage/migrations/versions/0001_initial.py",
        "bot/samples/group.yaml",
        "bot/documents/templates/protocol.html.j2",
        "bot/tooling/teams_app/manifest.template.json",
        "bot/tooling/teams_app/color.png",
        "bot/tooling/teams_app/outline.png",
    } <= names


def test_the_installed_package_is_the_one_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    where = _run(installed / "bin" / "python", "-c", "import bot; print(bot.__file__)", cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(installed), where
    assert not Path(where.strip()).is_relative_to(ROOT), where


@pytest.fixture
async def served(installed: Path, tmp_path: Path) -> AsyncIterator[str]:
    """`styrgrupp-bot serve` as installed, started in a directory of its own."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _env(BOT_DATABASE_URL=f"sqlite+aiosqlite:///{elsewhere}/bot.db")
    async with serving([installed / "bin" / "styrgrupp-bot"], elsewhere, env) as base:
        yield base


async def test_the_installed_bot_answers_with_a_card(served: str, group: Group) -> None:
    connector = FakeConnector()
    connector.server = TestServer(connector.app(), host="127.0.0.1")
    await connector.server.start_server()
    try:
        member = person(group, "Marika Lyman").aad_id
        activity = personal_message(group, connector.url, member, "övrig fråga")  # without text: the form
        async with ClientSession() as http, http.post(served + "/api/messages", json=activity) as response:
            assert response.status in (200, 201)
        [sent] = connector.sent
        [attachment] = sent.activity["attachments"]
        assert attachment["contentType"] == ADAPTIVE_CARD
        card = attachment["content"]
        assert card["type"] == "AdaptiveCard"
        assert any(a.get("verb") == "item.submit" for a in card.get("actions", [])), json.dumps(card)
    finally:
        await connector.server.close()


def test_the_installed_tooling_builds_the_app_package(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "app.zip"
    subprocess.run(
        [installed / "bin" / "styrgrupp-bot", "manifest", "--app-id", "00000000-0000-4000-8000-000000000001",
         "--domain", "styrgrupp.example.se", "--out", str(out)],
        cwd=tmp_path, env=_env(**{SCHEMA_DIR_VARIABLE: str(schema_dir())}), check=True, timeout=120,
    )  # fmt: skip
    assert {"manifest.json", "color.png", "outline.png"} <= set(zipfile.ZipFile(out).namelist())
