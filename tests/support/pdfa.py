"""What can be checked of PDF/A-2a here without veraPDF: read with pypdf, element by element."""

from __future__ import annotations

from io import BytesIO
from xml.etree import ElementTree

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
NS = {
    "pdfaid": "{http://www.aiim.org/pdfa/ns/id/}",
    "dc": "{http://purl.org/dc/elements/1.1/}",
    "xmp": "{http://ns.adobe.com/xap/1.0/}",
    "pdf": "{http://ns.adobe.com/pdf/1.3/}",
}


def xmp_properties(pdf: bytes) -> dict[str, str]:
    """Every simple XMP property ("dc:identifier") and the first item of each array ("dc:language")."""
    reader = PdfReader(BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    root = ElementTree.fromstring(xmp.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    found: dict[str, str] = {}
    prefixes = {uri: prefix for prefix, uri in NS.items()}
    for description in root.iter(f"{RDF}Description"):
        for name, value in description.attrib.items():
            found.update(_named(prefixes, name, value))
        for child in description:
            items = [li.text or "" for li in child.iter(f"{RDF}li")]
            found.update(_named(prefixes, child.tag, items[0] if items else (child.text or "")))
    return found


def _named(prefixes: dict[str, str], tag: str, value: str) -> dict[str, str]:
    uri, _, local = tag.partition("}")
    prefix = prefixes.get(uri + "}")
    return {f"{prefix}:{local}": value.strip()} if prefix else {}


def structure_roles(pdf: bytes) -> set[str]:
    """The structure types under /StructTreeRoot (H1, L, LI, Table …)."""
    root = PdfReader(BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"].get_object()
    roles: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, ArrayObject):
            stack.extend(n.get_object() for n in node)
        elif isinstance(node, DictionaryObject):
            if "/S" in node and node.get("/Type") != "/MCR":
                roles.add(str(node["/S"]).lstrip("/"))
            if "/K" in node:
                stack.append(node["/K"].get_object())
    return roles


def info(pdf: bytes) -> dict[str, str]:
    metadata = PdfReader(BytesIO(pdf)).metadata or {}
    return {str(k): str(v) for k, v in metadata.items()}
