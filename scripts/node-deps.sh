#!/usr/bin/env bash
# Installs the Node tools under tools/ (the Teams manifest schemas, the Agents Playground,
# playwright-core) exactly as tools/package-lock.json pins them, when node_modules is missing
# or older than the lock. Needs node 20+ and npm; run by scripts/playground, and by the tests'
# setup for the manifest schema.
set -euo pipefail
cd "$(dirname "$0")/../tools"
if ! command -v npm >/dev/null 2>&1; then
  echo "npm saknas: installera Node.js 20 eller senare (https://nodejs.org/) och försök igen." >&2
  exit 2
fi
stamp="node_modules/.package-lock.json"  # npm rewrites it on every install
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installerar Node-verktygen i tools/node_modules …" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
