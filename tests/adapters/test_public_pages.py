"""The published protocol as DOS-lagen and mail clients want it, through the running bot on loopback.

A meeting is held and its protocol adjusted and delivered (the local stand-ins write the mail as
.eml); then the real pages are fetched from the bot's own server and checked: axe-core in
Chromium against WCAG 2.1 A and AA, the Nu Html Checker, the links every page must have, the
accessibility statement, the feed's enclosure length; and the mail's headers and text part.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path
from xml.etree import ElementTree

import pytest
from aiohttp import ClientSession

from bot.domain.group import Group
from bot.graph.local import sent_mails
from bot.services.publication import recipients
from tests.support.clock import FixedClock
from tests.support.harness import Conversation
from tests.support.protocol import adjust, held_meeting, protocol_bot, tick
from tests.support.validators import axe, vnu

PUBLIC = "https://protokoll.sater.se"
PAGE = f"{PUBLIC}/protokoll/2026-12-10"
STATEMENT = f"{PUBLIC}/protokoll/tillganglighet"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
async def published(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    """The bot with local mail and calendar, public at PUBLIC, its 10 December protocol adjusted and sent."""
    async with protocol_bot(group, sqlite_url, clock, tmp_path / "var", None, public_url=PUBLIC) as chat:
        await adjust(chat, await held_meeting(chat))
        await tick(chat)  # the PDF rendered, every mail sent
        yield chat


def local(chat: Conversation, address: str) -> str:
    """The loopback address the bot serves a public address at."""
    return chat.bot_url.removesuffix("/api/messages") + address.removeprefix(PUBLIC)


async def fetch(chat: Conversation, address: str) -> tuple[int, str]:
    status, body = await fetch_bytes(chat, address)
    return status, body.decode("utf-8")


async def fetch_bytes(chat: Conversation, address: str) -> tuple[int, bytes]:
    async with ClientSession() as http, http.get(local(chat, address)) as response:
        return response.status, await response.read()


def sent(chat_folder: Path) -> dict[str, EmailMessage]:
    """Each .eml the local mailer wrote, by its one recipient's address."""
    found: dict[str, EmailMessage] = {}
    for path in (chat_folder / "mail").glob("*.eml"):
        mail = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(mail, EmailMessage)
        found[mail["To"].addresses[0].addr_spec] = mail
    return found


def html_of(mail: EmailMessage) -> str:
    body = mail.get_body(preferencelist=("html",))
    assert body is not None
    return str(body.get_content())


async def test_the_pages_and_the_mail_pass_axe_and_the_html_checker(
    published: Conversation, tmp_path: Path
) -> None:
    pages = {"list": f"{PUBLIC}/protokoll/", "protocol": PAGE, "statement": STATEMENT}
    files = {name: tmp_path / f"{name}.html" for name in (*pages, "mail", "broken")}
    for name, address in pages.items():
        status, html = await fetch(published, address)
        assert status == 200, name
        files[name].write_text(html, encoding="utf-8")
    files["mail"].write_text(html_of(sent(tmp_path / "var")["kommun@avesta.se"]), encoding="utf-8")
    # The checkers must see what they are there for: no language, no title, an image without a text.
    files["broken"].write_text('<!DOCTYPE html><html><body><img src="x.png"></body></html>', encoding="utf-8")
    addresses = {name: local(published, address) for name, address in pages.items()}
    addresses |= {name: files[name].as_uri() for name in ("mail", "broken")}

    found = await axe(list(addresses.values()))
    errors = await vnu(list(files.values()))

    checked = {name: found[address] for name, address in addresses.items()}
    assert {v["id"] for v in checked.pop("broken").violations} >= {"html-has-lang", "image-alt"}
    assert errors.pop(files["broken"].resolve()), "the HTML checker found nothing wrong with a broken page"
    for name, result in checked.items():
        assert result.passes > 10, f"axe did not run on the {name}"
        assert result.violations == [], f"the {name} fails WCAG 2.1 A/AA: {result.violations}"
    assert {path.stem: messages for path, messages in errors.items() if messages} == {}


