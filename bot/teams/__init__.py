"""Everything that knows botbuilder: the activity handler, the adapter, authentication, the sender.

No other package imports botbuilder; `bot.agents` is the same for the Microsoft 365 Agents SDK,
and both share `bot.edge`. botbuilder is out of Microsoft's support since 31 December 2025: this
adapter runs only with BOT_SDK=botbuilder.
"""
