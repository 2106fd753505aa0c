"""The protocol as HTML (web page and mail body) and as archival PDF/A-2a, from one template.

Both functions are pure: the same ProtocolDocument gives the same bytes, they touch no
network and keep no state of their own, so callers can run the slow PDF step (about a
second) in a worker: `await asyncio.to_thread(render_pdf, doc)`. One PDF at a time is
the safe default: Pango under many concurrent threads has crashed on some platforms.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from .blocks import text_blocks
from .model import PageLinks, ProtocolDocument
from .xmp import ArchivalMetadata

TEMPLATES = Path(__file__).resolve().parent / "templates"
_TEMPLATE = "protocol.html.j2"
# PDF/A-2a: level A adds to 2b that the document is tagged (headings, lists, tables as structure),
# its text maps to Unicode and its language is named. WeasyPrint 70 writes all of that for this
# template (`pdf_tags` is implied by the variant); PDF/UA is a variant of its own there and is
# not declared as well (see docs/archive.md).
PDF_VARIANT = "pdf/a-2a"


class ResourceRefused(ValueError):
    """The PDF asked for something outside the package's templates."""


class PackageOnlyFetcher(URLFetcher):
    """Lets WeasyPrint read the templates folder and nothing else.

    An archival PDF must not depend on what a server answers at render time, and a
    renderer that may fetch URLs is a way out of the network for anyone who gets
    text into it; so everything else is refused, and refused loudly.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if not _inside_templates(url):
            raise ResourceRefused(f"Protokollet får inte hämta externa resurser: {url}")
        return super().fetch(url, headers)


def _inside_templates(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    # resolve() first, so "templates/../render.py" and symlinks are judged by where they lead.
    return Path(url2pathname(parts.path)).resolve().is_relative_to(TEMPLATES)


@cache
def _environment() -> Environment:
    # Built on first use, not at import; a Jinja environment is safe to share between threads.
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["blocks"] = text_blocks
    return environment


def render_html(doc: ProtocolDocument, links: PageLinks | None = None) -> str:
    """The protocol as one self-contained HTML page for a screen or a mail (styles inline, no print CSS)."""
    return _environment().get_template(_TEMPLATE).render(doc=doc, links=links, paged=False)


def render_pdf(doc: ProtocolDocument) -> bytes:
    """The protocol as tagged PDF/A-2a: fonts embedded; title, author, language, dates and the
    version hash (dc:identifier) in its metadata."""
    # The paged-media styles go to WeasyPrint alone (protocol-print.css).
    html = _environment().get_template(_TEMPLATE).render(doc=doc, links=None, paged=True)
    return html_to_pdf(html, identifier=doc.version)


def html_to_pdf(html: str, identifier: str = "") -> bytes:
    """Any HTML to PDF/A-2a under the same no-network rule; render_pdf's second half."""
    source = HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=PackageOnlyFetcher())
    try:
        document = source.render(pdf_variant=PDF_VARIANT)
        document.metadata = ArchivalMetadata.over(document.metadata, identifier)
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    except FatalURLFetchingError as error:
        # WeasyPrint's fatal error is a BaseException; callers' `except Exception` must see it.
        raise ResourceRefused(str(error)) from error
    assert pdf is not None  # write_pdf returns the bytes when given no target
    return pdf
