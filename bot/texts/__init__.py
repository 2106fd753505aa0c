"""Everything the bot says, in Swedish first and English second, and how it writes dates."""

from bot.texts.catalogue import Texts, texts_for

__all__ = ["Texts", "texts_for"]
