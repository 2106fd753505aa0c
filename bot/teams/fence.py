"""The tenant and team fence: the bot acts only for its configured tenant and team."""

from __future__ import annotations

from typing import Any

from bot.domain.group import Group


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def outside_reason(group: Group, conversation_type: str | None, channel_data: Any) -> str | None:
    """Why an activity comes from outside the group's tenant or team; None when it is inside."""
    tenant = _get(channel_data, "tenant", "id")
    if not isinstance(tenant, str) or tenant.casefold() != group.tenant_id.casefold():
        return f"tenant {tenant!r}"
    if conversation_type == "channel":
        team = _get(channel_data, "team", "id")
        if not isinstance(team, str) or team != group.team_id:
            return f"team {team!r}"
    return None
