"""The preservation events as PREMIS 3: the package's objects, its events and their agents."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.archive import PremisEvent

from .xml import document, el

SOFTWARE = "Styrgruppsboten"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def premis_xml(objects: Sequence[tuple[str, str, str]], events: Sequence[PremisEvent], group: str) -> bytes:
    """`objects`: (identifier, sha-256, format name) of each file the events are about."""
    root = el(None, "premis:premis", version="3.0")
    for identifier, digest, format_name in objects:
        obj = el(root, "premis:object", xsi__type="premis:file")
        ident = el(obj, "premis:objectIdentifier")
        el(ident, "premis:objectIdentifierType", "local")
        el(ident, "premis:objectIdentifierValue", identifier)
        characteristics = el(obj, "premis:objectCharacteristics")
        fixity = el(characteristics, "premis:fixity")
        el(fixity, "premis:messageDigestAlgorithm", "SHA-256")
        el(fixity, "premis:messageDigest", digest)
        fmt = el(characteristics, "premis:format")
        el(el(fmt, "premis:formatDesignation"), "premis:formatName", format_name)
    agents = {SOFTWARE: "software", group: "organization"}
    for event in events:
        node = el(root, "premis:event")
        ident = el(node, "premis:eventIdentifier")
        el(ident, "premis:eventIdentifierType", "local")
        el(ident, "premis:eventIdentifierValue", event.identifier)
        el(node, "premis:eventType", event.type)
        el(node, "premis:eventDateTime", _iso(event.at))
        el(el(node, "premis:eventDetailInformation"), "premis:eventDetail", event.detail)
        el(el(node, "premis:eventOutcomeInformation"), "premis:eventOutcome", event.outcome)
        who = event.agent or SOFTWARE
        agents.setdefault(who, "person")
        _link(node, "premis:linkingAgentIdentifier", "premis:linkingAgentIdentifier", who)
        for identifier, _, _ in objects[:1]:  # the protocol's PDF, which every event is about
            _link(node, "premis:linkingObjectIdentifier", "premis:linkingObjectIdentifier", identifier)
    for name, kind in agents.items():
        agent = el(root, "premis:agent")
        ident = el(agent, "premis:agentIdentifier")
        el(ident, "premis:agentIdentifierType", "local")
        el(ident, "premis:agentIdentifierValue", name)
        el(agent, "premis:agentName", name)
        el(agent, "premis:agentType", kind)
    return document(root)


def _link(parent, name: str, prefix: str, value: str) -> None:  # type: ignore[no-untyped-def]
    link = el(parent, name)
    el(link, f"{prefix}Type", "local")
    el(link, f"{prefix}Value", value)
