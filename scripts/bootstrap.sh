#!/usr/bin/env bash
# Create the virtualenv and install the pinned requirements, once per change of
# the requirement files. Usage: bootstrap.sh [runtime|dev]
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
kind=${1:-runtime}
req=requirements.txt
[ "$kind" = dev ] && req=requirements-dev.txt

PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then PYTHON=$candidate; break; fi
  done
fi
[ -n "$PYTHON" ] || { echo "Python 3.11 is required and was not found on PATH." >&2; exit 1; }

if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating the virtualenv in $VENV ..."
  "$PYTHON" -m venv "$VENV"
fi

stamp="$VENV/.installed-$kind"
digest=$(cat requirements.txt "$req" | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  echo "Installing $req ..."
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -r "$req"
  echo "$digest" > "$stamp"
fi
