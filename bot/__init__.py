"""The steering group's Teams bot (styrgruppsboten)."""
