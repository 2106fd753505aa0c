"""The bot's answers to card actions are written as msrest would write them, without msrest."""

from __future__ import annotations

import json
from pathlib import Path

from botbuilder.core import serializer_helper

from bot.cards.catalog import cards_dir, render
from bot.edge.turns import CardAnswer
from bot.teams.activity_bot import invoke_response


def test_a_card_answer_is_the_json_msrest_makes_of_it() -> None:
    sample = json.loads(Path(cards_dir() / "vote.sample.json").read_text(encoding="utf-8"))
    answer = invoke_response(CardAnswer(card=render("vote", sample))).body
    assert answer.as_json() == serializer_helper(answer)
    assert list(answer.as_json()) == list(serializer_helper(answer))  # the same order of keys


def test_a_message_answer_is_the_json_msrest_makes_of_it() -> None:
    answer = invoke_response(CardAnswer(message="Omröstningen är stängd.")).body
    assert (
        answer.as_json()
        == serializer_helper(answer)
        == {
            "statusCode": 200,
            "type": "application/vnd.microsoft.activity.message",
            "value": "Omröstningen är stängd.",
        }
    )
