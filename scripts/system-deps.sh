#!/usr/bin/env bash
# Installs the Debian packages WeasyPrint needs to render the protocol's PDF, only when
# one is missing: Pango for the layout, HarfBuzz-Subset to embed fonts without the slower
# and deprecated fontTools path, and DejaVu as the font the protocol's CSS asks for; and a
# Java runtime for the Nu Html Checker (vnu.jar) the public pages' tests run, unless java is
# already there. Run as root to install; otherwise it prints the command for someone who can.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if ! command -v java >/dev/null 2>&1; then
  packages+=(default-jre-headless)
fi

if ! command -v dpkg >/dev/null; then
  echo "Inte Debian/Ubuntu: se till att Pango, HarfBuzz, typsnittet DejaVu Sans och Java finns (${packages[*]})." >&2
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Systempaket saknas för PDF-protokollen och HTML-kontrollen: ${missing[*]}" >&2
  echo "Kör som root: $command" >&2
  exit 1
fi
echo "Installerar systempaket för PDF-protokollen och HTML-kontrollen: ${missing[*]} …" >&2
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
