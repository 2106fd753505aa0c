"""The real bot process and the Agents Playground next to it, on free loopback ports, for the e2e tests.

Each runs in a process group of its own, so that stopping it stops whatever it started;
`Processes` stops them all however the test ends.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from ruamel.yaml import YAML

from bot.domain.group import Group
from bot.groupfile import SAMPLE_PATH
from bot.tooling.playground import playground_config, write_playground_config

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools"
PLAYGROUND = TOOLS / "node_modules" / ".bin" / "agentsplayground"
PLAYWRIGHT = TOOLS / "node_modules" / "playwright-core" / "package.json"
PRELOADS = (TOOLS / "listen-loopback.cjs", TOOLS / "e2e" / "playground-users.cjs")
PR_SET_PDEATHSIG = 1  # linux/prctl.h
STARTUP_SECONDS = 60.0  # the bot migrates a fresh database first; the Playground's node start is slow on CI


def die_with_parent() -> None:
    """In the child before exec: SIGTERM when pytest goes, however it goes (a CI timeout's SIGKILL too).

    The children run in sessions of their own, out of reach of a signal to pytest's process group.
    """
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def chromium() -> str:
    return os.environ.get("CHROMIUM", "/usr/bin/chromium")


def missing_tools() -> list[str]:
    """What the machine lacks to run the Playground in a browser, each with what to do about it."""
    missing = []
    if shutil.which("node") is None:
        missing.append("node not found: install Node.js 20 or newer")
    if not PLAYGROUND.exists() or not PLAYWRIGHT.exists():
        missing.append("the Agents Playground or playwright-core is not installed: run scripts/node-deps.sh")
    if not os.access(chromium(), os.X_OK):
        missing.append(f"chromium not found at {chromium()}: run scripts/e2e-deps.sh (as root)")
    return missing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def group_file(folder: Path, *, starts_in: timedelta) -> Path:
    """The sample group with a meeting today `starts_in` from now (negative: begun) and one later.

    The later meeting, a month on, takes "övriga frågor"; today's deadline has passed.
    """
    yaml = YAML()
    data = yaml.load(SAMPLE_PATH.read_text(encoding="utf-8"))
    data.pop("rotation", None)  # the scenarios expect the rotation to start at the top
    now = datetime.now(ZoneInfo(str(data["timezone"])))
    start = (now + starts_in).replace(second=0, microsecond=0)
    # One meeting a day, within the day.
    end = min(start + timedelta(hours=1), start.replace(hour=23, minute=59))
    later = _weekday_from(start.date() + timedelta(days=30))
    data["meetings"] = [
        {"date": f"{start:%Y-%m-%d}", "start": f"{start:%H:%M}", "end": f"{end:%H:%M}", "place": "Teams"},
        {"date": f"{later:%Y-%m-%d}", "start": "08:30", "end": "10:00", "place": "Teams"},
    ]
    path = folder / "group.yaml"
    with path.open("w", encoding="utf-8") as file:
        yaml.dump(data, file)
    return path


def _weekday_from(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path

    def tail(self, lines: int = 40) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        # Every request is logged; the lines that tell what went wrong are the others.
        return "\n".join([line for line in text.splitlines() if "aiohttp.access" not in line][-lines:])


@dataclass
class Processes:
    folder: Path
    started: list[Process] = field(default_factory=list)

    def start(self, name: str, args: list[str], *, env: dict[str, str], cwd: Path) -> Process:
        log = self.folder / f"{name}-{len(list(self.folder.glob(f'{name}-*.log'))) + 1}.log"
        with log.open("wb") as out:  # the child has its own copy of the descriptor
            popen = subprocess.Popen(
                args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: node's children go with it
                preexec_fn=die_with_parent,
            )  # fmt: skip
        process = Process(name, popen, log)
        self.started.append(process)
        return process

    def wait_until(self, process: Process, ready: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not ready():
            if process.popen.poll() is not None:
                code = process.popen.returncode
                pytest.fail(f"{process.name} exited with {code} before {what}:\n{process.tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"{process.name}: no {what} within {STARTUP_SECONDS:.0f} s:\n{process.tail()}")
            time.sleep(0.2)

    def stop(self, process: Process) -> None:
        if process.popen.poll() is None:
            _signal_group(process.popen.pid, signal.SIGTERM)
            try:
                process.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _signal_group(process.popen.pid, signal.SIGKILL)
                process.popen.wait(timeout=10)
        # The leader may be gone while a child it started lives on in the group.
        _signal_group(process.popen.pid, signal.SIGKILL)
        if process in self.started:
            self.started.remove(process)

    def stop_all(self) -> None:
        for process in reversed(list(self.started)):
            self.stop(process)


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def answers(url: str) -> Callable[[], bool]:
    def ready() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    return ready


@dataclass(frozen=True)
class Bot:
    url: str
    process: Process


def start_bot(
    processes: Processes, group: Path, folder: Path, sdk: str, clock_ahead: timedelta | None = None
) -> Bot:
    """`python -m bot serve` on `sdk`, its database and local folder in `folder`; with `clock_ahead`,
    later_bot.py."""
    port = free_port()
    # Nothing of the caller's own bot settings (an app id would turn authentication on).
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    env |= {
        "BOT_SDK": sdk,
        "BOT_INSECURE_DEV": "1",
        "BOT_LOCALE": "sv",  # the Playground says every client is en-US; the group speaks Swedish
        "BOT_GROUP_FILE": str(group),
        "BOT_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'bot.db'}",
        "BOT_LOCAL_FOLDER": str(folder / "var"),
        "BOT_HOST": "127.0.0.1",
        "BOT_PORT": str(port),
        "PYTHONUNBUFFERED": "1",
    }
    command = [sys.executable, "-m", "bot", "serve"]
    if clock_ahead is not None:
        env["E2E_CLOCK_AHEAD_MINUTES"] = str(clock_ahead.total_seconds() / 60)
        command = [sys.executable, "-m", "tests.e2e.later_bot"]
    process = processes.start("bot", command, env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    processes.wait_until(process, answers(f"{url}/healthz"), "the bot's health check")
    return Bot(url, process)


@dataclass(frozen=True)
class Playground:
    url: str
    config: dict[str, Any]
    process: Process


def start_playground(processes: Processes, bot: Bot, group: Group, folder: Path) -> Playground:
    """The Playground as the chair, preloaded so that other people of the group can join it."""
    port = free_port()
    workdir = folder / "playground"
    config = playground_config(group)
    write_playground_config(config, workdir / ".m365agentsplayground.yml")
    preloads = " ".join(f"--require {p}" for p in PRELOADS)
    env = {
        **os.environ,
        "NODE_OPTIONS": f"{os.environ.get('NODE_OPTIONS', '')} {preloads}".strip(),
        "TEAMSAPPTESTER_BROWSER": "none",  # it would open a browser of its own
    }
    env.pop("M365_AGENTS_PLAYGROUND_CONFIG_PATH", None)
    args = [
        str(PLAYGROUND),
        "--app-endpoint", f"{bot.url}/api/messages",
        "--channel-id", "msteams",
        "--port", str(port),
        "--service-url", f"http://127.0.0.1:{port}/_connector",
        "--disable-telemetry",
    ]  # fmt: skip
    process = processes.start("playground", args, env=env, cwd=workdir)
    url = f"http://127.0.0.1:{port}"
    # It would move to another port, silently, if this one were taken meanwhile: then it never answers here.
    processes.wait_until(process, answers(url), f"the Playground on {url}")
    return Playground(url, config, process)
