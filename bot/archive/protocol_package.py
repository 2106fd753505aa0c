"""One adjusted protocol as its information package: the files, their names, the METS around them."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from bot.domain.archive import ProtocolFacts, premis_events, public_record, revision

from .package import PackageFile, PackageInput, build_package

SCHEMA = Path(__file__).resolve().parent / "protokolldata.schema.json"
README = Path(__file__).resolve().parent / "om-paketet.txt"
_NAMESPACE = uuid.UUID("6f1d3c52-8a0e-4a8e-9a57-3c1f0e2b7d41")  # the bot's own, for package ids


def objid(facts: ProtocolFacts) -> str:
    """Stable for a protocol's version and revision: the same package made twice has one id."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{facts.version}:{revision(facts)}')}"


def _software_version() -> str:
    try:
        return version("styrgrupp-bot")
    except PackageNotFoundError:  # pragma: no cover - run from a checkout without installing
        return "0.0.0"


def structured_data(facts: ProtocolFacts, record: dict[str, Any]) -> bytes:
    """Attendance, adjuster, chair, secretary and every vote with its ballots, as the record froze
    them at submission; described by protokolldata.schema.json."""
    data = {
        "schema": "protokolldata.schema.json",
        "meeting_day": facts.meeting_day.isoformat(),
        "version": facts.version,
        "adjusted_at": facts.adjusted_at.isoformat(),
        "approvals": [{**asdict(a), "at": a.at.isoformat()} for a in facts.approvals],
        **public_record(record),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8") + b"\n"


def deletion_log(facts: ProtocolFacts) -> bytes | None:
    entry = facts.deletion
    if entry is None:
        return None
    data = {
        **asdict(entry),
        "settled_at": entry.settled_at.isoformat(),
        "due_at": entry.due_at.isoformat(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8") + b"\n"


def protocol_package(
    group: str, facts: ProtocolFacts, record: dict[str, Any], pdf: bytes, made_at: datetime
) -> bytes:
    day = facts.meeting_day.isoformat()
    first = facts.deletion is None
    earlier = None if first else f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{facts.version}:1')}"
    given = PackageInput(
        objid=objid(facts),
        label=f"Styrgruppsmöte {day}",
        group=group,
        created_at=made_at,
        version=facts.version,
        language="sv",
        meeting_day=day,
        record_status="NEW" if first else "REPLACEMENT",
        data=(
            PackageFile(f"protokoll-{day}.pdf", pdf, "application/pdf", "PDF/A-2a"),
            PackageFile(
                f"protokolldata-{day}.json", structured_data(facts, record), "application/json", "JSON"
            ),
        ),
        documentation=(PackageFile("om-paketet.txt", README.read_bytes(), "text/plain"),),
        schemas=(PackageFile("protokolldata.schema.json", SCHEMA.read_bytes(), "application/schema+json"),),
        events=premis_events(facts),
        deletion_log=deletion_log(facts),
        software_version=_software_version(),
        replaces=earlier,
    )
    return build_package(given)
