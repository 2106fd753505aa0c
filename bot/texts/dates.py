"""Dates and times as a Swede writes them: "tisdag 19 september 2023 kl. 08:30"."""

from __future__ import annotations

from datetime import datetime, tzinfo

from babel.dates import format_datetime

_PATTERNS = {
    "sv": {"moment": "EEEE d MMMM y 'kl.' HH:mm", "day": "EEEE d MMMM y", "time": "HH:mm"},
    "en": {"moment": "EEEE d MMMM y 'at' HH:mm", "day": "EEEE d MMMM y", "time": "HH:mm"},
}
_BABEL_LOCALE = {"sv": "sv_SE", "en": "en_GB"}


def format_moment(moment: datetime, tz: tzinfo, locale: str, style: str = "moment") -> str:
    return format_datetime(moment, _PATTERNS[locale][style], tzinfo=tz, locale=_BABEL_LOCALE[locale])
