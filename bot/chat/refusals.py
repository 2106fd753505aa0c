"""Rule refusals in words: the one place a DomainError becomes a sentence."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.chat.markup import plain
from bot.domain.errors import DomainError
from bot.domain.group import Group
from bot.domain.permissions import RIGHTS, Action
from bot.texts import Texts


def role_list(texts: Texts, action: Action) -> str:
    names = [texts(f"role.{role.value}") for role in RIGHTS[action]]
    names.sort()
    joiner = " eller " if texts.locale == "sv" else " or "
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]


def _words(texts: Texts, params: dict[str, Any]) -> dict[str, Any]:
    """Derived parameters: codes become words, hashes become their short form."""
    words: dict[str, Any] = {}
    if "action" in params:
        words["roles"] = role_list(texts, Action(params["action"]))
    if "role" in params:
        words["role_name"] = texts(f"role.{params['role']}")
    if "tied" in params:
        words["tied_list"] = ", ".join(plain(str(option)) for option in params["tied"])
    for key in ("shown", "current"):
        if key in params:
            words[f"{key}_short"] = str(params[key])[:8]
    return words


def refusal(texts: Texts, group: Group, error: DomainError) -> str:
    params = {k: plain(v) if isinstance(v, str) else v for k, v in error.params.items()}
    params |= {k: texts.moment(v) for k, v in error.params.items() if isinstance(v, datetime)}
    params |= _words(texts, error.params)
    params.setdefault("group", plain(group.name))
    if not texts.has(error.code):
        return texts("fault.unknown_rule", code=error.code)
    return texts(error.code, **params)
