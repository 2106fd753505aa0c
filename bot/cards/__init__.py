"""Adaptive Cards: templates under `bot/cards/templates/` filled field by field with a strict expander.

Cards are data. A template is parsed as JSON first and only then filled, so a quote
or a brace in a user's text can never break or inject into a card.
"""
