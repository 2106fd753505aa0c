# Sourced by scripts/run and scripts/test: makes .venv and installs the project into it, with
# exactly the versions of its lock (scripts/lock writes them), when it is missing or when
# pyproject.toml or the lock has changed since the last install.
set -euo pipefail

ensure_venv() {
  local extras="$1"  # "test": requirements-test.lock; else requirements.lock (the bot and its tooling)
  local python="${PYTHON:-python3}"
  local lock="requirements.lock"
  [ "$extras" = "test" ] && lock="requirements-test.lock"
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Python 3.11 eller senare behövs (sätt PYTHON=/sökväg/till/python3.11)." >&2
    exit 2
  fi
  local stamp=".venv/.installed-$(cat pyproject.toml "$lock" | sha256sum | cut -c1-16)-${extras:-base}"
  if [ ! -x .venv/bin/python ]; then
    echo "Skapar .venv …" >&2
    "$python" -m venv .venv
  fi
  if [ ! -f "$stamp" ]; then
    # scripts/run and scripts/test (or the Playground) may start together: one installs, the other waits.
    exec 9>.venv/.install.lock
    flock 9
  fi
  if [ ! -f "$stamp" ]; then
    echo "Installerar beroenden i .venv (enligt $lock) …" >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$lock"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
    rm -f .venv/.installed-*
    touch "$stamp"
  fi
}
