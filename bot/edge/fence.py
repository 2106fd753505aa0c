"""The tenant and team fence: the bot acts only for its configured tenant and team, in Teams.

An activity says its tenant twice, in `conversation.tenantId` and `channelData.tenant.id`;
both must be the group's. Where they disagree, one of them is not what Teams wrote, so
the activity is refused whichever is the group's. The channel must be Teams' own
(`msteams`): the bot reads Teams' channel data, and another channel's could say anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.domain.group import Group

TEAMS = "msteams"


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def outside_reason(
    group: Group,
    channel_id: Any,
    conversation_type: str | None,
    conversation_tenants: Iterable[Any],
    channel_data: Any,
) -> str | None:
    """Why an activity comes from outside the group's tenant or team; None when it is inside.

    `conversation_tenants`: the conversation's tenant ids as given (msrest reads `tenantID`,
    Teams writes `tenantId`); at least one, and every one must be the group's.
    """
    if channel_id != TEAMS:
        return f"channel {channel_id!r}"
    tenants = [tenant for tenant in conversation_tenants if tenant is not None]
    tenants.append(_get(channel_data, "tenant", "id"))
    for tenant in tenants:
        if not isinstance(tenant, str) or tenant.casefold() != group.tenant_id.casefold():
            return f"tenant {tenant!r} (of {tenants!r})"
    if len(tenants) < 2:
        return "conversation.tenantId missing"
    if conversation_type == "channel":
        team = _get(channel_data, "team", "id")
        if not isinstance(team, str) or team != group.team_id:
            return f"team {team!r}"
    return None
