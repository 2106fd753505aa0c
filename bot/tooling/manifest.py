"""The Teams app package: the manifest template filled in, checked, and zipped with its icons.

    from bot.tooling.manifest import build_package, ManifestError

    build_package("0b1c…", "styrgrupp.example.se", "1.0.0", Path("dist/styrgruppsboten.zip"))

The template (teams_app/manifest.template.json) is parsed first and its placeholders (`${APP_ID}`, …)
are filled inside the parsed strings, never in the raw JSON text, so no value can break the JSON.
The result is checked against Microsoft's own JSON schema for its manifestVersion, taken from the
npm package @microsoft/app-manifest (installed by scripts/node-deps.sh), before anything is written.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.tooling.manifest_schema import ManifestError, validate
from bot.tooling.png_header import PngError, read_png_header

SOURCE_DIR = Path(__file__).resolve().parent / "teams_app"  # in the package, so the wheel carries it
TEMPLATE_NAME = "manifest.template.json"
ICON_SIZES = {"color": (192, 192), "outline": (32, 32)}

_PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")
# The version Teams compares on upload: it must be plain MAJOR.MINOR.PATCH and grow with each update.
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", re.I
)
# Fixed timestamp inside the zip: the same inputs give the same bytes.
_ZIP_TIME = (2023, 9, 26, 8, 30, 0)

__all__ = ["Developer", "ManifestError", "build_package", "fill", "load_template", "validate"]


@dataclass(frozen=True)
class Developer:
    """The publisher shown in Teams' app details; the store requires all four."""

    name: str
    website_url: str
    privacy_url: str
    terms_of_use_url: str

    @classmethod
    def for_domain(cls, domain: str) -> Developer:
        # Placeholder pages on the bot's own domain; pass real ones for anything beyond a pilot.
        base = f"https://{domain}"
        return cls("Styrgruppsboten", f"{base}/", f"{base}/integritet", f"{base}/villkor")


def load_template(source_dir: Path = SOURCE_DIR) -> dict[str, Any]:
    return json.loads((source_dir / TEMPLATE_NAME).read_text(encoding="utf-8"))


def fill(template: Any, values: Mapping[str, str]) -> Any:
    """A copy of the parsed template with each `${NAME}` inside a string replaced by values[NAME]."""
    if isinstance(template, dict):
        return {key: fill(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [fill(value, values) for value in template]
    if isinstance(template, str):
        return _PLACEHOLDER.sub(lambda match: _value(match.group(1), values), template)
    return template


def _value(name: str, values: Mapping[str, str]) -> str:
    if name not in values:
        raise ManifestError([f"{TEMPLATE_NAME}: okänd platshållare ${{{name}}}"])
    return values[name]


def build_package(
    app_id: str,
    domain: str,
    version: str,
    out_path: Path,
    *,
    developer: Developer | None = None,
    source_dir: Path = SOURCE_DIR,
) -> Path:
    """Writes the app package (manifest.json, its language files and icons) and returns its path.

    Raises ManifestError, in Swedish and naming the JSON path of each problem, before writing anything.
    """
    _check_arguments(app_id, domain, version)
    developer = developer or Developer.for_domain(domain)
    values = {
        "APP_ID": app_id,
        "BOT_DOMAIN": domain,
        "PACKAGE_VERSION": version,
        "DEVELOPER_NAME": developer.name,
        "WEBSITE_URL": developer.website_url,
        "PRIVACY_URL": developer.privacy_url,
        "TERMS_OF_USE_URL": developer.terms_of_use_url,
    }
    manifest = fill(load_template(source_dir), values)
    files = _package_files(manifest, source_dir)
    validate(manifest, _languages(files))
    _check_icons(manifest, files)
    return _write_zip(out_path, {"manifest.json": _json_bytes(manifest), **files})


def _check_arguments(app_id: str, domain: str, version: str) -> None:
    problems = []
    if not _GUID.match(app_id):
        problems.append(
            f"id: {app_id!r} ska vara botens app-id i Entra, ett GUID "
            "(t.ex. 6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f)"
        )
    if not _HOSTNAME.match(domain):
        problems.append(
            f"validDomains[0]: {domain!r} är inte ett domännamn; ange bara värdnamnet, "
            "utan https:// och utan sökväg (t.ex. styrgrupp.example.se)"
        )
    if not _SEMVER.match(version):
        problems.append(f"version: {version!r} ska ha formen MAJOR.MINOR.PATCH, t.ex. 1.0.0")
    if problems:
        raise ManifestError(problems)


def _package_files(manifest: Mapping[str, Any], source_dir: Path) -> dict[str, bytes]:
    """The files the manifest names (icons, language files), read from source_dir."""
    names = [manifest["icons"][kind] for kind in ICON_SIZES]
    names += [lang["file"] for lang in manifest.get("localizationInfo", {}).get("additionalLanguages", [])]
    files, missing = {}, []
    for name in names:
        path = source_dir / name
        if "/" in name or "\\" in name or not path.is_file():
            missing.append(f"{name}: filen saknas i {source_dir} (den ska ligga i paketets rot)")
        else:
            files[name] = path.read_bytes()
    if missing:
        raise ManifestError(missing)
    return files


def _languages(files: Mapping[str, bytes]) -> dict[str, Any]:
    languages, problems = {}, []
    for name in (n for n in files if n.endswith(".json")):
        try:
            languages[name] = json.loads(files[name])
        except ValueError as error:
            problems.append(f"{name}: inte giltig JSON ({error})")
    if problems:
        raise ManifestError(problems)
    return languages


def _check_icons(manifest: Mapping[str, Any], files: Mapping[str, bytes]) -> None:
    problems = []
    for kind, size in ICON_SIZES.items():
        name = manifest["icons"][kind]
        try:
            header = read_png_header(files[name])
        except PngError as error:
            problems.append(f"icons.{kind}: {name} {error}")
            continue
        if header.size != size:
            problems.append(
                f"icons.{kind}: {name} är {header.width}×{header.height} bildpunkter, "
                f"ska vara {size[0]}×{size[1]}"
            )
        if kind == "outline" and not header.has_alpha:
            problems.append(
                f"icons.outline: {name} saknar genomskinlighet; "
                "konturikonen ska vara vit på genomskinlig bakgrund"
            )
    if problems:
        raise ManifestError(problems)


def _json_bytes(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write_zip(out_path: Path, files: Mapping[str, bytes]) -> Path:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(out_path.name + ".tmp")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    partial.replace(out_path)  # never leave half a package where Teams admins would pick it up
    return out_path
