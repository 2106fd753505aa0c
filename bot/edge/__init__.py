"""The Teams edge both SDK adapters share: the endpoint, the activity read once, the fence, the
turn's logic and the outbox's Teams deliveries; no SDK is imported here (bot.teams is botbuilder's
adapter, bot.agents the Microsoft 365 Agents SDK's)."""
