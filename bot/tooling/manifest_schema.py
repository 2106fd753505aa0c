"""Checking a Teams manifest against Microsoft's JSON schema, with the problems told in Swedish.

The schemas come from the npm package @microsoft/app-manifest, which bundles one per manifest
version (build/json-schemas/teams/v1.NN/). They are found under tools/node_modules, or under the
directory BOT_MANIFEST_SCHEMA_DIR names (the one holding the v1.NN folders).
"""

from __future__ import annotations

import json
import operator
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, Draft6Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError, best_match

REPO_ROOT = Path(__file__).resolve().parents[2]  # a checkout: the schema comes from npm, under tools/
SCHEMA_DIR_VARIABLE = "BOT_MANIFEST_SCHEMA_DIR"
DEFAULT_SCHEMA_DIR = REPO_ROOT / "tools/node_modules/@microsoft/app-manifest/build/json-schemas/teams"
MANIFEST_SCHEMA = "MicrosoftTeams.schema.json"
LOCALIZATION_SCHEMA = "MicrosoftTeams.Localization.schema.json"

# The schemas declare draft-04 but are written for Microsoft's validator (Ajv), which differs from
# strict draft-04 twice: it honours draft-06's `const` (manifestVersion), and it applies the keywords
# beside a `$ref` (the language file's `"maxLength": 30` next to `"$ref": nonEmptyString`), which
# draft-04 ignores. Strict draft-04 would let a 40-character name through.
_TeamsValidator = validators.create(
    meta_schema=Draft4Validator.META_SCHEMA,
    validators={**Draft4Validator.VALIDATORS, "const": Draft6Validator.VALIDATORS["const"]},
    type_checker=Draft4Validator.TYPE_CHECKER,
    format_checker=Draft4Validator.FORMAT_CHECKER,
    id_of=Draft4Validator.ID_OF,
    applicable_validators=operator.methodcaller("items"),
)

_TYPES = {"string": "text", "array": "lista", "object": "objekt", "boolean": "true eller false"}
_TYPES |= {"integer": "heltal", "number": "tal", "null": "null"}
_GUID_PATTERN = "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$"
_PATTERNS = {
    _GUID_PATTERN: "ett GUID som 6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
    "^#[0-9a-fA-F]{6}$": "en färgkod som #1F3A5F",
    "^[Hh][Tt][Tt][Pp][Ss]?://": "en adress som börjar med https://",
    "^(?![nN][uU][lL]{2}$)\\s*\\S.*": "en text som inte är tom",
}


class ManifestError(Exception):
    """The package cannot be built; one line per problem, each naming the file and JSON path."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(
            "Teams-appens manifest är inte giltigt:\n" + "\n".join(f"  {p}" for p in self.problems)
        )


def schema_dir() -> Path:
    override = os.environ.get(SCHEMA_DIR_VARIABLE)
    return Path(override) if override else DEFAULT_SCHEMA_DIR


def validate(manifest: Mapping[str, Any], languages: Mapping[str, Mapping[str, Any]]) -> None:
    """Raises ManifestError listing every schema violation in the manifest and its language files."""
    version = manifest.get("manifestVersion")
    if not isinstance(version, str) or not version:
        raise ManifestError(["manifest.json: manifestVersion: saknas (obligatoriskt fält)"])
    problems = _problems("manifest.json", manifest, _validator(version, MANIFEST_SCHEMA))
    localization = _validator(version, LOCALIZATION_SCHEMA)
    for name, strings in languages.items():
        problems += _problems(name, strings, localization)
    if problems:
        raise ManifestError(problems)


@cache
def _validator_at(path: Path) -> Any:
    schema = json.loads(path.read_text(encoding="utf-8"))
    return _TeamsValidator(schema, format_checker=FormatChecker())


def _validator(version: str, file_name: str) -> Any:
    directory = schema_dir()
    path = directory / f"v{version}" / file_name
    if path.is_file():
        return _validator_at(path)
    if not directory.is_dir():
        raise ManifestError(
            [
                f"Schemat för Teams-manifestet saknas ({directory}): kör scripts/node-deps.sh, "
                "som installerar npm-paketet @microsoft/app-manifest under tools/ "
                f"(eller sätt {SCHEMA_DIR_VARIABLE})."
            ]
        )
    raise ManifestError(
        [f"manifest.json: manifestVersion: {version!r} finns inte bland schemana i {directory}"]
    )


def _problems(file_name: str, document: Any, validator: Any) -> list[str]:
    errors = sorted(
        validator.iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), e.validator)
    )
    lines = (f"{file_name}: {line}" for error in errors for line in _describe(_deepest(error)))
    return list(dict.fromkeys(lines))  # a key required twice by the schema is reported once


def _deepest(error: ValidationError) -> ValidationError:
    # For anyOf/oneOf the useful message is in the alternative that came closest.
    while error.validator in ("anyOf", "oneOf") and error.context:
        match = best_match(error.context)
        if match is None:
            break
        error = match
    return error


def json_path(parts: Iterable[str | int]) -> str:
    """bots[0].scopes[1] for ["bots", 0, "scopes", 1]; "(roten)" for the document itself."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(roten)"


def _describe(error: ValidationError) -> Iterator[str]:
    path = list(error.absolute_path)
    where = json_path(path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        for name in (n for n in expected if isinstance(value, dict) and n not in value):
            yield f"{json_path([*path, name])}: saknas (obligatoriskt fält)"
    elif kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        for name in sorted(k for k in value if k not in known and not _matches_pattern(error.schema, k)):
            yield f"{json_path([*path, name])}: okänt fält, finns inte i schemat"
    else:
        yield f"{where}: {_sentence(str(kind), expected, value)}"


def _matches_pattern(schema: Mapping[str, Any], key: str) -> bool:
    return any(re.search(pattern, key) for pattern in schema.get("patternProperties", {}))


def _sentence(kind: str, expected: Any, value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    if len(shown) > 60:
        shown = shown[:57] + "…"
    match kind:
        case "enum":
            allowed = ", ".join(json.dumps(v, ensure_ascii=False) for v in expected)
            return f"{shown} är inte tillåtet; tillåtna värden: {allowed}"
        case "const":
            return f"ska vara {json.dumps(expected, ensure_ascii=False)}, inte {shown}"
        case "type":
            wanted = " eller ".join(
                _TYPES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected)
            )
            return f"ska vara {wanted}, inte {shown}"
        case "pattern":
            return f"{shown} ska vara {_PATTERNS.get(expected, f'på formen {expected}')}"
        case "maxLength":
            return f"för lång: {len(value)} tecken, högst {expected} tillåts"
        case "minLength":
            return f"för kort: {len(value)} tecken, minst {expected} krävs"
        case "maxItems":
            return f"för många poster: {len(value)}, högst {expected} tillåts"
        case "minItems":
            return f"för få poster: {len(value)}, minst {expected} krävs"
        case "uniqueItems":
            return "samma värde förekommer flera gånger"
        case "format":
            return f"{shown} är inte ett giltigt värde av typen {expected}"
        case "anyOf" | "oneOf":
            return "matchar inget av de tillåtna alternativen"
        case _:
            return f"ogiltigt värde {shown} (regeln {kind!r} i schemat)"
