"""What the import contracts (pyproject.toml, run by scripts/test) cannot say about the layers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"
EDGES = sorted(
    path for package in ("teams", "agents", "edge", "chat") for path in (BOT / package).rglob("*.py")
)
SDKS = ("botbuilder", "botframework", "msrest", "microsoft_agents")
# The core and the shared edge run the same under either SDK; only its adapter may name one.
SDK_FREE = ("domain", "services", "chat", "edge")


def transactions(path: Path) -> list[int]:
    """The lines that open a unit of work (`….uow()`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "uow"
    ]


def test_there_are_edge_modules_to_check() -> None:
    assert {p.name for p in EDGES} >= {"activity_bot.py", "agent.py", "turns.py", "conversation.py"}


def imported(path: Path) -> list[tuple[int, str]]:
    """Every module the file imports, also inside functions (where import-linter looks too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.append((node.lineno, node.module))
    return found


def sdk_imports(path: Path) -> list[str]:
    return [f"{line}: {name}" for line, name in imported(path) if name.split(".")[0] in SDKS]


@pytest.mark.parametrize("package", SDK_FREE, ids=lambda name: f"bot/{name}")
def test_the_core_and_the_shared_edge_import_neither_sdk(package: str) -> None:
    paths = sorted((BOT / package).rglob("*.py"))
    assert paths
    found = {str(path.relative_to(BOT.parent)): sdk_imports(path) for path in paths}
    assert {path: lines for path, lines in found.items() if lines} == {}


def test_the_sdk_check_finds_both_sdks(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import botbuilder.core\nfrom microsoft_agents.activity import Activity\n"
        "def later():\n    from msrest import Serializer\nimport aiohttp\n",
        encoding="utf-8",
    )
    assert sdk_imports(sample) == ["1: botbuilder.core", "2: microsoft_agents.activity", "4: msrest"]


@pytest.mark.parametrize("path", EDGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_transactions_are_opened_only_in_the_services(path: Path) -> None:
    assert transactions(path) == [], f"{path.relative_to(BOT.parent)} opens a transaction: a use case does"
