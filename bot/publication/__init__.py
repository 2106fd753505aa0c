"""The adjusted protocol for the world: the document in words, the public pages, the feed, the mail.

- `document`: a protocol version as bot.documents' ProtocolDocument (Swedish, from the frozen record)
- `links`: the public addresses of a protocol (page, PDF, feed), absolute from BOT_PUBLIC_URL
- `pages`, `feed`: the aiohttp routes under /protokoll/ and the Atom feed; adjusted protocols only
- `outgoing`: what the outbox sends: the PDF/A rendered, one recipient's mail, the file's name
"""
