"""Runs eark-validator on information packages (folders or zips) and prints its findings as JSON.

eark-validator 1.1.3 fetches four controlled vocabularies from earkcsip.dilcis.eu when it is
imported. This machine reaches no such host, so those four addresses are answered from the
files beside this script: each lists the terms of that vocabulary (CSIP 2.1), one <Term> a line,
the only part of the file the validator reads. Any other address is refused.

Usage (in .venv-eark): python tools/eark/check_package.py PACKAGE...; exit status 1 on any error.
"""

from __future__ import annotations

import email.message
import io
import json
import sys
import tempfile
import urllib.request
import zipfile
from pathlib import Path
from urllib.response import addinfourl

HERE = Path(__file__).resolve().parent
VOCABULARIES = "https://earkcsip.dilcis.eu/schema/"


class _Vocabularies(urllib.request.BaseHandler):
    handler_order = 100  # before the HTTPS handler, which would try the network

    def https_open(self, request: urllib.request.Request) -> addinfourl:
        url = request.full_url
        if not url.startswith(VOCABULARIES):
            raise urllib.error.URLError(f"not served offline: {url}")
        body = (HERE / "vocabularies" / url.removeprefix(VOCABULARIES)).read_bytes()
        response = addinfourl(io.BytesIO(body), email.message.Message(), url, 200)
        response.msg = "OK"
        return response


def _findings(path: Path) -> dict[str, object]:
    from eark_validator.packages import PackageValidator

    if path.is_file():  # eark-validator 1.1.3 unpacks into the working folder; unpack it ourselves
        with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(path) as archive:
            archive.extractall(folder)
            [root] = Path(folder).iterdir()
            return _findings(root)
    report = PackageValidator(path).validation_report
    messages = list(report.structure.messages) if report.structure else []
    if report.metadata:
        messages += report.metadata.schema_results.messages + report.metadata.schematron_results.messages
    return {
        "structure": report.structure.status.value if report.structure else None,
        "errors": [m.model_dump() for m in messages if m.severity.value == "Error"],
        "warnings": [m.model_dump() for m in messages if m.severity.value == "Warning"],
    }


def main(paths: list[str]) -> int:
    urllib.request.install_opener(urllib.request.build_opener(_Vocabularies()))
    results = {path: _findings(Path(path)) for path in paths}
    print(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    return 1 if any(r["errors"] or r["structure"] != "WELLFORMED" for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
