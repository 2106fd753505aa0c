"""wrk, the C load generator, as the load for the benchmarks: it outpaces any server here, bare or not.

A Python client tops out near the bare handler's own speed, so the bare handler's figure was
the client's. wrk keeps N connections each sending its next request as soon as the last is
answered (closed loop), cycling through prepared bodies (`bench/presses.lua`), each with an
activity id of its own.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "presses.lua"
ID_PLACE = "@ID@"


def ensure_wrk() -> str:
    """The wrk executable, installed from Debian's package when missing and this is root."""
    found = shutil.which("wrk")
    if found:
        return found
    subprocess.run(["bash", str(HERE / "wrk-deps.sh")], check=True)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk saknas (apt-get install wrk)")
    return found


@dataclass(frozen=True)
class Load:
    """What wrk sends to one URL: bodies cycled through, and what each good answer holds."""

    url: str
    bodies: Path
    expect: str
    authorization: str = ""

    @classmethod
    def of(
        cls, url: str, activities: Iterable[dict[str, Any]], folder: Path, expect: str, authorization: str
    ) -> Load:
        """The activities written for the script: each with "@ID@" for its id, one a line."""
        path = folder / f"bodies-{uuid.uuid4().hex}.jsonl"
        with path.open("wb") as file:
            for activity in activities:
                file.write(orjson.dumps({**activity, "id": ID_PLACE}) + b"\n")
        return cls(url, path, expect, authorization)


@dataclass(frozen=True)
class Round:
    name: str
    requests: int
    wrong: int  # answered, but not as the load expects (a refusal, a fault), or not 200
    socket_errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def run(wrk: str, name: str, load: Load, *, seconds: int, connections: int, threads: int = 1) -> Round:
    env = {
        **os.environ,
        "BENCH_BODIES": str(load.bodies),
        "BENCH_EXPECT": load.expect,
        "BENCH_RUN": uuid.uuid4().hex,
        "BENCH_AUTHORIZATION": load.authorization,
    }
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", str(SCRIPT), load.url]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    return Round(
        name,
        summary["requests"],
        summary["wrong"],
        summary["socket_errors"],
        summary["microseconds"] / 1e6,
        summary["p50_us"] / 1000,
        summary["p99_us"] / 1000,
    )


@dataclass(frozen=True)
class Figures:
    """One load over all its rounds: rounds' requests summed; the worst round's p99."""

    name: str
    rounds: tuple[Round, ...]

    @property
    def requests(self) -> int:
        return sum(r.requests for r in self.rounds)

    @property
    def rate(self) -> float:
        return self.requests / sum(r.seconds for r in self.rounds)

    @property
    def wrong(self) -> int:
        return sum(r.wrong + r.socket_errors for r in self.rounds)

    @property
    def p50_ms(self) -> float:
        return statistics.median(r.p50_ms for r in self.rounds)

    @property
    def p99_ms(self) -> float:
        return max(r.p99_ms for r in self.rounds)

    def line(self) -> str:
        return (
            f"{self.name:<34} {self.rate:>9.0f} req/s   p50 {self.p50_ms:6.2f} ms   "
            f"p99 {self.p99_ms:6.2f} ms   not as expected {self.wrong}   ({self.requests} requests)"
        )
