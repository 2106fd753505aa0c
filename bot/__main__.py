"""`python -m bot serve | check-config | migrate | manifest | playground-config`."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

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
    if not group.rules.retention_decision:
        print(
            "Obs: rules.retention_decision saknas. Ange beslutet som gallringen av inspelningen vilar på, "
            't.ex. retention_decision: "Gallringsbeslut ..., dnr ..."; utan det står det i gallringsloggen '
            "att beslutet inte är angivet."
        )
    if group.accessibility_address is None:
        print(
            "Obs: accessibility_contact saknas (och mailbox). Tillgänglighetsredogörelsen på "
            "/protokoll/tillganglighet ska ge en adress dit läsare kan anmäla brister; ange t.ex. "
            "accessibility_contact: webb@kommun.se."
        )
    last = group.last_adjuster
    if last is not None and last.date > datetime.now(ZoneInfo(group.timezone)).date():
        print(
            f"Obs: rotation.last_adjuster.date ({last.date.isoformat()}) har inte varit än. Den senaste "
            "justeraren före boten räknas bara för möten efter det datumet; före det börjar turordningen "
            "från början. Kontrollera datumet."
        )
    return 0


def migrate(_: argparse.Namespace) -> int:
    settings = _settings()
    asyncio.run(_migrate(settings.database_url))
    print(f"Databasen är uppdaterad: {settings.database_url}")
    return 0


def _check_seal(settings: Settings, group: Group) -> None:
    """A configured seal that cannot be made stops the start, rather than the first distribution."""
    from bot.app import sealer_of
    from bot.services.sealing import SealError

    sealer = sealer_of(settings, group)
    if sealer is None:
        return
    try:
        sealer.check()
    except SealError as error:
        print(f"Den elektroniska stämpeln (BOT_SEAL_*) går inte att använda: {error}", file=sys.stderr)
        raise SystemExit(2) from error
    print("Justerade protokoll förseglas med certifikatet i BOT_SEAL_CERT_FILE.", flush=True)


SDK_NAMES = {
    "agents": "SDK: Microsoft 365 Agents SDK (BOT_SDK=agents).",
    "botbuilder": "SDK: botbuilder (BOT_SDK=botbuilder), utan Microsofts stöd sedan 31 december 2025.",
}


def serve(_: argparse.Namespace) -> int:
    from aiohttp import web

    from bot.app import create_app, server_options

    settings = _settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    group = _group(settings.group_path)
    asyncio.run(_migrate(settings.database_url))
    url = f"http://{settings.host}:{settings.port}/api/messages"
    print(f"Styrgruppsboten för {group.name} lyssnar på {url}", flush=True)
    print(SDK_NAMES[settings.sdk], flush=True)
    if not settings.auth_enabled:
        print("Inloggning AV (BOT_INSECURE_DEV=1): endast för lokal utveckling.", flush=True)
        print("Prata med den i Microsoft 365 Agents Playground: ./scripts/playground (README).", flush=True)
    _check_seal(settings, group)
    app = create_app(settings, group)
    app.on_startup.append(freeze_what_lives_on)
    web.run_app(
        app, host=settings.host, port=settings.port, print=None, loop=event_loop(), **server_options(settings)
    )
    return 0


def event_loop() -> asyncio.AbstractEventLoop:
    """uvloop's event loop where it is installed (Linux, macOS), else asyncio's own.

    The bot's time goes to many small requests, and uvloop's sockets, callbacks and timers
    cost a fraction of asyncio's pure-Python ones.
    """
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


async def freeze_what_lives_on(_: object) -> None:
    """Keeps the garbage collector away from what lives as long as the process.

    Once started, the process holds some 140,000 objects that live until it ends: modules,
    classes, the SDK's models, SQLAlchemy's metadata (the Graph SDK and WeasyPrint add theirs
    once loaded). Every full collection walked all of them, some 30 ms with every request in
    flight waiting. Frozen, they are left out, and a full collection walks only what came after.
    """
    gc.collect()
    gc.freeze()


def manifest(args: argparse.Namespace) -> int:
    from bot.tooling.manifest import ManifestError, build_package

    try:
        path = build_package(args.app_id, args.domain, args.version, Path(args.out))
    except ManifestError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"Teams-appens paket: {path} (version {args.version}). Ladda upp det i Teams admincenter.")
    return 0


def playground_config(args: argparse.Namespace) -> int:
    from bot.groupfile import SAMPLE_PATH
    from bot.tooling.playground import PlaygroundError, write_playground_config
    from bot.tooling.playground import playground_config as build_config

    given = args.file or os.environ.get("BOT_GROUP_FILE")
    group = _group(Path(given) if given else SAMPLE_PATH)
    try:
        config = build_config(group, args.as_email)
    except PlaygroundError as error:
        print(error, file=sys.stderr)
        return 2
    path = write_playground_config(config, Path(args.out))
    print(f"{path}: du är {config['currentUser']['name']} i {group.name}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="styrgrupp-bot", description="Styrgruppens Teams-bot.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="starta boten").set_defaults(run=serve)
    commands.add_parser("migrate", help="uppdatera databasen till senaste schemat").set_defaults(run=migrate)
    check = commands.add_parser("check-config", help="kontrollera gruppfilen")
    check.add_argument("file", nargs="?", help="gruppfilen (standard: BOT_GROUP_FILE)")
    check.set_defaults(run=check_config)
    package = commands.add_parser("manifest", help="bygg Teams-appens paket (zip)")
    package.add_argument("--app-id", required=True, help="botens app-id i Entra (ett GUID)")
    package.add_argument("--domain", required=True, help="botens domännamn, t.ex. styrgrupp.example.se")
    package.add_argument("--version", default="1.0.0", help="appens version; höj den vid varje uppdatering")
    package.add_argument("--out", default="dist/styrgruppsboten.zip", help="zip-filen som skrivs")
    package.set_defaults(run=manifest)
    playground = commands.add_parser("playground-config", help="skriv Agents Playgrounds konfiguration")
    playground.add_argument("file", nargs="?", help="gruppfilen (standard: BOT_GROUP_FILE, annars exemplet)")
    playground.add_argument("--as", dest="as_email", help="din e-post i gruppfilen (standard: ordföranden)")
    playground.add_argument("--out", default="var/playground/.m365agentsplayground.yml", help="filen")
    playground.set_defaults(run=playground_config)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
