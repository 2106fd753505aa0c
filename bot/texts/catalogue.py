"""The message catalogue: every sentence the bot writes, keyed, in Swedish and English.

Texts are `str.format` templates. Keys are stable; domain error codes are keys
too, so a rule's refusal always has words. Values from users are inserted by the
caller after escaping for the surface they go to.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from bot.texts.dates import format_moment
from bot.texts.messages_en import EN
from bot.texts.messages_sv import SV

CATALOGUE: dict[str, dict[str, str]] = {"sv": SV, "en": EN}
DEFAULT_LOCALE = "sv"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def locale_of(client_locale: str | None) -> str:
    """Teams sends e.g. "sv-SE" or "en-US"; anything not English is answered in Swedish."""
    if client_locale and client_locale.lower().startswith("en"):
        return "en"
    return DEFAULT_LOCALE


@dataclass(frozen=True)
class Texts:
    locale: str
    tz: tzinfo

    def __call__(self, key: str, **params: Any) -> str:
        template = CATALOGUE[self.locale].get(key) or CATALOGUE[DEFAULT_LOCALE][key]
        return template.format(**params)

    def has(self, key: str) -> bool:
        return key in CATALOGUE[DEFAULT_LOCALE]

    def moment(self, value: datetime) -> str:
        return format_moment(value, self.tz, self.locale)

    def day(self, value: datetime) -> str:
        return format_moment(value, self.tz, self.locale, "day")

    def time(self, value: datetime) -> str:
        return format_moment(value, self.tz, self.locale, "time")


def texts_for(client_locale: str | None, tz: tzinfo) -> Texts:
    return Texts(locale_of(client_locale), tz)
