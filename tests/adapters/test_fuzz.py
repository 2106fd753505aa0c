"""Random commands, card payloads and malformed activities through the real HTTP path.

Four tests, each a batch of activities per example, posted together (their transactions
overlap as in Teams):

- invalid messages and invalid card actions (from outside the tenant or team, strangers,
  unknown verbs, ids that exist nowhere or have the wrong type, people whose role can never
  make the verb valid): every one answered in words, and every table but `conversations`
  and `handled_activities` (where people talk and what they sent, not what the group
  decided) exactly as before, the outbox included;
- malformed activities (fields missing or of the wrong type, bodies that are no activity,
  and JSON the bot cannot keep: numbers of thousands of digits or too large for a float,
  NaN, nesting hundreds of levels deep, lone surrogates, a key twice, bytes that are no
  UTF-8): a 4xx or an answer in words, never a 5xx, and nothing changed;
- anything the group's people might send, valid or not: answered in words, never a 5xx.

In all, EXAMPLES × BATCH = 10,500 activities on each database, SQLite and PostgreSQL (where
transactions really overlap); the world is built once per test.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.domain.group import Group
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.fuzz import Strategies, strategies
from tests.support.fuzz_world import World, build_world, check_answered, post, snapshot, state_engine
from tests.support.meeting_day import meeting_day

MEETING_TIME = stockholm(2026, 12, 10, 8, 40)
BATCH = 25
EXAMPLES = {"messages": 100, "clicks": 120, "malformed": 80, "anything": 120}


def fuzz(examples: int) -> settings:
    return settings(FUZZ, max_examples=examples)


FUZZ = settings(
    deadline=None,
    database=None,  # the world is rebuilt per test: a saved example would not replay the same
    # No shrinking: a batch of HTTP round trips shrinks for many minutes, and the assertion
    # already names the one activity that went wrong.
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one world per test, on purpose
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


@pytest.fixture
async def world(group: Group, database_url: str, clock: FixedClock, tmp_path: Path) -> AsyncIterator[World]:
    async with meeting_day(group, database_url, clock, tmp_path / "var", MEETING_TIME) as chat:
        yield await build_world(chat)


@pytest.fixture
def kinds(world: World) -> Strategies:
    return strategies(world)


async def send_batch(world: World, data: st.DataObject, kinds: st.SearchStrategy[Any]) -> None:
    batch = data.draw(st.lists(kinds, min_size=BATCH, max_size=BATCH))
    answers = await asyncio.gather(*(post(world, activity) for activity in batch))
    for activity, (status, body, answer) in zip(batch, answers, strict=True):
        check_answered(world, activity, status, body, answer)


async def changes_nothing(world: World, data: st.DataObject, kinds: st.SearchStrategy[Any]) -> None:
    before = await snapshot(state_engine(world))
    await send_batch(world, data, kinds)
    after = await snapshot(state_engine(world))
    assert after == before, {t: (before[t], after[t]) for t in before if before[t] != after[t]}


@fuzz(EXAMPLES["messages"])
@given(data=st.data())
async def test_invalid_messages_change_nothing(world: World, kinds: Strategies, data: st.DataObject) -> None:
    await changes_nothing(world, data, kinds.invalid_message)


@fuzz(EXAMPLES["clicks"])
@given(data=st.data())
async def test_invalid_card_actions_change_nothing(
    world: World, kinds: Strategies, data: st.DataObject
) -> None:
    await changes_nothing(world, data, kinds.invalid_click)


@fuzz(EXAMPLES["malformed"])
@given(data=st.data())
async def test_malformed_activities_are_refused_or_answered(
    world: World, kinds: Strategies, data: st.DataObject
) -> None:
    await changes_nothing(world, data, kinds.malformed)


@fuzz(EXAMPLES["anything"])
@given(data=st.data())
async def test_anything_from_anyone_is_answered_in_words(
    world: World, kinds: Strategies, data: st.DataObject
) -> None:
    await send_batch(world, data, kinds.anything)
