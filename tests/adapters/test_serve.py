"""`python -m bot …` as an administrator runs it: a real process, real port, real migrations."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from bot.__main__ import event_loop, freeze_what_lives_on
from bot.domain.group import Group
from bot.groupfile import SAMPLE_PATH
from tests.support.activities import personal_message
from tests.support.connector import FakeConnector
from tests.support.people import person
from tests.support.sdk import bot_environment
from tests.support.served import serving

ROOT = Path(__file__).parents[2]


def _env(**extra: str) -> dict[str, str]:
    env = bot_environment()
    return env | extra


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_config_accepts_the_sample() -> None:
    result = _run("check-config", str(SAMPLE_PATH))
    assert result.returncode == 0, result.stderr
    assert "OK – Styrgruppen E-arkiv Mitt: 22 kommuner" in result.stdout


def test_check_config_says_what_to_add_when_the_retention_decision_is_missing(tmp_path: Path) -> None:
    old = tmp_path / "group.yaml"
    lines = SAMPLE_PATH.read_text(encoding="utf-8").splitlines()
    old.write_text("\n".join(line for line in lines if "retention_decision:" not in line), encoding="utf-8")
    result = _run("check-config", str(old))
    assert result.returncode == 0, result.stderr  # an older file still works
    assert "Obs: rules.retention_decision saknas." in result.stdout
    assert "rules.retention_decision" not in _run("check-config", str(SAMPLE_PATH)).stdout


def test_check_config_asks_for_an_accessibility_contact_when_the_file_gives_none(tmp_path: Path) -> None:
    """The statement falls back on the group's mailbox; with neither, check-config says what to add."""
    lines = SAMPLE_PATH.read_text(encoding="utf-8").splitlines()
    contact, mailbox = "accessibility_contact:", "mailbox:"
    for dropped, told in (((contact,), False), ((contact, mailbox), True)):
        path = tmp_path / "group.yaml"
        path.write_text("\n".join(line for line in lines if not line.startswith(dropped)), encoding="utf-8")
        result = _run("check-config", str(path))
        assert result.returncode == 0, result.stderr
        assert ("Obs: accessibility_contact saknas" in result.stdout) is told, result.stdout


def _sample_with(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The sample with one line changed; the file and that line's number."""
    lines = SAMPLE_PATH.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if old in line)
    lines[number] = lines[number].replace(old, new)
    path = tmp_path / "group.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, number + 1


def test_check_config_names_the_rotations_unknown_municipality_and_its_line(tmp_path: Path) -> None:
    path, line = _sample_with(tmp_path, "municipality: Avesta   #", "municipality: Avesa   #")
    result = _run("check-config", str(path))
    assert result.returncode == 2
    assert (
        f'group.yaml:{line}: rotation.last_adjuster.municipality: kommunen "Avesa" finns inte under '
        'municipalities — menade du "Avesta"?'
    ) in result.stderr


def test_check_config_questions_a_last_adjuster_date_still_to_come(tmp_path: Path) -> None:
    path, _ = _sample_with(tmp_path, "date: 2023-09-26", "date: 2099-09-26")
    result = _run("check-config", str(path))
    assert result.returncode == 0, result.stderr
    assert "Obs: rotation.last_adjuster.date (2099-09-26) har inte varit än." in result.stdout
    assert "rotation.last_adjuster" not in _run("check-config", str(SAMPLE_PATH)).stdout


def test_check_config_names_the_key_and_the_line(tmp_path: Path) -> None:
    broken = tmp_path / "group.yaml"
    lines = SAMPLE_PATH.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if "role: secretary" in line)
    lines[number] = lines[number].replace("secretary", "sekreterare")
    broken.write_text("\n".join(lines), encoding="utf-8")
    result = _run("check-config", str(broken))
    assert result.returncode == 2
    assert f"group.yaml:{number + 1}:" in result.stderr
    assert ".role" in result.stderr and "sekreterare" in result.stderr


def test_serve_refuses_a_wrong_group_file(tmp_path: Path) -> None:
    broken = tmp_path / "group.yaml"
    broken.write_text("name: Bara ett namn\n", encoding="utf-8")
    result = _run(
        "serve",
        BOT_INSECURE_DEV="1",
        BOT_GROUP_FILE=str(broken),
        BOT_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/x.db",
    )
    assert result.returncode == 2
    assert "Fel i gruppfilen" in result.stderr and "tenant_id" in result.stderr


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, "BOT_APP_ID saknas"),
        ({"BOT_APP_ID": "abc", "BOT_INSECURE_DEV": "1"}, "inloggningen är alltid på"),
        ({"BOT_INSECURE_DEV": "1", "BOT_HOST": "0.0.0.0"}, "kräver att boten lyssnar på 127.0.0.1"),
        ({"BOT_APP_ID": "abc", "BOT_APP_PASSWORD": "x"}, "BOT_GROUP_FILE saknas"),
        (
            {"BOT_APP_ID": "abc", "BOT_APP_PASSWORD": "x", "BOT_LOCAL_MAIL_DELAY_SECONDS": "0.15"},
            "BOT_LOCAL_MAIL_DELAY_SECONDS är bara för en lokal körning",
        ),
    ],
)
def test_serve_refuses_unsafe_or_incomplete_settings(env: dict[str, str], said: str) -> None:
    result = _run("serve", **env)
    assert result.returncode == 2
    assert said in result.stderr


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[str]:
    database = f"sqlite+aiosqlite:///{tmp_path}/var/bot.db"
    async with serving([sys.executable, "-m", "bot"], ROOT, _env(BOT_DATABASE_URL=database)) as base:
        yield base


async def test_the_served_bot_migrates_loads_the_sample_and_answers(served: str, group: Group) -> None:
    connector = FakeConnector()
    connector.server = TestServer(connector.app(), host="127.0.0.1")
    await connector.server.start_server()
    try:
        activity = personal_message(group, connector.url, person(group, "Marika Lyman").aad_id, "möten")
        async with ClientSession() as http, http.post(served + "/api/messages", json=activity) as response:
            assert response.status in (200, 201)
        assert "Årsplan för Styrgruppen E-arkiv Mitt" in connector.texts()[0]
    finally:
        await connector.server.close()


async def test_what_lives_on_after_startup_is_left_to_the_process_not_the_collector() -> None:
    try:
        await freeze_what_lives_on(None)
        assert gc.get_freeze_count() > 10_000  # the libraries' modules and classes, at least
        assert gc.get_objects(generation=2) == []  # a full collection has nothing of them to walk
    finally:
        gc.unfreeze()


def test_the_served_bot_runs_on_uvloop_where_it_is_installed() -> None:
    loop = event_loop()
    try:
        assert type(loop).__module__.startswith("uvloop")  # a dependency on Linux (pyproject.toml)
    finally:
        loop.close()
