"""The adjusted protocol sealed as it is rendered; a seal that cannot be made holds everything back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from bot.domain.group import Group
from tests.support.certificates import SealCertificate, seal_settings, throwaway_ca
from tests.support.clock import FixedClock
from tests.support.fake_graph import FakeGraph
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import SECRETARY, press
from tests.support.pdfa import xmp_properties
from tests.support.people import person
from tests.support.protocol import (
    ADJUSTER,
    attachment_of,
    held_meeting,
    mails,
    pdf_text,
    posted_to,
    protocol_bot,
    secretary_card,
    submit,
    tick,
)


@pytest.fixture
def certificate(tmp_path: Path) -> SealCertificate:
    return throwaway_ca(tmp_path / "ca")


async def adjust(chat: Conversation) -> str:
    """The secretary submits, the adjuster approves: adjusted; returns the version."""
    held = await held_meeting(chat)
    version = await submit(chat, await secretary_card(chat, "protokoll 2026-12-10"))
    data = {"meeting_id": held.meeting_id, "version": version}
    body = await press(chat, person(chat.group, ADJUSTER), "protocol.approve", data)
    assert "Protokollet är nu justerat" in card_text(body["value"])
    return version


@pytest.fixture
async def sealing(
    group: Group,
    sqlite_url: str,
    clock: FixedClock,
    tmp_path: Path,
    graph: FakeGraph,
    certificate: SealCertificate,
) -> AsyncIterator[Conversation]:
    settings = seal_settings(certificate)
    async with protocol_bot(group, sqlite_url, clock, tmp_path / "var", graph, **settings) as chat:
        yield chat


async def test_the_mailed_pdf_is_sealed_and_says_so(
    sealing: Conversation, graph: FakeGraph, certificate: SealCertificate
) -> None:
    version = await adjust(sealing)
    await tick(sealing)
    [pdf] = {attachment_of(m) for m in mails(graph)}
    [signature] = PdfFileReader(BytesIO(pdf)).embedded_signatures
    trust = ValidationContext(trust_roots=[load_cert_from_pemder(str(certificate.ca_file))])
    status = await async_validate_pdf_signature(signature, trust)
    assert status.bottom_line and status.trusted and status.coverage.name == "ENTIRE_FILE"
    reason = str(signature.sig_object["/Reason"])
    assert reason == f"Justerat digitalt 2026-12-11 kl. 09:00 av Marika Lyman (justerare). Version {version}."
    words = " ".join(pdf_text(pdf).split())
    assert "Protokollet är försett med Styrgruppen E-arkiv Mitts elektroniska stämpel (PAdES)." in words
    assert xmp_properties(pdf)["dc:identifier"] == version


async def test_a_seal_that_cannot_be_made_sends_nothing_tells_the_secretary_and_waits(
    group: Group,
    sqlite_url: str,
    clock: FixedClock,
    tmp_path: Path,
    graph: FakeGraph,
    certificate: SealCertificate,
) -> None:
    # The key in place is another certificate's: no seal can be made with it.
    right_key = certificate.key_file.read_bytes()
    certificate.key_file.write_bytes(throwaway_ca(tmp_path / "other").key_file.read_bytes())
    settings = seal_settings(certificate)
    async with protocol_bot(group, sqlite_url, clock, tmp_path / "var", graph, **settings) as chat:
        secretary_chat = f"a:personal-{person(group, SECRETARY).aad_id}"
        await chat.say(person(group, SECRETARY), "hjälp", where="personal")
        await adjust(chat)
        await tick(chat)
        await tick(chat)  # tried again at once: still held, and told once
        assert mails(graph) == [] and graph.files == {}
        [notice] = [card_text(a) for a in posted_to(chat, secretary_chat) if "förseglas" in card_text(a)]
        assert notice.startswith(
            "Protokollet från mötet 2026-12-10 kunde inte förseglas: nyckeln hör inte till certifikatet"
        )
        assert "Inget har skickats ut." in notice

        # The right key is put back: the next attempt seals, and everything goes out, once.
        certificate.key_file.write_bytes(right_key)
        chat.clock.set(chat.clock.now() + timedelta(hours=1))
        await tick(chat)
        assert len(mails(graph)) > 10
        [pdf] = {attachment_of(m) for m in mails(graph)}
        assert PdfFileReader(BytesIO(pdf)).embedded_signatures
