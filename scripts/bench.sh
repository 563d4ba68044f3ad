#!/usr/bin/env bash
# Benchmarks (not tests): seeds a scratch PostgreSQL database and prints the ratios,
# also written to bench/results.json. See bench/__main__.py for which database it uses.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
./scripts/bootstrap.sh dev
exec "$VENV/bin/python" -m bench