async def test_every_page_links_the_statement_and_the_protocol_its_pdf_and_the_list(
    published: Conversation,
) -> None:
    _, listing = await fetch(published, f"{PUBLIC}/protokoll/")
    _, page = await fetch(published, PAGE)
    for html in (listing, page):
        [footer] = re.findall(r"<footer>.*?</footer>|<footer class=\"site\">.*?</footer>", html, re.S)
        assert f'href="{STATEMENT}"' in footer
    assert "<main" in page and f'href="{PAGE}.pdf"' in page and f'href="{PUBLIC}/protokoll/"' in page


async def test_the_accessibility_statement_says_what_digg_asks_for(published: Conversation) -> None:
    status, html = await fetch(published, STATEMENT)
    words = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert status == 200 and '<html lang="sv">' in html
    for part in (
        "Styrgruppen E-arkiv Mitt står bakom webbplatsen Justerade protokoll – Styrgruppen E-arkiv Mitt",
        "lagen (2018:1937) om tillgänglighet till digital offentlig service",
        "Webbplatsen är delvis förenlig med lagen",
        "PDF-filerna är taggade PDF/A-2a-filer",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn",
        "Vi har gjort en självskattning",
        "Senaste bedömningen gjordes den 6 december 2026.",
    ):  # fmt: skip
        assert part in words, part
    assert 'href="mailto:e-arkiv@earkivmitt.se"' in html  # the group file's accessibility_contact
    assert 'href="https://www.digg.se/tdosanmalan"' in html


async def test_the_feeds_enclosure_gives_the_pdfs_length(published: Conversation) -> None:
    _, pdf = await fetch_bytes(published, f"{PAGE}.pdf")
    _, feed = await fetch_bytes(published, f"{PUBLIC}/protokoll/feed.atom")
    [enclosure] = [
        link for link in ElementTree.fromstring(feed).iter(f"{ATOM}link") if link.get("rel") == "enclosure"
    ]
    assert enclosure.get("href") == f"{PAGE}.pdf" and pdf.startswith(b"%PDF")
    assert enclosure.get("length") == str(len(pdf))


async def test_the_mail_is_as_mail_clients_expect(published: Conversation, tmp_path: Path) -> None:
    """Names from the group file, Auto-Submitted, ids on the public host, the protocol as its text, no key."""
    mails = sent(tmp_path / "var")
    assert set(mails) == set(recipients(published.group))
    mail = mails["marika.lyman@avesta.se"]
    assert mail["From"].addresses[0].display_name == "Styrgruppen E-arkiv Mitt"
    assert [(a.display_name, a.addr_spec) for a in mail["To"].addresses] == [
        ("Marika Lyman", "marika.lyman@avesta.se")
    ]
    assert mails["kommun@avesta.se"]["To"].addresses[0].display_name == "Avesta"
    assert mails["samverkansradet@earkivmitt.se"]["To"].addresses[0].display_name == "Samverkansrådet"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert re.fullmatch(r"<[0-9a-f]{32}@protokoll\.sater\.se>", mail["Message-ID"])
    assert len({m["Message-ID"] for m in mails.values()}) == len(mails)
    raw = mail.as_string()
    assert not [name for name in mail if name.lower().startswith("x-")]
    assert "protocol:" not in raw  # the outbox key: in sent.jsonl only
    assert any(line["key"].startswith("protocol:") for line in sent_mails(tmp_path / "var" / "mail"))

    text = mail.get_body(preferencelist=("plain",))
    assert text is not None
    lines = text.get_content().splitlines()
    assert lines[:6] == [
        f"- Protokollet som PDF <{PAGE}.pdf>", f"- Alla protokoll <{PUBLIC}/protokoll/>", "",
        "Styrgruppen E-arkiv Mitt", "", "Styrgruppsmöte 2026-12-10",
    ]  # fmt: skip
    body = "\n".join(lines)
    assert "{" not in body and "font-family" not in body  # no stylesheet
    for part in ("§1 Mötets öppnande", "Ja: 2", "- Marika Lyman (Administrativ chef, Avesta)"):
        assert part in lines, part
    assert lines[-1] == f"Tillgänglighetsredogörelse <{STATEMENT}>"
