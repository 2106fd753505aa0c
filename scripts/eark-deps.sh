#!/usr/bin/env bash
# The E-ARK validator the archive-package tests run (tools/eark/check_package.py), in .venv-eark:
# its exact lxml pin cannot share .venv with pyHanko's (tools/eark/requirements.txt says why).
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=".venv-eark/.installed-$(sha256sum tools/eark/requirements.txt | cut -c1-16)"
[ -f "$stamp" ] && exit 0
python="${PYTHON:-python3}"
[ -x .venv-eark/bin/python ] || "$python" -m venv .venv-eark
.venv-eark/bin/python -m pip install --quiet --disable-pip-version-check -r tools/eark/requirements.txt
rm -f .venv-eark/.installed-*
touch "$stamp"
