"""Settings from the environment. Secrets come only from here, never from files in the repository."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.groupfile import SAMPLE_PATH


class SettingsError(Exception):
    pass


class Settings(BaseSettings):
    """Every variable is prefixed BOT_ (BOT_APP_ID, BOT_DATABASE_URL, …); see the README."""

    model_config = SettingsConfigDict(env_prefix="BOT_", extra="ignore")

    app_id: str = ""
    app_password: SecretStr = SecretStr("")
    app_type: Literal["SingleTenant", "MultiTenant", "UserAssignedMSI"] = "SingleTenant"
    # Which SDK carries the activities: the Microsoft 365 Agents SDK (supported), or botbuilder
    # (out of Microsoft's support since 31 December 2025; kept selectable for a while).
    sdk: Literal["agents", "botbuilder"] = "agents"
    # Whose tokens the bot takes: the Bot Framework's public cloud unless told otherwise (a
    # sovereign cloud's channel, or a loopback issuer for the benchmarks).
    openid_metadata_url: str = "https://login.botframework.com/v1/.well-known/openidconfiguration"
    token_issuer: str = "https://api.botframework.com"
    insecure_dev: bool = Field(False, description="authentication off; only for a local run on 127.0.0.1")
    host: str = "127.0.0.1"
    port: int = Field(3978, ge=1, le=65535)
    database_url: str = "sqlite+aiosqlite:///var/styrgrupp.db"
    group_file: Path | None = None
    log_level: str = "INFO"
    locale: Literal["", "sv", "en"] = ""  # "": the client's language (Swedish unless it says English)
    # Microsoft Graph (calendar, mail, files). Without a mailbox, the local stand-ins write
    # .ics, .eml and plain files under `local_folder` instead.
    graph_mailbox: str = ""
    graph_drive_id: str = ""
    graph_client_id: str = ""  # default: the bot's app id
    graph_client_secret: SecretStr = SecretStr("")  # default: the bot's password
    graph_base_url: str = "https://graph.microsoft.com/v1.0"
    local_folder: Path = Path("var")
    # Dev only: each local mail takes this long to return after it went out, as Graph's does.
    local_mail_delay_seconds: float = Field(0.0, ge=0, le=10)
    # The team's folder (drive item id in BOT_GRAPH_DRIVE_ID) that gets each adjusted protocol's PDF.
    graph_protocol_folder: str = "root"
    # Where the bot's public pages (/protokoll/) are reached from outside, for absolute links in
    # cards, mail and the feed; default http://BOT_HOST:BOT_PORT.
    public_url: str = ""
    # The electronic seal of the adjusted PDF (PAdES): the organisation's certificate and its key,
    # PEM or DER, and the key's password (from the environment only). Without them, no seal.
    seal_cert_file: Path | None = None
    seal_key_file: Path | None = None
    seal_key_password: SecretStr = SecretStr("")
    seal_chain_file: Path | None = None  # intermediate CA certificates to embed beside the seal's own
    # The information packages (E-ARK SIP): with BOT_GRAPH_DRIVE_ID this folder (a drive item id) in
    # the team's drive, default the protocol folder; otherwise BOT_LOCAL_FOLDER/archive.
    graph_archive_folder: str = ""
    outbox_worker: bool = Field(True, description="false: this process leaves the outbox to another")
    scheduler_interval_seconds: float = Field(30.0, gt=0)
    # How long a process holds a message it is delivering; after a crash, the message waits this
    # long before another process (or the restarted one) delivers it. Longer than any one delivery.
    outbox_lease_seconds: float = Field(120.0, ge=1)
    # How long one call to Teams' Bot Connector may take before it counts as failed (and the
    # outbox tries again later); msrest's own default is 100 s, tried up to four times.
    connector_timeout_seconds: float = Field(20.0, gt=0)
    # Slow clients: a connection must have sent a whole request head (line and headers) this
    # long after it opened or after its last answer, or it is closed (idle ones too); and a
    # request's body must have arrived this long after its head.
    header_timeout_seconds: float = Field(10.0, gt=0)
    body_timeout_seconds: float = Field(20.0, gt=0)

    @model_validator(mode="after")
    def _authentication_is_on_unless_asked_off(self) -> Settings:
        if self.app_id and self.insecure_dev:
            raise ValueError(
                "BOT_APP_ID är satt och BOT_INSECURE_DEV=1: inloggningen är alltid på när ett app-id finns. "
                "Ta bort BOT_INSECURE_DEV."
            )
        if not self.app_id and not self.insecure_dev:
            raise ValueError(
                "BOT_APP_ID saknas. Sätt BOT_APP_ID (och BOT_APP_PASSWORD) för drift, "
                "eller BOT_INSECURE_DEV=1 för en lokal körning utan inloggning."
            )
        if self.insecure_dev and not _is_loopback(self.host):
            raise ValueError(
                f"BOT_INSECURE_DEV=1 kräver att boten lyssnar på 127.0.0.1, inte {self.host}: "
                "utan inloggning får den inte nås utifrån."
            )
        if self.graph_mailbox and not (self.graph_client_id or self.app_id):
            raise ValueError(
                "BOT_GRAPH_MAILBOX kräver ett app-id för Graph: BOT_GRAPH_CLIENT_ID eller BOT_APP_ID."
            )
        if self.local_mail_delay_seconds and not self.insecure_dev:
            raise ValueError(
                "BOT_LOCAL_MAIL_DELAY_SECONDS är bara för en lokal körning: kräver BOT_INSECURE_DEV=1."
            )
        if (self.seal_cert_file is None) != (self.seal_key_file is None):
            raise ValueError(
                "BOT_SEAL_CERT_FILE och BOT_SEAL_KEY_FILE hör ihop: ange båda (certifikatet och dess nyckel) "
                "eller ingen av dem."
            )
        if self.group_file is None and not self.insecure_dev:
            raise ValueError("BOT_GROUP_FILE saknas: ange sökvägen till styrgruppens gruppfil.")
        return self

    @property
    def auth_enabled(self) -> bool:
        return bool(self.app_id)

    @property
    def graph_enabled(self) -> bool:
        return bool(self.graph_mailbox)

    @property
    def seal_enabled(self) -> bool:
        return self.seal_cert_file is not None and self.seal_key_file is not None

    @property
    def public_base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def public_domain(self) -> str:
        """The public host's name ("protokoll.sater.se"): the right half of Message-IDs and calendar UIDs."""
        return urlsplit(self.public_base_url).hostname or self.host

    @property
    def group_path(self) -> Path:
        return self.group_file or SAMPLE_PATH


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_settings() -> Settings:
    try:
        return Settings()
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        raise SettingsError(_describe(error)) from error


def _describe(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if not callable(errors):
        return str(error)
    lines = []
    for item in errors():
        where = ".".join(str(p) for p in item.get("loc", ()))
        message = str(item.get("msg", "")).removeprefix("Value error, ")
        lines.append(f"BOT_{where.upper()}: {message}" if where else message)
    return "\n".join(lines)
