"""RFC 5545 text for one meeting: an invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL).

Small enough to write by hand: TEXT escaping (§3.3.11), line folding at 75 octets (§3.1) and UTC
times (§3.3.5) are all a stand-in calendar needs; iTIP's METHOD and SEQUENCE come from RFC 5546.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.graph.plaintext import plain_text
from bot.services.ports.delivery import Address, CalendarEvent

PRODID = "-//Styrgruppsboten//bot.graph.local//SV"
LINE_OCTETS = 75


@dataclass(frozen=True)
class Invitation:
    uid: str
    sequence: int
    organizer: Address
    event: CalendarEvent
    stamp: datetime  # when this version was written (DTSTAMP)


def request(invitation: Invitation) -> str:
    """The invitation, or an update of it when the sequence is above the one attendees have."""
    return _calendar("REQUEST", _event_lines(invitation, status="CONFIRMED"))


def cancel(invitation: Invitation, comment: str) -> str:
    lines = [*_event_lines(invitation, status="CANCELLED"), f"COMMENT:{escape(comment)}"]
    return _calendar("CANCEL", lines)


def escape(text: str) -> str:
    """TEXT value escaping: backslash first, so that the escapes added after stay single."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Splits a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # A continuation line starts with one space, which counts towards its 75 octets.
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError(f"{moment} has no time zone")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _calendar(method: str, event_lines: list[str]) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        *event_lines,
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def _event_lines(invitation: Invitation, status: str) -> list[str]:
    event = invitation.event
    return [
        f"UID:{invitation.uid}",
        f"SEQUENCE:{invitation.sequence}",
        f"DTSTAMP:{utc(invitation.stamp)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SUMMARY:{escape(event.subject)}",
        f"DESCRIPTION:{escape(plain_text(event.body_html))}",
        f"X-ALT-DESC;FMTTYPE=text/html:{escape(event.body_html)}",
        f"LOCATION:{escape(event.location)}",
        f"ORGANIZER{_common_name(invitation.organizer)}:mailto:{invitation.organizer.address}",
        *(
            f"ATTENDEE{_common_name(who)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
            f"RSVP=TRUE:mailto:{who.address}"
            for who in event.attendees
        ),
        f"STATUS:{status}",
    ]


def _common_name(who: Address) -> str:
    """`;CN="Marika Lyman"`, the name calendars show (§3.2.2); a quoted value may hold no DQUOTE."""
    name = " ".join(who.name.replace('"', "").split())
    return f';CN="{name}"' if name else ""
