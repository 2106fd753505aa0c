"""The protocol as HTML (web page and mail body) and as archival PDF/A-2a, from one template.

Both functions are pure: the same ProtocolDocument gives the same bytes, they touch no
network and keep no state of their own, so callers can run the slow PDF step (about a
second) in a worker: `await asyncio.to_thread(render_pdf, doc)`. One PDF at a time is
the safe default: Pango under many concurrent threads has crashed on some platforms.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .blocks import text_blocks
from .folder import TEMPLATES
from .model import PageLinks, ProtocolDocument

_TEMPLATE = "protocol.html.j2"


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
    # Imported at the first PDF, not at start: WeasyPrint, Pango and the fonts took every start
    # some 0.6 s and 28 MB.
    from .pdf import html_to_pdf

    # The paged-media styles go to WeasyPrint alone (protocol-print.css).
    html = _environment().get_template(_TEMPLATE).render(doc=doc, links=None, paged=True)
    return html_to_pdf(html, identifier=doc.version)
