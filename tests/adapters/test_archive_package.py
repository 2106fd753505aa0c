"""The information package of an adjusted protocol: made after the distribution, valid E-ARK SIP,
nothing private in it, given to the secretary by `arkivpaket`, and remade when the recording goes."""

from __future__ import annotations

import json
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

from bot.archive.protocol_package import SCHEMA
from bot.domain.group import Group
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.eark import errors, validate
from tests.support.fake_graph import FakeGraph
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import CHAIR, SECRETARY, press
from tests.support.people import person
from tests.support.protocol import (
    ADJUSTER,
    DRIVE,
    HeldMeeting,
    held_meeting,
    protocol_bot,
    register_recording,
    secretary_card,
    submit,
    tick,
)

LINK = "https://contoso.sharepoint.com/:v:/s/styrgrupp/EaBcInspelning"
NAME = "arkivpaket-protokoll-2026-12-10.zip"
PREMIS = "{http://www.loc.gov/premis/v3}"
METS = "{http://www.loc.gov/METS/}"


@pytest.fixture
async def chat(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> AsyncIterator[Conversation]:
    async with protocol_bot(group, sqlite_url, clock, tmp_path / "var", graph) as conversation:
        yield conversation


async def adjust(chat: Conversation, held: HeldMeeting) -> str:
    version = await submit(chat, await secretary_card(chat, "protokoll 2026-12-10"))
    data = {"meeting_id": held.meeting_id, "version": version}
    body = await press(chat, person(chat.group, ADJUSTER), "protocol.approve", data)
    assert "Protokollet är nu justerat" in card_text(body["value"])
    return version


def contents(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def events(files: dict[str, bytes]) -> list[str]:
    root = ElementTree.fromstring(files["metadata/preservation/premis.xml"])
    return [e.findtext(f"{PREMIS}eventType") or "" for e in root.iter(f"{PREMIS}event")]


async def test_the_adjusted_protocol_becomes_a_valid_package_with_nothing_private(
    chat: Conversation, tmp_path: Path
) -> None:
    held = await held_meeting(chat)
    secretary = person(chat.group, SECRETARY)
    assert (await chat.say(secretary, "arkivpaket 2026-12-10")).startswith(
        "Protokollet från mötet 2026-12-10 är inte justerat ännu, så det har inget informationspaket."
    )
    version = await adjust(chat, held)
    assert (await chat.say(secretary, "arkivpaket")).startswith(
        "Protokollet från mötet 2026-12-10 är justerat, men informationspaketet är inte klart ännu"
    )
    await tick(chat)
    package = tmp_path / "var" / "archive" / NAME

    found = validate(package)
    assert found["structure"] == "WellFormed" and errors(found) == [], errors(found)

    files = contents(package)
    assert {
        "METS.xml",
        "representations/rep1/METS.xml",
        "representations/rep1/data/protokoll-2026-12-10.pdf",
        "representations/rep1/data/protokolldata-2026-12-10.json",
        "metadata/preservation/premis.xml",
        "metadata/descriptive/dc.xml",
        "schemas/protokolldata.schema.json",
        "documentation/om-paketet.txt",
    } == set(files)  # fmt: skip  (no deletion log before the deletion)
    assert files["representations/rep1/data/protokoll-2026-12-10.pdf"].startswith(b"%PDF-")
    data = json.loads(files["representations/rep1/data/protokolldata-2026-12-10.json"])
    jsonschema.validate(data, json.loads(SCHEMA.read_text("utf-8")))
    assert data["version"] == version and [a["name"] for a in data["approvals"]] == [ADJUSTER]
    [ballots] = [v["ballots"] for v in data["votes"]]
    assert {(b["municipality"], b["option"]) for b in ballots} >= {("Avesta", "yes"), ("Bollnäs", "no")}
    assert events(files) == ["submitted", "approved", "adjusted", "published", "sent"]

    # Nothing private: no Entra object id of anyone, no draft, no change request.
    everything = b"".join(files.values())
    for someone in chat.group.people:
        assert someone.aad_id.encode() not in everything, someone.name
    root = ElementTree.fromstring(files["METS.xml"])
    assert root.find(f"{METS}metsHdr").get("RECORDSTATUS") == "NEW"  # type: ignore[union-attr]

    answer = await chat.say(secretary, "arkivpaket 2026-12-10")
    assert answer.startswith(f"Informationspaketet för protokollet från mötet 2026-12-10: [{NAME}](file://")


async def test_arkivpaket_is_the_secretarys_and_needs_a_held_meeting(chat: Conversation) -> None:
    member = person(chat.group, ADJUSTER)
    assert await chat.say(member, "arkivpaket") == "Det får bara sekreterare göra."
    secretary = person(chat.group, SECRETARY)
    assert await chat.say(secretary, "arkivpaket 2026-12-11") == "Jag hittar inget hållet möte 2026-12-11."
    assert (await chat.say(secretary, "arkivpaket igår")).startswith("”igår” är inget datum.")


async def test_the_package_is_remade_with_the_recordings_deletion(
    chat: Conversation, graph: FakeGraph, tmp_path: Path
) -> None:
    held = await held_meeting(chat)
    graph.add_file(DRIVE, "01RECORDING", web_url=LINK)
    await register_recording(chat, f"inspelning {LINK}")
    await adjust(chat, held)
    await tick(chat)
    package = tmp_path / "var" / "archive" / NAME
    first = ElementTree.fromstring(contents(package)["METS.xml"]).get("OBJID")

    chat.clock.set(stockholm(2027, 2, 10, 8, 30))
    await tick(chat)  # the deletion, and the package made again
    files = contents(package)
    assert events(files)[-1] == "deletion"
    log = json.loads(files["metadata/preservation/gallringslogg.json"])
    assert log["outcome"] == "deleted" and log["what"] == "inspelning.mp4"
    root = ElementTree.fromstring(files["METS.xml"])
    header = root.find(f"{METS}metsHdr")
    assert header is not None and header.get("RECORDSTATUS") == "REPLACEMENT"
    assert root.get("OBJID") != first and header.findtext(f"{METS}altRecordID") == first
    found = validate(package)
    assert errors(found) == [], errors(found)
    answer = await chat.say(person(chat.group, SECRETARY), "arkivpaket 2026-12-10")
    assert "omgjort efter att mötets inspelning gallrades" in answer
    assert await chat.say(person(chat.group, CHAIR), "arkivpaket") == "Det får bara sekreterare göra."
