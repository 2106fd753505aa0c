#!/usr/bin/env bash
# Installs what the end-to-end test in a real Teams client needs (tests/e2e): Chromium from
# Debian, only when it is missing, and the Node tools (the Agents Playground, playwright-core)
# from tools/package-lock.json. Quick when everything is there. Run as root to install
# Chromium; otherwise it prints the command for someone who can.
# CHROMIUM names another browser binary (the test uses the same variable).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/node-deps.sh

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
if [ -n "${CHROMIUM:-}" ]; then
  echo "CHROMIUM=$chromium finns inte eller är inte körbar." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "Chromium saknas ($chromium) och det här är inte Debian/Ubuntu: installera Chromium, eller sätt CHROMIUM=/sökväg/till/chromium." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium saknas för end-to-end-testet ($chromium)." >&2
  echo "Kör som root: apt-get update && apt-get install -y chromium" >&2
  exit 1
fi
echo "Installerar Chromium för end-to-end-testet …" >&2
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
