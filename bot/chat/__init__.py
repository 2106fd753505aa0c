"""The conversation, free of any SDK: typed commands in, replies in words out.

`bot.teams` turns Bot Framework activities into `Turn`s and sends the `Reply`s;
everything here would work unchanged under another Teams SDK.
"""
