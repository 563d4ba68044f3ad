#!/usr/bin/env bash
# Benchmarks: each prints its ratios and merges them into bench/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
./scripts/bootstrap.sh dev
if [ ! -f bench/__main__.py ]; then
  echo "No benchmarks yet." >&2
  exit 0
fi
"$VENV/bin/python" -m bench "$@"
