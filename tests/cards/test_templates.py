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
                if k in ("text", "title", "value", "label", "placeholder", "errorMessage")
                and isinstance(v, str)
                and not re.fullmatch(r"(\$\{[^}]+\}|[\s.–:,])+", v)
            ]
            return own + [x for v in node.values() for x in literals(v)]
        if isinstance(node, list):
            return [x for v in node for x in literals(v)]
        return []

    assert literals(template) == []


def _of_type(node: Any, prefix: str) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        own = [node] if str(node.get("type", "")).startswith(prefix) else []
        return own + [x for v in node.values() for x in _of_type(v, prefix)]
    if isinstance(node, list):
        return [x for v in node for x in _of_type(v, prefix)]
    return []


def _rendered_sample(path: Path) -> dict[str, Any]:
    return render(
        path.stem, json.loads(path.with_name(f"{path.stem}.sample.json").read_text(encoding="utf-8"))
    )


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_inputs_are_labelled(path: Path) -> None:
    template = json.loads(path.read_text(encoding="utf-8"))
    for field in _of_type(template, "Input."):
        assert field.get("label"), f"{path.name}: input {field.get('id')} has no label"


def _required(card: Any) -> list[dict[str, Any]]:
    return [f for f in _of_type(card, "Input.") if f.get("isRequired")]


FORMS = [p for p in TEMPLATES if _required(json.loads(p.read_text(encoding="utf-8")))]


def test_the_cards_with_required_inputs_are_found() -> None:
    found = {p.stem for p in FORMS}
    assert {"adjuster", "attendance", "item_form", "protocol_paragraph", "protocol_review"} <= found


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
def test_a_required_input_says_what_is_missing(path: Path) -> None:
    """Without an errorMessage Teams marks the field red and says nothing of what to do."""
    for field in _required(_rendered_sample(path)):
        message = field.get("errorMessage")
        assert isinstance(message, str) and message.strip(), f"{path.name}: {field['id']}"


# The buttons that send a card's required inputs; every other button on such a card must not
# ask for them, or Teams refuses the press until the unrelated field is filled in.
SUBMITS_INPUTS = {
    "adjuster.choose", "attendance.mark", "item.submit", "protocol.edit", "protocol.request_change",
    "meeting.cancel", "meeting.acting_chair",
}  # fmt: skip


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
def test_a_button_that_does_not_send_the_required_inputs_does_not_ask_for_them(path: Path) -> None:
    card = _rendered_sample(path)
    for button in _of_type(card, "Action.Execute") + _of_type(card, "Action.Submit"):
        sends = button.get("associatedInputs", "auto") != "none"
        assert sends == (button.get("verb") in SUBMITS_INPUTS), f"{path.name}: {button.get('verb')}"


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
