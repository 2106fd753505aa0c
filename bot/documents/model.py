"""The protocol as the documents see it: plain values, filled by the rest of the bot.

Everything here is already in words (dates written out, roles named in Swedish), so
the template only arranges text and never has to know the domain's rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Attendee:
    """One line of "Närvarande" or "Frånvarande"."""

    name: str
    title: str | None  # e.g. "Administrativ chef"; the seed lists some people without one
    municipality_or_org: str  # "Avesta kommun", "E-arkiv Mitt"
    note: str | None = None  # "ordförande i styrgruppen", "ersätter Jessica Hedlund"


@dataclass(frozen=True)
class VoteRecord:
    """An omröstning as the protocol records it."""

    question: str
    result_text: str  # "Ja har bifallits med 10 röster mot 3."
    counts: tuple[tuple[str, int], ...]  # (option, votes), in the order the options were offered
    named: tuple[tuple[str, str], ...] = ()  # ("Marika Lyman (Avesta kommun)", "Ja")
    casting_vote_note: str | None = None  # the chair's utslagsröst, when it decided


@dataclass(frozen=True)
class Reservation:
    """A member's recorded dissent from the paragraph's decision."""

    name: str
    municipality: str
    reason: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """One § of the protocol; `text` and `decision` are plain text, blank lines part paragraphs."""

    number: int
    title: str
    text: str
    decision: str | None = None  # shown under "Styrgruppens beslut:"
    votes: tuple[VoteRecord, ...] = ()
    reservations: tuple[Reservation, ...] = ()


@dataclass(frozen=True)
class Signature:
    """One of the three names that carry the protocol."""

    role: str  # "Sekreterare", "Ordförande", "Justerare"
    name: str
    title: str | None
    organisation: str  # municipality or "E-arkiv Mitt"
    approved_at: str | None = None  # "Godkänt digitalt 2027-02-20 kl. 14:05", once approved


@dataclass(frozen=True)
class FooterItem:
    """A labelled line of the municipality's letterhead: "Postadress", "E-post" …"""

    label: str
    text: str


@dataclass(frozen=True)
class PageLinks:
    """Where the published protocol leads (absolute addresses): its web page and mail; never the PDF."""

    pdf: str
    index: str  # the list of every adjusted protocol
    accessibility: str  # the accessibility statement (tillgänglighetsredogörelse), in every page's footer


@dataclass(frozen=True)
class ProtocolDocument:
    group_name: str  # also the PDF's author
    title: str  # "Styrgruppsmöte e-arkiv 2027-02-11"
    meeting_date: date
    time_text: str  # "torsdagen den 11 februari 2027, kl. 08:30–10:00"
    place: str  # "via Teams"
    present: tuple[Attendee, ...]
    absent: tuple[Attendee, ...]
    paragraphs: tuple[Paragraph, ...]
    signatures: tuple[Signature, ...]
    version: str  # the content hash the approvals refer to
    adjusted: bool
    adjusted_text: str | None = None  # "Justerat digitalt 2027-02-20 kl. 14:05 av Marika Lyman (justerare)"
    footer: tuple[FooterItem, ...] = ()
    # The PDF's creation date; passed in rather than read from the clock so that the
    # same protocol always renders to the same bytes.
    created_at: datetime | None = None
    # The XMP's xmp:ModifyDate. Left out of a PDF that is to be sealed: the seal writes it then.
    modified_at: datetime | None = None
    # "Protokollet är förseglat …": said in the document when it carries an electronic seal.
    seal_text: str | None = None
