"""Every adapter test runs on both SDKs (tests/support/sdk.py)."""

from __future__ import annotations

import pytest

from tests.support.sdk import SDKS, use_sdk


@pytest.fixture(autouse=True, params=SDKS)
def sdk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    return use_sdk(request, monkeypatch)
