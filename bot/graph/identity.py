"""What the mail and calendar stand-ins and Graph put in a message's headers, and nothing internal.

A Message-ID and a calendar UID name the public host's domain (from BOT_PUBLIC_URL), as RFC 5322
§3.6.4 and RFC 5545 §3.8.4.7 recommend, and are derived from the outbox key by a hash: one key,
one id, so a message sent twice is recognised as one by whoever receives it, while the key
itself (it names recipients and versions) stays inside the bot.
"""

from __future__ import annotations

import hashlib
from email.headerregistry import Address as HeaderAddress

from bot.services.ports.delivery import Address

AUTO_SUBMITTED = "auto-generated"  # RFC 3834: sent by a program, so no out-of-office answers it


def _opaque(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def message_id(key: str, domain: str) -> str:
    return f"<{_opaque(key)}@{domain}>"


def calendar_uid(key: str, domain: str) -> str:
    return f"{_opaque(key)}@{domain}"


def ascii_address(address: str) -> str:
    """bo@borås.se as bo@xn--bors-soa.se: an encoded word inside an address would be invalid."""
    local, _, domain = address.rpartition("@")
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return address


def header_address(who: Address) -> str:
    """ "Marika Lyman <marika@avesta.se>", the name quoted or encoded as the header needs."""
    return str(HeaderAddress(display_name=who.name, addr_spec=ascii_address(who.address)))
