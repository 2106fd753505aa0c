"""The bot's own settings (BOT_APP_ID, BOT_APP_PASSWORD, BOT_APP_TYPE) as the Agents SDK's connection.

The SDK reads its service connection from `CONNECTIONS__SERVICE_CONNECTION__SETTINGS__*`; the
bot keeps its own names, the same for either SDK, and hands the SDK what those would say.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from microsoft_agents.activity import load_configuration_from_env
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import AuthTypes

from bot.agents.connectors import BOT_FRAMEWORK, SCOPES

SETTINGS = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__"
MULTI_TENANT = "botframework.com"  # the authority a multi-tenant bot takes its token from


def connection_settings(app_id: str, app_password: str, app_type: str, tenant_id: str) -> dict[str, str]:
    """What the SDK's environment variables would be for this bot."""
    if app_type == "UserAssignedMSI":
        # The managed identity's client id is the bot's app id; it has no secret.
        return {
            f"{SETTINGS}AUTHTYPE": AuthTypes.user_managed_identity.value,
            f"{SETTINGS}CLIENTID": app_id,
            f"{SETTINGS}TENANTID": tenant_id,
        }
    return {
        f"{SETTINGS}AUTHTYPE": AuthTypes.client_secret.value,
        f"{SETTINGS}CLIENTID": app_id,
        f"{SETTINGS}CLIENTSECRET": app_password,
        f"{SETTINGS}TENANTID": tenant_id if app_type == "SingleTenant" else MULTI_TENANT,
    }


def token_source(
    app_id: str, app_password: str, app_type: str, tenant_id: str
) -> Callable[[], Awaitable[str]]:
    """The bot's bearer token for the Bot Connector, from Entra through the SDK's MSAL provider."""
    manager = MsalConnectionManager(
        **load_configuration_from_env(connection_settings(app_id, app_password, app_type, tenant_id))
    )
    provider = manager.get_default_connection()

    async def token() -> str:
        return await provider.get_access_token(BOT_FRAMEWORK, SCOPES)

    return token
