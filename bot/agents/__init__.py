"""Everything that knows the Microsoft 365 Agents SDK (`microsoft_agents.*`): the bot as the SDK's
agent, its adapter and connectors, the token check and the settings mapped to the SDK's.

No other package imports the SDK; `bot.teams` is the same for botbuilder, and both share
`bot.edge`.
"""
