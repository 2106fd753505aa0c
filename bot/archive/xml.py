"""The XML namespaces of the package and a small builder over ElementTree."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

NS = {
    "mets": "http://www.loc.gov/METS/",
    "csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS",
    "sip": "https://DILCIS.eu/XML/METS/SIPExtensionMETS",
    "xlink": "http://www.w3.org/1999/xlink",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "premis": "http://www.loc.gov/premis/v3",
    "dc": "http://purl.org/dc/elements/1.1/",
}
for _prefix, _uri in NS.items():
    register_namespace(_prefix, _uri)


def q(name: str) -> str:
    """ "mets:file" → "{http://www.loc.gov/METS/}file"."""
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def el(parent: Element | None, name: str, text: str | None = None, **attrs: str) -> Element:
    names = {(q(k.replace("__", ":")) if "__" in k else k): v for k, v in attrs.items()}
    element = Element(q(name), names) if parent is None else SubElement(parent, q(name), names)
    if text is not None:
        element.text = text
    return element


def document(root: Element) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="utf-8") + b"\n"
