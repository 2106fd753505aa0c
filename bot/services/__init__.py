"""Use cases: one function per thing a user wants done, each in one transaction.

They load through the ports in `ports.py`, ask `bot.domain` to decide, save, and
return what happened. They know nothing of Teams, Graph or SQL.
"""
