"""`python -m bot serve | check-config | migrate`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from bot.domain.group import Group
from bot.settings import Settings, SettingsError, load_settings


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        print(f"Fel i inställningarna:\n{error}", file=sys.stderr)
        raise SystemExit(2) from error


def _group(path: Path) -> Group:
    from bot.groupfile import GroupFileError, load_group

    try:
        return load_group(path)
    except GroupFileError as error:
        print(f"Fel i gruppfilen {path}:\n{error}", file=sys.stderr)
        raise SystemExit(2) from error


async def _migrate(url: str) -> None:
    from bot.storage.engine import make_engine
    from bot.storage.migrate import upgrade

    engine = make_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def check_config(args: argparse.Namespace) -> int:
    given = args.file or os.environ.get("BOT_GROUP_FILE")
    if not given:
        print("Ange gruppfilen: check-config <fil> eller BOT_GROUP_FILE=<fil>.", file=sys.stderr)
        return 2
    path = Path(given)
    group = _group(path)
    people = len(group.people)
    print(
        f"{path}: OK – {group.name}: {len(group.municipalities)} kommuner, {people} personer, "
        f"{len(group.year_plan)} möten i årsplanen."
    )
    return 0


def migrate(_: argparse.Namespace) -> int:
    settings = _settings()
    asyncio.run(_migrate(settings.database_url))
    print(f"Databasen är uppdaterad: {settings.database_url}")
    return 0


def serve(_: argparse.Namespace) -> int:
    from aiohttp import web

    from bot.app import create_app

    settings = _settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    group = _group(settings.group_path)
    asyncio.run(_migrate(settings.database_url))
    url = f"http://{settings.host}:{settings.port}/api/messages"
    print(f"Styrgruppsboten för {group.name} lyssnar på {url}", flush=True)
    if not settings.auth_enabled:
        print("Inloggning AV (BOT_INSECURE_DEV=1): endast för lokal utveckling.", flush=True)
        print("Skicka aktiviteter hit, t.ex. från Microsoft 365 Agents Playground (se README).", flush=True)
    web.run_app(create_app(settings, group), host=settings.host, port=settings.port, print=None)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="styrgrupp-bot", description="Styrgruppens Teams-bot.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="starta boten").set_defaults(run=serve)
    commands.add_parser("migrate", help="uppdatera databasen till senaste schemat").set_defaults(run=migrate)
    check = commands.add_parser("check-config", help="kontrollera gruppfilen")
    check.add_argument("file", nargs="?", help="gruppfilen (standard: BOT_GROUP_FILE)")
    check.set_defaults(run=check_config)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
