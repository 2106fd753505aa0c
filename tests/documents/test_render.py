"""The protocol as HTML and as PDF/A: what a reader, a mail client and an archive will find."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from io import BytesIO

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from bot.documents import Attendee, PageLinks, Paragraph, ProtocolDocument, Reservation, VoteRecord
from bot.documents.blocks import text_blocks
from bot.documents.folder import TEMPLATES
from bot.documents.pdf import PackageOnlyFetcher, ResourceRefused, html_to_pdf
from bot.documents.render import render_html as html_of
from bot.documents.render import render_pdf as pdf_of
from bot.documents.sample import sample_protocol
from tests.support.pdfa import info, structure_roles, xmp_properties


@pytest.fixture(scope="module")
def doc() -> ProtocolDocument:
    return sample_protocol()


@pytest.fixture(scope="module")
def html(doc: ProtocolDocument) -> str:
    return html_of(doc)


@pytest.fixture(scope="module")
def pdf(doc: ProtocolDocument) -> bytes:
    return pdf_of(doc)  # the slow step: once for the whole module


@pytest.fixture(scope="module")
def reader(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


# --- HTML -----------------------------------------------------------------------------


def test_html_is_swedish_and_titled(doc: ProtocolDocument, html: str) -> None:
    assert '<html lang="sv">' in html
    assert f"<title>{doc.title}</title>" in html
    assert "Tid och plats:" in html and doc.time_text in html and "via Teams" in html


def test_html_has_every_paragraph_with_its_text(doc: ProtocolDocument, html: str) -> None:
    for paragraph in doc.paragraphs:
        assert f"§{paragraph.number}</span> {escape(paragraph.title)}</h2>" in html
        for block in text_blocks(paragraph.text):
            assert all(escape(line) in html for line in block.lines)


def test_html_shows_each_decision_under_its_heading(doc: ProtocolDocument, html: str) -> None:
    decisions = [p.decision for p in doc.paragraphs if p.decision]
    assert html.count("<h3>Styrgruppens beslut:</h3>") == len(decisions) == 3
    assert all(escape(decision) in html for decision in decisions)


def test_html_lists_attendance(doc: ProtocolDocument, html: str) -> None:
    assert "Närvarande" in html and "Frånvarande" in html
    assert '<span class="name">Joacim Bock</span> (Nora kommun, tf. ersättare för Joel Larsson)' in html
    assert all(person.name in html for person in doc.present + doc.absent)


def test_html_has_the_vote_counts_and_the_named_list(doc: ProtocolDocument, html: str) -> None:
    vote = doc.paragraphs[4].votes[0]
    assert escape(vote.question) in html and vote.result_text in html
    for option, count in vote.counts:
        assert f'<tr><th scope="row">{option}</th><td>{count}</td></tr>' in html
    for voter, option in vote.named:
        assert f"<tr><td>{voter}</td><td>{option}</td></tr>" in html


def test_html_records_the_casting_vote_when_there_is_one(doc: ProtocolDocument) -> None:
    tie = VoteRecord(
        "Budget?", "Lika röstetal; ordförandens röst avgör.", (("Ja", 2), ("Nej", 2)), (), "Utslagsröst: Ja"
    )
    page = html_of(_with_paragraph(doc, Paragraph(6, "Budget", "Text.", votes=(tie,))))
    assert '<p class="casting-vote">Utslagsröst: Ja</p>' in page


def test_a_lead_line_followed_by_dashed_lines_is_a_paragraph_then_a_list(doc: ProtocolDocument) -> None:
    text = "Styrgruppen beslutar att:\n- anta planen\n- se över avgiften"
    page = " ".join(html_of(_with_paragraph(doc, Paragraph(6, "Plan", text, decision=text))).split())
    shown = "<p>Styrgruppen beslutar att:</p> <ul> <li>anta planen</li> <li>se över avgiften</li> </ul>"
    assert page.count(shown) == 2  # the text and the decision; the PDF is made from this page


def test_html_has_the_reservation(html: str) -> None:
    assert "<h3>Reservationer</h3>" in html
    assert (
        '<span class="name">Lars Larsson</span> (Nordanstigs kommun) reserverar sig mot beslutet: Restiden'
        in html
    )


def test_html_has_the_signatures_the_adjustment_and_the_version(doc: ProtocolDocument, html: str) -> None:
    for signature in doc.signatures:
        assert f'<p class="role">{signature.role}</p>' in html
        assert f'<p class="name">{signature.name}</p>' in html
    assert html.count("Godkänt digitalt 2023-10-03 kl. 14:05") == 2
    assert "Justerat digitalt 2023-10-03 kl. 14:05 av Marika Lyman (justerare)" in html
    assert f"<code>{doc.version}</code>" in html
    assert "Utkast" not in html


def test_an_unadjusted_protocol_says_so(doc: ProtocolDocument) -> None:
    page = html_of(replace(doc, adjusted=False, absent=()))
    assert "Utkast – protokollet är ännu inte justerat." in page
    assert "Justerat digitalt" not in page
    assert "<p>Ingen.</p>" in page


def test_users_text_never_becomes_markup(doc: ProtocolDocument) -> None:
    hostile = '<script>alert("x")</script> och **fet** & <b>'
    page = html_of(
        replace(
            _with_paragraph(
                doc,
                Paragraph(
                    6,
                    "<i>Rubrik</i>",
                    hostile,
                    decision=hostile,
                    votes=(VoteRecord(hostile, hostile, ((hostile, 1),), ((hostile, hostile),)),),
                    reservations=(Reservation("<img src=x onerror=alert(1)>", hostile, hostile),),
                ),
            ),
            title="Möte <script>",
            present=(Attendee('"><script>', hostile, hostile, hostile),),
        )
    )
    assert "<script>" not in page and "<img" not in page and "<i>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; och **fet** &amp; &lt;b&gt;" in page
    assert "<strong>" not in page and "<em>" not in page  # no Markdown either


def test_swedish_characters_survive_as_text(html: str) -> None:
    for words in (
        "Älvdalens kommun",
        "Säters kommun",
        "Karin Höglund",
        "Frånvarande",
        "Tommie Floréus",
        "”fadder”",
    ):
        assert words in html
    assert "&auml;" not in html and "&#228;" not in html


def test_the_page_links_to_nothing(html: str) -> None:
    # The mail body and the PDF must be complete on their own.
    assert "href=" not in html and "src=" not in html and "@import" not in html


# --- PDF ------------------------------------------------------------------------------


def test_pdf_is_a_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")


def test_pdf_declares_pdf_a_2a_in_its_xmp_metadata(pdf: bytes, reader: PdfReader) -> None:
    declared = xmp_properties(pdf)
    assert (declared["pdfaid:part"], declared["pdfaid:conformance"]) == ("2", "A")
    assert reader.trailer["/Root"]["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"


def test_pdf_is_tagged_with_the_structure_of_the_protocol(pdf: bytes, reader: PdfReader) -> None:
    # Level A: a tagged PDF. The checks veraPDF would make are not available here; these are the
    # parts of them a reader can see: marked content, the structure tree and its roles, the language.
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert {"Document", "H1", "H2", "H3", "P", "L", "LI", "LBody", "Table", "TR", "TH", "TD"} <= (
        structure_roles(pdf)
    )
    assert root["/Lang"] == "sv"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (the title, not the file name)
    assert "/Encrypt" not in reader.trailer


def test_pdf_metadata_names_the_version_the_language_and_the_dates(doc: ProtocolDocument, pdf: bytes) -> None:
    declared = xmp_properties(pdf)
    assert declared["dc:identifier"] == doc.version
    assert declared["dc:language"] == "sv"
    assert declared["dc:title"] == doc.title
    assert doc.created_at is not None and doc.modified_at is not None
    assert declared["xmp:CreateDate"] == doc.created_at.isoformat(timespec="seconds")
    assert declared["xmp:ModifyDate"] == doc.modified_at.isoformat(timespec="seconds")
    # PDF/A: the document information dictionary says what the XMP says.
    assert (
        info(pdf)["/ModDate"] == "D:20231003140500+02'00"
        and info(pdf)["/Producer"] == declared["pdf:Producer"]
    )


def test_a_sealed_protocol_says_so_and_leaves_the_modification_date_to_the_seal(
    doc: ProtocolDocument,
) -> None:
    sealed = replace(doc, modified_at=None, seal_text="Protokollet är försett med en elektronisk stämpel.")
    assert "Protokollet är försett med en elektronisk stämpel." in html_of(sealed)
    assert "dcterms.modified" not in html_of(sealed) and "dcterms.modified" in html_of(doc)


def test_pdf_embeds_every_font(reader: PdfReader) -> None:
    fonts = [font for page in reader.pages for font in _fonts(page["/Resources"])]
    assert fonts, "no fonts found"
    assert any("DejaVu" in str(font["/BaseFont"]) for font in fonts)
    for font in fonts:
        descriptor = font["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]


def test_pdf_text_has_the_headings_and_the_names(reader: PdfReader) -> None:
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in (
        "§1 Vi presenterar",
        "§3 Styrgruppens uppdrag",
        "§5 Fysisk kick-off",
        "Styrgruppens beslut:",
        "Marika Lyman",
        "Malin Karhu Birgersson",
        "Säters kommun",
        "Reservationer",
    ):
        assert words in text


def test_pdf_metadata_names_the_protocol(doc: ProtocolDocument, reader: PdfReader) -> None:
    assert reader.metadata is not None
    assert reader.metadata.title == doc.title
    assert reader.metadata.author == doc.group_name
    assert reader.metadata.creation_date == doc.created_at
    assert reader.trailer["/Root"]["/Lang"] == "sv"


def test_pdf_is_a_pure_function_of_the_protocol(doc: ProtocolDocument, pdf: bytes) -> None:
    assert pdf_of(doc) == pdf


def test_the_pdf_fetches_nothing_from_outside_the_package() -> None:
    for url in ("https://example.org/x.css", "file:///etc/passwd", (TEMPLATES / ".." / "render.py").as_uri()):
        with pytest.raises(ResourceRefused):
            PackageOnlyFetcher().fetch(url)
    with pytest.raises(ResourceRefused):
        html_to_pdf('<link rel="stylesheet" href="http://127.0.0.1:9/x.css"><p>x</p>')


def test_the_fetcher_reads_the_package_templates() -> None:
    response = PackageOnlyFetcher().fetch((TEMPLATES / "protocol-print.css").as_uri())
    try:
        assert b"@page" in response.read()
    finally:
        response.close()


# --- helpers --------------------------------------------------------------------------


def _with_paragraph(doc: ProtocolDocument, paragraph: Paragraph) -> ProtocolDocument:
    return replace(doc, paragraphs=(*doc.paragraphs, paragraph))


def _fonts(resources: DictionaryObject) -> list[DictionaryObject]:
    """The fonts that carry glyphs: a Type0 font's descendants, otherwise the font itself."""
    found = []
    for reference in resources.get("/Font", {}).values():
        font = reference.get_object()
        if font["/Subtype"] == "/Type0":
            found.extend(descendant.get_object() for descendant in font["/DescendantFonts"])
        else:
            found.append(font)
    return found


def test_the_print_css_goes_to_the_pdf_alone(doc: ProtocolDocument, html: str, reader: PdfReader) -> None:
    """Browsers and the HTML checker know no paged media: the page has none, the PDF its pages and footer."""
    assert not any(rule in html for rule in ("@page", "string-set", "break-after", "orphans"))
    first = reader.pages[0]
    assert round(float(first.mediabox.width) * 25.4 / 72) == 210  # A4
    footer = " ".join(first.extract_text().split())
    assert f"Sida 1 av {len(reader.pages)}" in footer and f"{doc.title} – {doc.group_name}" in footer


def test_the_page_links_its_pdf_the_list_and_the_statement_only_when_given(html: str) -> None:
    base = "https://x.se/protokoll/"
    links = PageLinks(f"{base}2023-09-26.pdf", base, f"{base}tillganglighet")
    linked = html_of(sample_protocol(), links)
    assert '<main class="protocol">' in linked and '<main class="protocol">' in html
    for address in (links.pdf, links.index, links.accessibility):
        assert f'href="{address}"' in linked and address not in html
