"""`arkivpaket [ÅÅÅÅ-MM-DD]`: the secretary gets the information package of an adjusted protocol."""

from __future__ import annotations

from bot.chat.dates import parse_day
from bot.chat.markup import plain
from bot.chat.turn import Reply, Turn
from bot.domain.errors import DomainError
from bot.services.archive_packages import archived_package
from bot.services.context import Context


async def archive_command(ctx: Context, turn: Turn, args: str) -> Reply:
    t = turn.texts
    given = args.strip()
    day = parse_day(given) if given else None
    if given and day is None:
        raise DomainError("archive.bad_date", given=given[:40])
    package = await archived_package(ctx, turn.actor_id or "", day)
    key = "archive.package" if package.revision == 1 else "archive.package_remade"
    return Reply(t(key, day=package.day.isoformat(), name=plain(package.name), url=package.url))
