"""What the import contracts (pyproject.toml, run by scripts/test) cannot say about the layers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"
EDGES = sorted([*(BOT / "teams").rglob("*.py"), *(BOT / "chat").rglob("*.py")])


def transactions(path: Path) -> list[int]:
    """The lines that open a unit of work (`….uow()`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "uow"
    ]


def test_there_are_edge_modules_to_check() -> None:
    assert {p.name for p in EDGES} >= {"activity_bot.py", "conversation.py", "adjustment.py"}


@pytest.mark.parametrize("path", EDGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_transactions_are_opened_only_in_the_services(path: Path) -> None:
    assert transactions(path) == [], f"{path.relative_to(BOT.parent)} opens a transaction: a use case does"
