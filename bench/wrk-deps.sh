#!/usr/bin/env bash
# Installs wrk, the load generator the benchmarks use, from Debian's package when it is missing.
# Run as root to install; otherwise it prints the command for someone who can.
set -euo pipefail
command -v wrk >/dev/null 2>&1 && exit 0
if ! command -v apt-get >/dev/null; then
  echo "wrk saknas: installera det (https://github.com/wg/wrk) och kör igen." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "wrk saknas. Kör som root: apt-get update && apt-get install -y wrk" >&2
  exit 1
fi
echo "Installerar wrk …" >&2
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk
