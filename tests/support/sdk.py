"""Both SDKs' adapters run the same adapter, conversation, fuzz and end-to-end tests.

`sdk` is an autouse fixture (in tests/adapters and tests/e2e) that sets BOT_SDK for the bot the
test builds, so every such test runs twice, its id ending in `[agents]` or `[botbuilder]`.
Tests that start the bot as a process hand it the same BOT_SDK (`bot_environment`).
"""

from __future__ import annotations

import os

import pytest

SDKS = ("agents", "botbuilder")


def use_sdk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    sdk: str = request.param
    monkeypatch.setenv("BOT_SDK", sdk)
    return sdk


def bot_environment() -> dict[str, str]:
    """The environment for a bot process: none of the caller's BOT_ settings, but the SDK under test."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    if "BOT_SDK" in os.environ:
        environment["BOT_SDK"] = os.environ["BOT_SDK"]
    return environment
