"""The protocol as documents: an HTML page (also the mail body) and an archival PDF/A.

The rest of the bot fills a ProtocolDocument (plain values, already in words) and
calls render_html or render_pdf; nothing here knows the database or Teams. WeasyPrint is
loaded at the first PDF (pdf.py), pyHanko only with a seal configured (seal.py).
"""

from .model import (
    Attendee,
    FooterItem,
    PageLinks,
    Paragraph,
    ProtocolDocument,
    Reservation,
    Signature,
    VoteRecord,
)
from .render import render_html, render_pdf

__all__ = [
    "Attendee",
    "FooterItem",
    "PageLinks",
    "Paragraph",
    "ProtocolDocument",
    "Reservation",
    "Signature",
    "VoteRecord",
    "render_html",
    "render_pdf",
]
