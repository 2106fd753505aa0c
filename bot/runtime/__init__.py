"""The served bot's loops: the scheduler (the clock) and the outbox worker."""
