"""The domain stays pure: only the standard library, no clock, no files.

A rule that reads the clock cannot be tested at 23:59 on the day of a DST change, and a
rule that imports an SDK drags the SDK into every unit test.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"
FRAMEWORKS = "botbuilder, msgraph, azure, aiohttp, sqlalchemy (or anything outside the standard library)"
CLOCK_CALLS = {"now", "utcnow", "today"}  # datetime.now(), date.today() ...
TIME_FUNCTIONS = {"time", "time_ns", "monotonic", "perf_counter", "localtime", "gmtime"}


def package_of(path: Path) -> str:
    return ".".join(path.relative_to(DOMAIN.parents[1]).with_suffix("").parts[:-1])


def imported_modules(tree: ast.Module, package: str) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                yield node.lineno, ".".join([*base, *([node.module] if node.module else [])])
            else:
                yield node.lineno, node.module or ""


def is_allowed(module: str) -> bool:
    top = module.split(".")[0]
    return module == "bot.domain" or module.startswith("bot.domain.") or top in sys.stdlib_module_names


def impure_calls(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "time":
            yield from (
                (node.lineno, f"from time import {a.name}") for a in node.names if a.name in TIME_FUNCTIONS
            )
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            yield node.lineno, "open("
        elif isinstance(func, ast.Attribute) and func.attr in CLOCK_CALLS:
            yield node.lineno, f".{func.attr}("
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "time":
            if func.attr in TIME_FUNCTIONS:
                yield node.lineno, f"time.{func.attr}("
        elif isinstance(func, ast.Attribute) and func.attr in {"open", "read_text", "write_text"}:
            yield node.lineno, f".{func.attr}("


def domain_modules() -> list[Path]:
    return sorted(DOMAIN.rglob("*.py"))


def violations(path: Path) -> tuple[list[str], list[str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    imports = [f"{path.name}:{line} imports {m}" for line, m in imported_modules(tree, package_of(path))]
    bad_imports = [text for text in imports if not is_allowed(text.rsplit(" ", 1)[1])]
    bad_calls = [f"{path.name}:{line} calls {what}" for line, what in impure_calls(tree)]
    return bad_imports, bad_calls


def test_the_domain_has_modules_to_check() -> None:
    assert {p.name for p in domain_modules()} >= {
        "deadlines.py",
        "tally.py",
        "adjuster.py",
        "collation.py",
        "protocol.py",
    }


@pytest.mark.parametrize("path", domain_modules(), ids=lambda p: p.name)
def test_the_domain_imports_only_the_standard_library_and_itself(path: Path) -> None:
    bad_imports, _ = violations(path)
    assert not bad_imports, f"bot/domain must not import {FRAMEWORKS}: {bad_imports}"


@pytest.mark.parametrize("path", domain_modules(), ids=lambda p: p.name)
def test_the_domain_never_reads_the_clock_or_files(path: Path) -> None:
    _, bad_calls = violations(path)
    assert not bad_calls, f"bot/domain takes `now` as a parameter and does no I/O: {bad_calls}"


# The checker itself must catch what it claims to, or the tests above prove nothing.
IMPURE = """
import botbuilder.core
from msgraph import GraphServiceClient
from ..storage import repo
from . import tally
from .errors import DomainError
from time import monotonic
import datetime as dt
x = dt.datetime.now(); y = datetime.utcnow(); z = date.today(); t = time.time()
with open("x") as f: pass
Path("x").read_text()
"""


def test_the_checker_finds_forbidden_imports_and_calls(tmp_path: Path) -> None:
    tree = ast.parse(IMPURE)
    imports = [m for _, m in imported_modules(tree, "bot.domain") if not is_allowed(m)]
    calls = [what for _, what in impure_calls(tree)]
    assert imports == ["botbuilder.core", "msgraph", "bot.storage"]
    assert sorted(calls) == sorted(
        ["from time import monotonic", ".now(", ".utcnow(", ".today(", "time.time(", "open(", ".read_text("]
    )
