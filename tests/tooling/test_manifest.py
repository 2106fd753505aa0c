"""The Teams app package: built from the template, checked against Microsoft's schema, zipped."""

from __future__ import annotations

import json
import shutil
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

from bot.__main__ import main
from bot.tooling.manifest import SOURCE_DIR, Developer, ManifestError, build_package, fill, load_template
from bot.tooling.manifest_schema import SCHEMA_DIR_VARIABLE, validate
from bot.tooling.png_header import read_png_header

pytestmark = pytest.mark.usefixtures("schema_installed")

APP_ID = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
DOMAIN = "styrgrupp.example.se"
PACKAGE_FILES = {"manifest.json", "en-US.json", "color.png", "outline.png"}
SWEDISH_COMMANDS = [
    "hjälp",
    "möten",
    "dagordning",
    "övrig fråga",
    "omröstning",
    "justerare",
    "ställ in",
    "protokoll",
]


def unzip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def filled_manifest() -> dict[str, Any]:
    developer = Developer.for_domain(DOMAIN)
    values = {
        "APP_ID": APP_ID,
        "BOT_DOMAIN": DOMAIN,
        "PACKAGE_VERSION": "1.0.0",
        "DEVELOPER_NAME": developer.name,
    }
    values |= {"WEBSITE_URL": developer.website_url, "PRIVACY_URL": developer.privacy_url}
    values |= {"TERMS_OF_USE_URL": developer.terms_of_use_url}
    return fill(load_template(), values)


def english() -> dict[str, Any]:
    return json.loads((SOURCE_DIR / "en-US.json").read_text(encoding="utf-8"))


def refusal(manifest: dict[str, Any]) -> str:
    with pytest.raises(ManifestError) as caught:
        validate(manifest, {"en-US.json": english()})
    return str(caught.value)


def test_the_package_holds_a_valid_manifest_its_language_file_and_icons(tmp_path: Path) -> None:
    app_id = str(uuid.uuid4())

    path = build_package(app_id, DOMAIN, "1.2.3", tmp_path / "dist" / "app.zip")

    files = unzip(path)
    assert set(files) == PACKAGE_FILES  # all at the zip's root, nothing else
    manifest = json.loads(files["manifest.json"])
    validate(manifest, {"en-US.json": json.loads(files["en-US.json"])})
    assert manifest["id"] == manifest["bots"][0]["botId"] == manifest["webApplicationInfo"]["id"] == app_id
    assert manifest["version"] == "1.2.3"
    assert manifest["validDomains"] == [DOMAIN]
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "sv-SE"
    assert "${" not in files["manifest.json"].decode("utf-8")
    assert read_png_header(files["color.png"]).size == (192, 192)
    outline = read_png_header(files["outline.png"])
    assert outline.size == (32, 32)
    assert outline.has_alpha


def test_the_bot_offers_its_swedish_commands_with_english_titles_for_english_clients(tmp_path: Path) -> None:
    files = unzip(build_package(APP_ID, DOMAIN, "1.0.0", tmp_path / "app.zip"))
    bot = json.loads(files["manifest.json"])["bots"][0]
    strings = json.loads(files["en-US.json"])

    assert sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    assert bot["supportsFiles"] is False
    [commands] = bot["commandLists"]
    assert [c["title"] for c in commands["commands"]] == SWEDISH_COMMANDS
    for n in range(len(SWEDISH_COMMANDS)):
        assert strings[f"bots[0].commandLists[0].commands[{n}].title"]
        assert strings[f"bots[0].commandLists[0].commands[{n}].description"]


def test_a_missing_bot_id_is_refused_in_swedish_naming_its_path() -> None:
    manifest = filled_manifest()
    del manifest["bots"][0]["botId"]

    assert "manifest.json: bots[0].botId: saknas (obligatoriskt fält)" in refusal(manifest)


def test_an_unknown_scope_is_refused_naming_its_path_and_the_allowed_values() -> None:
    manifest = filled_manifest()
    manifest["bots"][0]["scopes"] = ["team", "kanal"]

    message = refusal(manifest)

    assert 'manifest.json: bots[0].scopes[1]: "kanal" är inte tillåtet' in message
    assert '"groupChat"' in message


def test_a_manifest_version_without_a_schema_is_refused() -> None:
    manifest = filled_manifest() | {"manifestVersion": "1.18"}  # Microsoft skipped 1.18

    assert "manifest.json: manifestVersion: '1.18' finns inte bland schemana" in refusal(manifest)


def test_an_english_text_too_long_for_teams_is_refused_in_the_language_file() -> None:
    strings = english() | {"name.short": "S" * 31}

    with pytest.raises(ManifestError, match=r"en-US\.json: name\.short: för lång: 31 tecken, högst 30"):
        validate(filled_manifest(), {"en-US.json": strings})


def test_a_wrong_app_id_domain_or_version_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "app.zip"

    with pytest.raises(ManifestError) as caught:
        build_package("inte-ett-guid", "https://styrgrupp.example.se/", "1.0", out)

    assert [p.split(":")[0] for p in caught.value.problems] == ["id", "validDomains[0]", "version"]
    assert not out.exists()


def test_a_quote_in_a_value_cannot_break_the_json(tmp_path: Path) -> None:
    name = 'Kommun "A" \\ }'
    developer = Developer(name, "https://a.se/", "https://a.se/p", "https://a.se/v")

    files = unzip(build_package(APP_ID, DOMAIN, "1.0.0", tmp_path / "app.zip", developer=developer))

    assert json.loads(files["manifest.json"])["developer"]["name"] == name


def test_an_unknown_placeholder_in_the_template_is_refused() -> None:
    with pytest.raises(ManifestError, match=r"okänd platshållare \$\{TEAM_ID\}"):
        fill({"bots": [{"botId": "${TEAM_ID}"}]}, {"APP_ID": APP_ID})


def test_icons_of_the_wrong_size_or_without_transparency_are_refused(tmp_path: Path) -> None:
    source = shutil.copytree(SOURCE_DIR, tmp_path / "manifest")
    shutil.copy(source / "color.png", source / "outline.png")

    with pytest.raises(ManifestError) as caught:
        build_package(APP_ID, DOMAIN, "1.0.0", tmp_path / "app.zip", source_dir=source)

    assert caught.value.problems == [
        "icons.outline: outline.png är 192×192 bildpunkter, ska vara 32×32",
        "icons.outline: outline.png saknar genomskinlighet; "
        "konturikonen ska vara vit på genomskinlig bakgrund",
    ]


def test_the_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    first = build_package(APP_ID, DOMAIN, "1.0.0", tmp_path / "a.zip")
    second = build_package(APP_ID, DOMAIN, "1.0.0", tmp_path / "b.zip")

    assert first.read_bytes() == second.read_bytes()


def test_without_the_schema_the_package_is_refused_and_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SCHEMA_DIR_VARIABLE, str(tmp_path / "saknas"))

    with pytest.raises(ManifestError, match=r"kör scripts/node-deps\.sh"):
        build_package(APP_ID, DOMAIN, "1.0.0", tmp_path / "app.zip")


def test_the_command_line_builds_the_package_or_explains_in_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "styrgruppsboten.zip"

    assert main(["manifest", "--app-id", APP_ID, "--domain", DOMAIN, "--out", str(out)]) == 0
    assert json.loads(unzip(out)["manifest.json"])["version"] == "1.0.0"
    assert main(["manifest", "--app-id", APP_ID, "--domain", "x/y", "--out", str(out)]) == 2
    assert "validDomains[0]: 'x/y' är inte ett domännamn" in capsys.readouterr().err
