#!/usr/bin/env bash
# Run every check: ruff (lint and format) and the whole pytest suite.
# DATABASE_URL / REDIS_URL select PostgreSQL and Redis; without them, SQLite and
# in-process tasks, where only PostgreSQL-only tests skip (each says why).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
./scripts/bootstrap.sh dev

# Browser tests drive Debian's chromium. Install it when missing and we can.
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium for the browser tests ..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "Could not install chromium; browser tests will skip (CI refuses to)." >&2
  fi
fi

echo "== ruff check"; "$VENV/bin/ruff" check .
echo "== ruff format --check"; "$VENV/bin/ruff" format --check .
echo "== pytest (database: ${DATABASE_URL:-sqlite}, broker: ${REDIS_URL:-in-process})"
"$VENV/bin/python" -m pytest "$@"
