"""The manifest tests need Microsoft's schema from npm: without it they fail, and say how to get it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.tooling.manifest import SOURCE_DIR, TEMPLATE_NAME
from bot.tooling.manifest_schema import MANIFEST_SCHEMA, schema_dir


def manifest_version() -> str:
    return json.loads((SOURCE_DIR / TEMPLATE_NAME).read_text(encoding="utf-8"))["manifestVersion"]


@pytest.fixture
def schema_installed() -> Path:
    path = schema_dir() / f"v{manifest_version()}" / MANIFEST_SCHEMA
    if not path.is_file():
        # Never a skip: a package that was not checked against the schema must not look tested.
        pytest.fail(
            f"Teams-manifestets JSON-schema saknas ({path}). Kör scripts/node-deps.sh "
            "(behöver node och npm), som installerar @microsoft/app-manifest under tools/node_modules.",
            pytrace=False,
        )
    return path
