"""The bot's own settings become the Agents SDK's service connection, as its environment would say it."""

from __future__ import annotations

import pytest
from microsoft_agents.activity import load_configuration_from_env
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import AgentAuthConfiguration, AuthTypes

from bot.agents.connection import connection_settings

APP_ID = "11111111-2222-4333-8444-555555555555"
TENANT = "5a8e2a8c-1111-4222-8333-444455556666"


def parsed(app_type: str) -> AgentAuthConfiguration:
    settings = connection_settings(APP_ID, "the-secret", app_type, TENANT)
    manager = MsalConnectionManager(**load_configuration_from_env(settings))
    return manager.get_default_connection_configuration()


@pytest.mark.parametrize(
    ("app_type", "auth_type", "tenant", "secret"),
    [
        ("SingleTenant", AuthTypes.client_secret, TENANT, "the-secret"),
        ("MultiTenant", AuthTypes.client_secret, "botframework.com", "the-secret"),
        ("UserAssignedMSI", AuthTypes.user_managed_identity, TENANT, None),
    ],
)
def test_each_app_type_is_the_sdks_connection_for_it(
    app_type: str, auth_type: AuthTypes, tenant: str, secret: str | None
) -> None:
    c = parsed(app_type)
    given = {"auth": c.AUTH_TYPE, "client": c.CLIENT_ID, "tenant": c.TENANT_ID, "secret": c.CLIENT_SECRET}
    assert given == {"auth": auth_type, "client": APP_ID, "tenant": tenant, "secret": secret}


def test_a_managed_identity_is_given_no_secret_even_when_one_is_set() -> None:
    settings = connection_settings(APP_ID, "left-over", "UserAssignedMSI", TENANT)
    assert not any(key.endswith("CLIENTSECRET") for key in settings)
