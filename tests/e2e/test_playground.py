"""The meeting day and the protocol's adjustment end to end, in the Microsoft 365 Agents Playground.

The real bot process (SQLite, authentication off) and the real Playground on free loopback ports;
headless Chromium, driven by Playwright from tools/e2e/*.mjs, clicks the cards as four people of
the group, once with the bot on each SDK. Screenshots of each step go to
test-output/e2e/<sdk>/<scenario>/. A machine without node, the Node tools or Chromium fails here
with what to install: an end-to-end test that did not run must not pass.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.domain.collation import swedish_key
from bot.domain.group import Group, Person, Role
from bot.groupfile import load_group
from tests.e2e.servers import (
    ROOT,
    TOOLS,
    Processes,
    chromium,
    die_with_parent,
    group_file,
    missing_tools,
    start_bot,
    start_playground,
)
from tests.support.sdk import SDKS

SCREENSHOTS = ROOT / "test-output" / "e2e"
SCENARIO_SECONDS = 180
# Today's meeting starts in 20 minutes: it is "going on" (from 30 minutes before), and the
# scheduler leaves its start to the chair's `starta möte` (it would start it 5 minutes before).
STARTS_IN = timedelta(minutes=20)
# Past its end (an hour after the start) and the three hours attendance and votes stay open.
PROTOCOL_LATER = timedelta(hours=5)


@dataclass
class Outcome:
    passed: bool
    report: str


@dataclass
class MeetingDay:
    folder: Path
    group_path: Path
    group: Group
    people: dict[str, dict[str, str]]
    processes: Processes
    outcome: Outcome
    sdk: str


@pytest.fixture(scope="module", params=SDKS)
def meeting_day(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MeetingDay]:
    """The bot on each SDK and the Playground, and the meeting day played in them
    (tools/e2e/meeting-day.mjs).

    Whatever goes wrong is the outcome, for the tests to fail with: not an error in the fixture.
    """
    sdk: str = request.param
    folder = tmp_path_factory.mktemp("e2e")
    path = group_file(folder, starts_in=STARTS_IN)
    group = load_group(path)
    processes = Processes(folder)
    day = MeetingDay(folder, path, group, {}, processes, Outcome(False, "the meeting day did not run"), sdk)
    try:
        try:
            missing = missing_tools()
            if missing:
                pytest.fail("the end-to-end test cannot run here:\n  " + "\n  ".join(missing))
            bot = start_bot(processes, path, folder, sdk)
            playground = start_playground(processes, bot, group, folder)
            day.people = _people(group, playground.config)
            day.outcome = _run_scenario(sdk, "meeting-day", playground.url, day.people, processes)
        except pytest.fail.Exception as failure:
            day.outcome = Outcome(False, str(failure))
        yield day
    finally:
        processes.stop_all()


def test_a_meeting_day_in_the_playground(meeting_day: MeetingDay) -> None:
    """Item, check-in, adjuster, a vote by two members and its result, each by a click on a card."""
    if not meeting_day.outcome.passed:
        pytest.fail(meeting_day.outcome.report, pytrace=False)


def test_the_adjuster_adjusts_the_protocol_in_the_playground(meeting_day: MeetingDay) -> None:
    """Hours after that meeting: the secretary submits the bot's draft, the adjuster clicks Justera."""
    missing = _protocol_feature_missing()
    if missing:
        pytest.fail(f"the protocol's adjustment is not in the bot yet: {missing}", pytrace=False)
    if not meeting_day.outcome.passed:
        report = meeting_day.outcome.report
        pytest.fail(
            f"needs the meeting day (attendance, adjuster, vote), which failed:\n{report}", pytrace=False
        )
    processes = meeting_day.processes
    processes.stop_all()
    bot = start_bot(
        processes, meeting_day.group_path, meeting_day.folder, meeting_day.sdk, clock_ahead=PROTOCOL_LATER
    )
    playground = start_playground(processes, bot, meeting_day.group, meeting_day.folder)
    outcome = _run_scenario(meeting_day.sdk, "protocol", playground.url, meeting_day.people, processes)
    if not outcome.passed:
        pytest.fail(outcome.report, pytrace=False)


def _protocol_feature_missing() -> str | None:
    """What of the protocol's adjustment the scenario needs and the bot lacks, in words."""
    from bot.chat.actions import CARD_ACTIONS
    from bot.chat.conversation import COMMANDS

    if not any(command.verb == "protokoll" for command in COMMANDS):
        return "no `protokoll` command (bot/chat/conversation.py COMMANDS)"
    lacking = [verb for verb in ("protocol.submit", "protocol.approve") if verb not in CARD_ACTIONS]
    if lacking:
        return f"no card action {', '.join(lacking)} (bot/chat/actions.py CARD_ACTIONS)"
    return None


def _people(group: Group, config: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The chair, the secretary and two members, among the people the Playground knows."""
    known = [group.person(user["aadObjectId"]) for user in [config["currentUser"], *config["users"]]]
    people = [p for p in known if p is not None]
    members = sorted(
        (p for p in people if p.role is Role.MEMBER), key=lambda p: swedish_key(p.municipality or "")
    )
    secretary = next((p for p in people if p.role is Role.SECRETARY), None)
    if group.chair is None or secretary is None or len(members) < 2:
        pytest.fail(
            "the Playground's users lack the chair, the secretary or two members (bot/tooling/playground.py)"
        )
    # The first member's municipality comes first in the adjuster's rotation: the scenario expects
    # that member proposed, and later adjusting the protocol.
    chosen = {"chair": group.chair, "secretary": secretary, "member": members[0], "other_member": members[1]}
    return {role: _who(person) for role, person in chosen.items()}


def _who(person: Person) -> dict[str, str]:
    return {"id": f"29:{person.aad_id}", "name": person.name, "municipality": person.municipality or ""}


def _run_scenario(
    sdk: str, name: str, url: str, people: dict[str, dict[str, str]], processes: Processes
) -> Outcome:
    screenshots = SCREENSHOTS / sdk / name
    # Last run's pictures go; the folder stays (another run in the same tree may be writing there).
    for old in screenshots.glob("*.png"):
        old.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PLAYGROUND_URL": url,
        "E2E_SCREENSHOTS": str(screenshots),
        "E2E_PEOPLE": json.dumps(people, ensure_ascii=False),
        "CHROMIUM": chromium(),
    }
    script = TOOLS / "e2e" / f"{name}.mjs"
    try:
        done = subprocess.run(
            ["node", str(script)], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=SCENARIO_SECONDS, preexec_fn=die_with_parent,
        )  # fmt: skip
    except subprocess.TimeoutExpired as timeout:
        steps = timeout.stdout.decode() if isinstance(timeout.stdout, bytes) else timeout.stdout or ""
        report = f"{script.name} did not finish within {SCENARIO_SECONDS} s"
        return Outcome(False, report + _logs(processes, steps))
    print(done.stdout)
    if done.returncode != 0:
        report = f"{script.name} failed; screenshots in {screenshots}\n{done.stderr.strip()}"
        return Outcome(False, report + _logs(processes, done.stdout))
    return Outcome(True, done.stdout)


def _logs(processes: Processes, steps: str) -> str:
    parts = [f"\n--- steps done ---\n{steps.strip()}"]
    parts += [f"\n--- {p.log.name} (end) ---\n{p.tail()}" for p in processes.started]
    return "\n".join(parts)
