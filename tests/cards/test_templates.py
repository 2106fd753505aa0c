"""Every card template renders with its sample into a valid Adaptive Card 1.5 that Teams accepts."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bot.cards.catalog import MAX_CARD_BYTES, cards_dir, render, too_large
from bot.chat.actions import CARD_ACTIONS

TEMPLATES = sorted(p for p in cards_dir().glob("*.json") if not p.name.endswith(".sample.json"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(
        files("adaptive_cards").joinpath("schemas/schema-1.5.json").read_text(encoding="utf-8")
    )
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _verbs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["verb"]} if node.get("type") == "Action.Execute" else set()
        return found.union(*(_verbs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_verbs(v) for v in node))
    return set()


def test_there_are_templates() -> None:
    assert len(TEMPLATES) >= 3


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_the_template_renders_its_sample_into_a_valid_teams_card(path: Path, validator: Any) -> None:
    sample = path.with_name(f"{path.stem}.sample.json")
    assert sample.exists(), f"{path.name} needs sample data beside it ({sample.name})"
    card = render(path.stem, json.loads(sample.read_text(encoding="utf-8")))
    errors = sorted(validator.iter_errors(card), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    assert card["version"] == "1.5"
    text = json.dumps(card, ensure_ascii=False)
    assert "${" not in text and "$when" not in text and '"$data"' not in text
    assert len(text.encode("utf-8")) <= MAX_CARD_BYTES


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_no_visible_text_is_written_into_the_template(path: Path) -> None:
    """Words come from the catalogue through the data, so a card speaks the reader's language."""
    template = json.loads(path.read_text(encoding="utf-8"))

    def literals(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [
                v
                for k, v in node.items()
                if k in ("text", "title", "value", "label", "placeholder")
                and isinstance(v, str)
                and not re.fullmatch(r"(\$\{[^}]+\}|[\s.–:,])+", v)
            ]
            return own + [x for v in node.values() for x in literals(v)]
        if isinstance(node, list):
            return [x for v in node for x in literals(v)]
        return []

    assert literals(template) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_inputs_are_labelled(path: Path) -> None:
    template = json.loads(path.read_text(encoding="utf-8"))

    def inputs(node: Any) -> list[dict[str, Any]]:
        if isinstance(node, dict):
            own = [node] if str(node.get("type", "")).startswith("Input.") else []
            return own + [x for v in node.values() for x in inputs(v)]
        if isinstance(node, list):
            return [x for v in node for x in inputs(v)]
        return []

    for field in inputs(template):
        assert field.get("label"), f"{path.name}: input {field.get('id')} has no label"


def test_every_card_verb_has_a_handler_and_every_handler_a_card() -> None:
    used = set().union(*(_verbs(json.loads(p.read_text(encoding="utf-8"))) for p in TEMPLATES))
    assert used == set(CARD_ACTIONS)


def test_a_card_over_the_limit_as_json_dumps_writes_it_is_too_large() -> None:
    # 10,000 numbers: 20 KB compact, 30 KB with json.dumps's spaces (the limit is 28 KB).
    assert too_large({"n": [1] * 10_000}) == len(json.dumps({"n": [1] * 10_000}))
    assert too_large({"n": [1] * 9_000}) is None  # 27 KB spaced
    assert too_large({"n": [1] * 5_000}) is None  # settled from the compact text alone
    assert too_large({"n": [2**70] * 1_000}) is None  # orjson refuses it; json.dumps decides (24 KB)
    assert too_large({"n": [2**70] * 2_000}) == 48_007
