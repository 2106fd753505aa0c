"""HTML to archival PDF/A-2a with WeasyPrint, reading nothing but the package's templates.

Everything WeasyPrint lives here (and in xmp.py, which only this imports): render.py loads this
module at the first PDF, so that a bot that has not rendered one has not paid for WeasyPrint,
Pango and their fonts.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from .folder import TEMPLATES
from .xmp import ArchivalMetadata

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
