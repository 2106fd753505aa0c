"""Everything that knows botbuilder: the activity handler, the adapter, authentication.

No other package imports botbuilder, so moving to the Microsoft 365 Agents SDK is
this package's work alone.
"""
