"""The accessibility checkers the public pages must pass: axe-core in Chromium, and the Nu Html Checker.

Both run as the tools they are (tools/accessibility/axe.mjs with axe-core and playwright-core, and
vnu.jar from npm `vnu-jar` on Java), installed by scripts/test. A machine without them fails the
test with what to install: a check that did not run must not pass.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pytest

from tests.e2e.servers import chromium

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools"
AXE = TOOLS / "accessibility" / "axe.mjs"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TIMEOUT_SECONDS = 120


def missing_tools() -> list[str]:
    missing = []
    if shutil.which("node") is None:
        missing.append("node not found: install Node.js 20 or newer")
    if shutil.which("java") is None:
        missing.append(
            "java not found: run scripts/system-deps.sh (as root), which installs default-jre-headless"
        )
    for needed in (TOOLS / "node_modules" / "axe-core" / "axe.min.js", VNU):
        if not needed.exists():
            missing.append(f"{needed.relative_to(ROOT)} is missing: run scripts/node-deps.sh")
    if not os.access(chromium(), os.X_OK):
        missing.append(f"chromium not found at {chromium()}: run scripts/e2e-deps.sh (as root)")
    return missing


def _require_tools() -> None:
    missing = missing_tools()
    if missing:
        pytest.fail("the accessibility checks cannot run here:\n  " + "\n  ".join(missing), pytrace=False)


async def _run(*command: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    # Not subprocess.run: the pages come from a server on this very event loop.
    process = await asyncio.create_subprocess_exec(
        *command, cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(process.communicate(), TIMEOUT_SECONDS)
    return process.returncode or 0, out.decode(), err.decode()


@dataclass(frozen=True)
class AxeResult:
    url: str
    status: int | None
    violations: list[dict[str, Any]]
    passes: int  # how many rules the page passed: none means axe did not really run


async def axe(urls: list[str]) -> dict[str, AxeResult]:
    """Each address's WCAG 2.1 A/AA violations as axe-core finds them in Chromium."""
    _require_tools()
    code, out, err = await _run("node", str(AXE), *urls, env={**os.environ, "CHROMIUM": chromium()})
    assert code == 0, f"axe.mjs failed ({code}):\n{err}"
    return {r["url"]: AxeResult(r["url"], r["status"], r["violations"], r["passes"]) for r in json.loads(out)}


async def vnu(files: list[Path]) -> dict[Path, list[dict[str, Any]]]:
    """Each file's errors as the Nu Html Checker (with its CSS checker) reports them."""
    _require_tools()
    command = ("java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, files))
    code, out, err = await _run(*command)
    messages = json.loads(out)["messages"]
    assert code in (0, 1) and all(m["type"] == "error" for m in messages), f"vnu failed ({code}):\n{out}{err}"
    return _by_file(files, messages)


def _by_file(files: list[Path], messages: list[dict[str, Any]]) -> dict[Path, list[dict[str, Any]]]:
    found: dict[Path, list[dict[str, Any]]] = {path.resolve(): [] for path in files}
    for message in messages:  # vnu names a file "file:/tmp/x.html"
        found.setdefault(Path(url2pathname(urlsplit(message["url"]).path)).resolve(), []).append(message)
    return found
