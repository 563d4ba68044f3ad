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

# WeasyPrint (the prior-authorization PDF) lays text out with Debian's pango.
if ! ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing pango for WeasyPrint ..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null) \
      || echo "Could not install pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0); PDFs will fail." >&2
  else
    echo "pango is missing: apt-get install libpango-1.0-0 libpangoft2-1.0-0 (the prior-authorization PDF needs it)." >&2
  fi
fi

stamp="$VENV/.installed-$kind"
digest=$(cat requirements.txt "$req" | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  echo "Installing $req ..."
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -r "$req"
  echo "$digest" > "$stamp"
fi
