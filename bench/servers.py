"""Starting the bot and the baseline as processes of their own, and a group file with a meeting now."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import ClientSession
from ruamel.yaml import YAML

from bot.groupfile import SAMPLE_PATH

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def group_with_a_meeting_now(folder: Path) -> Path:
    """The sample group, its year plan replaced by one meeting that is under way."""
    yaml = YAML()
    data = yaml.load(SAMPLE_PATH.read_text(encoding="utf-8"))
    now = datetime.now(ZoneInfo(str(data.get("timezone", "Europe/Stockholm"))))
    start = (now - timedelta(minutes=10)).replace(second=0, microsecond=0)
    end = min(start + timedelta(hours=3), start.replace(hour=23, minute=59))
    data["meetings"] = [
        {"date": start.date().isoformat(), "start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
    ]
    path = folder / "group.yaml"
    with path.open("w", encoding="utf-8") as file:
        yaml.dump(data, file)
    return path


@dataclass(frozen=True)
class Server:
    cold_start: float  # seconds from process start to its first healthy answer
    pid: int

    def cpu_seconds(self) -> float | None:
        """User + system CPU the process has used so far (Linux); None where /proc is absent.

        Unlike requests per second this hardly moves with what else the machine runs,
        so it compares two versions of the bot measured at different times fairly.
        """
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def resident_mb(self) -> float | None:
        """Its resident memory now (Linux's VmRSS); None where /proc is absent."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        kilobytes = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return kilobytes / 1024


@asynccontextmanager
async def process(args: list[str], port: int, env: dict[str, str] | None = None) -> AsyncIterator[Server]:
    """Starts the server, yields it once it answers its health check, stops it."""
    started = time.perf_counter()
    child = await asyncio.create_subprocess_exec(
        sys.executable, *args, cwd=ROOT, env={**os.environ, **(env or {})},
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        async with ClientSession() as http:
            while True:
                try:
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                        if response.status == 200:
                            break
                except OSError:
                    if child.returncode is not None:
                        raise RuntimeError(f"{args} exited with {child.returncode}") from None
                    await asyncio.sleep(0.02)
        yield Server(time.perf_counter() - started, child.pid)
    finally:
        child.terminate()
        await child.wait()
