"""How long the bot takes from process start to its first healthy answer, and how much memory it holds then.

    .venv/bin/python -m bench.cold_start [--starts 5] [--sdk agents,botbuilder]

Starts `python -m bot serve` again and again on each SDK (BOT_SDK), with authentication off
(BOT_INSECURE_DEV=1) and on (an app id, the sample group file, an OpenID metadata URL that
nothing answers: starting must not fetch it), each on a SQLite database of its own that is
already at the newest schema, as at a restart. The configurations take turns, one start at a
time, so that whatever else the machine does weighs on each alike. Prints, for each, the
least and the median time to the first 200 from GET /healthz, and the resident memory
(VmRSS) at that moment.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.servers import ROOT, free_port, process
from bot.groupfile import SAMPLE_PATH

APP_ID = "00000000-0000-4000-8000-0000000be7c4"


@dataclass
class Configuration:
    sdk: str
    auth: bool
    env: dict[str, str]
    seconds: list[float] = field(default_factory=list)
    megabytes: list[float] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.sdk}, authentication {'on' if self.auth else 'off'}"


def configuration(sdk: str, auth: bool, folder: Path) -> Configuration:
    place = folder / f"{sdk}-{'on' if auth else 'off'}"
    place.mkdir()
    env = {
        "BOT_SDK": sdk,
        "BOT_DATABASE_URL": f"sqlite+aiosqlite:///{place / 'bot.db'}",
        "BOT_LOCAL_FOLDER": str(place / "var"),
        "BOT_LOG_LEVEL": "WARNING",
    }
    if auth:
        env |= {
            "BOT_APP_ID": APP_ID,
            "BOT_APP_PASSWORD": "x",
            "BOT_GROUP_FILE": str(SAMPLE_PATH),
            "BOT_OPENID_METADATA_URL": "http://127.0.0.1:9/none",
        }
    else:
        env["BOT_INSECURE_DEV"] = "1"
    subprocess.run(
        [sys.executable, "-m", "bot", "migrate"], cwd=ROOT, env={**os.environ, **env},
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return Configuration(sdk, auth, env)


async def start_once(config: Configuration) -> None:
    port = free_port()
    async with process(["-m", "bot", "serve"], port, {**config.env, "BOT_PORT": str(port)}) as server:
        config.seconds.append(server.cold_start)
        resident = server.resident_mb()
        if resident is not None:
            config.megabytes.append(resident)


async def main(sdks: list[str], starts: int) -> None:
    for inherited in [key for key in os.environ if key.startswith("BOT_")]:
        del os.environ[inherited]  # each configuration says all it sets; the caller's are not its
    with tempfile.TemporaryDirectory() as tmp:
        configs = [configuration(sdk, auth, Path(tmp)) for sdk in sdks for auth in (False, True)]
        for _ in range(starts):
            for config in configs:
                await start_once(config)
    print(f"{starts} starts each, from process start to the first healthy answer (min / median):")
    for config in configs:
        memory = (
            f"{min(config.megabytes):.0f} / {statistics.median(config.megabytes):.0f} MB resident"
            if config.megabytes
            else "resident memory unknown (no /proc)"
        )
        seconds = f"{min(config.seconds):.2f} / {statistics.median(config.seconds):.2f} s"
        print(f"  {config.name}: {seconds}, {memory}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--starts", type=int, default=5, help="starts of each configuration")
    parser.add_argument("--sdk", default="agents,botbuilder", help="the SDKs, comma-separated")
    args = parser.parse_args()
    asyncio.run(main(args.sdk.split(","), args.starts))
