"""What the archive reads in the PDF's XMP besides WeasyPrint's own: the version hash and the language.

WeasyPrint writes title, author, dates and the PDF/A declaration (`pdfaid`) from the HTML. An
archive also wants `dc:identifier` (here the protocol's version hash, the one the approvals name)
and `dc:language`. Both are Dublin Core, a schema PDF/A predefines, so no extension schema is
needed. They go into WeasyPrint's own rdf:RDF element: an XMP packet holds exactly one.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, SubElement, fromstring, tostring

from weasyprint.pdf.metadata import DocumentMetadata

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"


class ArchivalMetadata(DocumentMetadata):  # type: ignore[misc]
    """WeasyPrint's document metadata, plus dc:identifier and dc:language in the same RDF."""

    def __init__(self, identifier: str, **fields: Any) -> None:
        super().__init__(**fields)
        self.identifier = identifier

    @classmethod
    def over(cls, metadata: DocumentMetadata, identifier: str) -> ArchivalMetadata:
        """The metadata WeasyPrint read from the HTML (title, author, lang, dates …), kept whole."""
        return cls(identifier, **vars(metadata))

    def generate_rdf_metadata(self, variant: str, version: int, conformance: str) -> bytes:
        rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
        description = SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        SubElement(description, f"{{{DC}}}identifier").text = self.identifier
        if self.lang:
            _bag(SubElement(description, f"{{{DC}}}language"), self.lang)
        return bytes(tostring(rdf, encoding="utf-8"))


def _bag(parent: Element, *values: str) -> None:
    bag = SubElement(parent, f"{{{RDF}}}Bag")
    for value in values:
        SubElement(bag, f"{{{RDF}}}li").text = value
